"""Skill state kept per speaker beyond the session: the store, and the music queue recalled after a session ends
or, paused, after a restart."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from services_skill_harness import SkillHarness

from assistant.router.services.clock import ManualClock
from assistant.router.services.device_state import DeviceStateStore

Make = Callable[..., SkillHarness]


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


def test_the_music_queue_outlives_the_session(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.play", {"artist": "Queen"}).text == "Playing Queen, starting with Bohemian Rhapsody."
    music.state = {}  # the session ended ("bye", or two idle minutes)
    music.clock.advance(timedelta(minutes=10))
    assert music.turn("music.next").text == "Next up: Don't Stop Me Now by Queen."
    music.state = {}
    assert music.turn("music.now_playing").text == "This is Don't Stop Me Now by Queen."


def _restarted_after_queen(make_skill: Make) -> SkillHarness:
    """Queen played, then the same data_dir in a new process a minute later."""
    first = make_skill("music")
    first.turn("music.play", {"artist": "Queen"})
    first.handler.close()
    later = ManualClock()
    later.advance(timedelta(minutes=1))
    return make_skill("music", clock=later)


def test_a_queue_from_before_a_restart_is_recalled_paused(make_skill: Make) -> None:
    restarted = _restarted_after_queen(make_skill)
    assert restarted.turn("music.now_playing").text == "This is Bohemian Rhapsody by Queen (paused)."


def test_resuming_after_a_restart_sends_the_stream_again(make_skill: Make) -> None:
    restarted = _restarted_after_queen(make_skill)
    resumed = restarted.turn("music.resume", text="resume the music")
    assert resumed.text == "Resuming Bohemian Rhapsody by Queen."
    assert (resumed.channel_data or {}).get("audio", {}).get("url", "").startswith("sim://catalogue/")
    again = restarted.turn("music.pause", text="pause")  # playing now: an ordinary pause
    assert again.text == "Paused."
    assert restarted.turn("music.resume", text="resume").text == "Resuming."
