"""`assistant eval` end to end with the embedded engine: Rasa-format files in, table, JSON and PNG out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.router.nlu.rasa_yaml import dump_nlu_yaml
from assistant.router.nlu.types import OUT_OF_SCOPE, EntitySpan, Example, TrainingData


def _data(rooms: list[str], greetings: list[str], oos: list[str]) -> TrainingData:
    examples = []
    for room in rooms:
        for template in ("turn on the {} light", "lights on in the {}", "switch on the {} lamp"):
            text = template.format(room)
            start = text.index(room)
            examples.append(Example(text, "lights_on", (EntitySpan(start, start + len(room), "room", room),)))
    examples += [Example(g, "greet") for g in greetings]
    examples += [Example(o, OUT_OF_SCOPE) for o in oos]
    return TrainingData(tuple(examples))


def test_eval_on_train_and_test_files_writes_every_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train = _data(
        ["kitchen", "bedroom", "office", "garage", "hallway"],
        ["hello", "hi there", "good morning", "hey", "good evening", "howdy"],
        ["book a flight", "order a pizza", "what's my bank balance", "track my parcel", "apply for a loan"],
    )
    test = _data(["bathroom", "attic"], ["hello there", "hi"], ["rent a car", "pay my bill"])
    (tmp_path / "train.yml").write_text(dump_nlu_yaml(train), encoding="utf-8")
    (tmp_path / "test.yml").write_text(dump_nlu_yaml(test), encoding="utf-8")
    code = main(
        [
            "eval",
            "--train",
            str(tmp_path / "train.yml"),
            "--test",
            str(tmp_path / "test.yml"),
            "--json",
            str(tmp_path / "eval.json"),
            "--md",
            str(tmp_path / "eval.md"),
            "--png",
            str(tmp_path / "eval.png"),
        ]
    )
    assert code == 0
    report = json.loads((tmp_path / "eval.json").read_text())
    (engine,) = report["engines"]
    assert engine["engine"] == "embedded"
    assert engine["scores"]["examples"] == len(test.examples)
    assert engine["scores"]["intent_accuracy"] >= 0.6
    assert engine["scores"]["oos_recall"] is not None
    assert engine["p95_ms"] >= engine["p50_ms"] > 0 and engine["peak_rss_mb"] > 10
    assert "| intent accuracy |" in (tmp_path / "eval.md").read_text()
    assert (tmp_path / "eval.png").read_bytes()[:4] == b"\x89PNG"
    assert "intent accuracy" in capsys.readouterr().out


def test_eval_needs_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--train", str(tmp_path / "x.yml")]) == 2  # a command-line mistake, as in every command
    assert "give both --train FILE and --test FILE" in capsys.readouterr().err


def test_eval_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--train", str(tmp_path / "x.yml"), "--test", str(tmp_path / "y.yml")]) == 1
    err = capsys.readouterr().err
    assert "x.yml: cannot read NLU data" in err and "Traceback" not in err


def test_unknown_engines_are_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--nlu", "embedded,watson"])
    assert "unknown engine 'watson'" in capsys.readouterr().err
