"""The words of repeating alarms and reminders the skill reads itself: which days a request repeats on, what it
cannot repeat, how the days are said back, what of a reminder's words is the rule, and the hour of an unmarked time.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from assistant.router.services.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS, Rule
from assistant.router.services.schedule_store import Entry
from assistant.router.services.spoken_values import ClockTime
from assistant.router.skills.builtin.alarms import repeats, series


@pytest.mark.parametrize(
    ("words", "days"),
    [
        ("set an alarm for 7 am every weekday", WEEKDAYS),
        ("wake me up every day at 6:30", EVERY_DAY),
        ("set a repeating alarm for 8 on weekends", WEEKENDS),
        ("remind me to take my pills every day at 9 am", EVERY_DAY),
        ("every monday at 8 remind me to put out the bins", {0}),
        ("on mondays and wednesdays at 7", {0, 2}),
        ("every tuesday and thursday", {1, 3}),
        ("wake me up monday to friday at 6", WEEKDAYS),
        ("every day except sunday at 8", EVERY_DAY - {6}),
        ("everyday at 7", EVERY_DAY),
        ("water the plants every morning", EVERY_DAY),
        ("set a recurring alarm for 8", EVERY_DAY),  # no days: every day
        ("every weekday starting monday", WEEKDAYS),  # the start is no day of the rule
        ("set a weekly alarm for 8", frozenset()),  # the day of its first ring
        ("cancel my weekday alarm", WEEKDAYS),
        ("turn off the weekend alarms", WEEKENDS),
    ],
)
def test_the_days_a_request_repeats_on(words: str, days: frozenset[int]) -> None:
    assert repeats.days_said(words) == frozenset(days)


@pytest.mark.parametrize(
    "words",
    [
        "wake me up at 7 tomorrow",
        "set an alarm for monday at 7",
        "remind me to call mom this weekend",
        "remind me to check everything at 5",
        "remind me to book the weekday classes at 5",
        "remind me to call the weekend team",
        "cancel all alarms",
    ],
)
def test_one_offs_are_no_rule(words: str) -> None:
    assert repeats.days_said(words) is None


@pytest.mark.parametrize(
    "words",
    [
        "set an alarm every other week at 7",
        "remind me to drink water every 3 hours",
        "remind me to pay rent on the first of every month",
        "remind me to stretch every hour",
        "a monthly reminder to pay rent",
        "every two weeks",
    ],
)
def test_repeats_it_cannot_do_get_one_sentence(words: str) -> None:
    assert repeats.days_said(words) == repeats.CANNOT


def test_the_days_said_back() -> None:
    assert repeats.in_words(EVERY_DAY) == "every day"
    assert repeats.in_words(WEEKDAYS) == "every weekday"
    assert repeats.in_words(WEEKENDS) == "on weekends"
    assert repeats.in_words(frozenset({0})) == "every Monday"
    assert repeats.in_words(frozenset({1, 3})) == "every Tuesday and Thursday"
    assert repeats.in_words(frozenset({0, 2, 4})) == "every Monday, Wednesday and Friday"
    assert repeats.in_words(EVERY_DAY - {6}) == "every day except Sunday"


@pytest.mark.parametrize(
    ("said", "what"),
    [
        ("take my pills every day", "take my pills"),
        ("put out the bins on mondays and thursdays", "put out the bins"),
        ("water the plants every morning", "water the plants"),
        ("go to the gym on weekdays", "go to the gym"),
        ("walk the dog in the morning every day", "walk the dog in the morning"),
        ("turn the heating on every day", "turn the heating on"),
        ("call mom", "call mom"),
    ],
)
def test_the_rule_is_taken_off_a_reminder(said: str, what: str) -> None:
    assert repeats.without_rule(said) == what


def test_a_dangling_every_is_taken_off_when_the_day_was_taken_as_a_date() -> None:
    assert repeats.without_rule("call mom every", day_taken=True) == "call mom"
    assert repeats.without_rule("call mom on", day_taken=True) == "call mom"
    assert repeats.without_rule("turn the heating on") == "turn the heating on"


def test_an_unmarked_hour_is_a_morning_alarm_and_an_afternoon_reminder_from_1_to_6() -> None:
    seven, three, nine = (
        ClockTime(7, 0, explicit=False),
        ClockTime(3, 0, explicit=False),
        ClockTime(9, 0, explicit=False),
    )
    assert series.rule_for(WEEKDAYS, seven, "alarm", "wake me every weekday at 7") == Rule(WEEKDAYS, 7, 0)
    assert series.rule_for(EVERY_DAY, three, "reminder", "remind me every day at 3") == Rule(EVERY_DAY, 15, 0)
    assert series.rule_for(EVERY_DAY, nine, "reminder", "every day at 9") == Rule(EVERY_DAY, 9, 0)
    assert series.rule_for(EVERY_DAY, nine, "alarm", "every night at 9") == Rule(EVERY_DAY, 21, 0)
    assert series.rule_for(frozenset(), ClockTime(19, 0), "alarm", "weekly") == Rule(EVERY_DAY, 19, 0)


def test_a_series_rings_on_its_days_from_its_next_ring() -> None:
    monday = datetime(2024, 3, 18, 7, 0, tzinfo=timezone.utc)
    created = datetime(2024, 3, 15, tzinfo=timezone.utc)
    weekdays = Entry(1, "alarm", "", monday, created, rule=Rule(WEEKDAYS, 7, 0), zone="UTC")
    assert not series.rings_between(weekdays, date(2024, 3, 16), date(2024, 3, 17), timezone.utc)  # the weekend
    assert series.rings_between(weekdays, date(2024, 3, 19), date(2024, 3, 19), timezone.utc)
    assert not series.rings_between(weekdays, date(2024, 3, 15), date(2024, 3, 15), timezone.utc)  # before it
    one_off = Entry(2, "alarm", "", monday, created)
    assert not series.rings_between(one_off, date(2024, 3, 19), date(2024, 3, 19), timezone.utc)
