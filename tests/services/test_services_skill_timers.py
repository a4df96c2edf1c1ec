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
    assert skill.turn("timers.remaining", {"timer_name": "eggs"}).text == "You don't have a eggs timer."
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
