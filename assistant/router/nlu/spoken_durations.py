"""Spoken durations -> seconds ("ten minutes", "an hour and a half"), and the months among them for a calendar.

A month is 30 days and a year 365 in ``parse_duration`` (a timer or "remind me in 2 months" is about then);
``calendar_duration`` keeps the months apart so a skill can count them on the calendar (January 31 plus a month is
the end of February).
"""

from __future__ import annotations

import re

from assistant.router.nlu.spoken_numbers import clean, parse_number

__all__ = ["calendar_duration", "parse_duration"]

_DURATION_UNITS = {
    "second": 1,
    "sec": 1,
    "s": 1,
    "minute": 60,
    "min": 60,
    "hour": 3600,
    "hr": 3600,
    "h": 3600,
    "day": 86400,
    "week": 604800,
    "month": 2592000,  # 30 days: "remind me in 2 months" is about then, not to the day
    "year": 31536000,
}
#: Units counted on a calendar (a month is not always 30 days): how many months each is.
_MONTHS_IN = {_DURATION_UNITS["month"]: 1, _DURATION_UNITS["year"]: 12}
_DURATION_PART = re.compile(r"(.+?)\s*\b(seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\b")


def _and_a_half(match: re.Match[str]) -> str:
    whole = parse_number(match.group(1))
    return f"{whole + 0.5} " if isinstance(whole, int) else match.group(0)


def parse_duration(raw: str) -> int | None:
    """ "ten minutes", "1 hour and 20 minutes", "half an hour", "an hour and a half", "two and a half minutes" ->
    seconds, else None."""
    parts = _duration_parts(raw)
    return None if parts is None else round(parts[0])


def calendar_duration(raw: str) -> tuple[int, int] | None:
    """ "6 months", "a year and 2 days" -> (whole calendar months, seconds more), for counting months on a calendar
    rather than as 30 days; None when the words name no duration. Part of a month ("2.5 months") is 15 days."""
    parts = _duration_parts(raw)
    if parts is None:
        return None
    months = int(parts[1])
    return months, round((parts[1] - months) * _DURATION_UNITS["month"] + parts[2])


def _duration_parts(raw: str) -> tuple[float, float, float] | None:
    """(seconds, a month counted as 30 days and a year as 365; calendar months said; seconds said besides)."""
    text = clean(raw).replace("-", " ")
    if text in ("half an hour", "half a hour", "a half hour"):
        return 1800, 0, 1800
    if text in ("quarter of an hour", "a quarter of an hour", "a quarter hour"):
        return 900, 0, 900
    half = text.endswith(" and a half")
    text = text.removesuffix(" and a half").removeprefix("for ")
    text = re.sub(r"\b(\S+) and a half (?=\w)", _and_a_half, text)  # "two and a half minutes": 2.5 minutes
    total = months = rest = 0.0
    last_unit = 0
    pos = 0
    for match in _DURATION_PART.finditer(text):
        if text[pos : match.start()].strip(" ,") not in ("", "and"):
            return None
        amount = parse_number(match.group(1).strip(" ,").removeprefix("and ").strip())
        unit = _DURATION_UNITS[match.group(2).rstrip("s") or "s"]
        if amount is None:
            return None
        total += amount * unit
        if unit in _MONTHS_IN:
            months += amount * _MONTHS_IN[unit]
        else:
            rest += amount * unit
        last_unit = unit
        pos = match.end()
    if not last_unit or text[pos:].strip():
        return None
    if half:
        total += last_unit / 2
        if last_unit in _MONTHS_IN:
            months += _MONTHS_IN[last_unit] / 2
        else:
            rest += last_unit / 2
    return total, months, rest
