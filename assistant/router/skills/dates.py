"""Day references ("tomorrow", "on friday", "march 3rd", "2024-03-16", "christmas", "next week") resolved against
today's date, and calendar months counted from a moment.

Pure functions: the caller passes today (from the injected clock, in the user's zone), so answers are
reproducible. Shared by skills that talk about days (weather, date and time, reminders).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from assistant.router.nlu.normalize import normalize
from assistant.router.nlu.spoken_dates import WEEKDAYS, parse_date
from assistant.router.skills.holidays import find_holiday, next_date
from assistant.router.skills.lunar_holidays import FIRST_YEAR, LAST_YEAR

#: How far from today a spoken day may be ("in 3000000 days" names none: a calendar's dates end in year 9999).
MAX_DAYS_AWAY = 36_600
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def resolve_day(value: object, today: date) -> date | None:
    """The day ``value`` means, or None when it names none: ``value`` is what the NLU's normaliser makes of a date
    slot (``{"day_offset": 1}``, ``{"weekday": 4, "next_week": False}``, ``{"month": 3, "day": 3}``, ``{"day": 28}``),
    an ISO date ("2024-03-16", as skills keep it in context), or words the normaliser reads ("next friday")."""
    if isinstance(value, str):
        iso = _ISO.match(value.strip())
        if iso:
            return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        value = parse_date(value)
    if not isinstance(value, Mapping):
        return None
    if "date" in value:  # a skill's own {"date": "2024-03-20"}
        return resolve_day(value["date"], today)
    holiday = find_holiday(value.get("holiday"))
    if holiday is not None:  # "on christmas": its next date (None beyond a lunar table's years)
        return next_date(holiday, today)
    offset, weekday, month, day = (value.get(k) for k in ("day_offset", "weekday", "month", "day"))
    if isinstance(offset, int):
        return today + timedelta(days=offset) if abs(offset) <= MAX_DAYS_AWAY else None
    if isinstance(weekday, int):
        ahead = (weekday - today.weekday()) % 7
        return today + timedelta(days=7 if ahead == 0 and value.get("next_week") else ahead)
    if isinstance(day, int):
        year = value.get("year")
        if isinstance(month, int) and isinstance(year, int):
            return _date(year, month, day)
        return _next_calendar_day(today, month if isinstance(month, int) else None, day)
    return None


def unknown_day(said: object) -> str:
    """The reply when ``said`` (a date slot) names no day ``resolve_day`` can find."""
    words = said.get("value", "") if isinstance(said, Mapping) else said
    holiday = find_holiday(said.get("holiday")) if isinstance(said, Mapping) else None
    if holiday is not None:
        return f"Sorry, I only know the dates of {holiday} from {FIRST_YEAR} to {LAST_YEAR}."
    return f'Sorry, I can\'t tell which day "{words}" is. Try "tomorrow", "next Friday" or "March 3rd".'


def _next_calendar_day(today: date, month: int | None, day: int) -> date | None:
    """The first ``month``/``day`` (any month when None) on or after today; None when it never comes in 8 years."""
    for step in range(12 * 8 if month is None else 9):
        if month is None:
            year, wanted = today.year + (today.month - 1 + step) // 12, (today.month - 1 + step) % 12 + 1
        else:
            year, wanted = today.year + step, month
        found = _date(year, wanted, day)
        if found is not None and found >= today:
            return found
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
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


def is_week(value: object) -> bool:
    """The date slot names a week, not a day ("next week"): ``resolve_day`` gives its Monday."""
    return isinstance(value, Mapping) and value.get("week") is True


def resolve_days(value: object, today: date) -> tuple[date, date] | None:
    """The first and last day ``value`` means: a week's Monday to Sunday ("next week"), else the one day twice;
    None when it names none. For a question about a whole span ("what do I have next week", a week's forecast)."""
    day = resolve_day(value, today)
    if day is None:
        return None
    return (day, day + timedelta(days=6)) if is_week(value) else (day, day)


def holiday_of(value: object) -> str | None:
    """The canonical name of the holiday a date slot names ("on christmas"), or None."""
    return find_holiday(value.get("holiday")) if isinstance(value, Mapping) else None


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` ``months`` calendar months later, the day clamped to the month's last (January 31 + 1 month is
    the end of February), the time of day kept."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def day_in_words(text: str, today: date) -> date | None:
    """The first day said anywhere in ``text`` ("remind me to water the plants next week at 6 pm" -> next Monday),
    for when a tagger kept only part of it ("next"); None when the words say none."""
    words = text.split()
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            value = normalize("date", " ".join(words[start : start + size]))
            if isinstance(value, Mapping) and (day := resolve_day(value, today)) is not None:
                return day
    return None
