"""Unit conversion for spoken questions: lengths, masses, volumes, times, speeds and temperatures.

Every unit is (dimension, factor to the dimension's base unit, offset), so one formula converts any pair and
temperatures (the only affine units) need no special case. Names include plurals and the short forms people say
("km", "lbs"), so both the NLU's canonical value and the raw words resolve to the same unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from assistant.router.services.spoken_values import words_to_number


@dataclass(frozen=True)
class Unit:
    name: str
    """Canonical singular name ("kilometer"), as the manifest's unit values spell it."""
    dimension: str
    factor: float
    offset: float = 0.0
    plural: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def plural_name(self) -> str:
        return self.plural or self.name + "s"

    def spoken(self, amount: float) -> str:
        return self.name if amount == 1 else self.plural_name


UNITS: Final[tuple[Unit, ...]] = (
    Unit("millimeter", "length", 0.001, aliases=("mm", "millimetre")),
    Unit("centimeter", "length", 0.01, aliases=("cm", "centimetre")),
    Unit("meter", "length", 1.0, aliases=("m", "metre")),
    Unit("kilometer", "length", 1000.0, aliases=("km", "kilometre", "kilometres", "kms")),
    Unit("inch", "length", 0.0254, plural="inches", aliases=("in",)),
    Unit("foot", "length", 0.3048, plural="feet", aliases=("ft",)),
    Unit("yard", "length", 0.9144, aliases=("yd",)),
    Unit("mile", "length", 1609.344, aliases=("mi",)),
    Unit("milligram", "mass", 0.000001, aliases=("mg",)),
    Unit("gram", "mass", 0.001, aliases=("g", "gramme")),
    Unit("kilogram", "mass", 1.0, aliases=("kg", "kilo", "kilos", "kgs")),
    Unit("ounce", "mass", 0.028349523125, aliases=("oz",)),
    Unit("pound", "mass", 0.45359237, aliases=("lb", "lbs")),
    Unit("ton", "mass", 1000.0, aliases=("tonne", "tonnes", "metric ton")),
    Unit("milliliter", "volume", 0.001, aliases=("ml", "millilitre")),
    Unit("liter", "volume", 1.0, aliases=("l", "litre", "litres")),
    Unit("teaspoon", "volume", 0.00492892159375, aliases=("tsp",)),
    Unit("tablespoon", "volume", 0.01478676478125, aliases=("tbsp",)),
    Unit("cup", "volume", 0.2365882365),
    Unit("pint", "volume", 0.473176473),
    Unit("quart", "volume", 0.946352946),
    Unit("gallon", "volume", 3.785411784, aliases=("gal",)),
    Unit("second", "time", 1.0, aliases=("sec", "secs", "s")),
    Unit("minute", "time", 60.0, aliases=("min", "mins")),
    Unit("hour", "time", 3600.0, aliases=("hr", "hrs", "h")),
    Unit("day", "time", 86400.0),
    Unit("week", "time", 604800.0),
    Unit("kilometer per hour", "speed", 1 / 3.6, plural="kilometers per hour", aliases=("km/h", "kph", "kmh")),
    Unit("mile per hour", "speed", 0.44704, plural="miles per hour", aliases=("mph",)),
    Unit("meter per second", "speed", 1.0, plural="meters per second", aliases=("m/s",)),
    Unit("degree celsius", "temperature", 1.0, plural="degrees celsius", aliases=("celsius", "centigrade", "c")),
    Unit(
        "degree fahrenheit", "temperature", 5 / 9, -32 * 5 / 9, plural="degrees fahrenheit", aliases=("fahrenheit", "f")
    ),
    Unit("kelvin", "temperature", 1.0, -273.15, plural="kelvin", aliases=("kelvins", "k")),
)


def _index() -> dict[str, Unit]:
    names: dict[str, Unit] = {}
    for unit in UNITS:
        for name in (unit.name, unit.plural_name, *unit.aliases):
            names.setdefault(name.lower(), unit)
    return names


def find_unit(name: object) -> Unit | None:
    """The unit called ``name`` (any spelling, plural or short form); None when unknown."""
    if not isinstance(name, str):
        return None
    text = " ".join(name.lower().replace("degrees ", "degree ").split())
    index = _index()
    return index.get(text) or index.get(text.removeprefix("degree ")) or index.get(text.removesuffix("s"))


@dataclass(frozen=True)
class Conversion:
    amount: float
    source: Unit
    target: Unit
    result: float

    def sentence(self) -> str:
        return (
            f"{spoken_number(self.amount)} {self.source.spoken(self.amount)} is "
            f"{spoken_number(self.result)} {self.target.spoken(self.result)}."
        )


class ConversionError(ValueError):
    """Two units that measure different things (miles to kilograms)."""


def convert(amount: float, source: Unit, target: Unit) -> Conversion:
    if source.dimension != target.dimension:
        raise ConversionError(
            f"{source.plural_name} measure {source.dimension}, {target.plural_name} {target.dimension}"
        )
    base = amount * source.factor + source.offset
    return Conversion(amount, source, target, (base - target.offset) / target.factor)


def spoken_number(value: float) -> str:
    """At most four significant decimals, no trailing zeros: 8.0467 -> "8.047", 2.0 -> "2"."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.4g}" if abs(value) < 1 else f"{value:,.3f}".rstrip("0").rstrip(".")
    return text


_QUESTION = (
    re.compile(r"^(?:convert|change)?\s*(?P<quantity>.+?)\s+(?:to|in|into)\s+(?P<target>[a-z/ ]+)$"),
    re.compile(r"^how many\s+(?P<target>[a-z/ ]+?)\s+(?:are\s+)?(?:there\s+)?(?:in|is|make)\s+(?P<quantity>.+)$"),
)


def split_quantity(words: str) -> tuple[float, Unit] | None:
    """ "twenty five miles" -> (25, mile): the first split into a number and a known unit."""
    parts = words.split()
    for cut in range(1, len(parts)):
        amount, unit = words_to_number(" ".join(parts[:cut])), find_unit(" ".join(parts[cut:]))
        if amount is not None and unit is not None:
            return amount, unit
    return None


def parse_conversion(text: str) -> tuple[float, Unit, Unit] | None:
    """(amount, source, target) from "convert 5 miles to kilometers" or "how many feet are in a mile"; None when
    the question is not a conversion between known units."""
    words = " ".join(re.sub(r"[?!,]", " ", text.lower()).split())
    words = re.sub(r"^(?:please\s+)?(?:what is|what's|whats|how much is)\s+", "", words)
    for pattern in _QUESTION:
        match = pattern.search(words)
        if match is None:
            continue
        quantity, target = split_quantity(match.group("quantity")), find_unit(match.group("target"))
        if quantity is not None and target is not None:
            return quantity[0], quantity[1], target
    return None
