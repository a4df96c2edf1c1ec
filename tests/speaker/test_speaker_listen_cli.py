"""`assistant listen` through the whole pipeline (bridge, router, the real embedded NLU) on speech made here: a
silent wake is answered aloud, and a timer going off while it listens is its own JSON Lines object at that moment."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from speaker_synth import silence, speech, wav

from assistant.cli.main import main
from assistant.router.services.schedule_store import ScheduleStore
from assistant.speaker.session import NOTHING_HEARD

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.audio]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yml"
    path.write_text(
        f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\nspeaker:\n  stt:\n    engine: pocketsphinx\n",
        encoding="utf-8",
    )
    return path


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_a_wake_then_silence_with_tts_says_it_heard_nothing(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The router ends a silent session without a word: the speaker answers it aloud instead of crashing in the
    text-to-speech, and the session goes on (the command after it is still heard)."""
    audio = wav(
        tmp_path / "silent_wake.wav",
        silence(0.3),
        speech("hey cortana"),
        silence(6.5),
        speech("hey cortana"),
        silence(0.8),
        speech("what time is it"),
        silence(1.5),
    )
    out = tmp_path / "replies"
    code = main(["listen", "--input", str(audio), "--json", "--out", str(out), "--config", str(config)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    silent, asked = _json_lines(captured.out)
    assert (silent["speech"], silent["reply"], silent["no_speech"], silent["query"]) == (
        NOTHING_HEARD,
        NOTHING_HEARD,
        True,
        "",
    )
    assert silent["reply_wav"] == str(out / "reply-1.wav") and (out / "reply-1.wav").stat().st_size > 10_000
    assert asked["query"] == "what time is it" and asked["intent"] == "datetime.time"
    assert asked["woke_by"] == silent["woke_by"] == "hey cortana"
    assert isinstance(asked["start_s"], float) and isinstance(asked["end_s"], float)
    assert 7.0 < asked["start_s"] < asked["end_s"]


def test_a_timer_going_off_while_listening_is_announced_at_once(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(timezone.utc)
    ScheduleStore.in_dir(tmp_path / "data").add("timer", now + timedelta(seconds=8), created=now, duration_s=8)
    audio = wav(
        tmp_path / "session.wav",
        silence(0.3),
        speech("hey cortana"),
        silence(0.8),
        speech("what time is it"),
        silence(9),
    )
    code = main(["listen", "--input", str(audio), "--realtime", "--json", "--no-tts", "--config", str(config)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = _json_lines(captured.out)
    announced = [line for line in lines if "announcement" in line]
    turns = [line for line in lines if "announcement" not in line]
    # at the moment it went off, some seconds into the input, however long the start-up took (no later turn)
    assert [line["announcement"] for line in announced] == ["Your 8 second timer is done."]
    assert set(announced[0]) == {"announcement", "at_s"} and 0 < float(announced[0]["at_s"]) < 12.5
    assert [t["query"] for t in turns] == ["what time is it"] and turns[0]["announcements"] == []
    assert "no audio output" not in captured.err  # --no-tts: nothing spoken was asked for
