"""Slot values normalised by entity type, the same for every NLU engine.

Skills get ``600`` seconds, ``{"hour": 7, "minute": 0, "day_offset": 1}`` or ``"living_room"`` rather than the words
the user said, whichever engine found the slot. ``normalize`` never raises: what it cannot read stays a cleaned
string, so a skill can still echo it or ask again. Times and dates stay relative (no clock here): the skill resolves
``day_offset`` / ``weekday`` against its injected clock.
"""

from __future__ import annotations

import re

from assistant.router.nlu.spoken_dates import parse_date
from assistant.router.nlu.spoken_durations import calendar_duration, parse_duration
from assistant.router.nlu.spoken_numbers import clean, parse_number
from assistant.router.nlu.types import SlotValue

#: Entity types whose values are parsed; every other type stays a string (after synonym mapping).
TYPED_ENTITIES = ("number", "duration", "time", "date", "room", "color", "percent", "temperature", "unit", "timezone")

_DAY_OFFSETS = {"today": 0, "tonight": 0, "now": 0, "tomorrow": 1, "day after tomorrow": 2, "yesterday": -1}
_PARTS_OF_DAY = {"morning": "am", "afternoon": "pm", "evening": "pm", "night": "pm", "tonight": "pm"}
_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?:\s*o'?clock)?$")
_ROOM_SYNONYMS = {
    "lounge": "living_room",
    "sitting room": "living_room",
    "front room": "living_room",
    "family room": "living_room",
    "bath": "bathroom",
    "restroom": "bathroom",
    "toilet": "bathroom",
    "loo": "bathroom",
    "bed room": "bedroom",
    "master bedroom": "bedroom",
    "kids room": "kids_room",
    "kid's room": "kids_room",
    "children's room": "kids_room",
    "study": "office",
    "den": "office",
}
_COLORS = {
    "warm white": "warm_white",
    "soft white": "warm_white",
    "cool white": "cool_white",
    "daylight": "cool_white",
    "white": "white",
    "red": "red",
    "crimson": "red",
    "orange": "orange",
    "amber": "orange",
    "yellow": "yellow",
    "gold": "yellow",
    "green": "green",
    "lime": "green",
    "teal": "cyan",
    "cyan": "cyan",
    "turquoise": "cyan",
    "blue": "blue",
    "navy": "blue",
    "purple": "purple",
    "violet": "purple",
    "lavender": "purple",
    "magenta": "pink",
    "pink": "pink",
    "grey": "gray",
    "gray": "gray",
}
_TIMEZONES = {
    "utc": "UTC",
    "gmt": "UTC",
    "london": "Europe/London",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "beijing": "Asia/Shanghai",
    "china": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai",
    "tokyo": "Asia/Tokyo",
    "eastern": "America/New_York",
    "new york": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "los angeles": "America/Los_Angeles",
    "sydney": "Australia/Sydney",
}
_UNITS = {"c": "celsius", "celsius": "celsius", "centigrade": "celsius", "f": "fahrenheit", "fahrenheit": "fahrenheit"}
_UNITS.update({"metric": "metric", "imperial": "imperial", "kelvin": "kelvin", "k": "kelvin"})


_HALF_OF_DAY = re.compile(r"(?<![a-z])(?:a\.?m\.?|p\.?m\.?)$")
#: "a m", "a. m.", "p.m" as speech-to-text writes am and pm, after a number: read as "am" / "pm".
_SPACED_HALF = re.compile(r"(?<=[\w:])\s+([ap])(?:\.\s*|\s+)m\b\.?")
#: "o'clock" before more words of the time ("seven o'clock in the evening" -> "seven pm"); alone it is read as is.
_O_CLOCK = re.compile(r"\s+o'?clock\b(?=\s+\S)")
_FOUR_DIGITS = re.compile(r"^(?P<h>\d\d)(?P<m>\d\d)(?: hours| hrs)?$")


def _clock(text: str) -> tuple[int, int] | None:
    """The hour and minute of a clock phrase without day words: "7 am", "19:00", "half past six", "noon"."""
    if text in ("noon", "midday"):
        return 12, 0
    if text == "midnight":
        return 0, 0
    relative = re.match(r"^(half|quarter|[\w\s-]+?)\s+(?:minutes?\s+)?(past|after|to|before)\s+(.+)$", text)
    if relative:
        said = relative.group(1).removeprefix("a ")  # "a quarter past six"
        minutes = {"half": 30, "quarter": 15}.get(said) or parse_number(said)
        base = _clock(relative.group(3))
        if not isinstance(minutes, int) or base is None or not 0 < minutes < 60:
            return None
        if relative.group(2) in ("past", "after"):
            return base[0], minutes
        return (base[0] - 1) % 24, 60 - minutes
    halfway = re.match(r"^half\s+(?!an?\b|past\b)(.+)$", text)  # "half seven": half past seven, as in Britain
    if halfway:
        base = _clock(halfway.group(1))
        return (base[0], 30) if base is not None and base[1] == 0 else None
    military = _FOUR_DIGITS.match(text)  # "0700", "1930 hours": a 24-hour clock
    if military:
        hour, minute = int(military.group("h")), int(military.group("m"))
        return (hour, minute) if hour < 24 and minute < 60 else None
    match = _CLOCK.match(text)
    if match:
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        ampm = (match.group("ap") or "").replace(".", "")
    else:
        words = re.match(r"^(.+?)\s*(am|pm|a\.m\.|p\.m\.|o'?clock)?$", text)
        if not words:
            return None
        parts = words.group(1).split()
        if parts[0] in ("a", "an") or parts[-1] in ("a", "an"):  # "6 a" of "6 a m": an article, not one o'clock
            return None
        hour_value = parse_number(parts[0])
        minute_value = parse_number(" ".join(parts[1:])) if len(parts) > 1 else 0
        if not isinstance(hour_value, int) or not isinstance(minute_value, int):
            return None
        hour, minute, ampm = hour_value, minute_value, (words.group(2) or "").replace(".", "")
    if ampm in ("am", "pm") and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return (hour, minute) if 0 <= hour < 24 and 0 <= minute < 60 else None


