"""Time zones as the date-and-time skill speaks of them: the hours between two zones, the North American zones
said by name ("eastern time", "PST"), and how one place's time relates to another's."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo


def offset_hours(zone: str, home: ZoneInfo, at: datetime) -> float:
    """How many hours the IANA ``zone`` is ahead of home at the instant ``at`` (negative when behind)."""
    there = at.astimezone(ZoneInfo(zone)).utcoffset()
    here = at.astimezone(home).utcoffset()
    assert there is not None and here is not None  # aware datetimes in a ZoneInfo always have an offset
    return (there - here).total_seconds() / 3600


#: The North American zones said by name ("eastern time", "the pacific time zone", "PST") and their IANA zone.
US_ZONES: Mapping[str, tuple[str, str]] = {
    "eastern": ("Eastern", "America/New_York"),
    "central": ("Central", "America/Chicago"),
    "mountain": ("Mountain", "America/Denver"),
    "pacific": ("Pacific", "America/Los_Angeles"),
}
_US_ZONE = re.compile(
    r"\b(?:(eastern|central|mountain|pacific)(?: standard| daylight)? (?:time ?zone|time)"
    r"|([ecmp])[sd]t)\b",
    re.IGNORECASE,
)
_ZONE_LETTER = {"e": "eastern", "c": "central", "m": "mountain", "p": "pacific"}


def us_zone_in(text: str) -> tuple[str, str] | None:
    """The North American time zone the words name ("the central timezone", "MST") as (name, IANA zone)."""
    found = _US_ZONE.search(text)
    if found is None:
        return None
    word = found.group(1) or _ZONE_LETTER[found.group(2).lower()]
    return US_ZONES[word.lower()]


def relation(hours: float, other: str) -> str:
    """ "9 hours ahead of here", "1 hour behind Paris", "the same time as Paris"."""
    if hours == 0:
        return f"the same time as {other}"
    amount = f"{abs(hours):g} hour{'s' if abs(hours) != 1 else ''}"
    return f"{amount} {'ahead of' if hours > 0 else 'behind'} {other}"


def capital(name: str) -> str:
    """ "the United States" at the start of a sentence."""
    return name[:1].upper() + name[1:]
