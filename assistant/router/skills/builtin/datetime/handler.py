"""The date-and-time skill: the time in a city, today's date, what day a date or holiday is, how many days are
left until one, time-zone differences; a country stands for its one time zone ("what time zone is Japan in"), or
asks for a city when it has several.

Time comes from the injected clock and the user's home zone from settings, so answers are exact in tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.router.nlu.spoken_dates import MONTHS
from assistant.router.services.spoken_values import duration_seconds, spoken_duration, spoken_list
from assistant.router.skills.builtin.datetime.zones import capital, offset_hours, relation, us_zone_in
from assistant.router.skills.cities import cities_in, find_city
from assistant.router.skills.countries import COUNTRIES, find_country
from assistant.router.skills.dates import describe_day, holiday_of, is_week, resolve_day, unknown_day
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.holidays import (
    HOLIDAYS,
    date_in,
    dates_in,
    find_holiday,
    holiday_in,
    last_date,
    next_date,
    upcoming,
)
from assistant.router.skills.lunar_holidays import FIRST_YEAR, LAST_YEAR, LUNAR, NOTES, which_eid
from assistant.router.skills.places import other_place
from assistant.router.skills.replies import ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity


def spoken_time(moment: datetime) -> str:
    """ "9:05 AM" the way a speaker says it (no leading zero)."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def spoken_date(day: date) -> str:
    """ "Friday, March 15, 2024" (a datetime is a date too)."""
    return f"{day.strftime('%A')}, {day.strftime('%B')} {day.day}, {day.year}"


