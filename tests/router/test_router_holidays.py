"""Holiday dates by rule: Easter by the computus, n-th and last weekdays, fixed days, next year's once passed."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.config import Settings
from assistant.router.skills.holidays import HOLIDAYS, easter, find_holiday, next_date
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.registry import load_manifests, skill_dirs


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2038, date(2038, 4, 25))],
)
def test_easter_by_the_computus(year: int, expected: date) -> None:
    assert easter(year) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thanksgiving", date(2024, 11, 28)),  # fourth Thursday
        ("Memorial Day", date(2024, 5, 27)),  # last Monday
        ("Mother's Day", date(2024, 5, 12)),  # second Sunday
        ("Labor Day", date(2024, 9, 2)),  # first Monday, on the 2nd
        ("Good Friday", date(2024, 3, 29)),
        ("Christmas", date(2024, 12, 25)),
    ],
)
def test_rules_give_the_2024_dates(name: str, expected: date) -> None:
    assert HOLIDAYS[name](2024) == expected


def test_next_date_is_this_years_until_it_passes() -> None:
    assert next_date("Christmas", date(2024, 12, 25)) == date(2024, 12, 25)
    assert next_date("Christmas", date(2024, 12, 26)) == date(2025, 12, 25)
    assert next_date("Easter", date(2024, 4, 1)) == date(2025, 4, 20)


def test_names_are_found_in_any_spelling_and_unknown_ones_are_not() -> None:
    assert find_holiday("st. patrick's day") == "Saint Patrick's Day"
    assert find_holiday("the Thanksgiving") == "Thanksgiving"
    assert find_holiday("NEW YEAR'S EVE") == "New Year's Eve"
    assert find_holiday("saint patrick") == "Saint Patrick's Day"  # Rasa's tagger cut the name short
    assert find_holiday("mothers day") == "Mother's Day" and find_holiday("christmas day") == "Christmas"
    assert find_holiday("christmas eve") == "Christmas Eve" and find_holiday("new years") == "New Year's Day"
    assert find_holiday("Bastille Day") is None  # not in the table (lunar ones are: test_router_holidays_more)
    assert find_holiday(None) is None


def test_every_value_of_the_datetime_holiday_slot_has_a_rule() -> None:
    manifest: SkillManifest = next(m for m in load_manifests(skill_dirs(Settings())) if m.name == "datetime")
    values = [v.value for v in manifest.slot("holiday").values]
    assert values and all(find_holiday(v) == v for v in values)
    assert set(values) == set(HOLIDAYS)
