"""RasaEngine against a real Rasa 3.6 server: training, parsing, caching, a killed server, one-line errors."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import pytest
from conftest import RasaEngineFactory, small_data

from assistant.config.rasa import RasaSettings
from assistant.errors import ModelError, NluError, NluUnavailable
from assistant.router.nlu.rasa import RasaEngine
from assistant.router.nlu.rasa.rasa_server import LOOPBACK, free_port
from assistant.router.nlu.types import OUT_OF_SCOPE, NluEngine

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

CASES = [
    ("turn on the lights in the kitchen", "lights_on", [("room", "kitchen", "kitchen")]),
    ("switch the lounge light on", "lights_on", [("room", "lounge", "living_room")]),
    ("set a timer for ten minutes", "set_timer", [("duration", "ten minutes", {"seconds": 600})]),
    ("hello there", "greet", []),
    ("book a flight to paris", OUT_OF_SCOPE, []),
]


def test_the_engine_is_an_nlu_engine(small_rasa_engine: RasaEngine) -> None:
    assert isinstance(small_rasa_engine, NluEngine)
    assert small_rasa_engine.name == "rasa"


@pytest.mark.parametrize(("text", "intent", "slots"), CASES)
def test_parses_through_the_real_server(
    small_rasa_engine: RasaEngine, text: str, intent: str, slots: list[tuple[str, str, object]]
) -> None:
    result = small_rasa_engine.parse(text)
    assert result.intent == intent
    assert result.engine == "rasa"
    assert 0.0 <= result.confidence <= 1.0
    assert [(s.entity, s.raw, s.value) for s in result.slots] == slots
    for slot in result.slots:
        assert text[slot.start : slot.end] == slot.raw


def test_a_second_engine_serves_the_cached_model_and_survives_a_kill(
    small_rasa_engine: RasaEngine, rasa_engine_factory: RasaEngineFactory
) -> None:
    assert small_rasa_engine.timings is not None
    engine = rasa_engine_factory(small_data())
    assert engine.timings is not None
    assert engine.timings.cached and engine.timings.train_s == 0.0
    assert engine.timings.model == small_rasa_engine.timings.model
    assert engine.parse("start a five minutes timer").intent == "set_timer"

    pid = engine.server_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    with pytest.raises(NluUnavailable, match="restarting"):
        engine.parse("turn on the lights in the office")
    started = time.perf_counter()
    with pytest.raises(NluUnavailable):  # still restarting: answered at once, not after a hang
        engine.parse("hello")
    assert time.perf_counter() - started < 1.0
    assert engine.wait_until_ready(timeout_s=240), "the Rasa server did not come back"
    assert engine.server_pid not in (None, pid)
    assert engine.parse("turn on the lights in the office").intent == "lights_on"
    engine.close()
    assert engine.server_pid is None


def test_a_port_in_use_is_a_one_line_error(
    rasa_settings: RasaSettings, rasa_models_dir: Path, small_rasa_engine: RasaEngine
) -> None:
    assert small_rasa_engine.timings is not None
    with socket.socket() as holder:
        holder.bind((LOOPBACK, 0))
        holder.listen()
        port = holder.getsockname()[1]
        with RasaEngine(rasa_settings, rasa_models_dir, port=port) as engine:
            with pytest.raises(NluError, match=rf"^port {port} on 127\.0\.0\.1 is already in use"):
                engine.load(small_rasa_engine.timings.model)
            assert engine.server_pid is None


def test_a_wrong_model_path_is_a_one_line_error(rasa_settings: RasaSettings, tmp_path: Path) -> None:
    settings = rasa_settings.model_copy(update={"model": tmp_path / "nope.tar.gz"})
    with RasaEngine(settings, tmp_path, port=free_port()) as engine:
        with pytest.raises(ModelError, match=r"nope\.tar\.gz does not exist; fix rasa\.model") as caught:
            engine.train(small_data())
        assert "\n" not in str(caught.value)


def test_a_failing_training_shows_rasas_last_lines(rasa_settings: RasaSettings, tmp_path: Path) -> None:
    settings = rasa_settings.model_copy(update={"pipeline": ("WhitespaceTokenizer", "NoSuchClassifier")})
    with RasaEngine(settings, tmp_path, port=free_port()) as engine:
        with pytest.raises(NluError, match=r"rasa train nlu failed \(exit \d+, log .*\): .*NoSuchClassifier") as caught:
            engine.train(small_data())
        assert "\n" not in str(caught.value)
