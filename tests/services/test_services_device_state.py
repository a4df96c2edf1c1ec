"""The store of skill state kept per speaker beyond the session (its use through the router:
tests/conversations/test_conversations_speaker_memory.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.router.services.clock import ManualClock
from assistant.router.services.device_state import DeviceStateStore


def test_state_is_kept_per_device_and_owner_and_an_empty_one_forgets(tmp_path: Path) -> None:
    clock = ManualClock()
    store = DeviceStateStore.in_dir(tmp_path)
    store.save("kitchen", "music", {"queue": ["s1"], "index": 0}, clock.now())
    store.save("bedroom", "music", {"queue": ["s2"]}, clock.now())
    state, saved = store.load("kitchen", "music")
    assert state == {"queue": ["s1"], "index": 0} and saved == clock.now()
    assert store.load("kitchen", "timers") == ({}, None)
    store.save("kitchen", "music", {}, clock.now())
    assert store.load("kitchen", "music") == ({}, None) and store.load("bedroom", "music")[0] == {"queue": ["s2"]}
    store.close()
    again = DeviceStateStore.in_dir(tmp_path)  # on disk: a restart keeps it
    assert again.load("bedroom", "music")[0] == {"queue": ["s2"]}
    again.close()


def test_unreadable_state_is_ignored_not_fatal(tmp_path: Path) -> None:
    DeviceStateStore.in_dir(tmp_path).close()
    with sqlite3.connect(tmp_path / "device_state.sqlite3") as conn:
        conn.execute("INSERT INTO device_state VALUES ('kitchen', 'music', 'not json', 0)")
        conn.execute("INSERT INTO device_state VALUES ('hall', 'music', '[1, 2]', 0)")
    store = DeviceStateStore.in_dir(tmp_path)
    assert store.load("kitchen", "music") == ({}, None) and store.load("hall", "music") == ({}, None)
    store.close()
