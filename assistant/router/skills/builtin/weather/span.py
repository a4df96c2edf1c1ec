"""A forecast over several days, as a speaker says it: a weekend day by day, a week as a summary.

"What's the weather next week" is not Monday's forecast: a week is summed up (the usual sky, the range of highs, the
days rain or snow is likely), a weekend read day by day. Pure functions of the simulated forecasts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.weather.forecast import Forecast
from assistant.router.skills.dates import is_week, resolve_day

#: Up to this many days are read one by one; more are summed up.
DAY_BY_DAY = 3
_WET = ("light rain", "rain", "thunderstorms", "snow")
#: From this wind speed on, a day is said to be windy.
WINDY_KMH = 30


def days_asked(value: object, today: date) -> tuple[str, tuple[date, ...]] | None:
    """For a date slot naming a week ("next week") or a weekend ("this weekend"): how to say it and its days;
    None for a single day (or nothing)."""
    said = value.get("value") if isinstance(value, Mapping) else None
    first = resolve_day(value, today)
    if first is None:
        return None
    if is_week(value):
        return (str(said or "next week"), tuple(first + timedelta(days=n) for n in range(7)))
    if isinstance(said, str) and "weekend" in said and first.weekday() == 5:
        return (said, (first, first + timedelta(days=1)))
    return None


def rest_of_week(today: date) -> tuple[str, tuple[date, ...]]:
    """ "this week": today to Sunday, said as "this week" on a Monday and "the rest of this week" after it."""
    days = tuple(today + timedelta(days=n) for n in range(7 - today.weekday()))
    return ("this week" if today.weekday() == 0 else "the rest of this week", days)


def spoken_day(day: date) -> str:
    """A day named beyond doubt: "Friday, December 4" (a bare "Friday" next to "next week" could be either)."""
    return f"{day.strftime('%A')}, {day.strftime('%B')} {day.day}"


def spoken_span(label: str, city: str, days: Sequence[tuple[date, str, int, int]], unit: str) -> str:
    """``days``: (day, condition, high, low) in order. A weekend day by day; a week summed up."""
    lead = f"{label[:1].upper()}{label[1:]} in {city}: "
    if len(days) <= DAY_BY_DAY:
        parts = [
            f"{day.strftime('%A')} {sky}, with a high of {high} and a low of {low}" for day, sky, high, low in days
        ]
        return lead + "; ".join(parts) + f" {unit}."
    skies = Counter(sky for _, sky, _, _ in days)
    usual, count = skies.most_common(1)[0]
    sky = (
        f"mostly {usual}" if count * 2 > len(days) else f"a mix of {spoken_list([s for s, _ in skies.most_common(3)])}"
    )
    highs = [high for _, _, high, _ in days]
    wet = [(day, kind) for day, kind, _, _ in days if kind in _WET]
    dry = [day for day, kind, _, _ in days if kind not in _WET]
    falls = "snow" if wet and all(kind == "snow" for _, kind in wet) else "rain"
    if not wet:
        wet_words = "no rain expected"
    elif len(wet) * 2 > len(days):  # name the fewer days: the dry ones
        wet_words = f"dry only on {spoken_list([d.strftime('%A') for d in dry])}" if dry else f"{falls} every day"
    else:
        wet_words = f"{falls} likely on {spoken_list([day.strftime('%A') for day, _ in wet])}"
    return f"{lead}{sky}, with highs from {min(highs)} to {max(highs)} {unit}; {wet_words}."


def wind_over(label: str, forecasts: Sequence[Forecast], wind: bool, humidity: bool, mph: bool = False) -> str:
    """Several days' wind and humidity ("how windy is it this week"): the ranges, and the windy days; ``wind`` and
    ``humidity``: which was asked (both when neither)."""
    speeds = [round(f.wind_kmh / 1.609) if mph else f.wind_kmh for f in forecasts]
    windy = [f.day.strftime("%A") for f in forecasts if f.wind_kmh >= WINDY_KMH]
    unit = "miles per hour" if mph else "kilometres per hour"
    wind_words = f"wind from {min(speeds)} to {max(speeds)} {unit}" + (
        f", windy on {spoken_list(windy)}" if windy else ""
    )
    wet = [f.humidity for f in forecasts]
    humid_words = f"humidity from {min(wet)} to {max(wet)} percent"
    parts = [words for words, said in ((wind_words, wind), (humid_words, humidity)) if said]
    lead = f"{label[:1].upper()}{label[1:]} in {forecasts[0].city}: "
    return lead + "; ".join(parts or [wind_words, humid_words]) + "."
