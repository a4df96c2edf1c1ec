"""State a skill keeps per speaker beyond the session (``state_outlives_session``), through the whole pipeline: the
music queue after "bye" reaches the router's own "stop" as well as the skill, and after a restart it is recalled
paused, so resuming sends the stream again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from assistant.app import Assistant
from assistant.config import Settings
from assistant.router.services.clock import ManualClock


@pytest.fixture
def settings(models_dir: Path) -> Settings:
    return Settings(models_dir=models_dir)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def first(settings: Settings, clock: ManualClock, tmp_path: Path) -> Iterator[Assistant]:
    with Assistant.build(settings, nlu="embedded", clock=clock, data_dir=tmp_path / "data") as built:
        yield built


def _queen_then_bye(assistant: Assistant) -> None:
    assert assistant.text_turn("play some queen").reply_text == "Playing Queen, starting with Bohemian Rhapsody."
    assert assistant.text_turn("bye").session_end


def test_stop_after_the_session_ended_pauses_the_music_that_plays_on(first: Assistant) -> None:
    _queen_then_bye(first)
    stopped = first.text_turn("stop")
    assert (stopped.intent, stopped.reply_text, stopped.action) == (
        "music.pause",
        "Paused.",
        {"name": "player.pause", "properties": {}},
    )
    assert first.text_turn("what's playing").reply_text == "This is Bohemian Rhapsody by Queen (paused)."
    assert first.text_turn("bye").session_end
    again = first.text_turn("stop")  # paused already: nothing to stop, the talk just ends
    assert (again.intent, again.action) == (None, None)


def test_the_queue_outlives_the_session_and_its_timeout(first: Assistant, clock: ManualClock) -> None:
    _queen_then_bye(first)
    clock.advance(timedelta(minutes=10))
    assert first.text_turn("next song").reply_text == "Next up: Don't Stop Me Now by Queen."
    clock.advance(timedelta(minutes=10))
    assert first.text_turn("what's playing").reply_text == "This is Don't Stop Me Now by Queen."


def test_a_queue_from_before_a_restart_is_recalled_paused_and_resuming_sends_the_stream(
    first: Assistant, settings: Settings, tmp_path: Path
) -> None:
    _queen_then_bye(first)
    first.close()
    later = ManualClock()
    later.advance(timedelta(minutes=1))
    with Assistant.build(settings, nlu="embedded", clock=later, data_dir=tmp_path / "data") as restarted:
        assert restarted.text_turn("what's playing").reply_text == "This is Bohemian Rhapsody by Queen (paused)."
        assert restarted.text_turn("stop").action is None  # nothing plays after a restart
        resumed = restarted.text_turn("resume the music")
        assert resumed.reply_text == "Resuming Bohemian Rhapsody by Queen."
        assert any(d.get("type") == "audio" for d in resumed.directives)
        assert restarted.text_turn("pause").reply_text == "Paused."
        assert restarted.text_turn("resume").reply_text == "Resuming."


def test_each_speaker_has_its_own_queue(first: Assistant, settings: Settings, tmp_path: Path) -> None:
    _queen_then_bye(first)
    other = settings.model_copy(update={"speaker": settings.speaker.model_copy(update={"device_id": "bedroom"})})
    with Assistant.build(other, nlu="embedded", clock=ManualClock(), data_dir=tmp_path / "data") as bedroom:
        assert bedroom.text_turn("what's playing").reply_text == "Nothing is playing."
