"""Holidays people ask the date of ("when is Christmas", "how many days until Halloween"), by rule or by table.

Each US holiday is a fixed day, the n-th (or last) weekday of a month, or Easter and the days counted from it, so the
next date is computed for any year without a table to keep up to date. US observances where countries differ
(Thanksgiving, Mother's Day): the catalogue a US-English speaker expects. Holidays that follow the moon (Diwali,
Ramadan, Passover ...) come from the table in ``lunar_holidays``, whose years are limited: outside them a date is
None ("not known"), never a guess. Pure functions of today's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from assistant.router.skills.lunar_holidays import LUNAR, lunar_dates

#: A holiday's date in a year; None when the year is outside what is known.
Rule = Callable[[int], date | None]
#: A US holiday's date, known for any year.
YearRule = Callable[[int], date]


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


def _fixed(month: int, day: int) -> YearRule:
    return lambda year: date(year, month, day)


def _nth_weekday(month: int, weekday: int, n: int) -> YearRule:
    """The ``n``-th ``weekday`` (Monday 0) of ``month``; ``n`` -1 is the last one."""

    def rule(year: int) -> date:
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)

    return rule


def _from_easter(days: int) -> YearRule:
    return lambda year: easter(year) + timedelta(days=days)


#: The US catalogue: canonical names and the rule for their date in any year ("the next holiday" is one of these).
US_HOLIDAYS: dict[str, YearRule] = {
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


def _first_lunar(holiday: str) -> Rule:
    return lambda year: next(iter(lunar_dates(holiday, year)), None)


#: Canonical names (as the datetime skill's ``holiday`` slot lists them) and the rule for their date in a year.
HOLIDAYS: dict[str, Rule] = {**US_HOLIDAYS, **{name: _first_lunar(name) for name in LUNAR}}

#: Other names people use, by canonical name (the spellings ``_key`` folds need not be listed).
ALSO_CALLED: dict[str, tuple[str, ...]] = {
    "New Year's Day": ("new year's", "new year"),
    "Martin Luther King Day": ("mlk day", "martin luther king jr day"),
    "Easter": ("easter sunday",),
    "Independence Day": ("fourth of july", "july fourth"),
    "Labor Day": ("labour day",),
    "Thanksgiving": ("thanksgiving day",),
    "Christmas": ("christmas day", "xmas"),
    "Chinese New Year": ("lunar new year", "spring festival"),
    "Diwali": ("deepavali",),
    "Hanukkah": ("chanukah", "hanukah"),
    "Passover": ("pesach",),
    "Eid al-Fitr": ("eid ul fitr",),
    "Eid al-Adha": ("eid ul adha",),
}


def find_holiday(name: object) -> str | None:
    """The canonical name for ``name`` (any case, "st." for "saint", "day" and possessives optional), or None."""
    if not isinstance(name, str):
        return None
    return _LOOSE.get(_key(name))


def holiday_named(words: str) -> str | None:
    """The holiday ``words`` are the whole name of, strictly ("mother's day", not "mother"; "christmas eve"), or
    None: for reading a date said as a holiday, where a loose match would take "call my mother" for a day."""
    return _STRICT.get(_strict_key(words))


def holiday_in(text: str) -> str | None:
    """The holiday whose whole name (the longest) the words contain: "when is chinese new year" -> Chinese New Year,
    which a tagger may have cut to "new year"."""
    said = f" {_strict_key(text)} "
    found = [(len(key), canonical) for key, canonical in _STRICT.items() if f" {key} " in said]
    return max(found)[1] if found else None


def dates_in(holiday: str, year: int) -> tuple[date, ...]:
    """The holiday's dates in ``year``: one by rule; from the table none, one or (an Islamic one) two."""
    if holiday in US_HOLIDAYS:
        return (US_HOLIDAYS[holiday](year),)
    return lunar_dates(holiday, year)


def next_date(holiday: str, today: date) -> date | None:
    """The holiday's next date, today included; None when the table does not reach it. A year the table lacks
    is not skipped: this year's date may still be to come."""
    for year in (today.year, today.year + 1):
        known = dates_in(holiday, year)
        if not known:
            return None
        ahead = [day for day in known if day >= today]
        if ahead:
            return ahead[0]
    return None


def date_in(holiday: str, year: int) -> date | None:
    """The holiday's (first) date in ``year``; None when not known."""
    return HOLIDAYS[holiday](year)


def last_date(holiday: str, today: date) -> date | None:
    """The holiday's latest date on or before today; None when not known."""
    for year in (today.year, today.year - 1):
        passed = [day for day in dates_in(holiday, year) if day <= today]
        if passed:
            return passed[-1]
        if not dates_in(holiday, year):
            return None
    return None


def upcoming(today: date) -> list[tuple[str, date]]:
    """Every US holiday with its next date, soonest first (one that is today comes first)."""
    ahead = ((name, next_date(name, today)) for name in US_HOLIDAYS)
    return sorted(((name, day) for name, day in ahead if day is not None), key=lambda pair: pair[1])


def _key(name: str) -> str:
    """Spelling-free form: "St. Patrick's Day", "saint patricks" and "Saint Patrick" (a tagger's cut) are one."""
    words = _strict_key(name).split()
    words = [w.removesuffix("s") for w in words]
    if len(words) > 1 and words[-1] == "day":
        words.pop()
    return " ".join(words)


def _strict_key(name: str) -> str:
    """Case, apostrophes, hyphens, "st." and "the" aside: "The Fourth of July" -> "fourth of july"."""
    text = name.lower().replace("’", "'").replace("st.", "saint").replace("'", "").replace("-", " ")
    words = ["saint" if w == "st" else w for w in re.findall(r"[a-z0-9]+", text) if w != "the"]
    return " ".join(words)


_ALL_NAMES = [(canonical, canonical) for canonical in HOLIDAYS] + [
    (other, canonical) for canonical, others in ALSO_CALLED.items() for other in others
]
_LOOSE = {_key(name): canonical for name, canonical in reversed(_ALL_NAMES)}  # a canonical name wins
_STRICT = {_strict_key(name): canonical for name, canonical in _ALL_NAMES}
