"""The speaker reports that a song ended (Mi-AI ``event_type`` mediaplayer.playbackfinished, a Cortana event
Activity on the router's side): the music skill plays the next song quietly, the same one on repeat, and nothing
after the last; an old song's end changes nothing, and the conversation's context is left as the user made it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import Assistant
from assistant.config import Settings
from assistant.router.services.clock import ManualClock
from assistant.turn import TurnResult

ENDED = "mediaplayer.playbackfinished"


@pytest.fixture
def assistant(models_dir: Path, tmp_path: Path) -> Iterator[Assistant]:
    settings = Settings(models_dir=models_dir)
    with Assistant.build(settings, nlu="embedded", clock=ManualClock(), data_dir=tmp_path / "data") as built:
        yield built


def playing(result: TurnResult) -> str | None:
    """The token of the song a turn started, if it started one."""
    audio = [d["audio_item"] for d in result.directives if d["type"] == "audio"]
    return str(audio[0]["stream"]["token"]) if audio else None


def test_the_next_song_plays_quietly_when_one_ends(assistant: Assistant) -> None:
    first = playing(assistant.text_turn("play some queen"))
    assert first is not None
    ended = assistant.event_turn(ENDED, {"token": first})
    second = playing(ended)
    assert second is not None and second != first
    assert not ended.speech and not ended.open_mic and ended.intent == "music.next"
    assert assistant.text_turn("what's playing").reply_text == "This is Don't Stop Me Now by Queen."


def test_on_repeat_the_same_song_plays_again(assistant: Assistant) -> None:
    first = playing(assistant.text_turn("play some queen"))
    assistant.text_turn("repeat this song")
    assert playing(assistant.event_turn(ENDED, {"token": str(first)})) == first


def test_after_the_last_song_nothing_plays_and_the_queue_is_kept_paused(assistant: Assistant) -> None:
    token = playing(assistant.text_turn("play bohemian rhapsody"))
    ended = assistant.event_turn(ENDED, {"token": str(token)})
    assert playing(ended) is None and not ended.speech
    assert assistant.text_turn("what's playing").reply_text == "This is Bohemian Rhapsody by Queen (paused)."


def test_the_end_of_a_song_no_longer_playing_changes_nothing(assistant: Assistant) -> None:
    first = playing(assistant.text_turn("play some queen"))
    skipped = playing(assistant.text_turn("next song"))
    late = assistant.event_turn(ENDED, {"token": str(first)})  # the first song's end, reported after the skip
    assert playing(late) is None and not late.speech
    assert playing(assistant.text_turn("what's playing")) is None
    assert skipped is not None


def test_an_event_leaves_the_conversation_as_the_user_made_it(assistant: Assistant) -> None:
    assistant.text_turn("tell me a joke")
    token = playing(assistant.text_turn("play some queen"))
    assistant.text_turn("tell me a joke")
    assistant.event_turn(ENDED, {"token": str(token)})
    assert assistant.text_turn("another one").intent == "smalltalk.joke"


def test_an_event_after_the_conversation_ended_reaches_the_kept_queue(assistant: Assistant) -> None:
    token = playing(assistant.text_turn("play some queen"))
    assert assistant.text_turn("bye").session_end
    ended = assistant.event_turn(ENDED, {"token": str(token)})
    assert playing(ended) is not None
    assert assistant.session.session_id is None  # the event's session ended with it: the next words start anew


def test_an_event_no_skill_listens_to_gets_an_empty_reply(assistant: Assistant) -> None:
    quiet = assistant.event_turn("mediaplayer.playbackstarted", {"token": "s05"})
    assert (quiet.intent, quiet.speech, quiet.directives, quiet.action) == (None, "", [], None)
