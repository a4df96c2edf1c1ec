"""The contract every NluEngine keeps, run against each implementation in ENGINE_FACTORIES.

An ``EngineCase`` holds a factory that takes a ``tmp_path`` and returns a fresh, untrained engine (or calls
``pytest.skip`` when it needs something this machine lacks) and whether the engine fills slots. Add an engine by
adding one entry to ENGINE_FACTORIES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from router_nlu_sample import sample_data

from assistant.router.nlu.baseline import BaselineEngine
from assistant.router.nlu.embedded import EmbeddedEngine
from assistant.router.nlu.types import OUT_OF_SCOPE, NluEngine, NluResult

EngineFactory = Callable[[Path], NluEngine]


@dataclass(frozen=True)
class EngineCase:
    factory: EngineFactory
    fills_slots: bool = True


def _rasa_engine(tmp_path: Path) -> NluEngine:
    """A RasaEngine on a free port (models cached beside Rasa's venv); fails under CI, skips elsewhere, without Rasa."""
    import os

    from assistant.config.rasa import RasaSettings
    from assistant.errors import AssistantError
    from assistant.router.nlu.rasa import RasaEngine
    from assistant.router.nlu.rasa.rasa_environment import default_venv_dir, ensure_environment
    from assistant.router.nlu.rasa.rasa_server import free_port

    try:
        ensure_environment(RasaSettings())
    except AssistantError as e:
        if os.environ.get("CI"):
            pytest.fail(f"the Rasa environment is required in CI: {e}")
        pytest.skip(f"the Rasa environment is not available: {e}")
    return RasaEngine(RasaSettings(), default_venv_dir().parent / "test-models", port=free_port())


ENGINE_FACTORIES: dict[str, EngineCase] = {
    "embedded": EngineCase(lambda tmp_path: EmbeddedEngine()),
    "tfidf-svm": EngineCase(lambda tmp_path: BaselineEngine(), fills_slots=False),
    "rasa": EngineCase(_rasa_engine),
}
ENGINE_MARKS = {"rasa": [pytest.mark.rasa, pytest.mark.slow]}

KNOWN = [
    ("turn on the lights in the kitchen", "lights_on", {"room"}),
    ("make the bedroom lights red", "light_color", {"room", "color"}),
    ("set a timer for ten minutes", "set_timer", {"duration"}),
    ("what's the weather in paris", "weather", {"city"}),
]
UNKNOWN = ["book a flight to rome", "what is my bank balance"]


@pytest.fixture(
    scope="module", params=[pytest.param(name, marks=ENGINE_MARKS.get(name, [])) for name in sorted(ENGINE_FACTORIES)]
)
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NluEngine]:
    made = ENGINE_FACTORIES[request.param].factory(tmp_path_factory.mktemp(request.param))
    made.train(sample_data())
    yield made
    made.close()


def test_is_an_nlu_engine(engine: NluEngine) -> None:
    assert isinstance(engine, NluEngine)
    assert engine.name in ENGINE_FACTORIES


@pytest.mark.parametrize(("text", "intent", "entities"), KNOWN)
def test_known_utterances(engine: NluEngine, text: str, intent: str, entities: set[str]) -> None:
    result = engine.parse(text)
    _check_shape(result, text, engine.name)
    assert result.intent == intent
    if ENGINE_FACTORIES[engine.name].fills_slots:
        assert {s.entity for s in result.slots} == entities
    else:
        assert result.slots == ()


@pytest.mark.parametrize("text", UNKNOWN)
def test_out_of_scope_utterances(engine: NluEngine, text: str) -> None:
    result = engine.parse(text)
    _check_shape(result, text, engine.name)
    assert result.intent == OUT_OF_SCOPE
    assert result.out_of_scope


@pytest.mark.parametrize("text", ["", "   ", "?!", "打开客厅的灯"])
def test_odd_input_still_gives_a_result(engine: NluEngine, text: str) -> None:
    _check_shape(engine.parse(text), text, engine.name)


def _check_shape(result: NluResult, text: str, name: str) -> None:
    assert result.text == text
    assert result.engine == name
    assert 0.0 <= result.confidence <= 1.0
    names = {"lights_on", "light_color", "set_timer", "weather", OUT_OF_SCOPE}
    assert result.intent in names
    assert all(score.name in names and 0.0 <= score.confidence <= 1.0 for score in result.ranking)
    confidences = [score.confidence for score in result.ranking]
    assert confidences == sorted(confidences, reverse=True)
    for slot in result.slots:
        assert 0 <= slot.start < slot.end <= len(text)
        assert text[slot.start : slot.end] == slot.raw
        assert 0.0 <= slot.confidence <= 1.0