class DateTimeSkill:
    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self._home = ZoneInfo(context.settings.router.timezone)

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "datetime.time": self._time,
                "datetime.date": self._date,
                "datetime.countdown": self._countdown,
                "datetime.next_holiday": self._next_holiday,
                "datetime.zone": self._zone,
            },
        )

    def _time(self, turn: Turn) -> Activity:
        now = self._clock.now()
        later = _later_by(turn.text)
        if later is not None:  # "what time will it be in two and a half hours": then, not now
            return self._time_later(turn, now, later)
        named_zone = us_zone_in(turn.text)
        if named_zone is not None:  # "the time in the central time zone": a zone, not a place
            name, zone = named_zone
            return say(turn, f"On {name} time it's {spoken_time(now.astimezone(ZoneInfo(zone)))}.")
        if not turn.has("city") and not turn.has("country"):
            return say(turn, f"It's {spoken_time(now.astimezone(self._home))}.")
        place = self._place(turn)
        if isinstance(place, Activity):
            return place
        name, zone = place
        local = now.astimezone(ZoneInfo(zone))
        return say(turn, f"In {name} it's {spoken_time(local)}, {local.strftime('%A')}.")

    def _time_later(self, turn: Turn, now: datetime, seconds: float) -> Activity:
        """The time ``seconds`` from now, here or in the place named, and its day when that is not today."""
        if seconds > _LATEST.total_seconds():
            return say(turn, "I can tell the time up to a year ahead.")
        zone, where = self._home, ""
        if turn.has("city") or turn.has("country"):
            place = self._place(turn)
            if isinstance(place, Activity):
                return place
            zone, where = ZoneInfo(place[1]), f" in {place[0]}"
        local_now, then = now.astimezone(zone), (now + timedelta(seconds=seconds)).astimezone(zone)
        day = describe_day(then.date(), local_now.date())
        on = "" if day == "today" else f" {day}"
        return say(turn, f"In {spoken_duration(seconds)}{where} it'll be {spoken_time(then)}{on}.")

    def _date(self, turn: Turn) -> Activity:
        now = self._clock.now().astimezone(self._home)
        part = _PART_OF_NOW.search(turn.text.lower())
        if part is not None:  # "what year is it": now, whatever the last question left in the slots
            return say(turn, _part_of_now(part.group(1), now))
        if _names_holiday(turn):
            return self._holiday_date(turn, now.date())
        if not turn.has("date"):
            return say(turn, f"Today is {spoken_date(now)}.")
        day = resolve_day(turn.slot("date"), now.date())
        if day is None:
            return say(turn, unknown_day(turn.slot("date")))
        when = describe_day(day, now.date())
        lead = f"{when.capitalize()} is" if when in ("today", "tomorrow") else "That's"
        if is_week(turn.slot("date")):  # "what's the date next week": a week, said as its start
            lead = "Next week starts on"
        return say(turn, f"{lead} {spoken_date(day)}.", slots={"date": day.isoformat()})

    def _holiday_date(self, turn: Turn, today: date) -> Activity:
        found = self._holiday(turn, today)
        if isinstance(found, Activity):
            return found
        name, day = found
        when, spoken = describe_day(day, today), spoken_date(day)
        note = f"; {NOTES[name]}" if name in NOTES else ""  # "Hanukkah ...; it begins at sundown the evening before"
        if when == "today":
            return say(turn, f"It's {name} today, {spoken}{note}.", slots={"date": day.isoformat()})
        lead = f"{name} is tomorrow," if when == "tomorrow" else f"{name} {'was' if day < today else 'is'} on"
        if name == "Ramadan":
            lead = "Ramadan begins tomorrow," if when == "tomorrow" else "Ramadan begins on"
        return say(turn, f"{lead} {spoken}{note}.", slots={"date": day.isoformat()})

    def _countdown(self, turn: Turn) -> Activity:
        today = self._clock.now().astimezone(self._home).date()
        personal = _PERSONAL.search(turn.text.lower())
        if personal is not None and not turn.said("date"):  # not a holiday the last question left; a date said wins
            return say(turn, f'I don\'t know your {personal.group(1)}. Say its date: "how many days until March 3rd".')
        holiday = _names_holiday(turn)
        if holiday:
            found = self._holiday(turn, today)
            if isinstance(found, Activity):
                return found
            name, day = found
        elif turn.has("date"):
            resolved = resolve_day(turn.slot("date"), today)
            if resolved is None:
                return say(turn, unknown_day(turn.slot("date")))
            said = turn.slot("date")
            if resolved == today and isinstance(said, Mapping) and "weekday" in said:
                resolved += timedelta(days=7)  # "how many days until friday", said on a Friday: the next one
            name, day = spoken_date(resolved), resolved
        elif turn.text.lower().rstrip(" ?").split()[-1:] in (["until"], ["till"], ["to"], ["before"]):
            return ask(turn, "holiday", "Until which day?")  # cut short: "how many days until"
        else:  # "how many vacation days do I have": not a count this skill can make
            return say(turn, 'I can count the days until a date or a holiday: say "how many days until Christmas".')
        days = (day - today).days
        if days < 0 and _SINCE.search(turn.text):
            return say(turn, f"It's been {-days} days since {name}.", slots={"date": day.isoformat()})
        if days < 0:
            return say(turn, f"{name} has already passed.", slots={"date": day.isoformat()})
        if days == 0:
            text = f"It's {name} today!" if holiday else "That's today."
            return say(turn, text, slots={"date": day.isoformat()})
        if days == 1:
            return say(turn, f"{name} is tomorrow.", slots={"date": day.isoformat()})
        on = f", on {spoken_date(day)}" if holiday else ""
        if "weeks" in turn.text.lower().split() and days >= 7:  # "how many weeks until christmas"
            weeks, rest = divmod(days, 7)
            extra = f" and {rest} day{'s' * (rest != 1)}" if rest else ""
            text = f"{weeks} week{'s' * (weeks != 1)}{extra} until {name}{on}."
            return say(turn, text, slots={"date": day.isoformat(), "days": days})
        return say(turn, f"{days} days until {name}{on}.", slots={"date": day.isoformat(), "days": days})

    def _next_holiday(self, turn: Turn) -> Activity:
        today = self._clock.now().astimezone(self._home).date()
        month = _IN_MONTH.search(turn.text.lower())
        if month is not None:  # "what holidays are in december"
            return self._holidays_in(turn, MONTHS.index(month.group(1)) + 1, today)
        after = _AFTER.search(turn.text.lower())
        since = find_holiday(after.group(1)) if after else None
        start = next_date(since, today) if since else today  # "the next holiday after christmas"
        if start is None:
            return say(turn, _not_known(str(since)))
        ahead = upcoming(start)
        lead = f"It's {ahead[0][0]} today. " if ahead[0][1] == today and since is None else ""
        if not lead and since is None and _TODAY_A_HOLIDAY.search(turn.text.lower()):  # "is it a holiday today"
            lead = "No, today isn't a holiday. "
        name, day = next((name, day) for name, day in ahead if day > start)
        days = (day - today).days
        when = "tomorrow" if days == 1 else f"in {days} days"
        spoken = spoken_date(day)
        if since is not None:
            return say(turn, f"After {since}, the next holiday is {name}, on {spoken}.", slots={"holiday": name})
        if "off" in turn.text.lower().split():  # "when is my next day off": no work calendar here, say so
            lead += "I don't know your work schedule, but the"
        else:
            lead += "The"
        return say(turn, f"{lead} next holiday is {name}, {when}, on {spoken}.", slots={"holiday": name})

    def _holidays_in(self, turn: Turn, month: int, today: date) -> Activity:
        """The holidays of the month's next occurrence (this year's unless it has passed)."""
        year = today.year if month >= today.month else today.year + 1
        found = sorted(
            (day, name) for name in HOLIDAYS if name != "Eid" for day in dates_in(name, year) if day.month == month
        )
        month_name = MONTHS[month - 1].capitalize()
        if not found:
            return say(turn, f"I don't know of any holidays in {month_name}.")
        listed = spoken_list([f"{name} on {day.strftime('%A')}, {month_name} {day.day}" for day, name in found])
        return say(turn, f"In {month_name} {year}: {listed}.")

    def _holiday(self, turn: Turn, today: date) -> tuple[str, date] | Activity:
        name = _holiday_named(turn)
        if name is None:
            other = _OTHER_CALENDAR.search(turn.text.lower())
            if other is not None:  # "orthodox easter" is not Easter
                return say(turn, f"Sorry, I don't know the date of that {other.group(1).capitalize()} holiday.")
            return say(turn, f"Sorry, I don't know when {turn.slot('holiday')} is.")
        year = _YEAR.search(turn.text)
        if year is not None:  # "when is christmas 2030"
            day = date_in(name, int(year.group()))
        elif _SINCE.search(turn.text):  # "how many days since christmas": the last one
            day = last_date(name, today)
        else:
            day = next_date(name, today)
        if day is None:  # a lunar holiday beyond its table's years
            return say(turn, _not_known(name))
        return (which_eid(day) if name == "Eid" else name), day

    def _zone(self, turn: Turn) -> Activity:
        named = cities_in(turn.text)
        if len(named) >= 2:  # "the time difference between Paris and Tokyo": the second against the first
            first, second = named[:2]
            hours = offset_hours(second.timezone, ZoneInfo(first.timezone), self._clock.now())
            return say(turn, f"{second.name} is {relation(hours, first.name)}.")
        if not turn.has("city") and not turn.has("country"):
            return ask(turn, "city", "Which city?")
        place = self._place(turn)
        if isinstance(place, Activity):
            return place
        name, zone = place
        hours = offset_hours(zone, self._home, self._clock.now())
        return say(turn, f"{capital(name)} is on {zone.replace('_', ' ')} time, {relation(hours, 'here')}.")

    def _place(self, turn: Turn) -> tuple[str, str] | Activity:
        """The place the words named and its zone, or the reply when it has none or several. A known city wins,
        then a known country (a tagger may call "Japan" a city)."""
        city = find_city(turn.slot("city")) if turn.has("city") else None
        place = other_place(turn.text, city) if city is not None else None
        if city is not None and place is not None:  # "paris texas": never Paris, France said as if it were
            return say(turn, f"Sorry, I only know {city.where}, not {city.name}, {place}.")
        if city is not None:
            return city.name, city.timezone
        said = [str(turn.slot(name)) for name in ("city", "country") if turn.has(name)]
        country = next(filter(None, map(find_country, said)), None)
        if country is None:
            return say(turn, f"Sorry, I don't know the time zone of {said[0]}.")
        zone = COUNTRIES[country]
        if zone is None:
            return ask(turn, "city", f"{capital(country)} has several time zones. Which city?")
        return country, zone


