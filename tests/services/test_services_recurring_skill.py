"""Repeating alarms and reminders through the skill's handler: a series set in one process rings in the next and
goes on; a snooze moves one ring; a series in New York keeps its wall-clock time across the change to summer time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from services_skill_harness import SkillHarness, expecting

from assistant.config import Settings
from assistant.config.router import RouterSettings
from assistant.router.services.clock import ManualClock
from assistant.router.skills.handler import SkillContext
from assistant.router.skills.loading import create_handler
from assistant.router.skills.manifest import load_manifest
from assistant.router.skills.registry import BUILTIN_DIR

Make = Callable[..., SkillHarness]
SEVEN = {"hour": 7, "minute": 0, "day_offset": 0, "explicit": True}
WEEKDAY_ALARM = "set an alarm for 7 am every weekday"

SCRIPT = """
import json, sys
from datetime import datetime, timedelta
from pathlib import Path
sys.path.insert(0, "tests/services")
from services_skill_harness import SkillHarness
from assistant.router.services.clock import ManualClock

data_dir, action, when = Path(sys.argv[1]), sys.argv[2], datetime.fromisoformat(sys.argv[3])
skill = SkillHarness("alarms", data_dir, ManualClock(when))
out = []
if action == "set":
    seven = {"hour": 7, "minute": 0, "day_offset": 0, "explicit": True}
    out.append(skill.turn("alarms.set", {"time": seven}, text="set an alarm for 7 am every weekday").text)
else:
    skill.clock.advance(timedelta(minutes=int(action)))
    out += skill.announced
    out.append(skill.turn("alarms.list", text="what alarms do I have").text)
skill.close()
print(json.dumps(out))
"""

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, action: str, when: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir), action, when],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[str] = json.loads(done.stdout)
    return result


def test_a_weekday_alarm_set_in_one_process_rings_in_the_next_and_goes_on(tmp_path: Path) -> None:
    assert run(tmp_path, "set", "2024-03-15T09:30:00+00:00") == [
        "Your alarm is set for 7:00 AM every weekday, starting Monday."
    ]
    assert run(tmp_path, "1", "2024-03-18T06:59:00+00:00") == [  # Monday
        "Good morning! It's 7:00 AM, time to wake up.",
        "You have an alarm at 7:00 AM every weekday, the next one tomorrow.",
    ]
    assert run(tmp_path, "1", "2024-03-19T06:59:00+00:00") == [  # and Tuesday, in a third process
        "Good morning! It's 7:00 AM, time to wake up.",
        "You have an alarm at 7:00 AM every weekday, the next one tomorrow.",
    ]
    assert run(tmp_path, "1", "2024-03-22T08:00:00+00:00") == [  # Friday's missed while down: once, late
        "Sorry, I missed this while I was off: your 7:00 AM alarm.",
        "You have an alarm at 7:00 AM every weekday, the next one on Monday.",
    ]


def test_a_snoozed_ring_is_one_ring_and_the_series_goes_on(make_skill: Make) -> None:
    skill = make_skill("alarms")
    assert skill.turn("alarms.set", {"time": SEVEN}, text=WEEKDAY_ALARM).text == (
        "Your alarm is set for 7:00 AM every weekday, starting Monday."
    )
    skill.clock.advance(timedelta(days=2, hours=21, minutes=30))  # Monday 7:00
    assert skill.announced == ["Good morning! It's 7:00 AM, time to wake up."]
    assert skill.turn("alarms.snooze").text == "Snoozed for 10 minutes, until 7:10 AM."
    skill.clock.advance(timedelta(minutes=10))
    assert skill.turn("alarms.snooze").text == "Snoozed for 10 minutes, until 7:20 AM."
    skill.clock.advance(timedelta(minutes=10))
    assert len(skill.announced) == 3
    assert skill.turn("alarms.list", text="what alarms do I have").text == (
        "You have an alarm at 7:00 AM every weekday, the next one tomorrow."
    )
    skill.clock.advance(timedelta(hours=23, minutes=40))  # Tuesday 7:00: one ring, not one per snooze
    assert skill.announced[3:] == ["Good morning! It's 7:00 AM, time to wake up."]


def test_a_repeating_reminder_asks_what_and_keeps_its_days(make_skill: Make) -> None:
    skill = make_skill("alarms")
    nine = {"hour": 9, "minute": 0, "day_offset": 0, "explicit": True}
    asked = skill.turn("alarms.remind", {"time": nine}, text="set a reminder every day at 9 am")
    assert expecting(asked) == "reminder"
    reply = skill.turn("alarms.remind", {"time": nine, "reminder": "take my pills"}, text="take my pills")
    assert reply.text == "OK, I'll remind you to take your pills at 9:00 AM every day, starting tomorrow."
    again = skill.turn("alarms.remind", {"time": nine, "reminder": "take my pills"}, text=reply.text or "")
    assert again.text == "You already have a reminder to take your pills at 9:00 AM every day, the next one tomorrow."


def test_a_correction_keeps_the_days_and_replaces_the_series(make_skill: Make) -> None:
    skill = make_skill("alarms")
    skill.turn("alarms.set", {"time": SEVEN}, text=WEEKDAY_ALARM)
    half_past = {"hour": 7, "minute": 30, "day_offset": 0, "explicit": False}
    fixed = skill.turn("alarms.set", {"time": half_past}, text="no, 7:30", corrects={"time": SEVEN})
    assert fixed.text == "Your alarm is set for 7:30 AM every weekday, starting Monday instead."
    assert skill.turn("alarms.list").text == "You have an alarm at 7:30 AM every weekday, the next one on Monday."


class ZonedHarness(SkillHarness):
    """The alarms skill with ``router.timezone`` set to ``zone``."""

    def __init__(self, data_dir: Path, clock: ManualClock, zone: str) -> None:
        self.clock, self.announced, self.data_dir, self.state = clock, [], data_dir, {}
        self.manifest = load_manifest(BUILTIN_DIR / "alarms" / "skill.yml")
        settings = Settings(data_dir=data_dir, router=RouterSettings(timezone=zone))
        self.handler = create_handler(SkillContext(self.manifest, settings, clock, (self.manifest,), self._announce))


def test_in_new_york_the_alarm_stays_at_7_across_the_change_to_summer_time(tmp_path: Path) -> None:
    zone = ZoneInfo("America/New_York")
    clock = ManualClock(datetime(2024, 3, 8, 9, 30, tzinfo=zone).astimezone(ZoneInfo("UTC")))  # Friday
    harness = ZonedHarness(tmp_path, clock, "America/New_York")
    announced = harness.announced
    every_day = {"hour": 7, "minute": 0, "day_offset": 0, "explicit": False}
    assert harness.turn("alarms.set", {"time": every_day}, text="wake me up every day at 7").text == (
        "Your alarm is set for 7:00 AM every day, starting tomorrow."
    )
    rings: list[str] = []
    for _ in range(3 * 24 * 60 // 15):  # three days in quarter hours
        clock.advance(timedelta(minutes=15))
        if len(announced) > len(rings):
            rings.append(clock.now().astimezone(zone).strftime("%a %H:%M %Z"))
    assert rings == ["Sat 07:00 EST", "Sun 07:00 EDT", "Mon 07:00 EDT"]
    harness.close()
