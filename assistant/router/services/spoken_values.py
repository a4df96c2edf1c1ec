"""Slot values as the built-in skills need them: numbers, seconds, clock times, from normalised or raw slots.

The NLU normalises slots (``{"seconds": 600}``, ``{"hour": 7, "minute": 0, "day_offset": 0}``), but an answer
to a prompt ("for how long?" - "ten minutes") can reach a skill as the bare words, so each reader accepts both.
Pure functions; None means "not a value of this kind", and the skill asks again or says what it needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.router.nlu.spoken_durations import DURATION_UNITS, parse_seconds

_UNITS = {
    "zero": 0, "oh": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a couple of": 2,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def words_to_number(text: str) -> float | None:
    """ "twenty five" -> 25, "3.5" -> 3.5, "one hundred and two" -> 102, "a" -> 1; None when not a number."""
    words = " ".join(text.lower().replace("-", " ").replace(",", "").split())
    if not words:
        return None
    if _NUMBER.match(words):
        return float(words)
    if words in _UNITS:
        return float(_UNITS[words])
    total, current = 0, 0
    seen = False
    for word in words.split():
        if word == "and" and seen:
            continue
        if word in _UNITS and word not in ("a", "an", "oh"):
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word.isdigit():
            current += int(word)
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return float(total + current)


def number(value: object) -> float | None:
    """A number from an int/float, a ``{"value": n}`` dict, or words ("twelve", "30 percent" -> 30)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Mapping):
        for key in ("value", "number", "percent", "degrees", "amount"):
            if key in value:
                return number(value[key])
        return None
    if isinstance(value, str):
        text = re.sub(r"\s*(%|percent|per cent|degrees?|°c?|celsius)\s*$", "", value.strip().lower())
        return words_to_number(text)
    return None


