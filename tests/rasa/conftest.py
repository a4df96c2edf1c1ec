"""Fixtures for tests that run a real Rasa server: the environment (built if missing) and started engines.

``rasa_engine_factory(data)`` returns a ``RasaEngine`` trained on ``data`` and serving on a free loopback port; every
engine it made is closed at the end of the session. Trained models are cached next to Rasa's virtualenv, so a second
run on the same machine skips training. When the environment cannot be built, the tests fail with the reason under
CI (env var ``CI`` set) and are skipped with the reason elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.config.rasa import RasaSettings
from assistant.errors import AssistantError
from assistant.router.nlu.rasa import RasaEngine
from assistant.router.nlu.rasa.rasa_environment import default_venv_dir, ensure_environment
from assistant.router.nlu.rasa.rasa_server import free_port
from assistant.router.nlu.types import OUT_OF_SCOPE, EntitySpan, Example, TrainingData

RasaEngineFactory = Callable[..., RasaEngine]


def unavailable(reason: str) -> None:
    """Fail under CI, skip elsewhere: a missing Rasa must never pass silently in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"the Rasa environment is required in CI: {reason}")
    pytest.skip(f"the Rasa environment is not available: {reason}")


@pytest.fixture(scope="session")
def rasa_settings() -> RasaSettings:
    """Default Rasa settings with a verified environment (built on first use: about two minutes)."""
    settings = RasaSettings()
    try:
        ensure_environment(settings)
    except AssistantError as e:
        unavailable(str(e))
    return settings


@pytest.fixture(scope="session")
def rasa_models_dir() -> Path:
    """Where test models are cached between runs (outside the repository, beside Rasa's virtualenv)."""
    return default_venv_dir().parent / "test-models"


@pytest.fixture(scope="session")
def rasa_engine_factory(rasa_settings: RasaSettings, rasa_models_dir: Path) -> Iterator[RasaEngineFactory]:
    """``start(data, **settings_overrides) -> RasaEngine`` trained on ``data`` and serving; closed at session end."""
    engines: list[RasaEngine] = []

    def start(data: TrainingData, **overrides: object) -> RasaEngine:
        settings = rasa_settings.model_copy(update=overrides) if overrides else rasa_settings
        engine = RasaEngine(settings, rasa_models_dir, port=free_port())
        engines.append(engine)
        engine.train(data)
        return engine

    yield start
    for engine in engines:
        engine.close()


def _example(text: str, intent: str, *marks: tuple[str, str, str]) -> Example:
    spans = []
    for surface, entity, value in marks:
        start = text.index(surface)
        spans.append(EntitySpan(start, start + len(surface), entity, value))
    return Example(text, intent, tuple(spans))


def small_data() -> TrainingData:
    """Three intents with rooms and durations plus out-of-scope lines: enough for DIET to learn in seconds."""
    rooms = ["kitchen", "bedroom", "living room", "bathroom", "office", "hallway", "lounge"]
    durations = ["five minutes", "ten minutes", "2 hours", "thirty seconds", "one hour", "20 minutes", "90 seconds"]
    examples: list[Example] = []
    for room in rooms:
        value = "living room" if room == "lounge" else room
        examples += [
            _example(f"turn on the lights in the {room}", "lights_on", (room, "room", value)),
            _example(f"switch the {room} light on", "lights_on", (room, "room", value)),
            _example(f"{room} lights on please", "lights_on", (room, "room", value)),
        ]
    for duration in durations:
        examples += [
            _example(f"set a timer for {duration}", "set_timer", (duration, "duration", duration)),
            _example(f"start a {duration} timer", "set_timer", (duration, "duration", duration)),
            _example(f"timer {duration}", "set_timer", (duration, "duration", duration)),
        ]
    examples += [
        Example(t, "greet")
        for t in ("hello", "hi there", "good morning", "hey", "hello assistant", "hi", "good evening", "howdy")
    ]
    examples += [
        Example(t, OUT_OF_SCOPE)
        for t in (
            "book a flight to paris",
            "what's my bank balance",
            "order a pizza",
            "transfer money to savings",
            "track my package",
            "apply for a loan",
            "rent a car in london",
            "cancel my credit card",
        )
    ]
    return TrainingData(examples=tuple(examples), synonyms={"lounge": "living room"})


@pytest.fixture(scope="module")
def small_rasa_engine(rasa_engine_factory: RasaEngineFactory) -> RasaEngine:
    """A started engine trained on ``small_data()`` (shared by a test module)."""
    return rasa_engine_factory(small_data())
