"""Repeating alarms and reminders below the skill: the rule's next occurrence (across daylight saving changes), the
store's series and rings, and a file written before rules existed."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.router.services.clock import ManualClock
from assistant.router.services.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS, Rule, next_after, zone_named
from assistant.router.services.schedule_store import ScheduleStore
from assistant.router.services.scheduler import Firing, Scheduler

NEW_YORK = ZoneInfo("America/New_York")
UTC = timezone.utc


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def test_a_rule_is_stored_as_text_and_read_back() -> None:
    rule = Rule(frozenset({0, 2}), 8, 5)
    assert rule.text() == "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=8;BYMINUTE=5"
    assert Rule.parse(rule.text()) == rule
    assert Rule.parse(Rule(WEEKDAYS, 7, 0).text()).days == WEEKDAYS
    with pytest.raises(ValueError):
        Rule.parse("FREQ=MONTHLY;BYMONTHDAY=1")
    with pytest.raises(ValueError):
        Rule(frozenset(), 7, 0)
    with pytest.raises(ValueError):
        Rule(WEEKDAYS, 24, 0)


def test_weekdays_weekends_and_named_days_skip_the_other_days() -> None:
    friday = local(2024, 3, 15, 9, 30)
    assert next_after(Rule(WEEKDAYS, 7, 0), friday, NEW_YORK) == local(2024, 3, 18, 7, 0)  # Monday
    assert next_after(Rule(WEEKDAYS, 10, 0), friday, NEW_YORK) == local(2024, 3, 15, 10, 0)  # later today
    assert next_after(Rule(WEEKENDS, 8, 0), friday, NEW_YORK) == local(2024, 3, 16, 8, 0)
    assert next_after(Rule(EVERY_DAY, 9, 30), friday, NEW_YORK) == local(2024, 3, 16, 9, 30)  # not now itself
    assert next_after(Rule(frozenset({4}), 9, 0), friday, NEW_YORK) == local(2024, 3, 22, 9, 0)  # a week on
    assert next_after(Rule(frozenset({1, 3}), 6, 0), friday, NEW_YORK) == local(2024, 3, 19, 6, 0)


def test_the_wall_clock_time_stays_across_the_spring_change() -> None:
    rule = Rule(EVERY_DAY, 7, 0)
    saturday = next_after(rule, local(2024, 3, 9, 8, 0), NEW_YORK)  # clocks go forward early on Sunday 10 March
    assert saturday.astimezone(UTC) == datetime(2024, 3, 10, 11, 0, tzinfo=UTC)  # 7 AM EDT
    assert saturday.astimezone(NEW_YORK).hour == 7
    before = next_after(rule, local(2024, 3, 8, 8, 0), NEW_YORK)
    assert before.astimezone(UTC) == datetime(2024, 3, 9, 12, 0, tzinfo=UTC)  # 7 AM EST
    assert saturday - before == timedelta(hours=23)  # the short day


def test_the_wall_clock_time_stays_across_the_autumn_change() -> None:
    rule = Rule(frozenset({6}), 7, 0)  # Sundays; clocks go back early on Sunday 3 November
    ring = next_after(rule, local(2024, 11, 1, 12, 0), NEW_YORK)
    assert ring.astimezone(UTC) == datetime(2024, 11, 3, 12, 0, tzinfo=UTC)  # 7 AM EST
    after = next_after(rule, ring, NEW_YORK)
    assert after.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2024, 11, 10, 7, 0)


def test_a_skipped_time_rings_an_hour_on_and_a_doubled_one_once() -> None:
    skipped = next_after(Rule(EVERY_DAY, 2, 30), local(2024, 3, 9, 12, 0), NEW_YORK)
    assert skipped.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2024, 3, 10, 3, 30)
    doubled = next_after(Rule(EVERY_DAY, 1, 30), local(2024, 11, 2, 12, 0), NEW_YORK)
    assert doubled.astimezone(UTC) == datetime(2024, 11, 3, 5, 30, tzinfo=UTC)  # the first 1:30 (EDT)
    again = next_after(Rule(EVERY_DAY, 1, 30), doubled, NEW_YORK)
    assert again.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2024, 11, 4, 1, 30)  # not 1:30 EST that night


def test_an_unknown_zone_is_utc() -> None:
    assert zone_named("Mars/Olympus_Mons") == ZoneInfo("UTC")
    assert zone_named(None) == ZoneInfo("UTC")


def test_a_series_rings_and_goes_on_in_one_claim(tmp_path: Path) -> None:
    store = ScheduleStore.in_dir(tmp_path)
    now = local(2024, 3, 15, 9, 30)
    series = store.add(
        "alarm", local(2024, 3, 18, 7, 0), created=now, rule=Rule(WEEKDAYS, 7, 0), zone="America/New_York"
    )
    assert series.repeats and series.rule == Rule(WEEKDAYS, 7, 0) and series.zone == "America/New_York"
    assert store.claim_due(local(2024, 3, 18, 6, 59)) == ()
    (ring,) = store.claim_due(local(2024, 3, 18, 7, 0))
    assert ring.id != series.id and not ring.repeats and ring.due == local(2024, 3, 18, 7, 0)
    (still,) = store.pending()
    assert still.id == series.id and still.due == local(2024, 3, 19, 7, 0) and still.repeats
    assert store.last_fired(["alarm"], since=now) == ring
    snoozed = store.reschedule(ring.id, local(2024, 3, 18, 7, 10))  # a snooze moves the ring, a one-off
    assert snoozed is not None and not snoozed.repeats
    assert [e.id for e in store.claim_due(local(2024, 3, 18, 7, 10))] == [ring.id]
    assert [e.id for e in store.pending()] == [series.id]  # one series still
    store.close()


def test_a_series_missed_for_days_rings_once_and_goes_on_from_now(tmp_path: Path) -> None:
    store = ScheduleStore.in_dir(tmp_path)
    start = local(2024, 3, 15, 9, 30)
    store.add("reminder", local(2024, 3, 15, 21, 0), created=start, label="pills", rule=Rule(EVERY_DAY, 21, 0),
              zone="America/New_York")  # fmt: skip
    fired: list[Firing] = []
    clock = ManualClock(local(2024, 3, 18, 12, 0))
    scheduler = Scheduler(store, clock, fired.append, ["reminder"])
    scheduler.start()
    assert [(f.entry.label, f.late) for f in fired] == [("pills", True)]
    assert store.pending()[0].due == local(2024, 3, 18, 21, 0)
    clock.advance(timedelta(hours=9))
    assert [f.late for f in fired] == [True, False]
    scheduler.stop()
    store.close()


def test_a_series_gets_a_new_time(tmp_path: Path) -> None:
    store = ScheduleStore.in_dir(tmp_path)
    now = local(2024, 3, 15, 9, 30)
    series = store.add("alarm", local(2024, 3, 18, 7, 0), created=now, rule=Rule(WEEKDAYS, 7, 0), zone="UTC")
    moved = store.reschedule_series(series.id, Rule(WEEKDAYS, 7, 30), local(2024, 3, 18, 7, 30))
    assert moved is not None and moved.rule == Rule(WEEKDAYS, 7, 30)
    one_off = store.add("alarm", local(2024, 3, 16, 7, 0), created=now)
    assert store.reschedule_series(one_off.id, Rule(WEEKDAYS, 8, 0), local(2024, 3, 18, 8, 0)) is None
    with pytest.raises(ValueError):
        store.add("alarm", local(2024, 3, 18, 7, 0), created=now, rule=Rule(WEEKDAYS, 7, 0))  # no zone
    store.close()


OLD_SCHEMA = """
CREATE TABLE schedule (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('timer', 'alarm', 'reminder')),
    label TEXT NOT NULL DEFAULT '',
    due REAL NOT NULL,
    created REAL NOT NULL,
    duration_s REAL,
    fired_at REAL
);
CREATE INDEX schedule_pending ON schedule (fired_at, due);
"""


def test_a_file_from_before_rules_opens_with_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "schedule.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(OLD_SCHEMA)
    due, created = datetime(2024, 3, 16, 7, 0, tzinfo=UTC).timestamp(), datetime(2024, 3, 15, tzinfo=UTC).timestamp()
    old.execute("INSERT INTO schedule (kind, label, due, created) VALUES ('alarm', '', ?, ?)", (due, created))
    old.execute(
        "INSERT INTO schedule (kind, label, due, created) VALUES ('reminder', 'call mom', ?, ?)", (due, created)
    )
    old.commit()
    old.close()
    store = ScheduleStore(path)
    assert [(e.kind, e.label, e.repeats) for e in store.pending()] == [
        ("alarm", "", False),
        ("reminder", "call mom", False),
    ]
    series = store.add("alarm", datetime(2024, 3, 18, 7, 0, tzinfo=UTC), created=datetime(2024, 3, 15, tzinfo=UTC),
                       rule=Rule(WEEKDAYS, 7, 0), zone="UTC")  # fmt: skip
    assert [e.kind for e in store.claim_due(datetime(2024, 3, 16, 7, 0, tzinfo=UTC))] == ["alarm", "reminder"]
    store.close()
    again = ScheduleStore(path)  # opened again: nothing to add, the series still there
    assert [e.id for e in again.pending()] == [series.id] and again.pending()[0].rule == Rule(WEEKDAYS, 7, 0)
    again.close()
