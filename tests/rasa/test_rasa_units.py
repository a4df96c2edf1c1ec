"""The Rasa backend's pure parts and its one-line errors, without a Rasa server (fast, always run)."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
import yaml

from assistant.config.rasa import RasaSettings
from assistant.errors import ConfigError, ModelError, NluError
from assistant.router.nlu.rasa.rasa_data import clean_example, model_key, rasa_nlu_yaml
from assistant.router.nlu.rasa.rasa_environment import candidate_pythons, default_venv_dir, find_base_python
from assistant.router.nlu.rasa.rasa_pipeline import language_of, parse_component, pipeline_yaml
from assistant.router.nlu.rasa.rasa_process import last_lines
from assistant.router.nlu.rasa.rasa_result import result_from_rasa
from assistant.router.nlu.rasa.rasa_server import LOOPBACK, check_model, check_port_free
from assistant.router.nlu.rasa_yaml import parse_nlu_yaml
from assistant.router.nlu.types import OUT_OF_SCOPE, EntitySpan, Example, TrainingData


def test_cleaning_collapses_whitespace_and_moves_spans() -> None:
    text = "  give [The God]  Machine two of 6\n points "
    start = text.index("The")
    example = Example(text, "RateBook", (EntitySpan(start, start + 17, "object_name", "The God]  Machine"),))
    cleaned = clean_example(example)
    assert cleaned is not None
    assert cleaned.text == "give The God Machine two of 6 points"
    (span,) = cleaned.entities
    assert cleaned.text[span.start : span.end] == "The God Machine"
    assert span.value == "The God] Machine"


def test_cleaning_drops_examples_left_empty() -> None:
    assert clean_example(Example(" [ ] ", "x")) is None


def test_cleaned_data_round_trips_through_rasa_yaml() -> None:
    data = TrainingData(
        (Example("set a  timer\tfor 5 minutes ", "set_timer", (EntitySpan(17, 26, "duration", "5 minutes"),)),)
    )
    loaded = parse_nlu_yaml(rasa_nlu_yaml(data))
    assert loaded.examples == (
        Example("set a timer for 5 minutes", "set_timer", (EntitySpan(16, 25, "duration", "5 minutes"),)),
    )


def test_model_key_changes_with_data_pipeline_and_version() -> None:
    key = model_key("data", "pipe", "rasa==1")
    assert key == model_key("data", "pipe", "rasa==1")
    assert (
        len(
            {
                key,
                model_key("data2", "pipe", "rasa==1"),
                model_key("data", "pipe2", "rasa==1"),
                model_key("data", "pipe", "rasa==2"),
            }
        )
        == 4
    )


def test_pipeline_yaml_gives_diet_the_epochs_setting() -> None:
    document = yaml.safe_load(pipeline_yaml(RasaSettings(epochs=7), "zh"))
    assert document["language"] == "zh"
    diet = next(c for c in document["pipeline"] if c["name"] == "DIETClassifier")
    assert diet["epochs"] == 7 and diet["transformer_size"] == 64 and diet["checkpoint_model"] is False
    chars = document["pipeline"][4]
    assert chars == {
        "name": "CountVectorsFeaturizer",
        "analyzer": "char_wb",
        "min_ngram": 2,
        "max_ngram": 3,
        "max_features": 3000,
    }


def test_pipeline_entry_epochs_win_over_the_setting() -> None:
    settings = RasaSettings(epochs=7, pipeline=("WhitespaceTokenizer", "DIETClassifier epochs=3"))
    document = yaml.safe_load(pipeline_yaml(settings))
    assert document["pipeline"][1]["epochs"] == 3
    assert parse_component("X a=true b=0.5 c=word") == {"name": "X", "a": True, "b": 0.5, "c": "word"}
    assert language_of("en-US") == "en"


@pytest.mark.parametrize("entry", ["", "Diet epochs", "1Bad", "DIETClassifier epochs=3 =x"])
def test_malformed_pipeline_entries_are_config_errors(entry: str) -> None:
    from assistant.config import parse_settings

    with pytest.raises(ConfigError, match=r"rasa\.pipeline"):
        parse_settings(f"rasa:\n  pipeline: [{entry!r}]\n", "config.yml", base=Path("."))


def test_parse_answer_becomes_an_nlu_result_with_normalised_slots() -> None:
    payload = {
        "intent": {"name": "lights_on", "confidence": 0.93},
        "entities": [{"entity": "room", "start": 18, "end": 24, "value": "living room", "confidence_entity": 0.8}],
        "intent_ranking": [{"name": "lights_on", "confidence": 0.93}, {"name": "oos", "confidence": 0.05}],
    }
    result = result_from_rasa(payload, "turn on the light lounge")
    assert (result.intent, result.confidence, result.engine) == ("lights_on", 0.93, "rasa")
    (slot,) = result.slots
    assert (slot.entity, slot.raw, slot.value, slot.start, slot.end) == ("room", "lounge", "living_room", 18, 24)
    assert [s.name for s in result.ranking] == ["lights_on", "oos"]


def test_durations_are_normalised_like_the_embedded_engine() -> None:
    payload = {
        "intent": {"name": "set_timer", "confidence": 1},
        "entities": [{"entity": "duration", "start": 10, "end": 22, "value": "five minutes"}],
    }
    assert result_from_rasa(payload, "timer for five minutes").slots[0].value == {"seconds": 300}


@pytest.mark.parametrize("name", [None, "", "nlu_fallback"])
def test_no_intent_is_out_of_scope(name: str | None) -> None:
    result = result_from_rasa({"intent": {"name": name, "confidence": 0.2}, "entities": []}, "hmm")
    assert result.intent == OUT_OF_SCOPE and result.slots == ()


@pytest.mark.parametrize(
    "payload",
    [[], {"intent": {"name": "a", "confidence": "high"}}, {"intent": {"name": "a"}, "entities": [{"entity": "x"}]}],
)
def test_malformed_parse_answers_are_nlu_errors(payload: object) -> None:
    with pytest.raises(NluError, match="Rasa's parse answer"):
        result_from_rasa(payload, "text")


def test_a_configured_python_that_does_not_run_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"rasa\.python: .*does not run; install Python 3\.10"):
        find_base_python(tmp_path / "python3.10")


def test_a_configured_python_of_the_wrong_version_is_a_config_error() -> None:
    if sys.version_info[:2] in ((3, 8), (3, 9), (3, 10)):
        pytest.skip("this interpreter is a supported one; the test needs an unsupported Python")
    with pytest.raises(ConfigError, match=r"is Python 3\.\d+, Rasa 3\.6 needs 3\.8-3\.10"):
        find_base_python(Path(sys.executable))


def test_no_python_found_names_what_to_install(tmp_path: Path) -> None:
    environ = {"PATH": str(tmp_path), "PYENV_ROOT": str(tmp_path / "pyenv")}
    assert candidate_pythons(environ) == []
    with pytest.raises(NluError, match=r"needs Python 3\.8-3\.10 and none was found.*pyenv install 3\.10"):
        find_base_python(None, environ)


def test_pyenv_versions_are_found(tmp_path: Path) -> None:
    binary = tmp_path / "pyenv" / "versions" / "3.10.13" / "bin" / "python3.10"
    binary.parent.mkdir(parents=True)
    binary.touch()
    assert candidate_pythons({"PATH": str(tmp_path), "PYENV_ROOT": str(tmp_path / "pyenv")}) == [binary]


def test_the_venv_lives_in_the_user_cache(tmp_path: Path) -> None:
    assert default_venv_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "mi-cortana-assistant" / "rasa-3.6-py3.10"


def test_a_wrong_model_path_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"Rasa model .*missing\.tar\.gz does not exist; fix rasa\.model"):
        check_model(tmp_path / "missing.tar.gz")
    (tmp_path / "model.zip").write_bytes(b"x")
    with pytest.raises(ModelError, match=r"not a \.tar\.gz archive"):
        check_model(tmp_path / "model.zip")


def test_a_port_in_use_is_one_line() -> None:
    with socket.socket() as holder:
        holder.bind((LOOPBACK, 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(NluError, match=rf"port {port} on 127\.0\.0\.1 is already in use; set rasa\.port"):
            check_port_free(port)


def test_log_tails_skip_noise_and_stay_on_one_line() -> None:
    log = "start\nDeprecationWarning: old\n\x1b[91mError: bad data\x1b[0m\r\nEpochs: 10%\n\n"
    assert last_lines(log, 2) == "Error: bad data | Epochs: 10%"
    assert last_lines("") == "(no output)"


def test_progress_without_a_terminal_prints_each_step_once() -> None:
    import io

    from rich.console import Console

    from assistant.router.nlu.rasa.rasa_factory import console_progress

    sink = io.StringIO()
    with console_progress(Console(file=sink, width=200)) as say:
        say("installing Rasa: package 1 of about 130 (rasa)")
        say("installing Rasa: package 2 of about 130 (tensorflow)")  # same step within 10 s: not repeated
        say("training DIET: epoch 1/40")
        say("training DIET: epoch 2/40")
    assert sink.getvalue().splitlines() == [
        "rasa: installing Rasa: package 1 of about 130 (rasa)",
        "rasa: training DIET: epoch 1/40",
    ]


def test_the_training_lock_makes_a_second_trainer_wait(tmp_path: Path) -> None:
    import threading

    from assistant.router.nlu.rasa.rasa_environment import locked

    got_it = threading.Event()

    def second() -> None:
        with locked(tmp_path / "train-key.lock"):
            got_it.set()

    with locked(tmp_path / "train-key.lock"):
        waiter = threading.Thread(target=second)
        waiter.start()
        assert not got_it.wait(0.3)
    assert got_it.wait(5)
    waiter.join()


def test_the_auth_token_is_one_argument_even_when_it_starts_with_a_dash(tmp_path: Path) -> None:
    """A random token once began with "-": rasa's argparse took it for an option and the server never started."""
    import argparse

    from assistant.router.nlu.rasa.rasa_environment import RasaEnvironment
    from assistant.router.nlu.rasa.rasa_server import RasaServer, ServerSpec

    spec = ServerSpec(RasaEnvironment(tmp_path), tmp_path / "m.tar.gz", 5905, "-Xy_z", 2, tmp_path / "log", 5.0)
    argv = RasaServer(spec).command()
    parser = argparse.ArgumentParser()  # parses the way rasa's own command line does
    parser.add_argument("--enable-api", action="store_true")
    parser.add_argument("-t", "--auth-token")
    parser.add_argument("-p", "--port")
    parser.add_argument("-i", "--interface")
    parser.add_argument("--model")
    parsed = parser.parse_args(argv[2:])
    assert parsed.auth_token == "-Xy_z"
    assert parsed.port == "5905"


def test_random_tokens_never_start_with_a_dash() -> None:
    from assistant.config.rasa import RasaSettings
    from assistant.router.nlu.rasa.rasa_engine import RasaEngine

    tokens = set()
    for _ in range(200):
        engine = RasaEngine(RasaSettings(), Path("/nonexistent"))
        tokens.add(engine.token)
        engine.close()
    assert len(tokens) == 200
    assert not any(t.startswith("-") for t in tokens)
