"""Scripts through the real pipeline: a wrong expectation fails with the precise diff, in the runner, in
``assistant test`` (exit code, JUnit, JSON) and in the pytest plugin; malformed scripts stop before running.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.config import Settings, load_settings
from assistant.scripts.loader import parse_script
from assistant.scripts.parallel import run_conversations
from assistant.scripts.report_text import describe_failure
from assistant.scripts.runner import AssistantFactory, BorrowedEngine, run_conversation

ROOT = Path(__file__).resolve().parents[2]

WRONG = """\
fixtures:
  now: 2024-03-15 09:30
conversations:
  - name: weather in Paris, expected wrongly
    turns:
      - say: what's the weather in Paris tomorrow
        intent: weather.rain
        slots: {city: London, date: "2024-03-16"}
        skill: weather
        open_mic: false
"""

RIGHT = """\
fixtures:
  now: 2024-03-15 09:30
conversations:
  - name: lamp on, then off
    turns:
      - say: turn on the kitchen lamp
        intent: devices.on
        slots: {room: kitchen, device: lamp}
        devices: {lamp.kitchen: {power: "on"}}
      - say: turn it off
        intent: devices.off
        devices: {lamp.kitchen: {power: "off"}}
  - name: a timer goes off
    turns:
      - say: set a timer for two minutes
        intent: timers.set
        slots: {duration: {seconds: 120}}
      - advance: 1m
        announce: []
      - advance: 1m
        announce: {contains: timer}
"""


@pytest.fixture(scope="module")
def settings() -> Settings:
    try:
        import assistant.app  # noqa: F401
    except ImportError as e:
        pytest.skip(f"the pipeline (assistant/app.py) cannot be imported yet: {e}")
    return load_settings(ROOT / "config.yml")


def test_a_wrong_expectation_fails_with_the_precise_diff(tmp_path: Path, settings: Settings) -> None:
    (conversation,) = parse_script(WRONG, tmp_path / "wrong.intents.yml", None).conversations
    outcome = run_conversation(conversation, settings, "embedded")
    assert not outcome.passed and outcome.error is None
    (step,) = outcome.steps
    assert [(m.field, m.expected, m.line) for m in step.mismatches] == [
        ("intent", "weather.rain", 7),
        ("slots.city", "'London'", 8),
    ]
    assert step.mismatches[0].actual.startswith("weather.forecast (")
    assert step.mismatches[1].actual == "'Paris'"
    text = describe_failure(outcome)
    assert f'{tmp_path / "wrong.intents.yml"}:6: step 1, "what\'s the weather in Paris tomorrow"' in text
    assert "line 8  slots.city  expected: 'London'" in text


def test_right_expectations_pass_with_devices_and_simulated_time(tmp_path: Path, settings: Settings) -> None:
    conversations = parse_script(RIGHT, tmp_path / "right.intents.yml", None).conversations
    run = run_conversations(conversations, settings, "embedded", workers=2)
    assert [describe_failure(c) for c in run.failed] == []
    assert len(run.conversations) == 2 and run.passed


def test_assistant_test_exits_1_and_writes_junit_and_json(tmp_path: Path, settings: Settings) -> None:
    script = tmp_path / "wrong.intents.yml"
    script.write_text(WRONG)
    junit, report = tmp_path / "out" / "junit.xml", tmp_path / "out" / "report.json"
    code = main(
        ["test", str(script), "--nlu", "embedded", "--workers", "1", "--junit", str(junit), "--json", str(report)]
    )
    assert code == 1
    case = ET.parse(junit).getroot().find("./testsuite/testcase")
    assert case is not None and case.find("failure") is not None
    data = json.loads(report.read_text())
    assert data["passed"] is False
    assert data["conversations"][0]["steps"][0]["observed"]["intent"] == "weather.forecast"


def test_assistant_test_refuses_a_malformed_script_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "bad.intents.yml"
    script.write_text("tests:\n  - sentences: [hi]\n    intent: smalltalk.greet\n    open_mic: sometimes\n")
    assert main(["test", str(script)]) == 2
    err = capsys.readouterr().err
    assert err == f"assistant test: error: {script}:4: open_mic must be true or false, got the text 'sometimes'\n"


def _pytest(*args: str) -> subprocess.CompletedProcess[str]:
    """pytest in the project (its config.yml, models and pyproject settings) on files elsewhere."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_pytest_plugin_collects_conversations_and_shows_the_same_diff(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "wrong.intents.yml").write_text(WRONG)
    (tmp_path / "right.intents.yml").write_text(RIGHT)
    result = _pytest(str(tmp_path), "-q")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 2 passed" in result.stdout
    assert "line 8  slots.city  expected: 'London'" in result.stdout
    assert "wrong.intents.yml:6: step 1" in result.stdout


def test_the_pytest_plugin_reports_a_malformed_script_as_file_line(tmp_path: Path) -> None:
    (tmp_path / "bad.intents.yml").write_text("tests:\n  - sentences: [hi]\n    intnet: smalltalk.greet\n")
    result = _pytest(str(tmp_path), "-q")
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{tmp_path / 'bad.intents.yml'}:3: unknown key 'intnet' in a test (did you mean 'intent'?)" in result.stdout
    assert "Traceback" not in result.stdout


def test_one_engine_is_made_and_lent_and_survives_each_assistant_closing(settings: Settings, tmp_path: Path) -> None:
    factory = AssistantFactory()
    try:
        engine = factory.engine(settings, "embedded")
        assert factory.engine(settings, "embedded") is engine
        lent = BorrowedEngine(engine)
        lent.close()
        assert engine.parse("turn on the kitchen lamp").intent == "devices.on"
    finally:
        factory.close()


def test_parallel_and_serial_runs_give_the_same_outcomes_in_script_order(tmp_path: Path, settings: Settings) -> None:
    conversations = parse_script(RIGHT + WRONG.split("conversations:\n", 1)[1], tmp_path / "x.intents.yml", None)
    serial = run_conversations(conversations.conversations, settings, "embedded", workers=1)
    parallel = run_conversations(conversations.conversations, settings, "embedded", workers=2)
    assert [c.conversation.name for c in parallel.conversations] == [c.conversation.name for c in serial.conversations]
    assert [c.passed for c in parallel.conversations] == [c.passed for c in serial.conversations] == [True, True, False]
    assert parallel.workers == 2 and serial.workers == 1
