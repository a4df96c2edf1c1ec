"""Lunar holidays from their table (known 2025-2035, unknown outside), the US rules for the movable ones, holiday
names and "next week" as dates for every skill's date slot."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.router.nlu.normalize import normalize
from assistant.router.nlu.spoken_dates import parse_date
from assistant.router.skills.dates import holiday_of, is_week, resolve_day, unknown_day
from assistant.router.skills.holidays import (
    US_HOLIDAYS,
    date_in,
    dates_in,
    find_holiday,
    holiday_in,
    holiday_named,
    last_date,
    next_date,
    upcoming,
)
from assistant.router.skills.lunar_holidays import FIRST_YEAR, LAST_YEAR, LUNAR, lunar_dates, which_eid


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("Easter", 2025, date(2025, 4, 20)),  # the computus
        ("Easter", 2035, date(2035, 3, 25)),
        ("Thanksgiving", 2025, date(2025, 11, 27)),  # fourth Thursday of November
        ("Mother's Day", 2025, date(2025, 5, 11)),  # second Sunday of May
        ("Father's Day", 2025, date(2025, 6, 15)),  # third Sunday of June
        ("Diwali", 2025, date(2025, 10, 20)),
        ("Chinese New Year", 2026, date(2026, 2, 17)),
        ("Passover", 2025, date(2025, 4, 13)),
        ("Hanukkah", 2025, date(2025, 12, 15)),
        ("Ramadan", 2026, date(2026, 2, 18)),
        ("Eid al-Fitr", 2025, date(2025, 3, 30)),
        ("Eid al-Adha", 2035, date(2035, 2, 18)),
    ],
)
def test_movable_holidays_by_rule_and_by_table(name: str, year: int, expected: date) -> None:
    assert date_in(name, year) == expected


def test_every_lunar_holiday_is_known_in_every_table_year_and_in_no_other() -> None:
    for name in LUNAR:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            assert lunar_dates(name, year), (name, year)
            assert all(day.year == year for day in lunar_dates(name, year))
        assert lunar_dates(name, FIRST_YEAR - 1) == () and lunar_dates(name, LAST_YEAR + 1) == ()
        assert date_in(name, 2040) is None


def test_an_islamic_year_can_hold_two_of_one_holiday() -> None:
    assert dates_in("Ramadan", 2030) == (date(2030, 1, 5), date(2030, 12, 26))
    assert next_date("Ramadan", date(2030, 2, 1)) == date(2030, 12, 26)  # the second one, not next year's
    assert dates_in("Eid al-Fitr", 2033) == (date(2033, 1, 2), date(2033, 12, 23))
    assert last_date("Eid al-Fitr", date(2033, 12, 31)) == date(2033, 12, 23)


def test_outside_the_table_a_date_is_not_guessed() -> None:
    assert next_date("Diwali", date(2024, 3, 15)) is None  # 2024's may be to come, and the table has no 2024
    assert next_date("Diwali", date(2035, 11, 1)) is None  # 2035's has passed; 2036 is not known
    assert next_date("Diwali", date(2035, 10, 1)) == date(2035, 10, 30)
    assert next_date("Diwali", date(2026, 11, 9)) == date(2027, 10, 29)  # this year's passed: next year's
    assert last_date("Passover", date(2025, 1, 1)) is None
    assert next_date("Christmas", date(2090, 1, 1)) == date(2090, 12, 25)  # the US rules have no end


def test_eid_alone_is_whichever_comes_next_said_by_its_name() -> None:
    assert next_date("Eid", date(2026, 4, 1)) == date(2026, 5, 27)
    assert which_eid(date(2026, 5, 27)) == "Eid al-Adha" and which_eid(date(2026, 3, 20)) == "Eid al-Fitr"


def test_the_next_holiday_stays_the_us_catalogue() -> None:
    names = [name for name, _ in upcoming(date(2026, 10, 1))]
    assert "Diwali" not in names and set(names) == set(US_HOLIDAYS)


def test_names_loose_for_the_holiday_slot_strict_for_a_date() -> None:
    assert find_holiday("chanukah") == "Hanukkah" and find_holiday("Lunar New Year") == "Chinese New Year"
    assert find_holiday("eid ul fitr") == "Eid al-Fitr" and find_holiday("pesach") == "Passover"
    assert find_holiday("deepavali") == "Diwali" and find_holiday("Bastille Day") is None
    assert holiday_named("mothers day") == "Mother's Day" and holiday_named("xmas") == "Christmas"
    assert holiday_named("mother") is None  # "remind me to call my mother": no day in it
    assert holiday_named("call my mother") is None and holiday_named("labor") is None
    assert holiday_in("when is chinese new year") == "Chinese New Year"  # not New Year's Day, which it contains
    assert holiday_in("when is eid al-adha?") == "Eid al-Adha" and holiday_in("what time is it") is None


def test_a_holiday_named_for_a_date_slot_resolves_to_its_next_date() -> None:
    today = date(2024, 3, 15)
    christmas = parse_date("on christmas")
    assert christmas == {"holiday": "Christmas", "value": "christmas"}
    assert resolve_day(christmas, today) == date(2024, 12, 25) and holiday_of(christmas) == "Christmas"
    assert resolve_day("christmas morning", today) == date(2024, 12, 25)
    assert resolve_day("mother's day", today) == date(2024, 5, 12)
    assert normalize("date", "call my mother") == "call my mother"  # stays words: not a date
    diwali = parse_date("diwali")
    assert resolve_day(diwali, today) is None
    assert unknown_day(diwali) == "Sorry, I only know the dates of Diwali from 2025 to 2035."
    assert resolve_day(diwali, date(2025, 1, 1)) == date(2025, 10, 20)


@pytest.mark.parametrize(
    ("today", "monday"),
    [
        (date(2024, 3, 15), date(2024, 3, 18)),  # a Friday
        (date(2024, 3, 17), date(2024, 3, 18)),  # a Sunday: tomorrow starts next week
        (date(2024, 3, 18), date(2024, 3, 25)),  # a Monday: not today
    ],
)
def test_next_week_is_its_monday_and_marked_as_a_week(today: date, monday: date) -> None:
    week = parse_date("next week")
    assert week is not None and is_week(week) and resolve_day(week, today) == monday
    assert is_week(parse_date("the following week")) and not is_week(parse_date("next monday"))
    assert parse_date("week") is None
