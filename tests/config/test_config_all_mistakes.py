"""config.yml mistakes in plain words (what is expected, with an example), each with its line, all of them in one run;
models_dir or data_dir naming a file is a config error naming the file actually read, with its line (QA finding 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.config import load_settings, parse_settings
from assistant.errors import ConfigError

PLAIN = [
    (
        "router:\n  skill_dirs: nowhere\n",
        ["2: router.skill_dirs: must be a list of folders, e.g. [skills] (got the text 'nowhere')"],
    ),
    ("router: [a, b]\n", ["1: router: must be a mapping of keys such as nlu:, skill_dirs: (got a list)"]),
    (
        "router:\n  nlu:\n  engine: rasa\n",  # engine: was meant inside nlu:
        [
            "2: router.nlu: is empty; write its keys indented under it, or remove the line",
            "3: router.engine: unknown key here; it belongs inside nlu: (indent it below nlu:)",
        ],
    ),
    (
        "router:\n  skill_dirs:\n  nlu:\n    threshold:\n",
        [
            "2: router.skill_dirs: is empty; write a list of folders, e.g. [skills], or remove the line",
            "4: router.nlu.threshold: is empty; give it a value, or remove the line for the default (0.5)",
        ],
    ),
    (
        "speaker:\n  wake:\n    phrases: [xiao ai, [hey, cortana]]\n  tts:\n    voice: [en-us]\n",
        [
            "3: speaker.wake.phrases[1]: must be text (got a list)",
            "5: speaker.tts.voice: must be text (got a list)",
        ],
    ),
    ("models_dir: {path: m}\n", ["1: models_dir: must be a folder, e.g. models (got a mapping)"]),
    (
        "# settings\n- speaker\n",
        ["2: must be a mapping of settings such as locale:, speaker: (got a list)"],
    ),
]


def load(tmp_path: Path, text: str, name: str = "c.yml") -> tuple[Path, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert caught.value.exit_code == 2
    assert caught.value.__cause__ is None and (caught.value.__context__ is None or caught.value.__suppress_context__)
    return path, str(caught.value)


@pytest.mark.parametrize(("text", "expected"), PLAIN, ids=[f"plain-{i}" for i in range(len(PLAIN))])
def test_a_wrong_shape_says_what_is_expected_with_an_example(tmp_path: Path, text: str, expected: list[str]) -> None:
    path, message = load(tmp_path, text)
    assert message.splitlines() == [f"{path}:{line}" for line in expected]
    assert "valid" not in message and "instance of" not in message and "None" not in message


def test_every_mistake_is_listed_in_the_order_of_the_file(tmp_path: Path) -> None:
    path, message = load(
        tmp_path,
        "locale: english\n"
        "speker:\n  device_id: mi-02\n"
        "router:\n  nlu:\n    threshhold: 0.4\n  timezone: Mars/Base\n"
        "bridge:\n  secret: ${ASSISTANT_TEST_UNSET}\n  timeout_s: 0\n",
    )
    assert message.splitlines() == [
        f"{path}:1: locale: must be a BCP-47 locale such as en-US or zh-CN (got 'english')",
        f"{path}:2: speker: unknown key; did you mean 'speaker'?",
        f"{path}:6: router.nlu.threshhold: unknown key; did you mean 'threshold'?",
        f"{path}:7: router.timezone: 'Mars/Base' is not an IANA time zone (e.g. Europe/Paris, Asia/Shanghai)",
        f"{path}:9: bridge.secret: environment variable ASSISTANT_TEST_UNSET is not set (export it)",
        f"{path}:10: bridge.timeout_s: input should be greater than 0 (got 0)",
    ]


def test_a_models_dir_that_is_a_file_names_the_config_read_its_line_and_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "passwd"
    blocker.write_text("root:x:0:0\n")
    path, message = load(tmp_path, f"locale: en-US\nmodels_dir: {blocker}\ndata_dir: {blocker}/data\n")
    assert message.splitlines() == [
        f"{path}:2: models_dir: {blocker} is a file, not a folder; set models_dir to a folder (it is created when"
        " missing)",
        f"{path}:3: data_dir: {blocker} is a file, not a folder; set data_dir to a folder (it is created when missing)",
    ]


def test_the_cli_exits_2_naming_the_config_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.yml"
    config.write_text("models_dir: /etc/passwd\n", encoding="utf-8")
    assert main(["--config", str(config), "chat", "--once", "hi"]) == 2
    assert capsys.readouterr().err.startswith(f"assistant chat: error: {config}:1: models_dir: /etc/passwd is a file")


def test_settings_name_the_line_of_a_key_for_errors_found_later(tmp_path: Path) -> None:
    config = tmp_path / "c.yml"
    config.write_text("locale: en-US\nrouter:\n  home_city: Atlantis\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings.where("router", "home_city") == f"{config}:3"
    assert settings.where("router", "timezone") == f"{config}:2"  # a default: the line of its section
    assert settings.where("data_dir") == str(config)
    assert parse_settings("", "c.yml", base=tmp_path).where("locale") == "c.yml"
