"""`assistant listen` as a user meets it: what its help promises, clear refusals, JSON Lines, the right 'nothing'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from assistant.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def _silence(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * int(16000 * seconds))
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yml"
    path.write_text(
        f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n"
        "speaker:\n  stt:\n    engine: pocketsphinx\n  no_speech_timeout_s: 1\n",
        encoding="utf-8",
    )
    return path


def _listen(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "listen", "--config", str(config), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        timeout=300,
    )


def test_no_tts_with_out_is_refused_and_makes_no_folder(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "replies"
    wav = _silence(tmp_path / "quiet.wav", 0.5)
    assert main(["listen", "--input", str(wav), "--once", "--no-tts", "--out", str(out), "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"assistant listen: error: --out {out} keeps the rendered replies, but --no-tts renders none; "
        "drop one of them\n"
    )
    assert not out.exists()


def test_help_says_what_each_mode_does_and_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["listen", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "grammar: recognise the assistant's own sentences" in text and "dictation: free speech" in text
    assert "(default: speaker.stt.mode in config, grammar unless set)" in text
    assert "(default: speaker.stt.engine in config, auto unless set)" in text
    assert "JSON Lines" in text


@pytest.mark.slow
def test_push_to_talk_without_enter_says_enter_was_not_pressed(tmp_path: Path, config: Path) -> None:
    wav = _silence(tmp_path / "quiet.wav", 1.0)
    done = _listen(config, "--input", str(wav), "--wake", "ptt", "--no-tts")
    assert done.returncode == 0, done.stderr
    assert "Enter was never pressed before the input ended (--wake ptt: press Enter, then speak)" in done.stderr
    assert "no wake phrase" not in done.stderr


@pytest.mark.slow
def test_json_is_one_compact_object_per_line(tmp_path: Path, config: Path) -> None:
    wav = _silence(tmp_path / "quiet.wav", 2.0)
    done = _listen(config, "--input", str(wav), "--once", "--json", "--no-tts")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines, done.stderr
    turns = [json.loads(line) for line in lines]
    assert all("transcript" in turn for turn in turns)


def test_readme_troubleshooting_quotes_the_real_vosk_message(tmp_path: Path) -> None:
    from assistant.errors import ModelError
    from assistant.speaker.models import check_model

    with pytest.raises(ModelError) as missing:
        check_model(tmp_path / "vosk", "en-US")
    opening = str(missing.value).split(":", 1)[0]
    rows = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if "Vosk model" in line]
    assert any(line.startswith(f"| `{opening}: ") for line in rows), rows
