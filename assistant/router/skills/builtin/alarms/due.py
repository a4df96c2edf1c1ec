"""When an alarm or reminder is due: a time on a day, a while from now (months and years counted on the calendar),
or, for "next week" said without a time, the start of that week. Pure functions of the turn and "now" (in the
user's zone), so the handler's replies and the tests agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from assistant.router.nlu.normalize import normalize
from assistant.router.services.spoken_values import (
    SMALL_HOURS_END,
    clock_time,
    duration_seconds,
    next_occurrence,
    number,
)
from assistant.router.skills.builtin.alarms import words as w
from assistant.router.skills.builtin.alarms.said_when import half_of_day, only_half_of_day
from assistant.router.skills.dates import add_months, day_in_words, is_week, resolve_day, unknown_day
from assistant.router.skills.turn import Turn

#: The furthest ahead an alarm or reminder can be set.
FURTHEST = timedelta(days=366)
TOO_FAR = "I can set alarms and reminders up to a year ahead."
#: "remind me next week" said without a time: that Monday at this hour, said back as the start of next week.
WEEK_START_HOUR = 9


def due(turn: Turn, now: datetime) -> datetime | str | None:
    """When the turn asks for: a time (and day), or a duration from now; a message when it cannot be; None when
    the turn says no time (the handler asks, or takes the start of next week)."""
    if turn.has("duration"):
        later = after(now, turn.slot("duration"))
        if later is not None:
            return later
    time = clock_time(turn.slot("time"))
    if time is None:
        return None
    if not time.explicit and 5 <= time.hour < 12 and w.WAKE.search(turn.text):
        time = replace(time, explicit=True)  # "wake me up at 7", said in the afternoon: 7 in the morning
    half = half_of_day(turn.slot("date"))  # "tomorrow morning" then "7": 7 AM
    if not time.explicit and time.hour < 12 and half is not None:
        time = replace(time, hour=time.hour + (12 if half == "pm" else 0), explicit=True)
    reminding = turn.intent == "alarms.remind"  # an alarm "at 6:30 on monday" is a morning one
    if reminding and not time.explicit and 1 <= time.hour <= SMALL_HOURS_END:
        time = replace(time, hour=time.hour + 12, explicit=True)  # "remind me at half past three": the afternoon
    if not turn.has("date") or only_half_of_day(turn.slot("date")):  # "7 o'clock" + "in the evening"
        return next_occurrence(time, now, small_hours_pm=reminding)
    day = resolve_day(turn.slot("date"), now.date()) or day_in_words(turn.text, now.date())  # a tagger's "next"
    if day is None:
        return unknown_day(turn.slot("date"))
    if (day - now.date()).days > FURTHEST.days:
        return TOO_FAR
    moment = datetime(day.year, day.month, day.day, time.hour, time.minute, tzinfo=now.tzinfo)
    if (
        not time.explicit
        and time.hour < 12
        and (moment <= now or (reminding and day > now.date() and 1 <= time.hour <= SMALL_HOURS_END))
    ):
        moment += timedelta(hours=12)  # "at 3" today when 3 AM has passed, or a reminder on Saturday: 3 PM
    return moment if moment > now else "That time has already passed. Which time did you mean?"


def after(now: datetime, duration: object) -> datetime | str | None:
    """``now`` plus a duration slot's value, its months and years on the calendar (January 31 plus a month is the
    end of February; a 30-day month would drift); TOO_FAR beyond FURTHEST; None when it names no duration."""
    value = normalize("duration", duration) if isinstance(duration, str) else duration
    seconds = duration_seconds(value)
    if seconds is None:
        return None
    if seconds > FURTHEST.total_seconds():  # checked first: a huge count of months is no date at all
        return TOO_FAR
    months = value.get("months") if isinstance(value, Mapping) else None
    if isinstance(value, Mapping) and isinstance(months, int) and months > 0:
        later = add_months(now, months) + timedelta(seconds=number(value.get("plus_seconds")) or 0)
    else:
        later = now + timedelta(seconds=seconds)
    return later if later - now <= FURTHEST else TOO_FAR


def start_of_week(turn: Turn, now: datetime) -> datetime | None:
    """ "remind me next week" with no time: the Monday at WEEK_START_HOUR; None when the date is not a week."""
    date = turn.slot("date")
    day = resolve_day(date, now.date()) if is_week(date) else None
    if day is None:
        return None
    return datetime(day.year, day.month, day.day, WEEK_START_HOUR, tzinfo=now.tzinfo)
