"""Both wake phrases wake the speaker at the default sensitivity, through the real wake path.

The path a speaker runs while idle: voice-activity segments (WakeSpotter), PocketSphinx's keyword search, then
verification against the assistant's own sentences and common words. "xiao ai" is three phones, so one wrong phone
decides it: CMUdict says "xiao" with a voiced ZH, a sound pinyin's x never has, and at the default sensitivity the
keyword search missed "shao eye" and verification lost it to "how i" (7 in 12 found, benchmarks/wake.md before the
fix). Verified as two words, it also took "count down" for "xiao | ai", the "nt d" as a pause between them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from speaker_synth import VOICES, silence, speech

from assistant.config import Settings
from assistant.router.factory import spoken_sentences
from assistant.speaker.audio import FRAME_BYTES, read_pcm16k
from assistant.speaker.endpointing import VoiceActivity
from assistant.speaker.grammar import compile_grammar
from assistant.speaker.stt_pocketsphinx import PocketSphinxEngine
from assistant.speaker.wake import Wake, WakeSpotter

pytestmark = pytest.mark.audio

#: what a person says for 小爱 ("xiao ai"); espeak-ng reads the pinyin spelling as "zai-oh ay-eye"
XIAO_AI = "shao eye"
COMMANDS = ("", " what time is it", " turn on the kitchen lamp")
#: everyday speech made of xiao ai's sounds: "how i", "show", "now", "hi"
NEAR_MISSES = ("how are you", "how high", "show me", "now", "hi there", "so what", "how i did it")
RECORDINGS = Path(__file__).resolve().parents[3] / "shared" / "data" / "audio"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def engine(settings: Settings) -> Iterator[PocketSphinxEngine]:
    """The engine as `assistant listen` sets it up: the skills' own sentences, the default phrases and sensitivity."""
    e = PocketSphinxEngine()
    e.use_grammar(compile_grammar(spoken_sentences(settings), e.vocabulary()))
    e.set_wake_phrases(settings.speaker.wake.phrases, settings.speaker.wake.sensitivity)
    yield e


def clip(text: str, voice: str, speed: int) -> bytes:
    return silence(0.3) + speech(text, voice, speed) + silence(0.5)


def woken(engine: PocketSphinxEngine, pcm: bytes) -> Wake | None:
    spotter = WakeSpotter(engine, VoiceActivity())
    for start in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
        wake = spotter.feed(pcm[start : start + FRAME_BYTES])
        if wake is not None:
            return wake
    return spotter.finish()


def test_the_default_is_the_sensitivity_under_test(settings: Settings) -> None:
    assert settings.speaker.wake.sensitivity == 0.5
    assert "xiao ai" in settings.speaker.wake.phrases


def test_the_keyword_search_hears_xiao_ai_in_every_voice(engine: PocketSphinxEngine) -> None:
    """Stage 1 follows one pronunciation per word; with CMUdict's ZH AW for "xiao" it let "shao eye" by (en-us+f2)."""
    missed = [voice for voice, speed in VOICES if engine.keyword_search(clip(XIAO_AI, voice, speed)) is None]
    assert missed == []


def test_xiao_ai_wakes_the_speaker_alone_and_before_a_command(engine: PocketSphinxEngine) -> None:
    said = [(voice, command) for voice, _ in VOICES for command in COMMANDS]
    heard = [woken(engine, clip(XIAO_AI + command, voice, speed)) for voice, speed in VOICES for command in COMMANDS]
    missed = [s for s, w in zip(said, heard, strict=True) if w is None or w.how != "xiao ai"]
    # twelve clips: one miss is what a person repeating themselves puts up with; five (the old figure) is not
    assert len(missed) <= 1, missed


def test_hey_cortana_still_wakes_the_speaker(engine: PocketSphinxEngine) -> None:
    """At most one miss in twelve here too: the decoder's running normalisation carries over from the segment decoded
    before, so one clip (en+klatt4 alone, after "hey cortana turn on the kitchen lamp") can go either way."""
    said = [(voice, command) for voice, _ in VOICES for command in COMMANDS]
    heard = [woken(engine, clip("hey cortana" + command, v, speed)) for v, speed in VOICES for command in COMMANDS]
    missed = [s for s, w in zip(said, heard, strict=True) if w is None or w.how != "hey cortana"]
    assert len(missed) <= 1, missed


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_speech_made_of_xiao_ais_sounds_does_not_wake_it(engine: PocketSphinxEngine, text: str) -> None:
    woke = [voice for voice, speed in VOICES if woken(engine, clip(text, voice, speed))]
    assert woke == []


@pytest.mark.parametrize("text", ["count down to christmas", "count down to new year's day"])
def test_count_down_is_not_xiao_ai_with_a_pause_inside(engine: PocketSphinxEngine, text: str) -> None:
    woke = [voice for voice, speed in VOICES if woken(engine, clip(text, voice, speed))]
    assert woke == []


def test_the_shared_real_recordings_do_not_wake_it(engine: PocketSphinxEngine) -> None:
    if not (RECORDINGS / "TRANSCRIPTS.tsv").is_file():
        pytest.skip(f"no shared recordings at {RECORDINGS}")
    rows = [line.split("\t") for line in (RECORDINGS / "TRANSCRIPTS.tsv").read_text().splitlines()[1:]]
    files = [name for name, _text, source in rows if "wake word" not in source]
    assert files
    woke = [name for name in files if woken(engine, read_pcm16k(RECORDINGS / name))]
    assert woke == []