def parse_time(raw: str) -> dict[str, object] | None:
    """ "7 am", "tomorrow at 8", "half past six", "9 in the evening" -> {hour, minute, day_offset, explicit}, else
    None; ``explicit`` is False when the words leave am or pm open ("at 3", "half past six", "7:15")."""
    text = _SPACED_HALF.sub(r" \1m", clean(raw)).removeprefix("at ")
    day_offset = 0
    for phrase, offset in sorted(_DAY_OFFSETS.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(phrase + " ") or text.endswith(" " + phrase):
            day_offset = offset
            text = text.removeprefix(phrase + " ").removesuffix(" " + phrase).strip()
            text = text.removeprefix("at ").removesuffix(" at")
            if phrase == "tonight" and not _HALF_OF_DAY.search(text):  # "11 pm tonight" is pm once
                text += " pm"
            break
    part = re.search(r"\s+(?:in the |at )?(morning|afternoon|evening|night)$", text)
    if part:
        text = text[: part.start()] + " " + _PARTS_OF_DAY[part.group(1)]
    text = _O_CLOCK.sub("", text).strip()  # "seven o'clock pm", "7 oclock in the evening": the hour and its half
    clock = _clock(text)
    if clock is None:
        return None
    explicit = (  # "3" or "half past six" could be either half of the day: the skill takes the next one
        _HALF_OF_DAY.search(text) is not None
        or text in ("noon", "midday", "midnight")
        or not 0 < clock[0] <= 12
        or text.startswith("0")  # "0700": the 24-hour clock's morning
    )
    return {"hour": clock[0], "minute": clock[1], "day_offset": day_offset, "explicit": explicit}


def parse_temperature(raw: str) -> dict[str, object] | None:
    """ "22 degrees", "seventy two fahrenheit", "-3 °C" -> {"value": 22, "unit": "celsius" | "fahrenheit" | None}."""
    text = clean(raw).replace("°", " ")
    match = re.match(r"^(.+?)\s*(?:degrees?)?\s*(celsius|centigrade|fahrenheit|c|f)?$", text)
    if not match:
        return None
    value = parse_number(match.group(1).removeprefix("minus ").strip())
    if value is None:
        return None
    value = -value if match.group(1).startswith("minus ") else value
    unit = _UNITS.get(match.group(2) or "")
    return {"value": value, "unit": unit}


_LEVEL_WORDS = {"half": 50, "halfway": 50, "full": 100, "max": 100, "maximum": 100, "low": 30, "medium": 60,
                "high": 100}  # fmt: skip


def parse_percent(raw: str) -> int | float | None:
    """ "50%", "fifty percent", "half" -> 50; a bare number counts as a percentage; "low" / "medium" / "high"
    are a fan's three speeds (30, 60, 100: speeds 1, 2, 3) and a lamp's brightness alike."""
    text = clean(raw).removesuffix("%").removesuffix("per cent").removesuffix("percent").strip()
    if text in _LEVEL_WORDS:
        return _LEVEL_WORDS[text]
    value = parse_number(text)
    return value if value is not None and 0 <= value <= 100 else None


def snake(text: str) -> str:
    return re.sub(r"[^\w]+", "_", text).strip("_")


def normalize(entity_type: str, raw: str, locale: str = "en-US") -> SlotValue:
    """The value of a slot of ``entity_type`` said as ``raw``; what does not parse stays a cleaned string.

    ``locale`` is for future languages: numbers also accept Chinese numerals in any locale today.
    """
    del locale  # one table set today; the parameter keeps callers stable when zh-CN tables arrive
    text = clean(raw)
    parsed: SlotValue | None
    if entity_type == "number":
        parsed = parse_number(text)
    elif entity_type == "duration":
        seconds = parse_duration(text)
        calendar = calendar_duration(text) if seconds is not None else None
        parsed = None if seconds is None else {"seconds": seconds}
        if parsed is not None and calendar is not None and calendar[0]:  # "in 6 months": on the calendar, for skills
            parsed.update(months=calendar[0], plus_seconds=calendar[1])  # that count months so (a reminder)
    elif entity_type == "time":
        parsed = parse_time(text)
    elif entity_type == "date":
        parsed = parse_date(text)
    elif entity_type == "percent":
        parsed = parse_percent(text)
    elif entity_type == "temperature":
        parsed = parse_temperature(text)
    elif entity_type == "room":
        room = text.removeprefix("the ").removeprefix("my ")
        parsed = _ROOM_SYNONYMS.get(room, snake(room))
    elif entity_type == "color":
        parsed = _COLORS.get(text.removesuffix(" light").removesuffix(" colour").removesuffix(" color"), snake(text))
    elif entity_type == "unit":
        parsed = _UNITS.get(text.removeprefix("degrees "), text)
    elif entity_type == "timezone":
        key = re.sub(r"\s+(time|time zone|timezone|standard time)$", "", text)
        parsed = _TIMEZONES.get(key, raw.strip())
    else:
        parsed = " ".join(raw.split())
    return parsed if parsed is not None else " ".join(raw.split())
