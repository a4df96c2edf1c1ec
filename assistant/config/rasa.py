"""The ``rasa:`` block of config.yml: the optional Rasa Open Source NLU backend."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from assistant.config.section import Section


class RasaSettings(Section):
    python: Path | None = None
    """A Python 3.8-3.10 interpreter for Rasa's own virtualenv; None = find python3.10 on PATH or pyenv."""
    port: int = Field(default=5905, ge=1024, le=65535)
    """Loopback port of the Rasa server."""
    token: str | None = None
    """Auth token for the Rasa server's API; None = a random one per run."""
    epochs: int = Field(default=40, ge=1, le=500)
    """DIET training epochs: more is slower to train and rarely more accurate on small data."""
    startup_timeout_s: float = Field(default=180.0, gt=0, le=1800)
    """How long to wait for the Rasa server to become healthy."""
