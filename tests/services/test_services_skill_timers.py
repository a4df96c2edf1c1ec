"""The timers skill through its handler: set, check, cancel, named timers, and the announcement when one fires."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from services_skill_harness import SkillHarness, expecting

from assistant.router.services.clock import ManualClock

Make = Callable[..., SkillHarness]


def test_set_check_and_fire(make_skill: Make) -> None:
    skill = make_skill("timers")
    reply = skill.turn("timers.set", {"duration": {"seconds": 600}})
    assert reply.text == "OK, 10 minutes, starting now."
    skill.clock.advance(timedelta(minutes=3, seconds=30))
    assert skill.turn("timers.remaining").text == "There's 6 minutes and 30 seconds left on your 10 minute timer."
    skill.clock.advance(timedelta(minutes=6, seconds=29))
    assert skill.announced == []
    skill.clock.advance(timedelta(seconds=1))
    assert skill.announced == ["Your 10 minute timer is done."]
    assert skill.turn("timers.remaining").text == "You don't have any timers running."


def test_named_timers_and_raw_words(make_skill: Make) -> None:
    skill = make_skill("timers")
    assert skill.turn("timers.set", {"duration": "five minutes", "timer_name": "Pasta"}).text == (
        "OK, pasta timer for 5 minutes, starting now."
    )
    skill.turn("timers.set", {"duration": {"seconds": 180}, "timer_name": "tea"})
    listed = skill.turn("timers.list").text
    assert listed == "You have 2 timers: 3 minutes left on your tea timer; 5 minutes left on your pasta timer."
    assert skill.turn("timers.remaining", {"timer_name": "pasta"}).text == "There's 5 minutes left on your pasta timer."
    assert skill.turn("timers.remaining", {"timer_name": "eggs"}).text == "You don't have an eggs timer."
    skill.clock.advance(timedelta(minutes=3))
    assert skill.announced == ["Your tea timer is done."]


def test_cancel_one_and_confirm_before_cancelling_several(make_skill: Make) -> None:
    skill = make_skill("timers")
    skill.turn("timers.set", {"duration": {"seconds": 60}, "timer_name": "eggs"})
    skill.turn("timers.set", {"duration": {"seconds": 120}})
    reply = skill.turn("timers.cancel")
    assert expecting(reply) == "confirm" and reply.text == "You have 2 timers. Cancel all of them?"
    assert skill.turn("timers.cancel", {"timer_name": "eggs"}).text == "OK, I cancelled your eggs timer."
    assert skill.turn("timers.cancel").text == "OK, I cancelled your 2 minute timer."
    skill.turn("timers.set", {"duration": {"seconds": 60}})
    skill.turn("timers.set", {"duration": {"seconds": 90}})
    assert skill.turn("timers.cancel", confirmed=True).text == "OK, I cancelled all 2 timers."
    skill.clock.advance(timedelta(hours=1))
    assert skill.announced == []
    assert skill.turn("timers.cancel").text == "You don't have any timers running."


def test_missing_or_silly_durations(make_skill: Make) -> None:
    skill = make_skill("timers")
    asked = skill.turn("timers.set", {"duration": "a while"})
    assert expecting(asked) == "duration" and asked.text == "For how long?"
    assert "24 hours" in (skill.turn("timers.set", {"duration": {"seconds": 3 * 86400}}).text or "")


def test_a_timer_from_before_a_restart_fires_late_at_start(tmp_path: Path, make_skill: Make) -> None:
    clock = ManualClock()
    first = make_skill("timers", clock, tmp_path)
    first.turn("timers.set", {"duration": {"seconds": 300}, "timer_name": "bread"})
    first.close()
    later = ManualClock(clock.now() + timedelta(hours=1))
    second = make_skill("timers", later, tmp_path)
    assert second.announced == ["Sorry, I missed this while I was off: your bread timer went off at 9:35 AM."]


def test_add_time_to_the_timer_running_the_one_named_or_the_one_just_set(make_skill: Make) -> None:
    skill = make_skill("timers")
    assert skill.turn("timers.extend", {"duration": {"seconds": 60}}).text == "You don't have any timers running."
    skill.turn("timers.set", {"duration": {"seconds": 600}})
    added = skill.turn("timers.extend", {"duration": {"seconds": 300}})
    assert added.text == "OK, I added 5 minutes to your 10 minute timer: 15 minutes left."
    skill.turn("timers.set", {"duration": {"seconds": 300}, "timer_name": "pasta"})
    named = skill.turn("timers.extend", {"duration": "2 more minutes", "timer_name": "pasta"})
    assert named.text == "OK, I added 2 minutes to your pasta timer: 7 minutes left."
    again = skill.turn("timers.extend", {"duration": {"seconds": 60}})  # "give it another minute": the pasta timer
    assert again.text == "OK, I added 1 minute to your pasta timer: 8 minutes left."
    skill.clock.advance(timedelta(minutes=8))
    assert skill.announced == ["Your pasta timer is done."]
    assert skill.turn("timers.extend", {"duration": {"seconds": 60}, "timer_name": "eggs"}).text == (
        "You don't have an eggs timer."
    )


def test_adding_time_to_one_of_several_timers_asks_which_and_keeps_the_24_hour_limit(make_skill: Make) -> None:
    skill = make_skill("timers")
    skill.turn("timers.set", {"duration": {"seconds": 300}, "timer_name": "pasta"})
    skill.turn("timers.set", {"duration": {"seconds": 600}})
    skill.state = {}  # a new session: no timer was just set
    which = skill.turn("timers.extend", {"duration": {"seconds": 60}})
    assert which.text.startswith("You have 2 timers. Say which one, like: add 5 minutes to the ")
    too_long = skill.turn("timers.extend", {"duration": {"seconds": 24 * 3600}, "timer_name": "pasta"})
    assert too_long.text.startswith("A timer can run for up to 24 hours.")
    assert skill.turn("timers.remaining", {"timer_name": "pasta"}).text == "There's 5 minutes left on your pasta timer."


def test_a_corrected_timer_replaces_the_one_just_set(make_skill: Make) -> None:
    skill = make_skill("timers")
    skill.turn("timers.set", {"duration": {"seconds": 300}})
    fixed = skill.turn("timers.set", {"duration": {"seconds": 600}}, corrects={"duration": {"seconds": 300}})
    assert fixed.text == "OK, 10 minutes instead, starting now."
    assert skill.turn("timers.list").text == "There's 10 minutes left on your 10 minute timer."
    skill.state = {}  # nothing just set: a correction adds the timer as asked
    assert skill.turn("timers.set", {"duration": {"seconds": 60}}, corrects={}).text == "OK, 1 minute, starting now."


def test_added_time_is_read_from_the_words_when_the_tagger_kept_only_a_number(make_skill: Make) -> None:
    skill = make_skill("timers")
    skill.turn("timers.set", {"duration": {"seconds": 300}, "timer_name": "pasta"})
    added = skill.turn(
        "timers.extend", {"duration": "2", "timer_name": "pasta"}, text="add 2 more minutes to the pasta timer"
    )
    assert added.text == "OK, I added 2 minutes to your pasta timer: 7 minutes left."
    assert skill.turn("timers.extend", {}, text="give it another minute").text == (
        "OK, I added 1 minute to your pasta timer: 8 minutes left."
    )
