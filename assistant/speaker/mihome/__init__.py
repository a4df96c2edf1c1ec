"""The speaker's simulated Mi-Home hub: lamps, plugs, air conditioners, fans, a robot vacuum and curtains."""