#: The furthest ahead "what time will it be in ..." looks.
_LATEST = timedelta(days=366)
#: Where a while from now may start: "in two and a half hours", "after 90 minutes", "be 3 hours from now".
_LATER_START = re.compile(r"\b(?:in|after|be)\s+", re.IGNORECASE)


def _later_by(text: str) -> float | None:
    """The seconds from now the words ask the time at ("in two and a half hours", "3 hours from now"), read to
    the end of the words (so "in Tokyo" and "in the evening" are no while); None when they ask about now."""
    said = re.sub(r"\s+(?:from now|later|time)$", "", " ".join(text.lower().split()).rstrip(" ?.!"))
    for start in _LATER_START.finditer(said):
        seconds = duration_seconds(said[start.end() :])
        if seconds is not None and seconds > 0:
            return seconds
    return None


#: Holidays of calendars this skill has no dates for, whose names contain one it has ("orthodox easter").
_OTHER_CALENDAR = re.compile(r"\b(chinese|lunar|jewish|hebrew|orthodox|islamic|persian|hindu|korean|vietnamese)\b")
_IN_MONTH = re.compile(rf"\b(?:in|during|for) ({'|'.join(MONTHS)})\b")
_AFTER = re.compile(r"\bafter (.+?)[?.!]*$")
#: A year said with a holiday ("christmas 2030", "july fourth 1776"), any from 1000 to 2999.
_YEAR = re.compile(r"\b[12]\d{3}\b")
_SINCE = re.compile(r"\b(since|ago)\b", re.IGNORECASE)
#: Days only the user knows.
_PERSONAL = re.compile(r"\bmy (birthday|anniversary|wedding|vacation|holiday|exam|payday)\b")


