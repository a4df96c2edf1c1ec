"""Rain and snow answers: yes or no, how much, or the chance, for one day or over several ("this week").

"How much rain tomorrow" is not answered "Yes": it gets the amount; "what's the chance of rain" the chance. Pure
functions of the simulated forecasts.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.weather.forecast import WET, Forecast


def falls(f: Forecast) -> str | None:
    """ "snow" or "rain" on a wet day, None on a dry one."""
    return ("snow" if f.condition == "snow" else "rain") if f.condition in WET else None


def amount_words(f: Forecast, inches: bool = False) -> str:
    """ "about 6 millimetres of rain", "about 4 centimetres of snow" (inches when asked)."""
    snow = f.condition == "snow"
    if inches:
        return f"{_in_inches(f.amount, snow)} of {'snow' if snow else 'rain'}"
    unit = "centimetre" if snow else "millimetre"
    return f"about {f.amount} {unit}{'' if f.amount == 1 else 's'} of {'snow' if snow else 'rain'}"


def rain_answer(f: Forecast, when: str, asked: str, question: str, inches: bool = False) -> str:
    """One day's answer. ``asked``: "rain" or "snow"; ``question``: "yes", "amount" or "chance" (``words``)."""
    falling = falls(f)
    place = f"in {f.city} {when}"
    if falling is not None and falling != asked:  # asked about snow, rain is coming (or the other way round)
        extra = amount_words(f, inches) if question == "amount" else f.condition
        return f"No {asked} expected {place}, but {extra}: a {f.rain_chance} percent chance."
    if question == "amount":
        if falling is None:
            return f"None expected: {f.condition} {place}, with a {f.rain_chance} percent chance of {asked}."
        amount = amount_words(f, inches)
        return f"{amount[:1].upper()}{amount[1:]} expected {place}: a {f.rain_chance} percent chance."
    if question == "chance":
        expected = f"{f.condition} is expected" if falling is not None else f"it should be {f.condition}"
        return f"There's a {f.rain_chance} percent chance of {asked} {place}: {expected}."
    if falling is not None:
        return f"Yes, expect {asked} {place}: a {f.rain_chance} percent chance."
    return f"Probably not: {f.condition} {place}, with a {f.rain_chance} percent chance of {asked}."


def rain_over(label: str, forecasts: Sequence[Forecast], asked: str, question: str, inches: bool = False) -> str:
    """Several days' answer ("is it going to snow in Moscow this week"): the days it is likely, or that none are."""
    city = forecasts[0].city
    lead = f"{label[:1].upper()}{label[1:]} in {city}"
    wanted = [f for f in forecasts if falls(f) == asked]
    other = [f for f in forecasts if falls(f) not in (None, asked)]
    if wanted:
        days = spoken_list([f.day.strftime("%A") for f in wanted])
        text = f"{lead}, {asked} is likely on {days}"
        if question == "amount":
            total = sum(f.amount for f in wanted)
            unit = "centimetres" if asked == "snow" else "millimetres"
            if inches:
                return f"{text}: {_in_inches(total, asked == 'snow')} in all."
            return f"{text}: about {total} {unit} in all."
        return f"{text}."
    if other:
        kind = "snow" if asked == "rain" else "rain"
        days = spoken_list([f.day.strftime("%A") for f in other])
        return f"No {asked} expected {label} in {city}, but {kind} is likely on {days}."
    return f"No {asked} expected {label} in {city}."


def _in_inches(amount: int, snow: bool) -> str:
    """ "about 0.4 inches", "less than a tenth of an inch": millimetres of rain or centimetres of snow."""
    value = round(amount / (2.54 if snow else 25.4), 1)
    if value < 0.1:
        return "less than a tenth of an inch"
    return f"about {value:g} {'inch' if value == 1 else 'inches'}"
