"""Spoken lengths of time -> seconds ("ten minutes", "an hour and a half", "3 more minutes"): the one reader of
durations, for the NLU's slots (``parse_duration``) and the skills' raw words (``parse_seconds``, through
``spoken_values.duration_seconds``).

A month is 30 days and a year 365 in the seconds (a timer or "remind me in 2 months" is about then);
``calendar_duration`` keeps the months apart so a skill can count them on the calendar (January 31 plus a month is
the end of February). Words that count something else ("the 3rd minute", "1,5 minutes", "20 5 minutes") are no
length of time: None, and the skill asks again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.router.nlu.spoken_numbers import clean, parse_number

__all__ = ["DURATION_UNITS", "Duration", "calendar_duration", "parse_duration", "parse_seconds", "read_duration"]

#: Seconds in each unit, by every way of writing it (plurals are the name with an "s").
DURATION_UNITS = {
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
_MONTHS_IN = {DURATION_UNITS["month"]: 1, DURATION_UNITS["year"]: 12}
_UNIT = "|".join(sorted((f"{name}s?" if len(name) > 1 else name for name in DURATION_UNITS), key=len, reverse=True))
#: A unit written onto its number ("5min", "2hours"); not the one-letter ones ("the 1990s" is no 1990 seconds).
_GLUED = re.compile(rf"(\d)(?=(?:{'|'.join(n for n in DURATION_UNITS if len(n) > 1)})s?\b)")
#: One amount and its unit, perhaps "and a half" or "and a quarter" more of that unit.
_PART = re.compile(rf"(.+?)\s+({_UNIT})\b(?:\s+and\s+an?\s+(half|quarter)\b)?")
#: "half an hour", "a quarter of an hour", "three quarters of an hour": a fraction of the unit that follows (not
#: "an hour and a half minutes", which says no length).
_FRACTIONS = (
    (re.compile(rf"\b(?<!and )(?:a\s+|one\s+)?half\s+(?:of\s+)?(?:an?\s+)?(?=(?:{_UNIT})\b)"), "0.5 "),
    (re.compile(rf"\b(?:three|3)\s+quarters\s+(?:of\s+)?(?:an?\s+)?(?=(?:{_UNIT})\b)"), "0.75 "),
    (re.compile(rf"\b(?<!and )(?:a\s+|one\s+)?quarter\s+(?:of\s+)?(?:an?\s+)?(?=(?:{_UNIT})\b)"), "0.25 "),
)
#: "two and a half minutes": the fraction belongs to the number before the unit.
_AND_A_FRACTION = re.compile(rf"\b((?:\S+ ){{0,3}}\S+) and an? (half|quarter) (?=(?:{_UNIT})\b)")
#: "another minute", "one more hour": one of that unit; other "more", "extra", "another" add nothing.
_ONE_MORE = re.compile(rf"\b(?:another|one more)\s+(?=(?:{_UNIT})\b)")
_MORE = re.compile(r"\b(?:more|extra|another)\b")
_ORDINAL = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|\w+th)\b")
_DIGITS_AND_SCALE = re.compile(r"(\d+(?:\.\d+)?) (hundred|thousand)")
_FRACTION_OF = {"half": 0.5, "quarter": 0.25}


@dataclass(frozen=True)
class Duration:
    """A length of time said: in seconds, and split for a calendar."""

    seconds: float
    """All of it, a month counted as 30 days and a year as 365."""
    months: float
    """Calendar months said (a year is 12), perhaps part of one ("two and a half months")."""
    rest: float
    """The seconds said besides the months and years."""


def parse_duration(raw: str) -> int | None:
    """ "ten minutes", "1 hour and 20 minutes", "half an hour", "an hour and a half", "two and a half minutes",
    "3 more minutes" -> whole seconds, else None."""
    duration = read_duration(raw)
    return None if duration is None else round(duration.seconds)


def parse_seconds(raw: str) -> float | None:
    """Like ``parse_duration`` but not rounded ("1.5 seconds" is 1.5); None when the words name no length of time."""
    duration = read_duration(raw)
    return None if duration is None else duration.seconds


def calendar_duration(raw: str) -> tuple[int, int] | None:
    """ "6 months", "a year and 2 days" -> (whole calendar months, seconds more), for counting months on a calendar
    rather than as 30 days; None when the words name no duration. Part of a month ("2.5 months") is 15 days."""
    duration = read_duration(raw)
    if duration is None:
        return None
    months = int(duration.months)
    return months, round((duration.months - months) * DURATION_UNITS["month"] + duration.rest)


def read_duration(raw: str) -> Duration | None:
    """The length of time ``raw`` says, from its amounts and units; None unless the words are nothing else (a
    leading "for" or "in" and "more", "extra", "another" aside)."""
    text = _plain(raw)
    seconds = months = rest = 0.0
    pos = 0
    while pos < len(text):
        part = _PART.match(text, pos)
        if part is None:
            return None
        amount = _amount(part.group(1))
        if amount is None:
            return None
        unit = DURATION_UNITS[part.group(2).rstrip("s") or "s"]
        amount += _FRACTION_OF.get(part.group(3) or "", 0.0)
        seconds += amount * unit
        if unit in _MONTHS_IN:
            months += amount * _MONTHS_IN[unit]
        else:
            rest += amount * unit
        pos = part.end()
    if not pos:
        return None
    return Duration(seconds, months, rest)


def _plain(raw: str) -> str:
    """``raw`` in the form the parts are read from: "for another hour and a half" -> "a hour and a half",
    "two and a half minutes" -> "2.5 minutes", "half an hour" -> "0.5 hour", "5min" -> "5 min"."""
    text = _GLUED.sub(r"\1 ", " ".join(clean(raw).replace("-", " ").split()))
    text = re.sub(r"^(?:for|in)\s+", "", text)
    text = _ONE_MORE.sub("a ", text)
    text = " ".join(_MORE.sub(" ", text).split())
    text = _AND_A_FRACTION.sub(_number_and_a_fraction, text)
    for pattern, fraction in _FRACTIONS:
        text = pattern.sub(fraction, text)
    return text


def _number_and_a_fraction(match: re.Match[str]) -> str:
    """The longest number the words before "and a half" end with, and the half: "for twenty five and a half"
    -> "for 25.5"."""
    words = match.group(1).split()
    for start, word in enumerate(words):
        whole = None if word == "and" else _amount(" ".join(words[start:]))
        if whole is not None:
            return " ".join([*words[:start], str(whole + _FRACTION_OF[match.group(2)])]) + " "
    return match.group(0)


def _amount(words: str) -> float | None:
    """How many of a unit: "ten", "2.5", "a", "a couple", "1 hundred"; None for ordinals and what is no number."""
    words = words.strip(" ,")
    words = words.removeprefix("and ").strip(" ,")
    if _ORDINAL.search(words):
        return None
    if words == "a couple":
        return 2.0
    scaled = _DIGITS_AND_SCALE.fullmatch(words)
    if scaled:
        return float(scaled.group(1)) * (100 if scaled.group(2) == "hundred" else 1000)
    value = parse_number(words)
    return None if value is None or value < 0 else float(value)
