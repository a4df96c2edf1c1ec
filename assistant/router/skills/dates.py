"""Spoken day references ("tomorrow", "on friday", "2024-03-16") resolved against today's date.

Pure functions: the caller passes today (from the injected clock, in the user's zone), so answers are
reproducible. Shared by skills that talk about days (weather, date and time, reminders).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_IN_DAYS = re.compile(r"^in (\d+|one|two|three|four|five|six|seven) days?$")
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_FIXED = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "now": 0,
    "right now": 0,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow night": 1,
    "tomorrow afternoon": 1,
    "tomorrow evening": 1,
    "the day after tomorrow": 2,
    "day after tomorrow": 2,
}


def resolve_day(value: object, today: date) -> date | None:
    """The day ``value`` means, or None when it is not a day reference this understands."""
    if isinstance(value, dict):
        value = value.get("date") or value.get("value")
    if not isinstance(value, str):
        return None
    text = " ".join(value.lower().replace("?", " ").split())
    iso = _ISO.match(text)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    text = re.sub(r"^(on|for|by|this coming|coming)\s+", "", text)
    if text in _FIXED:
        return today + timedelta(days=_FIXED[text])
    days = _IN_DAYS.match(text)
    if days:
        count = days.group(1)
        return today + timedelta(days=int(count) if count.isdigit() else _SMALL[count])
    if text in ("this weekend", "the weekend", "weekend"):
        return today + timedelta(days=(5 - today.weekday()) % 7)
    next_week = text.startswith("next ")
    text = re.sub(r"^(next|this)\s+", "", text)
    for index, name in enumerate(WEEKDAYS):
        if text in (name, name + "s", name[:3]):
            ahead = (index - today.weekday()) % 7
            if next_week and ahead == 0:
                ahead = 7
            return today + timedelta(days=ahead)
    return None


def describe_day(day: date, today: date) -> str:
    """How to say a day back: "today", "tomorrow", "on Friday", or "on March 28" beyond a week."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if 1 < delta < 7:
        return f"on {WEEKDAYS[day.weekday()].capitalize()}"
    return f"on {day.strftime('%B')} {day.day}"
