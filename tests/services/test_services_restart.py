"""A timer set in one process is listed, and fires, in the next: two real processes on one SQLite file.

Each step is a separate ``python -c`` process on a manual clock set from its argument, so the times are exact
and the test does not wait for real minutes to pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, sys
from datetime import datetime, timedelta
from pathlib import Path
from assistant.router.services.clock import ManualClock
from assistant.router.services.schedule_store import ScheduleStore
from assistant.router.services.scheduler import Scheduler

data_dir, action, when = Path(sys.argv[1]), sys.argv[2], datetime.fromisoformat(sys.argv[3])
clock = ManualClock(when)
store = ScheduleStore.in_dir(data_dir)
out = []
def fired(f):
    out.append({"fired": f.entry.label, "late": f.late, "at": f.at.isoformat()})
if action == "set":
    store.add("timer", when + timedelta(minutes=10), created=when, label="pasta", duration_s=600)
    out.append({"set": "pasta"})
else:
    out.append({"pending": [e.label for e in store.pending()]})
    scheduler = Scheduler(store, clock, fired, ["timer"])
    scheduler.start()
    if action == "wait":
        clock.advance(timedelta(minutes=5))
        out.append({"after": "5 min"})
        clock.advance(timedelta(minutes=5))
    scheduler.stop()
print(json.dumps(out))
"""

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, action: str, when: str) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir), action, when],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[dict[str, object]] = json.loads(done.stdout)
    return result


def test_a_timer_survives_a_restart_and_fires_in_the_next_process(tmp_path: Path) -> None:
    assert run(tmp_path, "set", "2024-03-15T09:00:00+00:00") == [{"set": "pasta"}]
    assert run(tmp_path, "wait", "2024-03-15T09:00:00+00:00") == [
        {"pending": ["pasta"]},
        {"after": "5 min"},
        {"fired": "pasta", "late": False, "at": "2024-03-15T09:10:00+00:00"},
    ]
    assert run(tmp_path, "start", "2024-03-15T10:00:00+00:00") == [{"pending": []}]


def test_a_timer_missed_while_down_fires_once_late_at_start(tmp_path: Path) -> None:
    run(tmp_path, "set", "2024-03-15T09:00:00+00:00")
    assert run(tmp_path, "start", "2024-03-15T09:30:00+00:00") == [
        {"pending": ["pasta"]},
        {"fired": "pasta", "late": True, "at": "2024-03-15T09:30:00+00:00"},
    ]
    assert run(tmp_path, "start", "2024-03-15T09:31:00+00:00") == [{"pending": []}]
