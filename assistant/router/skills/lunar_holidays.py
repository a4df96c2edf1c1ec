"""Holidays of the lunar and lunisolar calendars (Diwali, Hanukkah, Passover, Ramadan, the two Eids, Chinese New
Year): a table of their Gregorian dates, 2025 to 2035.

These follow the moon, so no short rule gives them; outside the table's years the date is not known, and callers
say so rather than guess. Conventions (each holiday's first day, as the public calendars list it):

- Chinese New Year: the first day of the first month of the Chinese calendar, as China's State Council announces
  (the Spring Festival; Hong Kong Observatory's calendar tables give the same days).
- Diwali: the day of Lakshmi Puja, as the Government of India's gazetted holiday lists give it.
- Passover (15 Nisan) and Hanukkah (25 Kislev): the fixed arithmetic Hebrew calendar, first full day, as on Hebcal;
  each begins at sundown the evening before.
- Ramadan (1 Ramadan), Eid al-Fitr (1 Shawwal), Eid al-Adha (10 Dhu al-Hijjah): Saudi Arabia's Umm al-Qura
  calendar; where the new moon is sighted locally the day can come one day later.

The table was checked against those calendars as computed by the python-holidays, hijridate and convertdate
packages (not dependencies: only their results are written down here).
"""

from __future__ import annotations

from datetime import date

FIRST_YEAR, LAST_YEAR = 2025, 2035

# (month, day) per year from FIRST_YEAR on; a year with two (the Islamic year is 11 days shorter) lists both.
_DAYS: dict[str, tuple[tuple[tuple[int, int], ...], ...]] = {
    "Chinese New Year": (
        ((1, 29),), ((2, 17),), ((2, 6),), ((1, 26),), ((2, 13),), ((2, 3),),
        ((1, 23),), ((2, 11),), ((1, 31),), ((2, 19),), ((2, 8),),
    ),
    "Diwali": (
        ((10, 20),), ((11, 8),), ((10, 29),), ((10, 17),), ((11, 5),), ((10, 26),),
        ((11, 14),), ((11, 2),), ((10, 22),), ((11, 10),), ((10, 30),),
    ),
    "Passover": (
        ((4, 13),), ((4, 2),), ((4, 22),), ((4, 11),), ((3, 31),), ((4, 18),),
        ((4, 8),), ((3, 27),), ((4, 14),), ((4, 4),), ((4, 24),),
    ),
    "Hanukkah": (
        ((12, 15),), ((12, 5),), ((12, 25),), ((12, 13),), ((12, 2),), ((12, 21),),
        ((12, 10),), ((11, 28),), ((12, 17),), ((12, 7),), ((12, 26),),
    ),
    "Ramadan": (
        ((3, 1),), ((2, 18),), ((2, 8),), ((1, 28),), ((1, 16),), ((1, 5), (12, 26)),
        ((12, 15),), ((12, 4),), ((11, 23),), ((11, 12),), ((11, 1),),
    ),
    "Eid al-Fitr": (
        ((3, 30),), ((3, 20),), ((3, 9),), ((2, 26),), ((2, 14),), ((2, 4),),
        ((1, 24),), ((1, 14),), ((1, 2), (12, 23)), ((12, 12),), ((12, 1),),
    ),
    "Eid al-Adha": (
        ((6, 6),), ((5, 27),), ((5, 16),), ((5, 5),), ((4, 24),), ((4, 13),),
        ((4, 2),), ((3, 22),), ((3, 11),), ((3, 1),), ((2, 18),),
    ),
}  # fmt: skip

#: "Eid" alone: whichever of the two comes next, said by its full name.
EIDS = ("Eid al-Fitr", "Eid al-Adha")

#: What to add after the date, so the answer is not more exact than the calendar it comes from.
NOTES = {
    "Passover": "it begins at sundown the evening before",
    "Hanukkah": "it begins at sundown the evening before",
    "Ramadan": "the day can shift by one with the sighting of the moon",
    "Eid al-Fitr": "the day can shift by one with the sighting of the moon",
    "Eid al-Adha": "the day can shift by one with the sighting of the moon",
}


def lunar_dates(holiday: str, year: int) -> tuple[date, ...]:
    """The holiday's dates in ``year`` (usually one; Eid for both Eids); () outside the table's years."""
    if holiday == "Eid":
        return tuple(sorted(day for eid in EIDS for day in lunar_dates(eid, year)))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return ()
    return tuple(date(year, month, day) for month, day in _DAYS[holiday][year - FIRST_YEAR])


#: Every name this module has dates for.
LUNAR = (*_DAYS, "Eid")


def which_eid(day: date) -> str:
    """The full name of the Eid on ``day`` ("Eid al-Fitr"), for saying back which one "Eid" was."""
    return next((eid for eid in EIDS if day in lunar_dates(eid, day.year)), "Eid")
