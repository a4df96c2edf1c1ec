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
    assert (
        "none: no wake needed, the speaker stays awake and every utterance in the input is a command "
        "(with --once: the first one, and silence is the no-speech turn)" in text
    )
    assert "--speak" not in text


def test_speak_says_that_listen_always_speaks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wav = _silence(tmp_path / "quiet.wav", 0.5)
    with pytest.raises(SystemExit) as exited:
        main(["listen", "--input", str(wav), "--speak"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith(
        "assistant listen: error: --speak: listen always speaks its replies (--no-tts turns that off)\n"
    )
    assert "did you mean" not in err


def test_the_no_audio_output_warning_is_true_to_the_options(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse
    import types

    from assistant.cli.cmd_listen import _no_output_notice
    from assistant.speaker.tts import Player

    class PortAudioError(Exception):
        pass

    def no_device(**_: object) -> None:
        raise PortAudioError("Error querying device -1")

    machine = types.ModuleType("sounddevice")
    machine.PortAudioError = PortAudioError  # type: ignore[attr-defined]
    machine.OutputStream = no_device  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sounddevice", machine)
    reply = _silence(tmp_path / "reply.wav", 0.2)

    def notice(no_tts: bool, out: str | None) -> str | None:
        return _no_output_notice(argparse.Namespace(no_tts=no_tts, out=None if out is None else Path(out)))

    assert notice(True, None) is None
    assert notice(False, None) == "replies are shown as text (add --out DIR to keep them as WAVs)"
    assert notice(False, "replies") == "replies are shown as text and kept as WAVs in replies"
    with caplog.at_level("INFO", logger="assistant.speaker.tts"):
        quiet, told = Player(notice=None), Player(notice="replies are shown as text only")
        assert quiet.play(reply) is False and told.play(reply) is False
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "no audio output (Error querying device -1)"),
        ("WARNING", "no audio output (Error querying device -1); replies are shown as text only"),
    ]
    assert not quiet.enabled and not told.enabled


def test_an_announcement_is_a_bot_line_or_its_own_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from rich.console import Console

    from assistant.cli.cmd_listen import ConsoleView

    shown = io.StringIO()
    view = ConsoleView(Console(file=shown, width=200), None, as_json=False, keep_audio=False)  # type: ignore[arg-type]
    view.announcement("Your 30 second timer is done.", 35.16)
    assert shown.getvalue() == "bot  Your 30 second timer is done.   (announcement)\n"
    ConsoleView(Console(file=shown), None, as_json=True, keep_audio=False).announcement("Ring [1].", 2.0)  # type: ignore[arg-type]
    assert capsys.readouterr().out == '{"announcement": "Ring [1].", "at_s": 2.0}\n'


@pytest.mark.slow
def test_push_to_talk_without_enter_says_enter_was_not_pressed(tmp_path: Path, config: Path) -> None:
    wav = _silence(tmp_path / "quiet.wav", 1.0)
    done = _listen(config, "--input", str(wav), "--wake", "ptt", "--no-tts")
    assert done.returncode == 1, done.stderr  # no turn: the work asked for did not happen
    assert "Enter was never pressed before the input ended (--wake ptt: press Enter, then speak)" in done.stderr
    assert "no wake phrase" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("wake", ["phrase", "none"])
def test_no_turn_at_all_is_exit_1_with_the_reason_on_stderr_also_in_json(
    tmp_path: Path, config: Path, wake: str
) -> None:
    wav = _silence(tmp_path / "quiet.wav", 3.0)
    done = _listen(config, "--input", str(wav), "--wake", wake, "--json", "--no-tts")
    assert done.returncode == 1
    assert done.stdout == ""  # no stub object with another schema
    reason = {
        "phrase": "no wake phrase was heard (say 'xiao ai' or 'hey cortana' first, or use --wake none to take every "
        "utterance as a command)",
        "none": "no speech was heard",
    }[wake]
    assert done.stderr.splitlines()[-1] == f"assistant listen: error: {reason}"
    assert "no audio output" not in done.stderr


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
