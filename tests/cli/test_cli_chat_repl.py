"""The interactive chat keeps going after a line it must refuse: one error line, then the prompt back."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from assistant.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_line_longer_than_the_protocol_carries_is_refused_and_the_chat_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    lines = "make coffee " * 400 + "\nwhat's on my shopping list\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert main(["chat", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "error that message is 4,799 characters and the Mi-AI protocol carries at most 4,096" in out
    assert "Your shopping list is empty." in out  # the next line was answered


def test_the_trace_written_to_a_pipe_keeps_every_message_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    assert main(["chat", "--once", "turn on the kitchen lamp", "--trace", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    messages = [line for line in out.splitlines() if line.lstrip().startswith(("in ", "out "))]
    assert messages and not any(line.endswith("...") for line in messages)  # nothing cut
    assert any('"semanticAction"' in line and '"channelData"' in line for line in messages)  # what a skill gets
