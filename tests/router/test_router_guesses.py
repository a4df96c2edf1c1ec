"""The router's guards against acting on a bad guess, the out-of-scope training examples and the vocabulary:
pure functions, table-driven."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.router.guesses import all_said, doubtful, judged_out_of_scope, mostly_unknown, off_topic
from assistant.router.intent_choice import Chosen
from assistant.router.nlu.types import OUT_OF_SCOPE, IntentScore, NluResult
from assistant.router.out_of_scope import out_of_scope_examples, pseudo_word
from assistant.router.skills.registry import Skill, load_manifests, skill_dirs
from assistant.router.training import CompileOptions, compile_training_data
from assistant.router.vocabulary import intent_words, known_words, unknown_share, words_of


class _NoHandler:
    def handle(self, activity: object) -> object:
        raise AssertionError("not called")


def chosen(confidence: float, why: str = "top") -> Chosen:
    manifest = load_manifests(skill_dirs(Settings()))[0]
    return Chosen(Skill(manifest, _NoHandler()), manifest.intents[0].name, confidence, why)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("confidence", "why", "takes", "found", "unknown", "expected"),
    [
        (0.6, "top", ("color",), {}, 0.0, True),  # middling guess, nothing filled: no second guess
        (0.99, "top", ("color",), {}, 0.0, False),  # "set an alarm": sure, then ask
        (0.99, "top", ("item",), {}, 0.4, True),  # "teach me to play guitar"
        (0.99, "top", ("city",), {}, 0.2, False),  # "the weather in Atlantis": ask which city
        (0.6, "top", ("color",), {"color": "red"}, 0.0, False),  # the words filled a slot
        (0.6, "top", (), {}, 0.0, False),  # nothing to fill: "pause"
        (0.3, "context", ("volume",), {}, 0.0, False),  # the conversation chose it, not the engine alone
    ],
)
def test_doubtful_guesses(
    confidence: float, why: str, takes: tuple[str, ...], found: dict[str, str], unknown: float, expected: bool
) -> None:
    assert doubtful(chosen(confidence, why), takes, found, unknown) is expected


@pytest.mark.parametrize(
    ("why", "unknown", "expected"),
    [("top", 0.67, True), ("top", 0.5, False), ("context", 0.25, True), ("context", 0.0, False), ("named", 1, False)],
)
def test_mostly_unknown(why: str, unknown: float, expected: bool) -> None:
    assert mostly_unknown(chosen(0.9, why), unknown) is expected


@pytest.mark.parametrize(
    ("ranking", "expected"),
    [
        ((IntentScore(OUT_OF_SCOPE, 0.9), IntentScore("a.b", 0.1)), True),
        ((IntentScore(OUT_OF_SCOPE, 0.3), IntentScore("a.b", 0.2)), False),  # oos won, but not clearly
        ((IntentScore("a.b", 0.6), IntentScore(OUT_OF_SCOPE, 0.4)), False),  # a rejected guess, not a verdict
        ((), False),
    ],
)
def test_judged_out_of_scope(ranking: tuple[IntentScore, ...], expected: bool) -> None:
    assert judged_out_of_scope(NluResult("x", OUT_OF_SCOPE, 0.7, (), ranking), 0.45) is expected


def test_vocabulary_counts_unknown_words() -> None:
    known = known_words(load_manifests(skill_dirs(Settings())))
    assert {"weather", "lamp", "remind", "beatles", "tomorrow", "cancel"} <= known
    assert unknown_share("purple monkey dishwasher", known) == pytest.approx(2 / 3)
    assert unknown_share("turn on the kitchen lamp", known) == 0.0
    assert unknown_share("set a timer for 10 minutes!", known) == 0.0  # numbers and punctuation are not words
    assert unknown_share("", known) == 0.0


def test_out_of_scope_examples_are_varied_fixed_and_part_of_the_training_data(tmp_path: Path) -> None:
    examples = out_of_scope_examples()
    assert 200 <= len(examples) <= 400 and len(set(examples)) == len(examples)
    assert examples == out_of_scope_examples()  # same seed, same data: the model cache can key on it
    assert all(e == e.lower() and "{" not in e and "  " not in e for e in examples)
    data = compile_training_data(load_manifests(skill_dirs(Settings())))
    negatives = {e.text for e in data.examples if e.intent == OUT_OF_SCOPE}
    assert set(out_of_scope_examples(CompileOptions().seed)) | {"book a flight to paris"} <= negatives
    words = [pseudo_word(random.Random(i)) for i in range(50)]
    assert all(w.isalpha() and 1 <= len(w) <= 14 for w in words) and len(set(words)) > 40


def test_each_intent_has_its_own_words_and_a_middling_guess_needs_one() -> None:
    own = intent_words(load_manifests(skill_dirs(Settings())))
    assert {"off", "turn"} <= own["devices.off"] and {"timer"} <= own["timers.set"]
    assert "on" in own["devices.on"]  # many skills say "on", few devices intents do: the switching word stays own
    assert not {"the", "my", "what", "is"} & own["devices.off"]  # words most intents use are nobody's own
    assert "bathroom" not in own["devices.off"]  # a slot value is no request
    bathroom = words_of("find me the closest public bathroom")
    assert off_topic(chosen(0.5), set(bathroom), own["devices.off"])
    assert not off_topic(chosen(0.5), set(words_of("switch the bathroom lamp off")), own["devices.off"])
    assert not off_topic(chosen(0.95), set(bathroom), own["devices.off"])  # the engine is sure: its call
    assert not off_topic(chosen(0.5, "context"), set(bathroom), own["devices.off"])  # the conversation chose it


def test_a_request_made_only_of_its_own_words_and_named_values_is_all_said() -> None:
    manifests = {m.name: m for m in load_manifests(skill_dirs(Settings()))}
    devices = manifests["devices"]
    own = intent_words(manifests.values())
    on, color = devices.intent("devices.on"), devices.intent("devices.color")
    assert all_said(devices, on, "lights on", {"device": "lamp"}, own)
    assert all_said(devices, on, "the lights on please", {"device": "lamp"}, own)
    assert not all_said(devices, color, "should i do a complete stop at red lights", {"color": "red"}, own)
