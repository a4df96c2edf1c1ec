"""The date-and-time skill through its handler, on a manual clock starting Friday 2024-03-15 9:30 UTC."""

from __future__ import annotations

from collections.abc import Callable

from services_skill_harness import SkillHarness

from assistant.router.skills.cities import cities_in

Make = Callable[..., SkillHarness]


def test_cities_are_found_in_the_order_said() -> None:
    assert [c.name for c in cities_in("what's the time difference between Paris and Tokyo?")] == ["Paris", "Tokyo"]
    assert [c.name for c in cities_in("new york or tokyo")] == ["New York", "Tokyo"]
    assert cities_in("the parisian cafe") == []  # whole words only
    assert cities_in("nowhere at all") == []


def test_the_difference_between_two_named_cities(make_skill: Make) -> None:
    skill = make_skill("datetime")
    text = "what's the time difference between paris and tokyo"
    assert skill.turn("datetime.zone", {"city": "Paris"}, text=text).text == "Tokyo is 8 hours ahead of Paris."
    text = "how far ahead is london from new york"
    assert skill.turn("datetime.zone", {"city": "London"}, text=text).text == (
        "New York is 4 hours behind London."  # mid-March: US summer time has begun, the UK's not yet
    )


def test_holidays_of_other_calendars_and_personal_days_are_not_guessed(make_skill: Make) -> None:
    skill = make_skill("datetime")
    chinese = skill.turn("datetime.date", {"holiday": "new year"}, text="when is chinese new year")
    assert chinese.text == "Sorry, I only know the dates of Chinese New Year from 2025 to 2035."  # clock: 2024
    assert skill.turn("datetime.date", {"holiday": "new year"}, text="when is new year").text == (
        "New Year's Day is on Wednesday, January 1, 2025."
    )
    carried = {"holiday": "Christmas", "date": "2024-12-25"}  # context from "what day is christmas"
    assert skill.turn("datetime.countdown", carried, text="how many days until my birthday").text == (
        'I don\'t know your birthday. Say its date: "how many days until March 3rd".'
    )


def test_a_holidays_year_the_days_since_one_and_a_birthday_with_its_date(make_skill: Make) -> None:
    skill = make_skill("datetime")
    assert skill.turn("datetime.date", {"holiday": "christmas"}, text="when is christmas 2030").text == (
        "Christmas is on Wednesday, December 25, 2030."
    )
    since = skill.turn("datetime.countdown", {"holiday": "christmas"}, text="how many days since christmas")
    assert since.text == "It's been 81 days since Christmas."  # from December 25, 2023 to March 15, 2024
    birthday = {"date": {"month": 5, "day": 5, "value": "my birthday on may 5th"}}
    assert skill.turn("datetime.countdown", birthday, text="how many days until my birthday on may 5th").text == (
        "51 days until Sunday, May 5, 2024."
    )


def test_holidays_in_a_month_after_one_and_weeks_until_one(make_skill: Make) -> None:
    skill = make_skill("datetime")
    assert skill.turn("datetime.next_holiday", {}, text="what holidays are in may").text == (
        "In May 2024: Mother's Day on Sunday, May 12 and Memorial Day on Monday, May 27."
    )
    assert skill.turn("datetime.next_holiday", {}, text="any holidays in august").text == (
        "I don't know of any holidays in August."
    )
    assert skill.turn("datetime.next_holiday", {}, text="what's the next holiday after christmas").text == (
        "After Christmas, the next holiday is New Year's Eve, on Tuesday, December 31, 2024."
    )
    weeks = skill.turn("datetime.countdown", {"holiday": "christmas"}, text="how many weeks until christmas")
    assert weeks.text == "40 weeks and 5 days until Christmas, on Wednesday, December 25, 2024."


def test_parts_of_today_ignore_a_holiday_the_last_question_left(make_skill: Make) -> None:
    skill = make_skill("datetime")
    carried = {"holiday": "Saint Patrick's Day"}  # context from "when is st patrick's day"
    assert skill.turn("datetime.date", carried, text="what year is it").text == "It's 2024."
    assert skill.turn("datetime.date", carried, text="what month is it").text == "It's March 2024."
    assert skill.turn("datetime.date", carried, text="what week are we in").text == "It's week 11 of 2024."
    assert skill.turn("datetime.date", carried, text="when is it").text.startswith("Saint Patrick's Day is on")


def test_is_it_a_holiday_today_says_no_before_the_next_one(make_skill: Make) -> None:
    skill = make_skill("datetime")
    assert skill.turn("datetime.next_holiday", {}, text="is it a holiday today").text == (
        "No, today isn't a holiday. The next holiday is Saint Patrick's Day, in 2 days, on Sunday, March 17, 2024."
    )
    assert skill.turn("datetime.next_holiday", {}, text="what's the next holiday").text.startswith("The next")


def test_a_holiday_slot_naming_none_is_the_day_the_date_slot_reads(make_skill: Make) -> None:
    skill = make_skill("datetime")  # Rasa's tagger took "sunday" for a holiday as well as a date
    slots = {"holiday": "sunday", "date": {"weekday": 6, "next_week": False, "value": "sunday"}}
    assert skill.turn("datetime.countdown", slots, text="how many days until sunday").text == (
        "2 days until Sunday, March 17, 2024."
    )
    assert skill.turn("datetime.date", {"holiday": "bastille day"}, text="when is bastille day").text.startswith(
        "Sorry"
    )
