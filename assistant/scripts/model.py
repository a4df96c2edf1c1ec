"""A parsed script as frozen data: fixtures, conversations and their steps, each step with its expectations.

Every element keeps the line it came from, so a failure can point at the exact line of the script.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from assistant.scripts.expectations import Expectation

StepKind = Literal["say", "audio", "advance"]
NluName = Literal["embedded", "rasa"]


@dataclass(frozen=True)
class Fixtures:
    """The world a conversation starts in; anything left ``None``/empty keeps the assistant's default."""

    now: datetime | None = None
    """The frozen clock's start (aware, in ``timezone``); it only moves on ``advance`` steps."""
    timezone: str | None = None
    """The user's IANA time zone (router.timezone)."""
    locale: str | None = None
    """BCP-47 locale of the requests (``en-US``)."""
    nlu: NluName | None = None
    """The NLU engine when the command line names none."""
    devices: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Initial device state by device id (only the properties given change)."""
    timers: tuple[Mapping[str, Any], ...] = ()
    alarms: tuple[Mapping[str, Any], ...] = ()
    reminders: tuple[Mapping[str, Any], ...] = ()
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Existing lists: list name -> items."""

    def merged(self, override: Fixtures, given: frozenset[str]) -> Fixtures:
        """These fixtures with the keys ``given`` in ``override`` replacing them (devices merge by id)."""
        changes: dict[str, Any] = {name: getattr(override, name) for name in given if name != "devices"}
        if "devices" in given:
            devices = {k: dict(v) for k, v in self.devices.items()}
            for device, state in override.devices.items():
                devices[device] = {**devices.get(device, {}), **state}
            changes["devices"] = devices
        return Fixtures(**{**self.__dict__, **changes})


@dataclass(frozen=True)
class Step:
    """One thing the user does: say words, play a WAV file, or let simulated time pass."""

    kind: StepKind
    line: int
    text: str | None = None
    audio: Path | None = None
    advance: timedelta | None = None
    expectations: tuple[Expectation, ...] = ()

    @property
    def label(self) -> str:
        """How reports name the step: the words, the file or the time that passes."""
        if self.kind == "say":
            return f'"{self.text}"'
        if self.kind == "audio":
            return f"audio {self.audio.name if self.audio else '?'}"
        return f"advance {format_duration(self.advance or timedelta())}"


@dataclass(frozen=True)
class Conversation:
    """Turns played in order against one fresh assistant; independent of every other conversation."""

    path: Path
    line: int
    name: str
    fixtures: Fixtures
    steps: tuple[Step, ...]
    suite: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def uses_audio(self) -> bool:
        return any(step.kind == "audio" for step in self.steps)


@dataclass(frozen=True)
class Script:
    """One ``*.intents.yml`` file."""

    path: Path
    suite: str
    fixtures: Fixtures
    conversations: tuple[Conversation, ...]
    description: str = ""


def format_duration(delta: timedelta) -> str:
    """``1h30m``, ``10m``, ``45s``: the short form scripts use."""
    seconds = int(delta.total_seconds())
    parts = []
    for unit, size in (("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"
