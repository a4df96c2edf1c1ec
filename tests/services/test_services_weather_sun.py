"""Sunrise and sunset from the sunrise equation, checked against published times (to within a few minutes, as a
speaker says them), and what the weather skill says of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from services_skill_harness import SkillHarness

from assistant.router.skills.builtin.weather.sun import SunTimes, sun_answer, sun_times
from assistant.router.skills.cities import CITIES

Make = Callable[..., SkillHarness]


def _local(moment: datetime | None, zone: str) -> int:
    assert moment is not None
    local = moment.astimezone(ZoneInfo(zone))
    return local.hour * 60 + local.minute


@pytest.mark.parametrize(
    ("city", "day", "rise", "sets"),
    [  # local times as published (NOAA / timeanddate.com), hour * 60 + minute
        ("London", date(2024, 3, 15), 6 * 60 + 11, 18 * 60 + 5),
        ("New York", date(2024, 6, 21), 5 * 60 + 25, 20 * 60 + 31),
        ("Sydney", date(2024, 12, 21), 5 * 60 + 41, 20 * 60 + 5),
        ("Singapore", date(2024, 3, 15), 7 * 60 + 9, 19 * 60 + 15),
    ],
)
def test_sun_times_match_published_ones_within_minutes(city: str, day: date, rise: int, sets: int) -> None:
    place = CITIES[city]
    times = sun_times(day, place.latitude, place.longitude)
    assert abs(_local(times.rise, place.timezone) - rise) <= 4
    assert abs(_local(times.set, place.timezone) - sets) <= 4


def test_near_the_poles_the_sun_may_not_rise_or_set() -> None:
    assert sun_times(date(2024, 6, 21), 78.2, 15.6).always == "up"  # Svalbard, midsummer
    assert sun_times(date(2024, 12, 21), 78.2, 15.6).always == "down"
    assert sun_answer(SunTimes(None, None, "up"), ZoneInfo("UTC"), "when does the sun set") == (
        "the sun stays up all day."
    )


def test_the_answer_says_what_was_asked(make_skill: Make) -> None:
    skill = make_skill("weather")
    london = CITIES["London"]
    times = sun_times(date(2024, 3, 15), london.latitude, london.longitude)
    zone = ZoneInfo(london.timezone)
    assert times.set is not None
    sets = skill.turn("weather.sun", {"city": "London"}, text="when does the sun set in london")
    assert sets.text == f"In London today, the sun sets at {times.set.astimezone(zone):%-I:%M %p}."
    both = skill.turn("weather.sun", {"city": "London"}, text="how long is the day in london")
    assert both.text.startswith("In London today, the sun rises at ") and "of daylight." in both.text
    assert sun_answer(times, zone, "when does the sun rise and set").count(" at ") == 2


def test_today_is_the_citys_own_today_and_an_unknown_place_is_said(make_skill: Make) -> None:
    skill = make_skill("weather")  # 9:30 UTC on Friday is 20:30 on Friday in Sydney; 23:00 UTC is its Saturday
    skill.clock.advance(timedelta(hours=13, minutes=30))
    sydney = CITIES["Sydney"]
    saturday = sun_times(date(2024, 3, 16), sydney.latitude, sydney.longitude)
    assert saturday.rise is not None
    reply = skill.turn("weather.sun", {"city": "Sydney"}, text="when does the sun rise in sydney")
    assert (
        reply.text
        == f"In Sydney today, the sun rises at {saturday.rise.astimezone(ZoneInfo(sydney.timezone)):%-I:%M %p}."
    )
    unknown = skill.turn("weather.sun", {"city": "Atlantis"}, text="when is sunrise in atlantis")
    assert unknown.text == "Sorry, I don't know where Atlantis is, so I can't say when the sun rises there."
