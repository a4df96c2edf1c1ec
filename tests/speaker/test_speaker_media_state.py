"""The speaker's media-player state machine: the audio directive and every player.* action the music skill sends."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assistant.speaker import media_state as m
from assistant.speaker.media_state import MediaState, Status, Track

MUSIC_SKILL = Path(__file__).parents[2] / "assistant" / "router" / "skills" / "builtin" / "music"
TAKE_FIVE = Track("Take Five by Dave Brubeck", "sim://catalogue/take-five", "take-five")
SO_WHAT = Track("So What by Miles Davis", "sim://catalogue/so-what", "so-what")
PLAYING = MediaState(TAKE_FIVE, Status.PLAYING)


def test_every_player_action_the_music_skill_sends_is_one_the_speaker_knows() -> None:
    sent = {
        name
        for path in MUSIC_SKILL.glob("*.py")
        for name in re.findall(r"[\"'](player\.[a-z_]+)[\"']", path.read_text(encoding="utf-8"))
    }
    assert sent, "the music skill sends no player.* action any more: this test reads the wrong place"
    assert sent <= m.KNOWN, f"the music skill sends {sorted(sent - m.KNOWN)}, which the speaker's player ignores"


def test_an_audio_directive_plays_its_track_and_keeps_volume_and_repeat() -> None:
    before = MediaState(TAKE_FIVE, Status.PAUSED, volume=70, repeat=True)
    change = m.play(before, SO_WHAT)
    assert change.state == MediaState(SO_WHAT, Status.PLAYING, volume=70, repeat=True)
    assert change.said == "playing So What by Miles Davis" and change.problem is None


@pytest.mark.parametrize(
    ("before", "name", "properties", "after"),
    [
        (PLAYING, m.PAUSE, {}, replace(PLAYING, status=Status.PAUSED)),
        (replace(PLAYING, status=Status.PAUSED), m.RESUME, {}, PLAYING),
        (replace(PLAYING, status=Status.STOPPED), m.RESUME, {}, PLAYING),  # after the end: from the start again
        (replace(PLAYING, status=Status.PAUSED), m.PAUSE, {}, replace(PLAYING, status=Status.PAUSED)),
        (PLAYING, m.VOLUME, {"level": 60}, replace(PLAYING, volume=60)),
        (PLAYING, m.VOLUME, {"level": 0}, replace(PLAYING, volume=0)),
        (PLAYING, m.VOLUME, {"level": 140}, replace(PLAYING, volume=100)),
        (PLAYING, m.VOLUME, {"level": 33.6}, replace(PLAYING, volume=34)),
        (PLAYING, m.REPEAT, {"on": True}, replace(PLAYING, repeat=True)),
        (replace(PLAYING, repeat=True), m.REPEAT, {"on": False}, PLAYING),
        (MediaState(), m.PAUSE, {}, MediaState()),
        (MediaState(), m.RESUME, {}, MediaState()),
        (MediaState(), m.VOLUME, {"level": 20}, MediaState(volume=20)),  # the volume holds for the next track
    ],
)
def test_each_action_moves_the_state(
    before: MediaState, name: str, properties: dict[str, Any], after: MediaState
) -> None:
    change = m.act(before, name, properties)
    assert change.state == after
    assert change.problem is None


def test_nothing_to_pause_or_resume_is_said_as_such() -> None:
    assert m.act(MediaState(), m.PAUSE, {}).said == "nothing to pause"
    assert m.act(MediaState(), m.RESUME, {}).said == "nothing to resume"


@pytest.mark.parametrize(
    ("name", "properties"),
    [
        ("player.seek", {"ms": 1000}),
        ("player.stop_everything", {}),
        (m.VOLUME, {}),
        (m.VOLUME, {"level": "loud"}),
        (m.VOLUME, {"level": True}),
        (m.REPEAT, {"on": "yes"}),
        (m.REPEAT, {}),
    ],
)
def test_unknown_actions_and_misshaped_properties_change_nothing_and_say_why(
    name: str, properties: dict[str, Any]
) -> None:
    before = MediaState(TAKE_FIVE, Status.PLAYING, volume=40, repeat=True)
    change = m.act(before, name, properties)
    assert change.state == before
    assert change.problem is not None and name in change.problem


def test_the_end_of_a_track_stops_the_player_unless_it_repeats() -> None:
    assert m.finished(PLAYING).state == replace(PLAYING, status=Status.STOPPED)
    assert m.finished(replace(PLAYING, repeat=True)).state == replace(PLAYING, repeat=True)
    paused = replace(PLAYING, status=Status.PAUSED)
    assert m.finished(paused).state == paused  # a pause that raced the end is not undone


def test_only_player_names_are_player_actions() -> None:
    assert m.is_player_action("player.pause") and m.is_player_action("player.anything")
    assert not m.is_player_action("mihome.control")


def test_the_state_reads_as_one_line_and_as_json() -> None:
    state = MediaState(TAKE_FIVE, Status.PAUSED, volume=60, repeat=True)
    assert state.describe() == "paused Take Five by Dave Brubeck · volume 60 · repeat"
    assert replace(state, status=Status.STOPPED, repeat=False).describe() == (
        "finished Take Five by Dave Brubeck · volume 60"
    )
    assert MediaState().describe() == "nothing to play · volume 50"
    assert state.to_json() == {
        "status": "paused",
        "title": "Take Five by Dave Brubeck",
        "url": "sim://catalogue/take-five",
        "volume": 60,
        "repeat": True,
    }


def test_an_action_reads_as_what_it_asks_of_the_player() -> None:
    assert m.instruction(m.PAUSE, {}) == "pause" and m.instruction(m.RESUME, {}) == "resume"
    assert m.instruction(m.VOLUME, {"level": 70}) == "volume 70"
    assert m.instruction(m.REPEAT, {"on": False}) == "repeat off"
    assert "unknown player action 'player.seek'" in m.instruction("player.seek", {})
