"""The weather skill: a simulated forecast that is the same for the same city and day on every run.

The forecast is a pure function of (city, day), seeded by a hash, so tests can assert exact answers and follow-ups
("and on friday?") are consistent with what was said before. No network: this simulator runs offline.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from assistant.router.skills.builtin.weather.moon import moon_answer
from assistant.router.skills.builtin.weather.span import days_asked, spoken_span
from assistant.router.skills.builtin.weather.sun import sun_answer, sun_times
from assistant.router.skills.cities import City, find_city
from assistant.router.skills.dates import describe_day, resolve_day, unknown_day
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

CONDITIONS = ("sunny", "partly cloudy", "cloudy", "light rain", "rain", "thunderstorms", "windy", "foggy", "snow")
_WET = {"light rain", "rain", "thunderstorms", "snow"}
FORECAST_DAYS = 10
NO_WEATHER_FOR = "Sorry, I don't have weather for {}. Try a major city."
#: From this wind speed on, the answer says "windy".
WINDY_KMH = 30
#: "will it be sunny", "is it cloudy": a yes-or-no question about the sky, answered with the forecast after it.
_SKY_ASKED = re.compile(r"^(?:will it be|is it|is it going to be)\s+(sunny|cloudy|foggy|nice)\b")
_NICE = ("sunny", "partly cloudy")
_HUMID = re.compile(r"\b(?:humid|humidity|muggy)\b")


@dataclass(frozen=True)
class Forecast:
    city: str
    day: date
    condition: str
    high_c: int
    low_c: int
    rain_chance: int
    """Percent."""
    wind_kmh: int
    humidity: int
    """Relative humidity, percent."""


def forecast(city: City, day: date) -> Forecast:
    """The simulated forecast: seasonal around the city's mean, varied by a stable hash of (city, day)."""
    digest = hashlib.sha256(f"{city.name}|{day.isoformat()}".encode()).digest()
    season = math.cos(2 * math.pi * (day.timetuple().tm_yday - 200) / 365.25)
    mean = city.mean_c + (-season if city.southern else season) * 9.0
    high = round(mean + 4 + (digest[0] % 9) - 4)
    low = high - 5 - digest[1] % 6
    rain_chance = min(95, round(city.wet * 100 * (0.3 + digest[2] / 255 * 1.2)))
    if rain_chance >= 60:
        condition = "snow" if high <= 1 else ("thunderstorms" if high >= 24 and digest[3] % 3 == 0 else "rain")
    elif rain_chance >= 40:
        condition = "light rain" if high > 1 else "snow"
    else:
        condition = ("sunny", "partly cloudy", "cloudy", "windy", "foggy", "sunny")[digest[4] % 6]
    wind = 30 + digest[5] % 25 if condition in ("windy", "thunderstorms") else 3 + digest[5] % 22
    humidity = min(98, 35 + rain_chance // 2 + digest[6] % 20 + (15 if condition == "foggy" else 0))
    return Forecast(city.name, day, condition, high, low, rain_chance, wind, humidity)


class WeatherSkill:
    """Answers forecast, rain and temperature questions; asks for the city when none is known."""

    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self._zone = ZoneInfo(context.settings.router.timezone)
        self._home = context.settings.router.home_city

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "weather.forecast": self._forecast,
                "weather.rain": self._rain,
                "weather.temperature": self._temperature,
                "weather.wind_humidity": self._wind_humidity,
                "weather.sun": self._sun,
                "weather.moon": lambda turn: say(turn, moon_answer(self._clock.now(), self._zone.key, turn.text)),
            },
        )

    def _city(self, turn: Turn, unknown: str = NO_WEATHER_FOR) -> City | Activity:
        """The city the turn names (else the home city), or the reply: ``unknown`` for a name not in the list,
        "Which city?" when there is none."""
        city = find_city(turn.slot("city", self._home))
        if city is not None:
            return city
        if turn.has("city"):
            return say(turn, unknown.format(turn.slot("city")))
        return ask(turn, "city", "Which city?")

    def _lookup(self, turn: Turn, city: City | None = None) -> tuple[Forecast, str] | Activity:
        """The forecast the turn asks about and how to name its day, or a reply asking what is missing."""
        found = self._city(turn) if city is None else city
        if isinstance(found, Activity):
            return found
        city = found
        today = self._clock.now().astimezone(self._zone).date()
        day = resolve_day(turn.slot("date", "today"), today)
        if day is None:
            return say(turn, unknown_day(turn.slot("date")))
        if (day - today).days < 0:
            return say(turn, f"I don't have past weather, only forecasts up to {FORECAST_DAYS - 1} days ahead.")
        if (day - today).days >= FORECAST_DAYS:
            return say(turn, f"I only have forecasts up to {FORECAST_DAYS - 1} days ahead.")
        return forecast(city, day), describe_day(day, today)

    def _forecast(self, turn: Turn) -> Activity:
        today = self._clock.now().astimezone(self._zone).date()
        span = days_asked(turn.slot("date"), today)
        if span is not None:  # "next week", "this weekend"
            return self._span(turn, span[0], span[1], today)
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
        return say(turn, text, slots={"city": f.city, "date": f.day.isoformat()})

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
        return say(turn, f"In {f.city} {when}, {text}", slots={"city": f.city, "date": day.isoformat()})

    def _span(self, turn: Turn, label: str, days: tuple[date, ...], today: date) -> Activity:
        city = self._city(turn)
        if isinstance(city, Activity):
            return city
        known = [day for day in days if 0 <= (day - today).days < FORECAST_DAYS]
        if not known:
            return say(turn, f"I only have forecasts up to {FORECAST_DAYS - 1} days ahead.")
        forecasts = [forecast(city, day) for day in known]
        unit = _degrees(turn, 0, 0)[2]
        text = spoken_span(
            label, city.name, [(f.day, f.condition, *_degrees(turn, f.high_c, f.low_c)[:2]) for f in forecasts], unit
        )
        if len(known) < len(days):
            text += f" I only have forecasts up to {known[-1].strftime('%A')}."
        return say(turn, text, slots={"city": city.name, "date": known[0].isoformat()})

    def _rain(self, turn: Turn) -> Activity:
        found = self._lookup(turn)
        if isinstance(found, Activity):
            return found
        f, when = found
        asked = "snow" if "snow" in turn.text.lower() else "rain"  # "will it snow", "do I need an umbrella"
        falling = ("snow" if f.condition == "snow" else "rain") if f.condition in _WET else None
        if falling == asked:
            text = f"Yes, expect {asked} in {f.city} {when}: a {f.rain_chance} percent chance."
        elif falling is not None:  # asked about snow, rain is coming (or the other way round)
            text = f"No {asked} expected in {f.city} {when}, but {f.condition}: a {f.rain_chance} percent chance."
        else:
            text = f"Probably not: {f.condition} in {f.city} {when}, with a {f.rain_chance} percent chance of {asked}."
        return say(turn, text, slots={"city": f.city, "date": f.day.isoformat()})

    def _temperature(self, turn: Turn) -> Activity:
        found = self._lookup(turn)
        if isinstance(found, Activity):
            return found
        f, when = found
        high, low, unit = _degrees(turn, f.high_c, f.low_c)
        text = f"In {f.city} {when} it will be between {low} and {high} {unit}."
        return say(turn, text, slots={"city": f.city, "date": f.day.isoformat()})

    def _wind_humidity(self, turn: Turn) -> Activity:
        """ "how windy is it", "what's the humidity": the one asked, or both when the words name neither."""
        found = self._lookup(turn)
        if isinstance(found, Activity):
            return found
        f, when = found
        words = turn.text.lower()
        wind = f"{'windy, with ' if f.wind_kmh >= WINDY_KMH else ''}wind at {_speed(turn, f.wind_kmh)}"
        humidity = f"{f.humidity} percent humidity"
        asked = [part for part, said in ((wind, "wind" in words), (humidity, _HUMID.search(words))) if said]
        text = f"{when[:1].upper()}{when[1:]} in {f.city}: {' and '.join(asked or [wind, humidity])}."
        return say(turn, text, slots={"city": f.city, "date": f.day.isoformat()})


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
