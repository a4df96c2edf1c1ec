"""The schedule store and scheduler under simulated time: due entries fire once, in order, and late when missed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.router.services.clock import ManualClock, SystemClock
from assistant.router.services.schedule_store import ScheduleStore
from assistant.router.services.scheduler import Firing, Scheduler

START = datetime(2024, 3, 15, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ScheduleStore]:
    opened = ScheduleStore.in_dir(tmp_path)
    yield opened
    opened.close()


def test_add_list_cancel(store: ScheduleStore) -> None:
    tea = store.add("timer", START + timedelta(minutes=5), created=START, label="tea", duration_s=300)
    alarm = store.add("alarm", START + timedelta(hours=20), created=START)
    pasta = store.add("timer", START + timedelta(minutes=2), created=START, label="pasta", duration_s=120)
    assert [e.label for e in store.pending(["timer"])] == ["pasta", "tea"]
    assert [e.id for e in store.pending()] == [pasta.id, tea.id, alarm.id]
    assert tea.remaining(START + timedelta(minutes=1)) == timedelta(minutes=4)
    assert store.cancel(pasta.id) == pasta
    assert store.cancel(pasta.id) is None
    assert store.next_due(["timer"]) == tea.due
    assert store.next_due(["reminder"]) is None


def test_cancel_pending_takes_only_a_pending_entry_of_the_kinds_asked(store: ScheduleStore) -> None:
    tea = store.add("timer", START + timedelta(minutes=5), created=START, label="tea", duration_s=300)
    alarm = store.add("alarm", START + timedelta(hours=20), created=START)
    assert store.cancel_pending(alarm.id, ["timer"]) is None and store.get(alarm.id) is not None
    assert store.cancel_pending(None, ["timer"]) is None and store.cancel_pending("7", ["timer"]) is None
    assert [e.id for e in store.claim_due(START + timedelta(minutes=5), ["timer"])] == [tea.id]  # fired, not pending
    assert store.cancel_pending(tea.id, ["timer"]) is None
    assert store.cancel_pending(alarm.id, ["alarm", "reminder"]) == alarm and store.get(alarm.id) is None


def test_naive_times_are_refused(store: ScheduleStore) -> None:
    with pytest.raises(ValueError, match="aware"):
        store.add("timer", datetime(2024, 1, 1), created=START)


def test_manual_clock_fires_in_order_exactly_once(store: ScheduleStore) -> None:
    clock = ManualClock(START)
    fired: list[Firing] = []
    scheduler = Scheduler(store, clock, fired.append, ["timer"])
    store.add("timer", START + timedelta(minutes=10), created=START, label="eggs")
    store.add("timer", START + timedelta(minutes=3), created=START, label="tea")
    store.add("alarm", START + timedelta(minutes=1), created=START)  # another kind: not this scheduler's
    assert scheduler.start() == ()
    clock.advance(timedelta(minutes=2))
    assert fired == []
    clock.advance(timedelta(minutes=1))
    assert [f.entry.label for f in fired] == ["tea"]
    assert not fired[0].late
    clock.advance(timedelta(minutes=30))
    assert [f.entry.label for f in fired] == ["tea", "eggs"]
    clock.advance(timedelta(minutes=30))
    assert len(fired) == 2
    assert [e.kind for e in store.pending()] == ["alarm"]
    scheduler.stop()
    clock.advance(timedelta(days=1))
    assert len(fired) == 2


def test_missed_entries_fire_once_at_start_as_late(store: ScheduleStore) -> None:
    store.add("reminder", START - timedelta(hours=1), created=START - timedelta(hours=2), label="call mom")
    store.add("reminder", START + timedelta(hours=1), created=START - timedelta(hours=2), label="later")
    fired: list[Firing] = []
    scheduler = Scheduler(store, ManualClock(START), fired.append, ["alarm", "reminder"])
    missed = scheduler.start()
    assert [(f.entry.label, f.late, f.lateness) for f in missed] == [("call mom", True, timedelta(hours=1))]
    assert fired == list(missed)
    again = Scheduler(store, ManualClock(START), fired.append, ["alarm", "reminder"])
    assert again.start() == ()


def test_snooze_makes_a_fired_entry_pending_again(store: ScheduleStore) -> None:
    clock = ManualClock(START)
    fired: list[Firing] = []
    Scheduler(store, clock, fired.append, ["alarm"]).start()
    alarm = store.add("alarm", START + timedelta(minutes=1), created=START)
    clock.advance(timedelta(minutes=1))
    assert store.last_fired(["alarm"], since=START) is not None
    snoozed = store.reschedule(alarm.id, clock.now() + timedelta(minutes=9))
    assert snoozed is not None and snoozed.pending
    clock.advance(timedelta(minutes=9))
    assert [f.entry.id for f in fired] == [alarm.id, alarm.id]


def test_a_failing_callback_does_not_stop_the_rest(store: ScheduleStore) -> None:
    clock = ManualClock(START)
    seen: list[str] = []

    def flaky(firing: Firing) -> None:
        seen.append(firing.entry.label)
        if firing.entry.label == "bad":
            raise RuntimeError("speaker unplugged")

    Scheduler(store, clock, flaky, ["timer"]).start()
    store.add("timer", START, created=START, label="bad")
    store.add("timer", START, created=START, label="good")
    clock.advance(timedelta(seconds=1))
    assert seen == ["bad", "good"]


def test_the_thread_fires_on_real_time(store: ScheduleStore) -> None:
    clock = SystemClock()
    done = threading.Event()
    fired: list[Firing] = []

    def record(firing: Firing) -> None:
        fired.append(firing)
        done.set()

    scheduler = Scheduler(store, clock, record, ["timer"])
    scheduler.start()
    try:
        store.add("timer", clock.now() + timedelta(milliseconds=200), created=clock.now(), label="quick")
        scheduler.wake()
        assert done.wait(timeout=10), "the scheduler thread never fired the timer"
    finally:
        scheduler.stop()
    assert [f.entry.label for f in fired] == ["quick"]
    assert not fired[0].late
