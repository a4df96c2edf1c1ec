"""Settings parsed once from config.yml (see :func:`load_settings`)."""

from assistant.config.settings import Settings, load_settings, parse_settings

__all__ = ["Settings", "load_settings", "parse_settings"]
