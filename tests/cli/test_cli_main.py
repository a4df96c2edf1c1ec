"""The command line as a user meets it: help for every command, config errors as one line, chat --once --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli.main import build_parser, main
from assistant.cli.registry import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", list(COMMAND_MODULES))
def test_every_command_explains_itself(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: assistant {name}" in out
    assert "--config PATH" in out
    assert len(out.splitlines()) >= 6  # a description, not just usage


def test_top_level_help_lists_every_usage_mode() -> None:
    text = build_parser().format_help()
    for name in ("chat", "listen", "test", "train", "eval", "models", "bench"):
        assert name in text


@pytest.mark.parametrize("before", [True, False])
def test_a_broken_config_is_one_line_and_exit_2(tmp_path: Path, before: bool) -> None:
    config = tmp_path / "broken.yml"
    config.write_text("speaker:\n  wake:\n    sensitivty: 0.3\n", encoding="utf-8")
    args = (
        ["--config", str(config), "chat", "--once", "hi"]
        if before
        else ["chat", "--config", str(config), "--once", "hi"]
    )
    done = run_cli(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"assistant chat: error: {config}:3: speaker.wake.sensitivty: unknown key; did you mean 'sensitivity'?"
    ]


def test_a_missing_config_file_is_one_line(tmp_path: Path) -> None:
    done = run_cli("chat", "--config", "nope.yml", "--once", "hi", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "assistant chat: error: nope.yml: no such file (pass --config with an existing file)"


def test_json_needs_once(tmp_path: Path) -> None:
    done = run_cli("chat", "--json", cwd=tmp_path)
    assert done.returncode == 2
    assert "--json needs --once" in done.stderr


def test_chat_once_json_reports_the_whole_turn(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    done = run_cli("chat", "--once", "turn on the kitchen lamp", "--json", "--config", str(config), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["intent"] == "devices.on"
    assert result["skill"] == "devices"
    assert result["slots"] == {"room": "kitchen", "device": "lamp"}
    assert 0.0 < result["confidence"] <= 1.0
    assert result["speech"] == "Turning on the kitchen lamp."
    assert result["open_mic"] is False
    assert result["action"]["name"] == "mihome.control"
    assert result["device_changes"][0]["device"] == "lamp.kitchen"
    assert result["device_changes"][0]["new"] == "on"
    assert result["directives"] == []
    for stage in ("bridge", "router", "nlu", "skill", "total"):
        assert result["ms"][stage] >= 0.0
    assert result["ms"]["total"] >= result["ms"]["router"]


def test_chat_shows_what_changed_on_the_hub(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    done = run_cli("chat", "--once", "turn on the kitchen lamp", "--config", str(config), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "mi-home kitchen lamp: power off -> on" in done.stdout


def test_a_timer_due_while_nothing_ran_is_announced_at_the_next_start(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    first = run_cli("chat", "--once", "set a timer for 1 second", "--config", str(config), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    time.sleep(1.5)  # due while no assistant runs
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    second = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--config", str(config)],
        input="what's the date\n",
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    assert "announce Your 1 second timer is done" in second.stdout


def test_chat_speak_renders_speech_and_survives_a_machine_without_sound(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    done = run_cli("chat", "--once", "thank you", "--speak", "--config", str(config), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "You're welcome" in done.stdout
    if "no audio output" in done.stderr:  # no sound card: said once, in one line
        assert done.stderr.count("no audio output") == 1
