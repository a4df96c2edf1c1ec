"""The weather skill: a simulated forecast that is the same for the same city and day on every run.

The forecast (``forecast.py``) is a pure function of (city, day), so tests can assert exact answers and follow-ups
("and on friday?") are consistent with what was said before. No network: this simulator runs offline. The words are
read for what the tagger may miss: a past day, "this week", a unit alone, another place after a city's name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from assistant.router.skills.builtin.weather.forecast import FORECAST_DAYS, Forecast, forecast
from assistant.router.skills.builtin.weather.moon import moon_answer
from assistant.router.skills.builtin.weather.rain import rain_answer, rain_over
from assistant.router.skills.builtin.weather.span import (
    WINDY_KMH,
    days_asked,
    rest_of_week,
    spoken_day,
    spoken_span,
    wind_over,
)
from assistant.router.skills.builtin.weather.sun import sun_answer, sun_times
from assistant.router.skills.builtin.weather.words import (
    THIS_WEEK,
    day_in_words,
    past_day,
    rain_question,
    this_week,
    unit_only,
)
from assistant.router.skills.cities import City, cities_in, find_city
from assistant.router.skills.dates import describe_day, resolve_day, unknown_day
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.places import city_in_own_place, other_place
from assistant.router.skills.replies import ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

__all__ = ["Forecast", "WeatherSkill", "create", "forecast"]

NO_WEATHER_FOR = "Sorry, I don't have a forecast for {}."
FAR = f"I only have forecasts up to {FORECAST_DAYS - 1} days ahead."
UNIT_ALONE = 'Ask me for a forecast in it, for example "what\'s the weather in London in fahrenheit".'
PAST = f"I don't have past weather, only forecasts up to {FORECAST_DAYS - 1} days ahead."
#: "will it be sunny", "is it cloudy": a yes-or-no question about the sky, answered with the forecast after it.
_SKY_ASKED = re.compile(r"^(?:will it be|is it|is it going to be)\s+(sunny|cloudy|foggy|nice)\b")
_NICE = ("sunny", "partly cloudy")
_HUMID = re.compile(r"\b(?:humid|humidity|muggy)\b")
#: Intents a unit alone ("in fahrenheit") may repeat: the ones that say degrees.
_IN_DEGREES = ("weather.forecast", "weather.temperature")
Span = tuple[str, tuple[date, ...]]


class WeatherSkill:
    """Answers forecast, rain and temperature questions; asks for the city when none is known."""

    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self._zone = ZoneInfo(context.settings.router.timezone)
        self._home = context.settings.router.home_city

    def handle(self, activity: Activity) -> Activity:
        turn = Turn.of(activity)
        if unit_only(turn.text):  # "in fahrenheit": the last answer again, or a hint; never a guessed forecast
            again = _again_in_unit(turn)
            if again is None:
                return _sorry(turn, UNIT_ALONE)
            turn = again
        if turn.intent != "weather.moon" and past_day(turn.text):  # "what was the weather yesterday"
            return _sorry(turn, PAST)
        unread = not turn.said("date") or isinstance(turn.slot("date"), str)  # left out, or a tagger's cut ("this")
        if turn.intent != "weather.moon" and unread and (day := day_in_words(turn.text)) is not None:
            turn = replace(turn, slots={**turn.slots, "date": day})  # a day the tagger left out wins over the last
        return dispatch(
            turn,
            {
                "weather.forecast": self._forecast,
                "weather.rain": self._rain,
                "weather.temperature": self._temperature,
                "weather.wind_humidity": self._wind_humidity,
                "weather.sun": self._sun,
                "weather.moon": lambda turn: _sorry(turn, moon_answer(self._clock.now(), self._zone.key, turn.text)),
            },
        )

    def _today(self) -> date:
        return self._clock.now().astimezone(self._zone).date()

    def _city(self, turn: Turn, unknown: str = NO_WEATHER_FOR) -> City | Activity:
        """The city the turn names (else the home city), or the reply: ``unknown`` for a name not in the list, that
        the city is another one for "paris texas", "Which city?" when there is none."""
        said = turn.slot("city", self._home)
        city = find_city(said)
        named = city if city is not None or not turn.has("city") else next(iter(cities_in(str(said))), None)
        place = None if named is None else other_place(turn.text if city else str(said), named)
        if named is not None and place is not None:  # "paris texas": never Paris, France said as if it were
            return _sorry(turn, f"Sorry, I only know {named.where}, not {named.name}, {place}.")
        if city is not None:
            return city
        if named is not None and city_in_own_place(str(said), named):  # "paris france" tagged as one city
            return named
        if turn.has("city"):
            return _sorry(turn, unknown.format(turn.slot("city")))
        return ask(turn, "city", "Which city?")

    def _lookup(self, turn: Turn, city: City | None = None) -> tuple[Forecast, str] | Activity:
        """The forecast the turn asks about and how to name its day, or a reply asking what is missing."""
        found = self._city(turn) if city is None else city
        if isinstance(found, Activity):
            return found
        city = found
        today = self._today()
        day = resolve_day(turn.slot("date", "today"), today)
        if day is None:
            return _sorry(turn, unknown_day(turn.slot("date")))
        if (day - today).days < 0:
            return _sorry(turn, PAST)
        if (day - today).days >= FORECAST_DAYS:
            return _sorry(turn, FAR)
        return forecast(city, day), describe_day(day, today)

    def _span(self, turn: Turn) -> Span | None:
        """The days a week or weekend question covers ("this week", "next week"), None for one day."""
        if this_week(turn):
            return rest_of_week(self._today())
        return days_asked(turn.slot("date"), self._today())

    def _reply(self, turn: Turn, text: str, f: Forecast, asked: object = None) -> Activity:
        """The answer, the city and day kept as slots for follow-ups, and what was asked for "in fahrenheit"."""
        state: dict[str, Any] = {"intent": turn.intent, "city": f.city, "date": asked or f.day.isoformat()}
        return say(turn, text, slots={"city": f.city, "date": f.day.isoformat()}, state=state)

    def _forecast(self, turn: Turn) -> Activity:
        span = self._span(turn)
        if span is not None:  # "next week", "this weekend"
            return self._over(turn, span)
        found = self._lookup(turn)
        if isinstance(found, Activity):
            return found
        f, when = found
        high, low, unit = _degrees(turn, f.high_c, f.low_c)
        text = (
            f"{when[:1].upper()}{when[1:]} in {f.city}: {f.condition}, with a high of {high} and a low of {low} {unit}."
        )
        sky = _SKY_ASKED.match(turn.text.lower())  # "will it be sunny on saturday": yes or no first
        if sky is not None:
            asked = sky.group(1)
            fits = f.condition in _NICE if asked == "nice" else asked in f.condition
            text = f"{'Yes' if fits else 'No'}. {text}"
        return self._reply(turn, text, f)

    def _over(self, turn: Turn, span: Span) -> Activity:
        """A question about several days: the rain asked about, else the forecast summed up."""
        city = self._city(turn)
        if isinstance(city, Activity):
            return city
        label, days = span
        today = self._today()
        known = [day for day in days if 0 <= (day - today).days < FORECAST_DAYS]
        if not known:
            return _sorry(turn, FAR)
        forecasts = [forecast(city, day) for day in known]
        if turn.intent == "weather.rain":
            text = rain_over(label, forecasts, _asked_fall(turn), rain_question(turn.text), _inches(turn))
        elif turn.intent == "weather.wind_humidity":
            words = turn.text.lower()
            mph = _speed(turn, 0).endswith("miles per hour")
            text = wind_over(label, forecasts, "wind" in words, _HUMID.search(words) is not None, mph)
        else:
            unit = _degrees(turn, 0, 0)[2]
            temps = [(f.day, f.condition, *_degrees(turn, f.high_c, f.low_c)[:2]) for f in forecasts]
            text = spoken_span(label, city.name, temps, unit)
        if len(known) < len(days):
            text += f" I only have forecasts up to {spoken_day(known[-1])}."
        asked = THIS_WEEK if this_week(turn) else turn.slot("date")
        return self._reply(turn, text, forecasts[0], asked)

    def _sun(self, turn: Turn) -> Activity:
        """ "when does the sun set": the city's sunrise or sunset that day (both for "how long is the day"); today is
        the city's own today (Sydney's evening is its Saturday while it is Friday at home)."""
        city = self._city(turn, "Sorry, I don't know where {} is, so I can't say when the sun rises there.")
        if isinstance(city, Activity):
            return city
        found = self._lookup(turn, city)
        if isinstance(found, Activity):
            return found
        f, when = found
        zone = ZoneInfo(city.timezone)
        day = f.day if turn.has("date") else self._clock.now().astimezone(zone).date()
        text = sun_answer(sun_times(day, city.latitude, city.longitude), zone, turn.text)
        return say(turn, f"In {f.city} {when}, {text}", slots={"city": f.city, "date": day.isoformat()}, state={})

    def _rain(self, turn: Turn) -> Activity:
        span = self._span(turn)
        if span is not None:  # "is it going to snow this week"
            return self._over(turn, span)
        found = self._lookup(turn)
        if isinstance(found, Activity):
            return found
        f, when = found
        text = rain_answer(f, when, _asked_fall(turn), rain_question(turn.text), _inches(turn))
        return self._reply(turn, text, f)

    def _temperature(self, turn: Turn) -> Activity:
        span = self._span(turn)
        if span is not None:  # "how cold will it be next week": the week summed up, its highs included
            return self._over(turn, span)
        found = self._lookup(turn)
        if isinstance(found, Activity):
            return found
        f, when = found
        high, low, unit = _degrees(turn, f.high_c, f.low_c)
        return self._reply(turn, f"In {f.city} {when} it will be between {low} and {high} {unit}.", f)

    def _wind_humidity(self, turn: Turn) -> Activity:
        """ "how windy is it", "what's the humidity": the one asked, or both when the words name neither."""
        span = self._span(turn)
        if span is not None:  # "how windy is it this week"
            return self._over(turn, span)
        found = self._lookup(turn)
        if isinstance(found, Activity):
            return found
        f, when = found
        words = turn.text.lower()
        wind = f"{'windy, with ' if f.wind_kmh >= WINDY_KMH else ''}wind at {_speed(turn, f.wind_kmh)}"
        humidity = f"{f.humidity} percent humidity"
        asked = [part for part, said in ((wind, "wind" in words), (humidity, _HUMID.search(words))) if said]
        text = f"{when[:1].upper()}{when[1:]} in {f.city}: {' and '.join(asked or [wind, humidity])}."
        return self._reply(turn, text, f)


def _again_in_unit(turn: Turn) -> Turn | None:
    """ "in fahrenheit" right after a weather answer: that question again (its city and day; the forecast after a
    rain or wind answer), None when this session had none (a unit alone is then no weather question)."""
    last = turn.state
    if not isinstance(last.get("intent"), str):
        return None
    intent = last["intent"] if last["intent"] in _IN_DEGREES else "weather.forecast"
    slots = {**turn.slots, "date": last.get("date"), "city": last.get("city")}
    return replace(turn, intent=intent, slots=slots)


def _sorry(turn: Turn, text: str) -> Activity:
    """A reply with no degrees in it: a unit alone next ("in fahrenheit") has no answer to repeat."""
    return say(turn, text, state={})


def _asked_fall(turn: Turn) -> str:
    """ "snow" for "will it snow", else "rain" ("do I need an umbrella")."""
    return "snow" if "snow" in turn.text.lower() else "rain"


def _inches(turn: Turn) -> bool:
    return re.search(r"\binch(?:es)?\b", turn.text.lower()) is not None


def _speed(turn: Turn, kmh: int) -> str:
    """Miles per hour when the words ask for it, else kilometres per hour (as temperatures are Celsius unless asked)."""
    if re.search(r"\b(?:mph|miles)\b", turn.text.lower()):
        return f"{round(kmh / 1.609)} miles per hour"
    return f"{kmh} kilometres per hour"


def _degrees(turn: Turn, high_c: int, low_c: int) -> tuple[int, int, str]:
    """The high, low and unit to say: Fahrenheit when the words ask for it ("in fahrenheit"), else Celsius."""
    if "fahrenheit" in turn.text.lower():
        return round(high_c * 9 / 5 + 32), round(low_c * 9 / 5 + 32), "degrees Fahrenheit"
    return high_c, low_c, "degrees Celsius"


def create(context: SkillContext) -> WeatherSkill:
    return WeatherSkill(context)
