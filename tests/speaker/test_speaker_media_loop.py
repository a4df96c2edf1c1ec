"""Spoken "play some jazz" then "pause the music" through the listen loop: the music really starts after the reply
and really stops, on the same player the replies use (a fake loudspeaker in place of the sound device). It makes way
while a command is heard and its reply spoken, and comes back after that only when it was not paused."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from speaker_fake_loudspeaker import FakeLoudspeaker, Stream, acting, playing
from speaker_synth import silence, speech, wav

from assistant.config import Settings
from assistant.config.speaker import TtsSettings
from assistant.speaker import media_sound
from assistant.speaker.grammar import compile_grammar
from assistant.speaker.listen_turn import ListenTurn
from assistant.speaker.loop import ListenLoop
from assistant.speaker.loop_parts import LoopOptions, State
from assistant.speaker.media_player import MediaPlayer
from assistant.speaker.media_state import Status
from assistant.speaker.sources import WavFileSource
from assistant.speaker.stt_pocketsphinx import PocketSphinxEngine
from assistant.speaker.tts import Player, Pyttsx3Voice
from bridge.miai import MiAiResponse

pytestmark = pytest.mark.audio

SENTENCES = ["play some jazz", "pause the music", "turn on the lamp", "what time is it", "set a timer"]
TITLE = "Take Five by Dave Brubeck"
LONG = 60.0  # seconds of stand-in: it cannot end by itself before "pause" is heard, however slow the machine


class MusicSkillReplies:
    """The far side of the bridge, as the bridge hands it to the speaker: what the music skill answers."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    def say(self, text: str) -> MiAiResponse:
        self.heard.append(text)
        if text == "play some jazz":
            return playing(TITLE, "sim://catalogue/take-five", "take-five", f"Here's some jazz music: {TITLE}.")
        if text == "pause the music":
            return acting("player.pause", "Paused.")
        return acting("other.nothing", "Sorry, I can't help with that.")

    def no_speech(self) -> MiAiResponse:
        return acting("other.nothing", "Sorry, I didn't catch that.")


class Watcher:
    """The loop's observer; after each turn it notes what the loudspeaker does (waiting for the music to start)."""

    def __init__(self, loudspeaker: FakeLoudspeaker, media: MediaPlayer) -> None:
        self.loudspeaker = loudspeaker
        self.media = media
        self.states: list[tuple[State, str]] = []
        self.thinking_over_music: list[bool] = []
        """Per command: whether the music sounded while the speaker worked out what was said."""
        self.turns: list[ListenTurn] = []
        self.after: list[tuple[bool, list[Stream]]] = []
        """Per turn: whether the music sounded, and the streams opened so far."""

    def state(self, state: State, detail: str) -> None:
        self.states.append((state, detail))
        if state is State.THINKING:
            self.thinking_over_music.append(self.media.sounding)

    def partial(self, text: str) -> None:
        pass

    def turn(self, turn: ListenTurn) -> None:
        self.turns.append(turn)
        if self.media.state.status is Status.PLAYING:  # the music follows the reply: give the reply time to end
            self.loudspeaker.wait_for(lambda streams: any(_is_music(s) and s.blocks for s in streams), 30.0)
        self.after.append((self.media.sounding, list(self.loudspeaker.streams)))


def _is_music(stream: Stream) -> bool:
    return stream.starts_with(media_sound.render(TITLE, 50, seconds=LONG))


@pytest.fixture(scope="module")
def engine() -> Iterator[PocketSphinxEngine]:
    e = PocketSphinxEngine()
    e.use_grammar(compile_grammar(SENTENCES, e.vocabulary()))
    e.set_wake_phrases(("xiao ai", "hey cortana"), 0.5)
    yield e


def test_play_then_pause_starts_and_stops_the_music_on_the_loudspeaker(
    engine: PocketSphinxEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loudspeaker = FakeLoudspeaker(pace=1.0)
    monkeypatch.setitem(sys.modules, "sounddevice", loudspeaker.module())
    player = Player()
    media = MediaPlayer(player, folder=tmp_path / "tracks", seconds=LONG)
    watcher, replies = Watcher(loudspeaker, media), MusicSkillReplies()
    settings = Settings()
    loop = ListenLoop(
        settings.speaker,
        engine,
        replies,
        watcher,
        options=LoopOptions(wake_mode="phrase", out_dir=tmp_path),
        voice=Pyttsx3Voice(TtsSettings()),
        player=player,
        media=media,
    )
    audio = wav(
        tmp_path / "session.wav",
        silence(1),
        speech("hey cortana"),
        silence(1),
        speech("play some jazz"),
        silence(1.5),
        speech("hey cortana"),
        silence(1),
        speech("pause the music"),
        silence(1.5),
    )
    try:
        loop.run(WavFileSource(audio))
        # the reply "Paused." has been spoken: a music that was only held would be back by now
        still_sounding = media.sounding
    finally:
        media.close()
    assert replies.heard == ["play some jazz", "pause the music"]

    (music_after_play, streams_after_play), (music_after_pause, streams) = watcher.after
    # "play": the reply is spoken first, then the track's stand-in plays through the same player
    assert music_after_play and len(streams_after_play) == 2
    assert not _is_music(streams_after_play[0]) and _is_music(streams_after_play[1])
    # "hey cortana, pause the music": the music stopped mid-track as the command began, the reply "Paused." was
    # spoken, and the music stayed off after it
    assert watcher.thinking_over_music == [False, False]
    music = streams[1]
    assert music.closed.is_set() and 0 < music.samples.size < media_sound.RATE * LONG / 2
    assert not music_after_pause and not still_sounding and media.state.status is Status.PAUSED
    assert len(loudspeaker.streams) == 3 and not _is_music(loudspeaker.streams[2])

    # what the speaker reports: a media line per change, and the player in each turn's JSON
    media_lines = [detail for state, detail in watcher.states if state is State.MEDIA]
    assert media_lines == [f"playing {TITLE} · volume 50", f"paused {TITLE} · volume 50"]
    assert [t.to_json()["player"]["status"] for t in watcher.turns] == ["playing", "paused"]
