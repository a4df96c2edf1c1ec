"""Broken config files: each gives one specific line, ``<file>:<line>: key.path: problem``.

Every file is really written and read through :func:`load_settings`, the way ``--config`` reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.errors import ConfigError

BROKEN: list[tuple[str, str]] = [
    ("speker:\n  device_id: mi-02\n", ":1: speker: unknown key; did you mean 'speaker'?"),
    ("speaker:\n  wake:\n    phrase: [xiao ai]\n", ":3: speaker.wake.phrase: unknown key; did you mean 'phrases'?"),
    ("router:\n  nlu:\n    zzzzz: 1\n", ":3: router.nlu.zzzzz: unknown key; allowed here: engine, threshold"),
    (
        "speaker:\n  tts:\n    rate: fast\n",
        ":3: speaker.tts.rate: input should be a valid integer, unable to parse string as an integer (got 'fast')",
    ),
    (
        "speaker:\n  wake:\n    sensitivity: 1.5\n",
        ":3: speaker.wake.sensitivity: input should be less than or equal to 1 (got 1.5)",
    ),
    ("bridge:\n  timeout_s: 0\n", ":2: bridge.timeout_s: input should be greater than 0 (got 0)"),
    (
        "router:\n  nlu:\n    engine: spacy\n",
        ":3: router.nlu.engine: must be one of 'embedded' or 'rasa' (got 'spacy')",
    ),
    ("speaker:\n  wake:\n    phrases: ['']\n", ":3: speaker.wake.phrases[0]: must be a non-empty string (got '')"),
    (
        "speaker:\n  wake:\n    phrases: [xiao ai, '   ']\n",
        ":3: speaker.wake.phrases[1]: must be a non-empty string (got '   ')",
    ),
    ("speaker:\n  wake:\n    phrases: []\n", ":3: speaker.wake.phrases: must list at least one wake phrase"),
    (
        "speaker:\n  wake:\n    phrases: xiao ai\n",
        ":3: speaker.wake.phrases: must be a list of wake phrases, e.g. [xiao ai, hey cortana]"
        " (got the text 'xiao ai')",
    ),
    ("locale: chinese\n", ":1: locale: must be a BCP-47 locale such as en-US or zh-CN (got 'chinese')"),
    ("speaker: 5\n", ":1: speaker: must be a mapping of keys such as device_id:, input_device: (got the number 5)"),
    ("speaker:\n  input_device: [1]\n", ":2: speaker.input_device: must be text or a whole number (got a list)"),
    ("bridge:\n  secret: short\n", ":2: bridge.secret: string should have at least 16 characters (got 'short')"),
    ("bridge:\n  transport: tcp\n", ":2: bridge.transport: must be one of 'inprocess' (got 'tcp')"),
    ("router:\n  timezone: Mars/Olympus\n", ":2: router.timezone: 'Mars/Olympus' is not an IANA time zone"),
    ("models_dir: .\n", ":1: models_dir: must name a folder (got '.')"),
    ("- speaker\n- router\n", ":1: must be a mapping of settings such as locale:, speaker: (got a list)"),
    ("just words\n", ":1: must be a mapping of settings such as locale:, speaker: (got the text 'just words')"),
    ("speaker:\n  device_id: [mi\nrouter: {}\n", ":3: expected ',' or ']', but got ':' (fix the YAML syntax)"),
    ("speaker:\n\tdevice_id: mi\n", ":2: found character '\\t' that cannot start any token (fix the YAML syntax)"),
    ("locale: en-US\nlocale: zh-CN\n", ":2: key 'locale' appears twice in one mapping (fix the YAML syntax)"),
    (
        "speaker:\n  wake:\n    sensitivity: 0.5\n    sensitivity: 0.9\n",
        ":4: key 'sensitivity' appears twice in one mapping",
    ),
    (
        "bridge:\n  secret: ${ASSISTANT_TEST_UNSET_SECRET}\n",
        ":2: bridge.secret: environment variable ASSISTANT_TEST_UNSET_SECRET is not set (export it)",
    ),
    (
        "speaker:\n  wake:\n    phrases: [xiao ai, '${ASSISTANT_TEST_UNSET}']\n",
        ":3: speaker.wake.phrases[1]: environment variable ASSISTANT_TEST_UNSET is not set",
    ),
]


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_one_line(error: ConfigError) -> str:
    message = str(error)
    assert "\n" not in message and len(message) < 400
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    assert error.exit_code == 2
    return message


def test_there_are_enough_broken_files() -> None:
    assert len(BROKEN) >= 10


@pytest.mark.parametrize(("text", "expected"), BROKEN, ids=[f"broken-{i}" for i in range(len(BROKEN))])
def test_a_broken_config_gives_one_specific_error(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    message = assert_one_line(caught.value)
    assert message.startswith(f"{path}{expected}"), message


def test_a_missing_file_says_how_to_fix_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "config.yml"
    with pytest.raises(ConfigError) as caught:
        load_settings(missing)
    assert assert_one_line(caught.value) == f"{missing}: no such file (pass --config with an existing file)"


@pytest.mark.parametrize("content", [b"locale: \xff\xfe\n", None], ids=["not-utf8", "a-folder"])
def test_an_unreadable_file_is_one_line(tmp_path: Path, content: bytes | None) -> None:
    path = write(tmp_path, content) if content is not None else tmp_path
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert assert_one_line(caught.value).startswith(f"{path}: cannot be read: ")


def test_environment_variables_are_substituted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bridge:\n"
        "  secret: ${ASSISTANT_TEST_SECRET}\n"
        "  app_id: app-${ASSISTANT_TEST_APP:-default}-1\n"
        "speaker:\n"
        "  device_id: ${ASSISTANT_TEST_DEVICE:-mi-speaker-09}\n"
        "  wake:\n"
        "    phrases: [小爱同学, '${ASSISTANT_TEST_WAKE}']\n",
    )
    environ = {"ASSISTANT_TEST_SECRET": "s" * 16, "ASSISTANT_TEST_APP": "cortana", "ASSISTANT_TEST_WAKE": "hey 小爱"}
    settings = load_settings(path, environ=environ)
    assert settings.bridge.secret == "s" * 16
    assert settings.bridge.app_id == "app-cortana-1"
    assert settings.speaker.device_id == "mi-speaker-09"  # unset, so the default after :-
    assert settings.speaker.wake.phrases == ("小爱同学", "hey 小爱")


def test_the_process_environment_is_read_when_none_is_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TEST_SECRET", "0123456789abcdef")
    path = write(tmp_path, "bridge:\n  secret: ${ASSISTANT_TEST_SECRET}\n")
    assert load_settings(path).bridge.secret == "0123456789abcdef"


def test_a_good_file_gives_typed_settings_with_paths_from_its_folder(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "locale: zh-CN\nmodels_dir: m\ndata_dir: /var/lib/assistant\n"
        "router:\n  skill_dirs: [extra]\n  timezone: Asia/Shanghai\n  nlu:\n    threshold: 0.6\n"
        "speaker:\n  wake:\n    phrases: ['  xiao ai  ']\n",
    )
    settings = load_settings(path)
    assert settings.locale == "zh-CN" and settings.router.nlu.threshold == 0.6
    assert settings.models_dir == tmp_path.resolve() / "m"
    assert settings.data_dir == Path("/var/lib/assistant")
    assert settings.router.skill_dirs == (tmp_path.resolve() / "extra",)
    assert settings.speaker.wake.phrases == ("xiao ai",)  # surrounding spaces are not part of a phrase
    with pytest.raises(ValueError, match="frozen"):
        settings.locale = "en-US"  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "speaker: {}\n"])
def test_an_empty_file_means_the_defaults(tmp_path: Path, text: str) -> None:
    loaded = load_settings(write(tmp_path, text))
    assert loaded.model_dump() == Settings().resolved(tmp_path.resolve()).model_dump()
    assert loaded.source == str(tmp_path / "config.yml")  # errors found later (the router's) name this file


def test_no_file_means_the_defaults_in_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(None).models_dir == tmp_path / "models"
