"""Options that cannot work are one line and exit 2 (like config errors), apart from exit 1 for failing tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("engines", "said"),
    [
        ("embedded,,embedded", "empty engine name in 'embedded,,embedded'; separate names with one comma"),
        ("embedded,embedded", "engine 'embedded' is named twice; name each engine once"),
        (",", "no engine named; use one or more of embedded,rasa"),
    ],
)
def test_eval_refuses_empty_and_repeated_engine_names(
    engines: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["eval", "--nlu", engines])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"assistant eval: error: argument --nlu/--engines: {said}"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["-k", "no such conversation"],
            "-k no such conversation: no conversation name contains it; drop -k or change it",
        ),
        (["--workers", "0"], "--workers 0: must be 1 or more (1 = no parallelism)"),
    ],
)
def test_test_usage_mistakes_exit_2_not_the_failure_code(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["test", str(ROOT / "suites" / "timers.intents.yml"), *args]) == 2
    assert capsys.readouterr().err == f"assistant test: error: {said}\n"


def test_a_misspelt_option_is_told_by_its_command_with_the_option_meant(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["chat", "--onse", "hi"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: assistant chat")
    assert "assistant chat: error: unrecognized arguments: --onse hi (--onse: did you mean --once?)" in err


def test_a_log_level_in_the_environment_that_is_no_level_is_warned_about(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_LOG_LEVEL", "verbose")
    main(["chat", "--once", "/help"])
    err = capsys.readouterr().err
    assert "ASSISTANT_LOG_LEVEL=verbose is no level (debug, info, warning, error); using warning" in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["eval", "--folds", "1"], "--folds 1: must be 2 or more"),
        (["eval", "--train", "x.yml"], "give both --train FILE and --test FILE"),
        (["models", "download", "nope"], "unknown model 'nope'; choose one of: vosk-en"),
    ],
)
def test_a_command_line_mistake_exits_2_in_every_command(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert said in capsys.readouterr().err
