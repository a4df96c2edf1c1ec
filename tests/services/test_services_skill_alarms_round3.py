"""Alarms and reminders, round 3: four-digit 24-hour times, calendar months, "next week", "cancel that" after a
change, holidays as days, and the welcome. Manual clock from Friday 2024-03-15 9:30 UTC unless a test says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import pytest
from services_skill_harness import SkillHarness, expecting

from assistant.router.nlu.normalize import normalize, parse_time
from assistant.router.nlu.spoken_durations import calendar_duration, parse_duration
from assistant.router.opened_skill import welcome_question
from assistant.router.services.clock import ManualClock
from assistant.router.skills.dates import add_months

Make = Callable[..., SkillHarness]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0700", (7, 0, True)),  # a 24-hour clock's morning: never 7 PM
        ("0630", (6, 30, True)),
        ("0545 hours", (5, 45, True)),
        ("1930", (19, 30, True)),
        ("0000", (0, 0, True)),
        ("1130", (11, 30, False)),  # no leading zero: either half of the day, as "11:30"
        ("2400", None),
        ("0760", None),
        ("07000", None),
    ],
)
def test_four_digit_times_are_a_24_hour_clock(raw: str, expected: tuple[int, int, bool] | None) -> None:
    parsed = parse_time(raw)
    if expected is None:
        assert parsed is None
    else:
        hour, minute, explicit = expected
        assert parsed == {"hour": hour, "minute": minute, "day_offset": 0, "explicit": explicit}


def test_an_alarm_for_0700_said_in_the_evening_is_the_morning(make_skill: Make) -> None:
    skill = make_skill("alarms", ManualClock(datetime(2024, 3, 15, 20, 0, tzinfo=timezone.utc)))
    time = normalize("time", "0700")
    assert skill.turn("alarms.set", {"time": time}, text="set an alarm for 0700").text == (
        "Your alarm is set for 7:00 AM tomorrow."
    )


def test_months_and_years_are_calendar_ones_and_timers_keep_30_days() -> None:
    assert calendar_duration("6 months") == (6, 0)
    assert calendar_duration("a year and 2 days") == (12, 172_800)
    assert calendar_duration("two and a half months") == (2, 15 * 86_400)
    assert calendar_duration("ten minutes") == (0, 600) and calendar_duration("a while") is None
    assert parse_duration("two months") == 5_184_000  # unchanged: 30-day months where seconds are asked for
    assert normalize("duration", "in 6 months".removeprefix("in ")) == {
        "seconds": 15_552_000,
        "months": 6,
        "plus_seconds": 0,
    }
    assert normalize("duration", "ten minutes") == {"seconds": 600}  # no months: no new keys
    jan31 = datetime(2025, 1, 31, 9, 0, tzinfo=timezone.utc)
    assert add_months(jan31, 1) == datetime(2025, 2, 28, 9, 0, tzinfo=timezone.utc)  # clamped to February's end
    assert add_months(datetime(2024, 1, 31, tzinfo=timezone.utc), 1).day == 29  # a leap year
    assert add_months(jan31, 13) == datetime(2026, 2, 28, 9, 0, tzinfo=timezone.utc)


def test_remind_me_in_months_counts_calendar_months(make_skill: Make) -> None:
    skill = make_skill("alarms")  # March 15: 6 calendar months is September 15, not 180 days (September 11)
    six = normalize("duration", "6 months")
    assert skill.turn("alarms.remind", {"reminder": "renew my passport", "duration": six}).text == (
        "OK, I'll remind you to renew your passport at 9:30 AM on September 15."
    )
    said = skill.turn("alarms.remind", {"reminder": "check the smoke alarm", "duration": "6 months"})  # as words
    assert said.text == "OK, I'll remind you to check the smoke alarm at 9:30 AM on September 15."
    end_of_january = make_skill("alarms", ManualClock(datetime(2025, 1, 31, 8, 0, tzinfo=timezone.utc)))
    one = normalize("duration", "a month")
    assert end_of_january.turn("alarms.remind", {"reminder": "pay rent", "duration": one}).text == (
        "OK, I'll remind you to pay rent at 8:00 AM on February 28."
    )
    too_far = normalize("duration", "13 months")
    assert skill.turn("alarms.remind", {"reminder": "x", "duration": too_far}).text == (
        "I can set alarms and reminders up to a year ahead."
    )


def test_next_week_is_its_monday_morning_for_a_reminder_without_a_time(make_skill: Make) -> None:
    skill = make_skill("alarms")
    week = normalize("date", "next week")
    reply = skill.turn("alarms.remind", {"reminder": "call mom", "date": week}, text="remind me next week to call mom")
    assert reply.text == "OK, I'll remind you to call mom at 9:00 AM on Monday, the start of next week."
    at_five = {"reminder": "pay rent", "date": week, "time": normalize("time", "5 pm")}
    assert skill.turn("alarms.remind", at_five).text == "OK, I'll remind you to pay rent at 5:00 PM on Monday."
    alarm = skill.turn("alarms.set", {"date": week}, text="set an alarm for next week")
    assert expecting(alarm) == "time"  # an alarm needs its time: asked, not guessed


def test_cancel_that_after_a_change_cancels_the_changed_alarm(make_skill: Make) -> None:
    skill = make_skill("alarms")
    seven = normalize("time", "7 am")
    skill.turn("alarms.set", {"time": seven})
    skill.turn("alarms.set", {"time": normalize("time", "8 am")})
    moved = skill.turn("alarms.change", {"time": seven, "new_time": normalize("time", "7:30")})
    assert moved.text == "OK, your alarm is now at 7:30 AM tomorrow."
    # the router carries the change's "7 am" into the next turn; "that" is the alarm just changed
    cancelled = skill.turn("alarms.cancel", {"time": seven}, text="cancel that")
    assert cancelled.text == "OK, I cancelled an alarm at 7:30 AM tomorrow."
    assert skill.turn("alarms.list").text == "You have an alarm at 8:00 AM tomorrow."


def test_cancel_that_names_the_last_one_and_says_when_it_is_gone(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.turn("alarms.remind", {"reminder": "call mom", "time": normalize("time", "6 pm")})
    skill.turn("alarms.remind", {"reminder": "feed the cat", "time": normalize("time", "7 pm")})
    assert skill.turn("alarms.cancel", {}, text="actually, cancel that one").text == (
        "OK, I cancelled a reminder to feed the cat at 7:00 PM today."
    )
    assert skill.turn("alarms.list").text == "You have a reminder to call mom at 6:00 PM today."
    skill.turn("alarms.remind", {"reminder": "water the plants", "time": normalize("time", "8 pm")})
    skill.turn("alarms.cancel", {"reminder": "water the plants"})  # state has no "last" after a cancel
    skill.state = {"last": 999}
    assert skill.turn("alarms.cancel", {}, text="cancel it").text == (
        "That one isn't set anymore, so there's nothing to cancel."
    )


def test_a_holiday_is_a_day_for_a_reminder(make_skill: Make) -> None:
    skill = make_skill("alarms")
    christmas = normalize("date", "christmas")
    asked = skill.turn("alarms.remind", {"reminder": "buy a gift on", "date": christmas})  # the tagger's cut
    assert expecting(asked) == "time" and asked.text == "What time on December 25 should I remind you to buy a gift?"
    at_five = {"reminder": "buy a gift", "date": christmas, "time": normalize("time", "5 pm")}
    assert skill.turn("alarms.remind", at_five).text == "OK, I'll remind you to buy a gift at 5:00 PM on December 25."


def test_the_welcome_asks_what_to_set_and_no_free_text_question(make_skill: Make) -> None:
    manifest = make_skill("alarms").manifest
    assert manifest.welcome is not None and "wake you" not in manifest.welcome
    assert "alarm" in manifest.welcome and "remind" in manifest.welcome
    # a free-text question would make "7 am" the reminder's text: the welcome must not end with one
    assert welcome_question(manifest) is None


def test_listing_and_cancelling_next_week_reads_the_whole_week(make_skill: Make) -> None:
    skill = make_skill("alarms")
    at_nine = normalize("time", "9 am")
    for day in ("monday", "wednesday"):  # next week's (March 18 and 20)
        skill.turn("alarms.remind", {"reminder": f"gym on {day}", "time": at_nine, "date": normalize("date", day)})
    skill.turn("alarms.remind", {"reminder": "later", "time": at_nine, "date": normalize("date", "march 26th")})
    week = {"date": normalize("date", "next week")}
    listed = skill.turn("alarms.list", week, text="what reminders do I have next week").text or ""
    assert listed.startswith("You have 2: ") and "later" not in listed
    day = {"date": normalize("date", "the 25th of march")}
    assert skill.turn("alarms.list", day, text="what do I have the 25th of march").text == (
        "You don't have any alarms or reminders on March 25."
    )
    cancelled = skill.turn("alarms.cancel", {"alarm_kind": "reminder", **week}, text="cancel my reminders next week")
    assert expecting(cancelled) == "confirm" and (cancelled.text or "").startswith("That matches 2: ")
    skill.turn("alarms.cancel", {"alarm_kind": "reminder", **week}, text="yes", confirmed=True)
    assert skill.turn("alarms.list", week, text="what do I have next week").text == (
        "You don't have any alarms or reminders next week."
    )


def test_words_a_date_took_from_the_reminder_are_given_back(make_skill: Make) -> None:
    skill = make_skill("alarms")  # the date may be "my birthday on may 5th", so a tagger's date can take "rent"
    nine = normalize("time", "9 am")
    took = {"reminder": "pay", "date": normalize("date", "rent on march 26th"), "time": nine}
    assert skill.turn("alarms.remind", took).text == "OK, I'll remind you to pay rent at 9:00 AM on March 26."
    time_words = {"reminder": "renew my pass", "date": normalize("date", "am on march 27th"), "time": nine}
    assert skill.turn("alarms.remind", time_words).text == (
        "OK, I'll remind you to renew your pass at 9:00 AM on March 27."  # "am" was the time's, not "are"
    )
