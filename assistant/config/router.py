"""The ``router:`` block of config.yml: the Cortana-style skill router and its NLU."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from assistant.config.section import Section


class NluSettings(Section):
    engine: Literal["embedded", "rasa"] = "embedded"
    """Which NLU engine parses utterances (``--nlu`` overrides); embedded reads models/nlu-encoder-skills/ or
    models/nlu-vectors/ when built (``assistant models build``)."""
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    """Below this confidence the user hears a fallback instead of an action."""


class RouterSettings(Section):
    nlu: NluSettings = NluSettings()
    skill_dirs: tuple[Path, ...] = ()
    """Extra folders of skills (one sub-folder per skill, each with a skill.yml)."""
    session_timeout_s: float = Field(default=120.0, gt=0, le=3600)
    """A conversation idle this long starts afresh."""
    timezone: str = "UTC"
    """The user's home time zone (IANA name, e.g. ``Asia/Shanghai``)."""
    home_city: str | None = None
    """The city weather answers for when the user names none; None = ask which city."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone (e.g. Europe/Paris, Asia/Shanghai)") from None
        return value
