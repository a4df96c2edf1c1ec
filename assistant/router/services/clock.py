"""The clock skills and the scheduler read "now" from: injected, so every answer about time is reproducible.

``SystemClock`` is the machine's clock. ``ManualClock`` only moves when told to; whoever must react to time
passing (the scheduler firing a timer) subscribes to it, so a scripted test that advances the clock by ten minutes
hears the timer go off synchronously, in order, without a thread or a real wait.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol

log = logging.getLogger(__name__)

#: The default start of a ManualClock: a fixed Friday morning, so tests agree on what "today" is.
DEFAULT_START = datetime(2024, 3, 15, 9, 30, tzinfo=timezone.utc)


class Clock(Protocol):
    """Where the current time comes from; ``now`` is always timezone-aware."""

    def now(self) -> datetime: ...


@dataclass(frozen=True)
class SystemClock:
    """The machine's clock, in ``tz`` (UTC unless told otherwise; callers convert to the user's zone)."""

    tz: tzinfo = timezone.utc

    def now(self) -> datetime:
        return datetime.now(self.tz)


Listener = Callable[[datetime], None]


@dataclass
class ManualClock:
    """A clock that only moves when told to: tests and demos get the same answers every run.

    Listeners (``subscribe``) are called with the new time after every move, in subscription order, so
    time-driven services stay deterministic under simulated time.
    """

    current: datetime = DEFAULT_START
    _listeners: list[Listener] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime (pass tzinfo=...)")

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward (or back, with a negative delta) by elapsed time, and tell the listeners: across
        a daylight-saving change, ``23h`` is 23 real hours (Python's same-zone arithmetic moves the wall clock)."""
        zone = self.current.tzinfo
        self.set((self.current.astimezone(timezone.utc) + delta).astimezone(zone))

    def set(self, moment: datetime) -> None:
        """Jump to ``moment`` (aware) and tell the listeners."""
        if moment.tzinfo is None:
            raise ValueError("ManualClock.set needs an aware datetime (pass tzinfo=...)")
        self.current = moment
        for listener in tuple(self._listeners):
            listener(moment)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(now)`` after every move; returns the function that unsubscribes it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe


#: The name the router core first gave the manual clock; kept so its code and tests keep working.
FixedClock = ManualClock


def is_manual(clock: Clock) -> bool:
    """Whether time only moves when someone says so (then nothing should run a real-time thread)."""
    return isinstance(clock, ManualClock)
