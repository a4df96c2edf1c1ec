"""A song the speaker plays comes to its end while the loop listens for the wake phrase: the loop tells the
assistant (Mi-AI event ``mediaplayer.playbackfinished`` with the track's token) and plays what it sends next, on
the same player the replies use (a fake loudspeaker in place of the sound device)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from speaker_fake_loudspeaker import FakeLoudspeaker, acting, playing
from speaker_synth import silence, wav

from assistant.config import Settings
from assistant.speaker.grammar import compile_grammar
from assistant.speaker.loop import ListenLoop
from assistant.speaker.loop_parts import PLAYBACK_FINISHED, LoopOptions
from assistant.speaker.media_player import MediaPlayer
from assistant.speaker.sources import WavFileSource
from assistant.speaker.stt_pocketsphinx import PocketSphinxEngine
from assistant.speaker.tts import Player
from assistant.spoken_conversation import QuietObserver
from bridge.miai import AudioItem, AudioStream, MiAiResponse

pytestmark = pytest.mark.audio

SHORT = 0.4  # seconds of stand-in per track: it ends well inside the silence the loop listens to


class Queue:
    """The far side of the bridge: a music queue of two songs that answers the speaker's song-ended events."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def say(self, text: str) -> MiAiResponse:
        return acting("other.nothing", "Sorry, I can't help with that.")

    def no_speech(self) -> MiAiResponse:
        return acting("other.nothing", "Sorry, I didn't catch that.")

    def event(self, name: str, properties: dict[str, Any]) -> MiAiResponse:
        self.events.append((name, properties))
        if properties.get("token") == "one":
            return playing("Song Two", "sim://catalogue/two", "two", "")
        return acting("other.nothing", "")


@pytest.fixture(scope="module")
def engine() -> Iterator[PocketSphinxEngine]:
    e = PocketSphinxEngine()
    e.use_grammar(compile_grammar(["play some jazz"], e.vocabulary()))
    e.set_wake_phrases(("hey cortana",), 0.5)
    yield e


def test_a_song_that_ends_is_reported_and_the_next_one_plays(
    engine: PocketSphinxEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loudspeaker = FakeLoudspeaker(pace=1.0)
    monkeypatch.setitem(sys.modules, "sounddevice", loudspeaker.module())
    player = Player()
    media = MediaPlayer(player, folder=tmp_path / "tracks", seconds=SHORT)
    queue = Queue()
    loop = ListenLoop(
        Settings().speaker, engine, queue, QuietObserver(), options=LoopOptions(), player=player, media=media
    )
    media.play(AudioItem(stream=AudioStream(url="sim://catalogue/one", token="one"), title="Song One"))
    try:
        loop.run(WavFileSource(wav(tmp_path / "room.wav", silence(3)), realtime=True))
        media.wait(5.0)
    finally:
        media.close()
    assert queue.events == [(PLAYBACK_FINISHED, {"token": "one"}), (PLAYBACK_FINISHED, {"token": "two"})]
    assert len(loudspeaker.streams) == 2  # song one, then song two, through the one player
    assert loop.turns == []  # no command was heard: events are no turns