def duration_seconds(value: object) -> float | None:
    """Seconds from ``{"seconds": n}``, a number of seconds, or words ("1 hour and 20 minutes", "half an hour",
    "3 more minutes"), the words read as the NLU reads a duration slot (``spoken_durations``)."""
    if isinstance(value, Mapping):
        return number(value.get("seconds"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return parse_seconds(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class ClockTime:
    """A time of day, perhaps on a later day; ``pm`` None when the user did not say (7 could be 7:00 or 19:00)."""

    hour: int
    minute: int
    day_offset: int = 0
    explicit: bool = True
    """False when the hour was given 1-12 without am/pm, so "the next one" should be chosen."""


_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")
_PERIODS = {"am": "am", "a.m.": "am", "a m": "am", "pm": "pm", "p.m.": "pm", "p m": "pm", "in the morning": "am",
            "in the afternoon": "pm", "in the evening": "pm", "at night": "pm", "tonight": "pm"}  # fmt: skip


#: A word that ends a length of time: a unit ("minutes", "week"), perhaps written onto its number ("5min").
_UNIT_WORD = re.compile(rf"\d*(?:{'|'.join(name for name in DURATION_UNITS if len(name) > 1)})s?")


def duration_in(text: str) -> float | None:
    """The first length of time said anywhere in ``text`` ("add 2 more minutes to the pasta timer" -> 120), for
    when a tagger kept only part of it; None when there is none."""
    words = re.findall(r"[\w.'-]+", text.lower())
    for end, word in enumerate(words):
        if _UNIT_WORD.fullmatch(word):
            for start in range(max(0, end - 5), end + 1):  # the longest phrase that is a length, up to the unit
                seconds = duration_seconds(" ".join(words[start : end + 1]))
                if seconds:
                    return seconds
    return None


def clock_time(value: object) -> ClockTime | None:
    """A time of day from ``{"hour", "minute", "day_offset"}`` or words ("7 am", "half past six", "noon")."""
    if isinstance(value, Mapping):
        hour, minute = number(value.get("hour")), number(value.get("minute", 0))
        if hour is None or minute is None or not (0 <= hour < 24 and 0 <= minute < 60):
            return None
        offset = number(value.get("day_offset", 0)) or 0
        return ClockTime(int(hour), int(minute), int(offset), explicit=bool(value.get("explicit", True)))
    if not isinstance(value, str):
        return None
    text = " ".join(re.sub(r"(\d)\s*([ap])\.?\s*m\.?$", r"\1 \2m", value.lower().replace("o'clock", "")).split())
    offset = 0
    for prefix, days in (("tomorrow", 1), ("the day after tomorrow", 2), ("today", 0)):
        if text.startswith(prefix + " ") or text.endswith(" " + prefix):
            text = text.replace(prefix, "").strip()
            offset = days
    text = re.sub(r"^(at|for|by)\s+", "", text).strip()
    if text in ("noon", "midday"):
        return ClockTime(12, 0, offset)
    if text == "midnight":
        return ClockTime(0, 0, offset + 1)
    period = None
    for word, meaning in sorted(_PERIODS.items(), key=lambda p: -len(p[0])):
        if text.endswith(" " + word):
            period, text = meaning, text[: -len(word)].strip()
            break
    hour, minute = _hour_minute(text)
    if hour is None or minute is None:
        return None
    if period is None:
        return ClockTime(hour, minute, offset, explicit=hour == 0 or hour > 12)
    if not 1 <= hour <= 12:
        return None
    return ClockTime(hour % 12 + (12 if period == "pm" else 0), minute, offset)


def _hour_minute(text: str) -> tuple[int | None, int | None]:
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        return (hour, minute) if hour < 24 and minute < 60 else (None, None)
    relative = re.match(r"^(half|quarter|[\w ]+?)\s+(past|to|after|before)\s+(.+)$", text)
    if relative:
        amount = {"half": 30.0, "quarter": 15.0}.get(relative.group(1)) or words_to_number(
            relative.group(1).replace(" minutes", "")
        )
        base = words_to_number(relative.group(3))
        if amount is None or base is None or not 0 <= base <= 23:
            return None, None
        minutes = int(base) * 60 + int(amount) * (1 if relative.group(2) in ("past", "after") else -1)
        return (minutes // 60) % 24, minutes % 60
    words = text.split()
    for split in range(1, len(words)):  # "six thirty", "seven oh five"
        hours, minutes_ = words_to_number(" ".join(words[:split])), words_to_number(" ".join(words[split:]))
        if hours is not None and minutes_ is not None and 0 <= hours < 24 and 0 <= minutes_ < 60:
            return int(hours), int(minutes_)
    whole = words_to_number(text)
    if whole is not None and whole.is_integer() and 0 <= whole < 24:
        return int(whole), 0
    return None, None


def spoken_duration(seconds: float) -> str:
    """ "1 hour and 20 minutes", "45 seconds": how a speaker says a length of time (rounded to seconds)."""
    left = round(seconds)
    parts = []
    for name, size in (("hour", 3600), ("minute", 60), ("second", 1)):
        count, left = divmod(left, size)
        if count:
            parts.append(f"{count} {name}{'s' if count != 1 else ''}")
    if not parts:
        return "0 seconds"
    return spoken_list(parts)


def spoken_list(items: Sequence[str], last: str = "and") -> str:
    """ "A", "A and B", "A, B and C": how a reply names several things (``items`` not empty); ``last="or"`` for
    a choice ("the office or the bedroom")."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def spoken_clock(moment: datetime) -> str:
    """ "9:05 AM": a time of day as a speaker says it (no leading zero)."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


#: Hours 1 to this, said without am or pm for a later day, are read as afternoon or evening ones.
SMALL_HOURS_END = 6


def next_occurrence(time: ClockTime, now: datetime, *, small_hours_pm: bool = False) -> datetime:
    """When ``time`` next happens after ``now`` (in ``now``'s zone): today if still ahead, else tomorrow; an hour
    said without am/pm (``explicit`` False) takes whichever of am and pm comes first; with ``small_hours_pm``, 1 to
    SMALL_HOURS_END on a later day is the afternoon one (a reminder "at 3 tomorrow"; an alarm then is a morning one)."""
    base = now.replace(second=0, microsecond=0) + timedelta(days=time.day_offset)
    candidates = [base.replace(hour=time.hour, minute=time.minute)]
    if not time.explicit and time.hour < 12:
        candidates.append(base.replace(hour=time.hour + 12, minute=time.minute))
        if small_hours_pm and time.day_offset > 0 and 1 <= time.hour <= SMALL_HOURS_END:
            candidates.reverse()  # "at 3 tomorrow": the afternoon; nobody plans a 3 AM without saying so
    for day in range(2):
        for candidate in candidates:
            moment = candidate + timedelta(days=day)
            if moment > now:
                return moment
    return candidates[0] + timedelta(days=1)
