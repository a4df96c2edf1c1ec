"""Spoken day references -> structured date values, relative to nothing (skills resolve them against their clock).

``parse_date`` gives one of these shapes, each with ``"value"`` keeping the cleaned words:

- ``{"day_offset": n}``: "today", "tomorrow", "in two days", "in a week", "a week from today", "three days from
  now", "3 days ago" (negative);
- ``{"weekday": 0..6, "next_week": bool}``: "on friday", "next monday", "this weekend" (a weekend is its Saturday);
- ``{"month": 1..12, "day": 1..31}``, with ``"year"`` when said: "march 3rd", "the 3rd of march", "3 march 2025",
  "december the thirty first" (speech-to-text writes ordinals as words);
- ``{"day": 1..31}``: a day of the month alone, "the 28th";
- ``{"holiday": name}``: a holiday's whole name, "on christmas", "mother's day", "diwali" (its canonical name, which
  ``assistant.router.skills.holidays`` dates);
- ``{"weekday": 0, "next_week": True, "week": True}``: "next week", a week and no day: its Monday, marked so a skill
  can say so (or read the whole week).

A month and day that cannot be a date ("february 30") give None, as does anything else.
"""

from __future__ import annotations

import re

from assistant.router.nlu.spoken_numbers import clean, parse_number
from assistant.router.skills.holidays import holiday_named

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February 29 exists in some years
_MONTH_NAMES = {**{m: i for i, m in enumerate(MONTHS, 1)}, **{m[:3]: i for i, m in enumerate(MONTHS, 1)}, "sept": 9}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:the )?(?P<day>\d{1,2}(?:st|nd|rd|th)?|[a-z]+(?:[ -](?!of\b)[a-z]+)?)"
_YEAR = r"(?:,? (?P<year>\d{4}))?"
_CALENDAR = (
    re.compile(rf"^{_MONTH} {_DAY}{_YEAR}$"),  # "march 3rd", "march the third, 2025"
    re.compile(rf"^{_DAY} (?:of )?{_MONTH}{_YEAR}$"),  # "the 3rd of march", "3 march"
)
_DAY_OF_MONTH = re.compile(r"^the (?P<day>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:[ -][a-z]+)?)$")  # "the 28th"
_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "now": 0,
    "right now": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
    "day after tomorrow": 2,
    "yesterday": -1,
    "a week from today": 7,
    "a week from now": 7,
}
_NEXT_WEEK = ("next week", "following week", "coming week")
_IN = re.compile(r"^in (?P<count>.+?) (?P<unit>days?|weeks?)(?: time)?$")
_FROM_NOW = re.compile(r"^(?P<count>.+?) (?P<unit>days?|weeks?) (?P<way>from (?:now|today)|ago|later)$")


def parse_date(raw: str) -> dict[str, object] | None:
    """The structured value of the day ``raw`` names (see the module's docstring), else None."""
    text = clean(raw)
    text = re.sub(r"^(?:it (?:is|was|will be) |it |was |is )?(?:(?:on|for|by|this coming|coming)\s+)?", "", text)
    text = re.sub(r"\s+in (?:degrees )?(?:fahrenheit|celsius|centigrade)$", "", text)  # "tomorrow in fahrenheit"
    base = re.sub(r"\s+(morning|afternoon|evening|night)$", "", text)
    offset = next((_DAY_OFFSETS[k] for k in (text, base, base.removeprefix("the ")) if k in _DAY_OFFSETS), None)
    if offset is not None:  # "this morning" is a whole key; "tomorrow morning" is "tomorrow"
        return {"day_offset": offset, "value": text}
    counted = _IN.match(base) or _FROM_NOW.match(base)
    if counted:
        count = parse_number(counted.group("count"))
        if not isinstance(count, int):
            return None
        days = count * (7 if counted.group("unit").startswith("week") else 1)
        ago = counted.groupdict().get("way") == "ago"  # "3 days ago"
        return {"day_offset": -days if ago else days, "value": text}
    calendar = _calendar(base)
    if calendar is None and " on " in base:  # "my birthday on may 5th": the date after "on"
        before, after = base.rsplit(" on ", 1)
        # but not after a number: "fifteen on the fifth of may" is a time's minutes and then the date
        calendar = _calendar(after) if parse_number(before) is None else None
    if calendar is not None:
        return {**calendar, "value": text} if calendar else None
    holiday = holiday_named(re.sub(r"^(?:next|this) ", "", base))
    if holiday is not None:  # "on christmas", "christmas morning", "next easter"
        return {"holiday": holiday, "value": text}
    base = base.removeprefix("the ")
    if base in _NEXT_WEEK:
        return {"weekday": 0, "next_week": True, "week": True, "value": text}
    weekday = re.sub(r"^(next|this)\s+", "", base).rstrip("s")
    if weekday == "weekend":  # "this weekend", "the weekend": its Saturday
        return {"weekday": 5, "next_week": base.startswith("next "), "value": text}
    for index, name in enumerate(WEEKDAYS):
        if weekday in (name, name[:3]):
            return {"weekday": index, "next_week": base.startswith("next "), "value": text}
    return None


def _calendar(text: str) -> dict[str, int] | None:
    """{"month", "day"[, "year"]} or {"day"} for a calendar date; {} for one that cannot exist; None: not one."""
    for pattern in _CALENDAR:
        found = pattern.match(text)
        if found:
            day = _day(found.group("day"))
            if day is None:
                continue
            month = _MONTH_NAMES[found.group("month")]
            if day > _MONTH_DAYS[month - 1]:
                return {}
            year = {"year": int(found.group("year"))} if found.group("year") else {}
            return {"month": month, "day": day, **year}
    alone = _DAY_OF_MONTH.match(text)
    if alone:
        day = _day(alone.group("day"))
        if day is not None:
            return {"day": day}
    return None


def _day(said: str) -> int | None:
    """A day of the month said as "3", "3rd" or "third" / "twenty first", else None."""
    value = parse_number(said)
    return value if isinstance(value, int) and 1 <= value <= 31 else None
