"""The clock skills read "now" from: injected, so every answer about time is reproducible in tests.

A minimal version written by the router core so skills can be built against it; the services engineer owns this
file and may extend it (keep ``Clock.now() -> aware datetime``, ``SystemClock`` and ``FixedClock``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    """Where the current time comes from; ``now`` is always timezone-aware."""

    def now(self) -> datetime: ...


class SystemClock:
    """The machine's clock, in UTC (callers convert to the user's zone)."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass
class FixedClock:
    """A clock that only moves when told to: tests and demos get the same answers every run."""

    current: datetime = field(default_factory=lambda: datetime(2024, 3, 15, 9, 30, tzinfo=timezone.utc))

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime (pass tzinfo=...)")

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward (or back, with a negative delta)."""
        self.current = self.current + delta
