"""`chat --once "/devices"`: slash commands never reach the NLU; those --once cannot run are one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yml"
    path.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    return path


def test_once_devices_lists_the_devices_instead_of_asking_the_nlu(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["chat", "--once", "/devices", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "lamp.kitchen" in out and '"power": "off"' in out
    assert "Turn off every device" not in out and "intent" not in out


def test_once_devices_json_is_the_device_list(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chat", "--once", "/devices", "--json", "--config", str(config)]) == 0
    devices = json.loads(capsys.readouterr().out)
    kitchen = next(d for d in devices if d["id"] == "lamp.kitchen")
    assert kitchen["state"]["power"] == "off"


def test_once_help_lists_the_chat_commands(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chat", "--once", "/help", "--config", str(config)]) == 0
    assert "/devices   the Mi-Home devices and their state" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("/new", "works only in the interactive chat"),
        ("/trace", "works only in the interactive chat"),
        ("/lights", "is not a chat command"),
    ],
)
def test_once_refuses_other_slash_commands_in_one_line(
    config: Path, text: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["chat", "--once", text, "--config", str(config)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err == f"assistant chat: error: --once {text}: {why}; --once runs /devices and /help, or text to say\n"
    )


def test_readme_names_every_field_of_chat_once_json(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chat", "--once", "turn on the kitchen lamp", "--json", "--config", str(config)]) == 0
    fields = set(json.loads(capsys.readouterr().out))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    bullet = readme.split('- `--once "TEXT" --json`', 1)[1].split("\n- ", 1)[0]
    assert {f for f in fields if f"`{f}`" not in bullet} == set()
