"""The alarms and timers handlers on what a demanding user found wrong (QA 2026-11-25), on a manual clock at Friday
2024-03-15 17:47 UTC: corrections keep the half of the day, reminders take only the times they were given, "it" is
the one just set, snoozes are ten minutes, extensions are corrected, several timers are picked from."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.router.services.clock import ManualClock
from assistant.router.skills.manifest import load_manifest
from assistant.router.skills.registry import BUILTIN_DIR

EVENING = datetime(2024, 3, 15, 17, 47, tzinfo=UTC)


@pytest.fixture
def make(tmp_path: Path) -> Iterator[Any]:
    """A built-in skill through its handler (the services tests' harness), closed afterwards."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
    harness = importlib.import_module("services_skill_harness")
    made: list[Any] = []

    def skill(name: str) -> Any:
        made.append(harness.SkillHarness(name, tmp_path, ManualClock(EVENING)))
        return made[-1]

    yield skill
    for one in made:
        one.close()


def expecting(reply: Any) -> str | None:
    return (reply.channel_data or {}).get("expecting") if reply.input_hint == "expectingInput" else None


def time(hour: int, minute: int = 0, *, explicit: bool = True) -> dict[str, object]:
    return {"hour": hour, "minute": minute, "day_offset": 0, "explicit": explicit}


def test_a_corrected_alarm_time_keeps_the_morning(make: Any) -> None:
    alarms = make("alarms")
    assert alarms.turn("alarms.set", {"time": time(7)}).text == "Your alarm is set for 7:00 AM tomorrow."
    reply = alarms.turn("alarms.set", {"time": time(7, 15, explicit=False)}, corrects={"time": time(7)})
    assert reply.text == "Your alarm is set for 7:15 AM tomorrow instead."  # was 7:15 PM today
    assert alarms.turn("alarms.list").text == "You have an alarm at 7:15 AM tomorrow."


def test_a_reminder_at_a_small_hour_is_the_afternoon(make: Any) -> None:
    alarms = make("alarms")
    reply = alarms.turn("alarms.remind", {"reminder": "pick up the kids", "time": time(3, 30, explicit=False)})
    assert reply.text == "OK, I'll remind you to pick up the kids at 3:30 PM tomorrow."  # was 3:30 AM
    reply = alarms.turn("alarms.remind", {"reminder": "feed the cat", "time": time(8, explicit=False)})
    assert reply.text == "OK, I'll remind you to feed the cat at 8:00 PM today."  # 7-12: the next one, as before


def test_a_reminder_does_not_take_the_alarm_s_time(make: Any) -> None:
    alarms = make("alarms")
    alarms.turn("alarms.set", {"time": time(19)}, text="set an alarm for 7 pm")
    asked = alarms.turn("alarms.remind", {"time": time(19), "reminder": "drink water"}, text="drink water")
    assert expecting(asked) == "time" and asked.text == "When should I remind you to drink water?"
    said = alarms.turn("alarms.remind", {"time": time(19), "reminder": "drink water"}, text="at 7 pm")
    assert said.text == "OK, I'll remind you to drink water at 7:00 PM today."


def test_a_reminder_answer_keeps_its_verb_and_a_morning_stays_morning(make: Any) -> None:
    alarms = make("alarms")
    reply = alarms.turn("alarms.remind", {"reminder": "milk"}, text="buy milk")
    assert reply.text == "When should I remind you to buy milk?"
    morning = {"day_offset": 1, "value": "tomorrow morning"}
    reply = alarms.turn("alarms.remind", {"reminder": "walk", "date": morning, "time": time(7, explicit=False)})
    assert reply.text == "OK, I'll remind you to walk at 7:00 AM tomorrow."


def test_change_it_moves_the_one_just_set(make: Any) -> None:
    alarms = make("alarms")
    alarms.turn("alarms.remind", {"reminder": "call mom", "time": time(18)})
    reply = alarms.turn("alarms.change", {"time": time(19)}, text="change it to 7 pm")
    assert reply.text == "OK, your reminder to call mom is now at 7:00 PM today."


def test_snooze_takes_no_length_from_the_request_before_and_is_corrected(make: Any) -> None:
    alarms = make("alarms")
    minute = {"duration": {"seconds": 60}}
    assert alarms.turn("alarms.set", minute, text="wake me up in 1 minute").text == (
        "Your alarm is set for 5:48 PM today."
    )
    alarms.clock.advance(timedelta(minutes=1))
    assert alarms.announced == ["It's 5:48 PM: your alarm is ringing."]
    snoozed = alarms.turn("alarms.snooze", minute, text="snooze")  # the router carried the alarm's minute
    assert snoozed.text == "Snoozed for 10 minutes, until 5:58 PM."
    fixed = alarms.turn("alarms.snooze", {"duration": {"seconds": 300}}, text="no, 5 minutes", corrects={"x": 1})
    assert fixed.text == "Snoozed for 5 minutes instead, until 5:53 PM."
    again = alarms.turn("alarms.snooze", {"duration": {"seconds": 180}}, text="snooze for 3 minutes")
    assert again.text == "Snoozed for 3 minutes, until 5:51 PM."  # the one just snoozed, not "nothing to snooze"
    manifest = load_manifest(BUILTIN_DIR / "alarms" / "skill.yml")
    assert manifest.intent("alarms.remind").followup is True  # "no, 6 pm" still corrects a reminder


def test_a_corrected_extension_replaces_it(make: Any) -> None:
    timers = make("timers")
    timers.turn("timers.set", {"duration": {"seconds": 600}})
    assert timers.turn("timers.extend", {"duration": {"seconds": 300}}).text == (
        "OK, I added 5 minutes to your 10 minute timer: 15 minutes left."
    )
    reply = timers.turn("timers.extend", {"duration": {"seconds": 1200}}, corrects={"duration": {"seconds": 300}})
    assert reply.text == "OK, I added 20 minutes instead of 5 minutes to your 10 minute timer: 30 minutes left."
    assert timers.turn("timers.extend", {"duration": {"seconds": 60}}).text.endswith("31 minutes left.")


def test_a_timer_request_takes_no_length_the_router_only_carried(make: Any) -> None:
    timers = make("timers")
    timers.turn("timers.set", {"duration": {"seconds": 300}}, text="set a timer for 5 minutes")
    asked = timers.turn("timers.set", {"duration": {"seconds": 300}}, text="set a timer")
    assert expecting(asked) == "duration" and asked.text == "For how long?"
    assert timers.turn("timers.set", {"minutes": 10}, text="ten").text == "OK, 10 minutes, starting now."
    listed = timers.turn("timers.list", {"duration": {"seconds": 600}, "minutes": 10}, text="what timers do I have")
    assert listed.text.startswith("You have 2 timers")  # not only the 10 minute one


def test_a_negative_timer_is_refused(make: Any) -> None:
    timers = make("timers")
    reply = timers.turn("timers.set", {"duration": {"seconds": 300}}, text="set a timer for minus 5 minutes")
    assert expecting(reply) == "duration" and "less than nothing" in reply.text
    assert timers.turn("timers.list").text == "You don't have any timers running."


def test_cancelling_the_timer_of_several_asks_which(make: Any) -> None:
    timers = make("timers")
    timers.turn("timers.set", {"duration": {"seconds": 300}})
    timers.turn("timers.set", {"duration": {"seconds": 90}})
    asked = timers.turn("timers.cancel", text="cancel the timer")
    assert expecting(asked) == "which"
    assert asked.text == (
        "You have 2 timers: a 1 minute 30 second timer and a 5 minute timer. Which one should I cancel, or all of them?"
    )
    again = timers.turn("timers.cancel", {"which": "which one"}, text="which one")
    assert expecting(again) == "which"  # names none of them: asked again
    done = timers.turn("timers.cancel", {"which": "the 90 second one"}, text="the 90 second one")
    assert done.text == "OK, I cancelled your 1 minute 30 second timer."
    assert timers.turn("timers.list").text == "There's 5 minutes left on your 5 minute timer."
    timers.turn("timers.set", {"duration": {"seconds": 60}})
    assert expecting(timers.turn("timers.cancel", text="cancel all my timers")) == "confirm"  # plural: all, once sure


def test_a_second_timer_with_a_running_name_is_named_apart(make: Any) -> None:
    timers = make("timers")
    timers.turn("timers.set", {"duration": {"seconds": 600}, "timer_name": "eggs"}, text="a 10 minute eggs timer")
    eggs = {"duration": {"seconds": 600}, "timer_name": "eggs"}
    reply = timers.turn("timers.set", eggs, text="set a timer for ten minutes for the eggs")
    assert (
        reply.text == "You already have an eggs timer, so this one is the second eggs timer: 10 minutes, starting now."
    )
    timers.clock.advance(timedelta(minutes=10))
    assert timers.announced == ["Your eggs timer is done.", "Your second eggs timer is done."]