def _holiday_named(turn: Turn) -> str | None:
    """The holiday the turn asks about: a lunar one named in the words first (a tagger may cut "chinese new year"
    to "new year"), then the holiday slot or a date slot said as a holiday; None for another calendar's."""
    in_words = holiday_in(turn.text)
    if in_words in LUNAR:
        return in_words
    if _OTHER_CALENDAR.search(turn.text.lower()):
        return None
    return find_holiday(turn.slot("holiday")) or holiday_of(turn.slot("date")) or in_words


_TODAY_A_HOLIDAY = re.compile(r"\b(?:is (?:it|today) a (?:holiday|day off)|any holidays? today)\b")
#: "what year is it", "which month is it now", "what week are we in": a part of today, asked plainly.
_PART_OF_NOW = re.compile(r"^(?:what|which)(?:'s| is)? (?:the )?(year|month|week)(?: is it| are we in| is this)")


def _part_of_now(part: str, now: datetime) -> str:
    if part == "year":
        return f"It's {now.year}."
    if part == "month":
        return f"It's {now.strftime('%B')} {now.year}."
    return f"It's week {now.isocalendar().week} of {now.isocalendar().year}."


_ANY_DAY = date(2024, 1, 1)


def _names_holiday(turn: Turn) -> bool:
    """The turn asks about a holiday, by the holiday slot, a date said as one ("christmas"), or a lunar name. A
    holiday slot naming none that a date slot reads as a day is that day (Rasa's tagger may take "sunday" for both)."""
    unknown = turn.has("holiday") and find_holiday(turn.slot("holiday")) is None
    reads_as_day = resolve_day(turn.slot("date"), _ANY_DAY) is not None  # whether, not which: any day will do
    named = turn.has("holiday") and not (unknown and reads_as_day)
    return named or holiday_of(turn.slot("date")) is not None or holiday_in(turn.text) in LUNAR


def _not_known(name: str) -> str:
    return f"Sorry, I only know the dates of {name} from {FIRST_YEAR} to {LAST_YEAR}."


def create(context: SkillContext) -> DateTimeSkill:
    return DateTimeSkill(context)
