"""The moon's phases, offline: the next full or new moon from Meeus' phase formulae (Astronomical Algorithms,
chapter 49, the main periodic terms), good to well under an hour, so the day said is the right one.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo

Phase = Literal["new", "full"]
#: The phases by eighths of the lunation (the ninth eighth is the next new moon).
_PHASES = (
    "new",
    "a waxing crescent",
    "at first quarter",
    "a waxing gibbous",
    "full",
    "a waning gibbous",
    "at last quarter",
    "a waning crescent",
    "new",
)
_J2000 = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
_SYNODIC = 29.530588861
#: (coefficient, power of E, multiples of (M, M', F)) for the new and the full moon.
_TERMS: dict[Phase, tuple[tuple[float, int, int, int, int], ...]] = {
    "new": (
        (-0.40720, 0, 0, 1, 0),
        (0.17241, 1, 1, 0, 0),
        (0.01608, 0, 0, 2, 0),
        (0.01039, 0, 0, 0, 2),
        (0.00739, 1, -1, 1, 0),
        (-0.00514, 1, 1, 1, 0),
        (0.00208, 2, 2, 0, 0),
        (-0.00111, 0, 0, 1, -2),
        (-0.00057, 0, 0, 1, 2),
        (0.00056, 1, 1, 2, 0),
        (-0.00042, 0, 0, 3, 0),
    ),
    "full": (
        (-0.40614, 0, 0, 1, 0),
        (0.17302, 1, 1, 0, 0),
        (0.01614, 0, 0, 2, 0),
        (0.01043, 0, 0, 0, 2),
        (0.00734, 1, -1, 1, 0),
        (-0.00515, 1, 1, 1, 0),
        (0.00209, 2, 2, 0, 0),
        (-0.00111, 0, 0, 1, -2),
        (-0.00057, 0, 0, 1, 2),
        (0.00056, 1, 1, 2, 0),
        (-0.00042, 0, 0, 3, 0),
    ),
}


def phase_at(k: float, phase: Phase) -> datetime:
    """The moment (UTC) of lunation ``k`` (0 = the new moon of 2000-01-06; +0.5 for its full moon)."""
    t = k / 1236.85
    jde = 2451550.09766 + _SYNODIC * k + 0.00015437 * t * t
    m = math.radians(2.5534 + 29.10535670 * k)
    m_moon = math.radians(201.5643 + 385.81693528 * k)
    f = math.radians(160.7108 + 390.67050284 * k)
    e = 1 - 0.002516 * t
    jde += sum(c * e**p * math.sin(a * m + b * m_moon + g * f) for c, p, a, b, g in _TERMS[phase])
    return _J2000 + timedelta(days=jde - 2451545.0)  # dynamical time: a minute from UTC, less than we say


def next_phase(after: datetime, phase: Phase) -> datetime:
    """The first new or full moon at or after ``after``."""
    k = math.floor((after - _J2000).total_seconds() / 86400 / _SYNODIC) - 1 + (0.5 if phase == "full" else 0.0)
    while (moment := phase_at(k, phase)) < after:
        k += 1
    return moment


def previous_new(before: datetime) -> datetime:
    """The last new moon at or before ``before``."""
    found = next_phase(before - timedelta(days=_SYNODIC + 1), "new")
    while (later := next_phase(found + timedelta(hours=1), "new")) <= before:
        found = later
    return found


def phase_name(now: datetime) -> str:
    """ "a waxing crescent", "full", ...: the moon's phase at ``now``, by its age in the lunation."""
    age = (now - previous_new(now)).total_seconds() / 86400 / _SYNODIC
    return _PHASES[round(age * 8)]


def moon_answer(now: datetime, zone: str, words: str) -> str:
    """The next full or new moon asked for, or tonight's phase with the next full moon."""
    local = ZoneInfo(zone)
    asked: Phase | None = "new" if "new moon" in words.lower() else "full" if "full" in words.lower() else None
    when = next_phase(now, asked or "full").astimezone(local)
    day = f"{when:%A}, {when:%B} {when.day}"
    if asked is not None and re.search(r"\b(?:is (?:there|it) a)\b", words.lower()):  # "is there a full moon tonight"
        soon = when.date() <= (now.astimezone(local) + timedelta(hours=12)).date()
        return f"Yes, the moon is {asked} tonight." if soon else f"No. The next {asked} moon is on {day}."
    if asked is not None:
        return f"The next {asked} moon is on {day}."
    return f"The moon is {phase_name(now)} tonight; the next full moon is on {day}."
