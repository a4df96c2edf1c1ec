"""Wake phrases in PocketSphinx's keyword mode, then verified: real espeak-ng audio in four voices."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from speaker_synth import VOICES, silence, speech

from assistant.speaker.grammar import compile_grammar
from assistant.speaker.stt_pocketsphinx import PocketSphinxEngine, keyword_threshold

pytestmark = pytest.mark.audio

SENTENCES = ["turn on the lamp", "turn off the lamp", "what time is it", "play the beatles", "set a timer"]
#: what a person says for 小爱 ("xiao ai"); espeak-ng reads the pinyin spelling as "zai-oh ay-eye"
SAID = {"hey cortana": "hey cortana", "xiao ai": "shao eye"}
#: both at the default: "xiao ai", three phones, is heard as the one word "xiaoai" (benchmarks/wake.md: 12/12 at 0.5)
SENSITIVITY = {"hey cortana": 0.5, "xiao ai": 0.5}
NOT_WAKE = ("turn on the lamp", "what time is it", "play the beatles", "hello there", "good morning", "hey there")


@pytest.fixture(scope="module")
def engine() -> Iterator[PocketSphinxEngine]:
    e = PocketSphinxEngine()
    e.use_grammar(compile_grammar(SENTENCES, e.vocabulary()))
    yield e


def clip(text: str, voice: str = "en-us+klatt", speed: int = 160) -> bytes:
    return silence(0.3) + speech(text, voice, speed) + silence(0.5)


def test_thresholds_are_stricter_for_longer_phrases_and_looser_with_sensitivity() -> None:
    assert keyword_threshold(9, 0.5) > keyword_threshold(3, 0.5)
    assert keyword_threshold(9, 0.9) < keyword_threshold(9, 0.5) < keyword_threshold(9, 0.1)


@pytest.mark.parametrize("phrase", sorted(SAID))
def test_each_wake_phrase_passes_keyword_search_and_verification_in_most_voices(
    engine: PocketSphinxEngine, phrase: str
) -> None:
    engine.set_wake_phrases(("xiao ai", "hey cortana"), SENSITIVITY[phrase])
    engine.keyword_hits = 0
    heard = [engine.spot(clip(SAID[phrase], voice, speed)) for voice, speed in VOICES]
    assert engine.keyword_hits >= 3, "the keyword search let too few through"
    assert sum(1 for h in heard if h is not None and h.phrase == phrase) >= 3, heard


def test_commands_without_the_wake_phrase_stop_at_the_keyword_search(engine: PocketSphinxEngine) -> None:
    engine.set_wake_phrases(("hey cortana",), 0.5)
    engine.keyword_hits = 0
    woke = [text for text in NOT_WAKE for voice, speed in VOICES[:2] if engine.spot(clip(text, voice, speed))]
    assert woke == []
    assert engine.keyword_hits == 0, "a long phrase should be rejected by the cheap keyword pass, before verification"
    assert engine.spot(clip("hey cortana")) is not None
    assert engine.keyword_hits == 1


def test_zero_sensitivity_rejects_what_full_sensitivity_accepts(engine: PocketSphinxEngine) -> None:
    said = [clip(SAID["xiao ai"], voice, speed) for voice, speed in VOICES]
    engine.set_wake_phrases(("xiao ai",), 1.0)
    eager = sum(1 for a in said if engine.spot(a))
    engine.set_wake_phrases(("xiao ai",), 0.0)
    strict = sum(1 for a in said if engine.spot(a))
    assert eager > strict


def test_a_command_in_the_same_breath_does_not_hide_the_wake_phrase(engine: PocketSphinxEngine) -> None:
    """Verification decodes only up to where the keyword search heard the phrase end, so the command after it is
    not decoded with it (benchmarks/wake.md at 0.8: "xiao ai" alone or with a command found 12/12 this way, 8/12
    when the whole segment was verified)."""
    engine.set_wake_phrases(("xiao ai", "hey cortana"), SENSITIVITY["xiao ai"])
    clips = [clip("shao eye turn on the kitchen lamp", voice, speed) for voice, speed in VOICES]
    hits = [engine.spot(audio) for audio in clips]
    found = [(h, len(a)) for h, a in zip(hits, clips, strict=True) if h is not None and h.phrase == "xiao ai"]
    assert len(found) >= 3, hits
    for hit, size in found:
        assert hit.end_ms < 0.5 * size / 32, "the command after the phrase is left to be carried into the turn"
