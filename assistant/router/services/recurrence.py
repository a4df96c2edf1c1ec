"""Repeating alarms and reminders: which days of the week, at which wall-clock time, and when that next happens.

A rule is kept with its entry as a short iCalendar-style text (``FREQ=WEEKLY;BYDAY=MO,TU;BYHOUR=7;BYMINUTE=0``),
beside the IANA zone it was set in, so "7 AM every weekday" stays 7 AM on the wall clock across a change to or from
daylight saving time. :func:`next_after` is a pure function of the rule, a moment and the zone:

- a time the clocks skip (2:30 AM on the night they go forward) rings when the clocks say 3:30, as a phone does;
- a time that happens twice (1:30 AM on the night they go back) rings once, the first time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

#: Days as the rule text writes them, Monday first (``date.weekday()`` order).
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVERY_DAY = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKENDS = frozenset({5, 6})


@dataclass(frozen=True)
class Rule:
    """On ``days`` (0 = Monday) at ``hour``:``minute`` on the wall clock of the zone the entry keeps."""

    days: frozenset[int]
    hour: int
    minute: int

    def __post_init__(self) -> None:
        if not self.days or not self.days <= EVERY_DAY:
            raise ValueError(f"a rule needs days from 0 (Monday) to 6 (Sunday), not {sorted(self.days)}")
        if not (0 <= self.hour < 24 and 0 <= self.minute < 60):
            raise ValueError(f"not a time of day: {self.hour}:{self.minute:02d}")

    def text(self) -> str:
        """The rule as it is stored: ``FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=8;BYMINUTE=0``."""
        days = ",".join(DAY_CODES[d] for d in sorted(self.days))
        return f"FREQ=WEEKLY;BYDAY={days};BYHOUR={self.hour};BYMINUTE={self.minute}"

    @classmethod
    def parse(cls, text: str) -> Rule:
        """The rule ``text()`` wrote; ValueError for anything else."""
        parts = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
        if parts.get("FREQ") != "WEEKLY" or not {"BYDAY", "BYHOUR", "BYMINUTE"} <= parts.keys():
            raise ValueError(f"not a weekly rule: {text!r}")
        days = frozenset(DAY_CODES.index(code) for code in parts["BYDAY"].split(",") if code in DAY_CODES)
        return cls(days, int(parts["BYHOUR"]), int(parts["BYMINUTE"]))

    def at(self, hour: int, minute: int) -> Rule:
        """The same days at another time ("change my weekday alarm to 7:30")."""
        return Rule(self.days, hour, minute)

    def occurs_on(self, day: date) -> bool:
        return day.weekday() in self.days


def zone_named(name: str | None) -> ZoneInfo:
    """The zone an entry keeps; UTC (logged) when the name is missing or unknown to this machine."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r for a repeating entry; using UTC", name)
        return ZoneInfo("UTC")


def wall_clock(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    """``hour``:``minute`` on ``day`` in ``zone``, as a real moment (in UTC): a skipped time is taken as the
    clocks would say it an hour on (2:30 -> 3:30 AM), a doubled one is the first."""
    local = datetime.combine(day, time(hour, minute), tzinfo=zone)  # fold=0: the earlier of a doubled time
    return local.astimezone(timezone.utc)


def next_after(rule: Rule, moment: datetime, zone: ZoneInfo) -> datetime:
    """The first time the rule rings strictly after ``moment`` (aware), in ``zone``'s wall clock; in UTC."""
    if moment.tzinfo is None:
        raise ValueError("next_after needs a timezone-aware moment")
    start = moment.astimezone(zone).date()
    for offset in range(8):  # a weekly rule rings within a week; the eighth day covers the time already passed
        day = start + timedelta(days=offset)
        if rule.occurs_on(day) and (ring := wall_clock(day, rule.hour, rule.minute, zone)) > moment:
            return ring
    raise AssertionError(f"{rule} never rings after {moment}")  # unreachable: days is never empty
