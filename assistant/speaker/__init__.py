"""The Mi-AI-style speaker front end: it speaks only Mi-AI messages (bridge.miai) and never imports the router."""
