"""Holidays people ask the date of ("when is Christmas", "how many days until Halloween"), by rule.

Each holiday is a fixed day, the n-th (or last) weekday of a month, or Easter and the days counted from it, so the
next date is computed for any year without a table to keep up to date. US observances where countries differ
(Thanksgiving, Mother's Day): the catalogue a US-English speaker expects. Pure functions of today's date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

Rule = Callable[[int], date]


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus, as in Meeus' *Astronomical Algorithms*)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  # the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _fixed(month: int, day: int) -> Rule:
    return lambda year: date(year, month, day)


def _nth_weekday(month: int, weekday: int, n: int) -> Rule:
    """The ``n``-th ``weekday`` (Monday 0) of ``month``; ``n`` -1 is the last one."""

    def rule(year: int) -> date:
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)

    return rule


def _from_easter(days: int) -> Rule:
    return lambda year: easter(year) + timedelta(days=days)


#: Canonical names (as the datetime skill's ``holiday`` slot lists them) and the rule for their date in a year.
HOLIDAYS: dict[str, Rule] = {
    "New Year's Day": _fixed(1, 1),
    "Martin Luther King Day": _nth_weekday(1, 0, 3),
    "Valentine's Day": _fixed(2, 14),
    "Presidents' Day": _nth_weekday(2, 0, 3),
    "Saint Patrick's Day": _fixed(3, 17),
    "Good Friday": _from_easter(-2),
    "Easter": _from_easter(0),
    "Earth Day": _fixed(4, 22),
    "Mother's Day": _nth_weekday(5, 6, 2),
    "Memorial Day": _nth_weekday(5, 0, -1),
    "Father's Day": _nth_weekday(6, 6, 3),
    "Independence Day": _fixed(7, 4),
    "Labor Day": _nth_weekday(9, 0, 1),
    "Halloween": _fixed(10, 31),
    "Thanksgiving": _nth_weekday(11, 3, 4),
    "Christmas Eve": _fixed(12, 24),
    "Christmas": _fixed(12, 25),
    "New Year's Eve": _fixed(12, 31),
}


def find_holiday(name: object) -> str | None:
    """The canonical name for ``name`` (any case, "st." for "saint", "day" and possessives optional), or None."""
    if not isinstance(name, str):
        return None
    wanted = _key(name)
    return next((canonical for canonical in HOLIDAYS if _key(canonical) == wanted), None)


def next_date(holiday: str, today: date) -> date:
    """The holiday's date this year, or next year's when this year's has passed (today counts as not passed)."""
    rule = HOLIDAYS[holiday]
    this_year = rule(today.year)
    return this_year if this_year >= today else rule(today.year + 1)


def date_in(holiday: str, year: int) -> date:
    """The holiday's date in ``year``."""
    return HOLIDAYS[holiday](year)


def last_date(holiday: str, today: date) -> date:
    """The holiday's latest date on or before today."""
    this_year = date_in(holiday, today.year)
    return this_year if this_year <= today else date_in(holiday, today.year - 1)


def upcoming(today: date) -> list[tuple[str, date]]:
    """Every holiday with its next date, soonest first (one that is today comes first)."""
    return sorted(((name, next_date(name, today)) for name in HOLIDAYS), key=lambda pair: pair[1])


def _key(name: str) -> str:
    """Spelling-free form: "St. Patrick's Day", "saint patricks" and "Saint Patrick" (a tagger's cut) are one."""
    words = name.lower().replace("’", "'").replace("st.", "saint").replace("'", "").split()
    words = ["saint" if w == "st" else w.removesuffix("s") for w in words if w != "the"]
    if len(words) > 1 and words[-1] == "day":
        words.pop()
    return " ".join(words)
