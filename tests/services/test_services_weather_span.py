"""A forecast over a weekend or a week: which days a date slot asks for, and how they are said."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from services_skill_harness import SkillHarness

from assistant.router.skills.builtin.weather.handler import forecast
from assistant.router.skills.builtin.weather.span import days_asked, spoken_span
from assistant.router.skills.cities import CITIES

Make = Callable[..., SkillHarness]
FRIDAY = date(2024, 3, 15)
MONDAY = date(2024, 3, 18)
NEXT_WEEK = {"weekday": 0, "next_week": True, "week": True, "value": "next week"}


def test_a_week_or_a_weekend_is_several_days_and_a_day_is_none() -> None:
    week = days_asked(NEXT_WEEK, FRIDAY)
    assert week is not None and week[0] == "next week" and week[1] == tuple(MONDAY + timedelta(n) for n in range(7))
    weekend = days_asked({"weekday": 5, "next_week": False, "value": "this weekend"}, FRIDAY)
    assert weekend == ("this weekend", (date(2024, 3, 16), date(2024, 3, 17)))
    assert days_asked("2024-03-16", FRIDAY) is None and days_asked(None, FRIDAY) is None


def test_a_weekend_is_read_day_by_day() -> None:
    days = [(date(2024, 3, 16), "sunny", 8, 3), (date(2024, 3, 17), "rain", 10, 4)]
    assert spoken_span("this weekend", "Paris", days, "degrees Celsius") == (
        "This weekend in Paris: Saturday sunny, with a high of 8 and a low of 3; "
        "Sunday rain, with a high of 10 and a low of 4 degrees Celsius."
    )


def test_a_week_is_summed_up_naming_the_fewer_days() -> None:
    week = [MONDAY + timedelta(n) for n in range(7)]
    mostly_dry = [(d, "rain" if n == 2 else "sunny", 10 + n, 2) for n, d in enumerate(week)]
    assert spoken_span("next week", "Rome", mostly_dry, "degrees Celsius") == (
        "Next week in Rome: mostly sunny, with highs from 10 to 16 degrees Celsius; rain likely on Wednesday."
    )
    mostly_wet = [(d, "sunny" if n == 0 else "light rain", 9, 2) for n, d in enumerate(week)]
    assert spoken_span("next week", "Oslo", mostly_wet, "degrees Celsius").endswith(
        "mostly light rain, with highs from 9 to 9 degrees Celsius; dry only on Monday."
    )
    snowy = [(d, "snow", -2, -8) for d in week]
    assert spoken_span("next week", "Oslo", snowy, "degrees Celsius").endswith("; snow every day.")


def test_the_skill_sums_up_next_week_from_its_own_forecasts(make_skill: Make) -> None:
    skill = make_skill("weather")
    reply = skill.turn("weather.forecast", {"city": "Paris", "date": NEXT_WEEK}, text="weather next week in paris")
    highs = [forecast(CITIES["Paris"], MONDAY + timedelta(n)).high_c for n in range(7)]
    assert reply.text.startswith("Next week in Paris: ")
    assert f"with highs from {min(highs)} to {max(highs)} degrees Celsius" in reply.text
    assert not reply.text.endswith("forecasts up to Sunday.")


def test_a_week_beyond_the_forecast_says_where_it_stops(make_skill: Make) -> None:
    skill = make_skill("weather")
    skill.clock.advance(timedelta(days=4))  # Tuesday: next week runs 6 to 12 days ahead, forecasts reach 9
    reply = skill.turn("weather.forecast", {"city": "Paris", "date": NEXT_WEEK}, text="weather next week in paris")
    assert reply.text.startswith("Next week in Paris: ")
    # named with its date: a bare "Thursday" next to "next week" could be this week's or next week's
    assert reply.text.endswith(" I only have forecasts up to Thursday, March 28.")
