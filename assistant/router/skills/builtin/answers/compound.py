"""Quantities said in two units at once: "5 feet 10 inches in centimeters", "2 hours and 30 minutes in minutes".

The unit converter reads one amount and one unit, so "5 feet 10 inches" came out as "5 feet is 60 inches". Here
each amount-and-unit of one kind is converted to the unit asked for, and the parts are added up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from assistant.router.services.spoken_values import words_to_number
from assistant.router.services.units import Unit, find_unit, spoken_number

#: Short words that are units only in writing ("in" is mostly the preposition).
_NOT_UNITS: Final = frozenset({"in", "m", "s", "c", "f", "k", "l", "g", "h", "a", "mi"})
_TARGET_WORDS: Final = frozenset({"in", "to", "into"})


@dataclass(frozen=True)
class Compound:
    parts: tuple[tuple[float, Unit], ...]
    target: Unit

    def sentence(self) -> str:
        """ "5 feet 10 inches is 177.8 centimeters." """
        said = " ".join(f"{spoken_number(amount)} {unit.spoken(amount)}" for amount, unit in self.parts)
        total = sum(amount * unit.factor for amount, unit in self.parts) / self.target.factor
        return f"{said} is {spoken_number(total)} {self.target.spoken(total)}."


def compound_conversion(text: str) -> Compound | None:
    """The parts and the unit asked for when the words give two or more amounts, each with a unit of the same kind
    as the one asked for, one right after the other; None otherwise (temperatures never add up)."""
    words = re.sub(r"[?!,]|\.(?!\d)", " ", text.lower()).split()
    cut = max((i for i, w in enumerate(words) if w in _TARGET_WORDS), default=None)
    if cut is None or cut == len(words) - 1:
        return None
    target = find_unit(" ".join(words[cut + 1 :]))
    if target is None or target.offset or target.dimension == "temperature":
        return None
    parts: list[tuple[float, Unit]] = []
    start = 0  # where the words of the next amount may begin
    for at in range(cut):
        unit = find_unit(words[at]) if words[at] not in _NOT_UNITS else None
        if unit is None:
            continue
        amount = _amount_before(words, start, at, first=not parts)
        if amount is None or unit.dimension != target.dimension:
            return None
        parts.append((amount, unit))
        start = at + 1
    if len(parts) < 2 or start != cut:
        return None
    return Compound(tuple(parts), target)


def _amount_before(words: list[str], start: int, at: int, *, first: bool) -> float | None:
    """The number said right before ``words[at]``: any words may come before the first amount ("what's"), only
    "and" between two."""
    for begin in range(start, at):
        lead = words[start:begin]
        if not first and lead not in ([], ["and"]):
            continue
        amount = words_to_number(" ".join(words[begin:at]))
        if amount is not None:
            return amount
    return None
