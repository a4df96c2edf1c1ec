"""The alarms-and-reminders skill through its handler, on a manual clock starting Friday 2024-03-15 9:30 UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from services_skill_harness import SkillHarness, expecting

Make = Callable[..., SkillHarness]


def test_wake_me_up_at_7_rings_tomorrow_and_snoozes(make_skill: Make) -> None:
    skill = make_skill("alarms")
    assert skill.turn("alarms.set", {"time": {"hour": 7, "minute": 0, "day_offset": 0}}).text == (
        "Your alarm is set for 7:00 AM tomorrow."
    )
    skill.clock.advance(timedelta(hours=21, minutes=29))
    assert skill.announced == []
    skill.clock.advance(timedelta(minutes=1))
    assert skill.announced == ["Good morning! It's 7:00 AM, time to wake up."]
    assert skill.turn("alarms.snooze").text == "Snoozed for 10 minutes, until 7:10 AM."
    skill.clock.advance(timedelta(minutes=10))
    assert len(skill.announced) == 2
    assert skill.turn("alarms.snooze", {"duration": "five minutes"}).text == "Snoozed for 5 minutes, until 7:15 AM."


def test_remind_me_to_call_mom_at_6_pm(make_skill: Make) -> None:
    skill = make_skill("alarms")
    reply = skill.turn("alarms.remind", {"reminder": "to call mom", "time": "6 pm"})
    assert reply.text == "OK, I'll remind you to call mom at 6:00 PM today."
    skill.turn("alarms.remind", {"reminder": "take out the trash", "duration": {"seconds": 1800}})
    assert skill.turn("alarms.list").text == (
        "You have 2: a reminder to take out the trash at 10:00 AM today; a reminder to call mom at 6:00 PM today."
    )
    skill.clock.advance(timedelta(hours=9))
    assert skill.announced == ["Reminder: take out the trash.", "Reminder: call mom."]
    asked = skill.turn("alarms.remind", {"reminder": "water the plants"})
    assert expecting(asked) == "time" and asked.text == "When should I remind you to water the plants?"


def test_dates_and_times_without_am_pm(make_skill: Make) -> None:
    skill = make_skill("alarms")
    assert skill.turn("alarms.set", {"time": "half past six", "date": "monday"}).text == (
        "Your alarm is set for 6:30 AM on Monday."
    )
    assert skill.turn("alarms.set", {"time": "8 o'clock"}).text == "Your alarm is set for 8:00 PM today."
    assert skill.turn("alarms.set", {"time": "7 am", "date": "2024-03-01"}).text == (
        "That time has already passed. Which time did you mean?"
    )
    assert expecting(skill.turn("alarms.set", {"time": "whenever"})) == "time"
    # a tagger that takes "in the evening" of "seven o'clock in the evening" for the date: no day, the evening
    evening = skill.turn("alarms.set", {"time": "seven o'clock", "date": "in the evening"})
    assert evening.text == "Your alarm is set for 7:00 PM today."
    morning = skill.turn("alarms.set", {"time": "six", "date": "in the morning"})  # not 6 PM, the next six
    assert morning.text == "Your alarm is set for 6:00 AM tomorrow."


def test_cancel_by_time_kind_or_text_with_confirmation_for_several(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.turn("alarms.set", {"time": "7 am"})
    skill.turn("alarms.set", {"time": "8 am"})
    skill.turn("alarms.remind", {"reminder": "call mom", "time": "6 pm"})
    assert skill.turn("alarms.cancel", {"alarm_kind": "alarm", "time": "8 am"}).text == (
        "OK, I cancelled an alarm at 8:00 AM tomorrow."
    )
    assert skill.turn("alarms.cancel", {"reminder": "call mom"}).text == (
        "OK, I cancelled a reminder to call mom at 6:00 PM today."
    )
    skill.turn("alarms.set", {"time": "9 am"})
    reply = skill.turn("alarms.cancel", {"alarm_kind": "alarm"})
    assert expecting(reply) == "confirm" and reply.text is not None and reply.text.startswith("That matches 2")
    assert skill.turn("alarms.cancel", {"alarm_kind": "alarm"}, confirmed=True).text == "OK, I cancelled all 2."
    assert skill.turn("alarms.list").text == "You don't have any alarms or reminders."
    assert skill.turn("alarms.snooze").text == "There's nothing to snooze right now."


def test_calendar_dates_and_listing_one_day(make_skill: Make) -> None:
    skill = make_skill("alarms")
    # the NLU can read the reminder up to the time, overlapping the date: the date is not repeated in the label
    reply = skill.turn("alarms.remind", {"reminder": "pay rent on the 1st", "date": "the 1st", "time": "9 am"})
    assert reply.text == "OK, I'll remind you to pay rent at 9:00 AM on April 1."
    assert skill.turn("alarms.set", {"time": "7 am", "date": "march 20th"}).text == (
        "Your alarm is set for 7:00 AM on Wednesday."
    )
    assert skill.turn("alarms.list", {"date": "the first of april"}, text="what do I have the first of april").text == (
        "You have a reminder to pay rent at 9:00 AM on April 1."
    )
    assert (
        skill.turn("alarms.list", {"date": "tomorrow"}, text="what do I have tomorrow").text
        == "You don't have any alarms or reminders tomorrow."
    )
    assert skill.turn("alarms.list", {"date": "february 30"}, text="what do I have february 30").text == (
        'Sorry, I can\'t tell which day "february 30" is. Try "tomorrow", "next Friday" or "March 3rd".'
    )
    assert skill.turn("alarms.list").text.startswith("You have 2: ")


def test_an_hour_said_without_am_or_pm_is_the_next_one(make_skill: Make) -> None:
    skill = make_skill("alarms")  # 9:30 AM: "at 3" is this afternoon, not 3 AM tomorrow
    three = {"hour": 3, "minute": 0, "day_offset": 0, "explicit": False}
    assert skill.turn("alarms.remind", {"reminder": "stretch", "time": three}).text == (
        "OK, I'll remind you to stretch at 3:00 PM today."
    )
    three_am = {**three, "explicit": True}
    assert skill.turn("alarms.set", {"time": three_am}).text == "Your alarm is set for 3:00 AM tomorrow."


def test_a_day_too_far_ahead_is_said_not_raised(make_skill: Make) -> None:
    skill = make_skill("alarms")
    far = {"reminder": "x", "duration": {"seconds": 99_999_999_999 * 86_400}}
    assert skill.turn("alarms.remind", far).text == "I can set alarms and reminders up to a year ahead."
    later = {"time": "7 am", "date": {"day_offset": 400, "value": "in 400 days"}}
    assert skill.turn("alarms.set", later).text == "I can set alarms and reminders up to a year ahead."
    absurd = {"time": "7 am", "date": {"day_offset": 3_000_000, "value": "in 3000000 days"}}
    assert skill.turn("alarms.set", absurd).text.startswith('Sorry, I can\'t tell which day "in 3000000 days" is.')


def test_an_alarm_is_moved_not_duplicated(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.turn("alarms.set", {"time": "7 am"})
    skill.turn("alarms.remind", {"reminder": "feed my cat", "time": "6 pm"})  # said back as "your cat"
    moved = skill.turn("alarms.change", {"time": "7 am", "new_time": {"hour": 7, "minute": 30, "explicit": False}})
    assert moved.text == "OK, your alarm is now at 7:30 AM tomorrow."
    evening = {"hour": 7, "minute": 0, "explicit": False}
    assert skill.turn("alarms.change", {"alarm_kind": "reminder", "new_time": evening}).text == (
        "OK, your reminder to feed your cat is now at 7:00 PM today."  # the half of the day it was in
    )
    assert skill.turn("alarms.list").text == (
        "You have 2: a reminder to feed your cat at 7:00 PM today; an alarm at 7:30 AM tomorrow."
    )
    assert expecting(skill.turn("alarms.change", {"alarm_kind": "alarm"})) == "new_time"


def test_cancelling_alarms_and_reminders_cancels_what_the_question_named(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.turn("alarms.set", {"time": "7 am"})
    skill.turn("alarms.remind", {"reminder": "call mom", "time": "6 pm"})
    everything = skill.turn("alarms.cancel", {"alarm_kind": "alarm"}, text="delete all my alarms and reminders")
    assert everything.text.startswith("That matches 2: ") and expecting(everything) == "confirm"
    done = skill.turn("alarms.cancel", {"alarm_kind": "alarm"}, text="yes", confirmed=True)
    assert done.text == "OK, I cancelled all 2."
    assert skill.turn("alarms.list").text == "You don't have any alarms or reminders."


def test_a_long_listing_reads_the_soonest_and_counts_the_rest(make_skill: Make) -> None:
    skill = make_skill("alarms")
    for minute in range(30):
        skill.turn("alarms.remind", {"reminder": f"task {minute}", "time": f"6:{minute:02d} pm"})
    reply = skill.turn("alarms.list").text or ""
    assert reply.startswith("You have 30: a reminder to task 0 at 6:00 PM today; ")
    assert reply.endswith("a reminder to task 9 at 6:09 PM today; and 20 more.")


def test_wake_me_up_without_am_or_pm_is_the_morning_and_years_are_too_far(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.clock.advance(timedelta(hours=4))  # 1:30 PM
    seven = {"hour": 7, "minute": 0, "day_offset": 0, "explicit": False}
    assert skill.turn("alarms.set", {"time": seven}, text="wake me up at 7").text == (
        "Your alarm is set for 7:00 AM tomorrow."
    )
    assert skill.turn("alarms.set", {"time": seven}, text="set an alarm for 7").text == (
        "Your alarm is set for 7:00 PM today."
    )
    passport = {"reminder": "renew my passport", "duration": {"seconds": 315_360_000}}  # "in 10 years"
    assert skill.turn("alarms.remind", passport).text == "I can set alarms and reminders up to a year ahead."


def test_repeating_duplicate_next_and_cancel_by_day(make_skill: Make) -> None:
    skill = make_skill("alarms")
    repeating = skill.turn("alarms.set", {"time": "7 am"}, text="set an alarm for every other week at 7")
    assert repeating.text.startswith("I can repeat alarms and reminders every day, on weekdays, on weekends")
    assert skill.turn("alarms.list").text == "You don't have any alarms or reminders."  # nothing was set
    skill.turn("alarms.set", {"time": "7 am"})
    assert skill.turn("alarms.set", {"time": "7 am"}).text == "You already have an alarm at 7:00 AM tomorrow."
    skill.turn("alarms.set", {"time": "8 am", "date": "monday"})
    skill.turn("alarms.remind", {"reminder": "call mom", "time": "6 pm"})
    assert skill.turn("alarms.list", text="what reminders do I have").text == (
        "You have a reminder to call mom at 6:00 PM today."
    )
    assert skill.turn("alarms.list", text="when is my next alarm").text == (
        "Your next one is an alarm at 7:00 AM tomorrow."
    )
    monday = {"alarm_kind": "alarm", "date": {"weekday": 0, "value": "monday"}}
    assert skill.turn("alarms.cancel", monday, text="cancel my alarm for monday").text == (
        "OK, I cancelled an alarm at 8:00 AM on Monday."
    )


def test_a_reminder_at_a_small_hour_on_a_later_day_is_the_afternoon(make_skill: Make) -> None:
    skill = make_skill("alarms")
    three = {"hour": 3, "minute": 0, "day_offset": 1, "explicit": False}  # "at 3 tomorrow"
    assert skill.turn("alarms.remind", {"reminder": "call the vet", "time": three}).text == (
        "OK, I'll remind you to call the vet at 3:00 PM tomorrow."
    )
    six_thirty = {"hour": 6, "minute": 30, "day_offset": 0, "explicit": False}
    assert skill.turn("alarms.set", {"time": six_thirty, "date": "monday"}).text == (
        "Your alarm is set for 6:30 AM on Monday."  # an alarm is a morning one
    )


def test_a_corrected_alarm_or_reminder_replaces_the_one_just_set(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.turn("alarms.remind", {"reminder": "call mom", "time": "5 pm"})
    fixed = skill.turn("alarms.remind", {"reminder": "call mom", "time": "6 pm"}, corrects={"time": "5 pm"})
    assert fixed.text == "OK, I'll remind you to call mom at 6:00 PM today instead."
    skill.turn("alarms.set", {"time": "7 am"})
    moved = skill.turn("alarms.set", {"time": "8 am"}, corrects={"time": "7 am"})
    assert moved.text == "Your alarm is set for 8:00 AM tomorrow instead."
    assert skill.turn("alarms.list").text == (
        "You have 2: a reminder to call mom at 6:00 PM today; an alarm at 8:00 AM tomorrow."
    )
    skill.turn("alarms.cancel", {"alarm_kind": "alarm"}, text="cancel my alarm")
    skill.state = {}  # nothing just set: a correction sets what it says and cancels nothing
    again = skill.turn("alarms.set", {"time": "9 am"}, corrects={"time": "8 am"})
    assert again.text == "Your alarm is set for 9:00 AM tomorrow."


def test_a_day_left_in_the_reminders_words_is_its_day(make_skill: Make) -> None:
    skill = make_skill("alarms")  # the NLU read "water the plants next week" as the reminder, no date
    reply = skill.turn("alarms.remind", {"reminder": "water the plants next week", "time": "6 pm"})
    assert reply.text == "OK, I'll remind you to water the plants at 6:00 PM on Monday."
    spilled = {"reminder": "renew my", "date": {"month": 3, "day": 26, "value": "my gym pass on march 26th"}}
    assert skill.turn("alarms.remind", {**spilled, "time": "9 am"}).text == (
        "OK, I'll remind you to renew your gym pass at 9:00 AM on March 26."
    )


def test_the_new_time_of_a_change_is_read_from_the_words_first(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.turn("alarms.set", {"time": "7 am"})
    tagged_twice = {"time": "7 am", "new_time": "7 am"}  # as Rasa's tagger once read "change my 7 am alarm to 7:30"
    moved = skill.turn("alarms.change", tagged_twice, text="change my 7 am alarm to 7:30")
    assert moved.text == "OK, your alarm is now at 7:30 AM tomorrow."


def test_a_day_the_tagger_cut_short_is_read_from_the_words(make_skill: Make) -> None:
    skill = make_skill("alarms")  # as Rasa once tagged "remind me to water the plants next week at 6 pm"
    slots = {"reminder": "water the plants", "date": "next", "time": "6 pm"}
    reply = skill.turn("alarms.remind", slots, text="remind me to water the plants next week at 6 pm")
    assert reply.text == "OK, I'll remind you to water the plants at 6:00 PM on Monday."
    kept = {**slots, "reminder": "feed the cat next week"}  # the day also left in the reminder's words
    assert skill.turn("alarms.remind", kept, text="remind me to feed the cat next week at 6 pm").text == (
        "OK, I'll remind you to feed the cat at 6:00 PM on Monday."
    )
    unknown = skill.turn("alarms.remind", {**slots, "date": "someday"}, text="remind me to water the plants someday")
    assert unknown.text is not None and unknown.text.startswith("Sorry, I can't tell which day")
