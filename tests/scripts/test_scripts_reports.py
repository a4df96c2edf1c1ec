"""Expectation checks, the diff text, the summary tables, JUnit XML and JSON, on hand-made observations.

The observations here are scripted (no pipeline) so each field of the report can be pinned exactly; the
whole-pipeline runs are in test_scripts_pipeline.py.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.scripts.expectations import check_all
from assistant.scripts.loader import parse_script
from assistant.scripts.model import Conversation
from assistant.scripts.observed import Observed
from assistant.scripts.outcome import ConversationOutcome, RunOutcome, StepOutcome
from assistant.scripts.report_files import json_report, junit_xml
from assistant.scripts.report_text import describe_failure, render_report
from assistant.scripts.summary import summarise

SCRIPT = """\
conversations:
  - name: lamp
    turns:
      - say: turn on the kitchen lamp
        intent: devices.power
        slots: {room: kitchen, device: lamp}
        reply: {contains: kitchen}
        devices: {lamp.kitchen: {power: "on"}}
  - name: timer
    turns:
      - say: set a timer for ten minutes
        intent: timers.set
        slots_exact: {duration: 600}
      - advance: 10m
        announce: {contains: timer}
tests:
  - sentences: [tell me a joke]
    intent: oos
    open_mic: false
"""


def _conversations() -> tuple[Conversation, ...]:
    return parse_script(SCRIPT, Path("suites/demo.intents.yml"), None).conversations


def _outcome(conversation: Conversation, observed: list[Observed]) -> ConversationOutcome:
    steps = tuple(
        StepOutcome(s, o, check_all(s.expectations, o)) for s, o in zip(conversation.steps, observed, strict=True)
    )
    return ConversationOutcome(conversation, steps, "embedded", 0.25)


LAMP_ON = Observed(
    query="turn on the kitchen lamp",
    intent="devices.power",
    confidence=0.93,
    slots={"room": "kitchen", "device": "lamp"},
    skill="devices",
    reply="The kitchen lamp is on.",
    devices={"lamp.kitchen": {"id": "lamp.kitchen", "state": {"power": "on", "brightness": 80}}},
)


def _run() -> RunOutcome:
    lamp, timer, joke = _conversations()
    wrong_timer = Observed(
        query="set a timer for ten minutes",
        intent="timers.cancel",
        confidence=0.61,
        slots={"duration": 300, "timer_name": "pasta"},
        reply="Okay.",
    )
    return RunOutcome(
        (
            _outcome(lamp, [LAMP_ON]),
            _outcome(timer, [wrong_timer, Observed(announcements=())]),
            _outcome(
                joke, [Observed(query="tell me a joke", intent="smalltalk.greet", confidence=0.3, not_understood=True)]
            ),
        ),
        "embedded",
        1.5,
        2,
    )


def test_a_matching_turn_has_no_mismatch_and_each_wrong_field_is_one_line_of_diff() -> None:
    run = _run()
    lamp, timer, joke = run.conversations
    assert lamp.passed and joke.passed  # the low-confidence guess counts as oos: what the user got
    assert not timer.passed
    turn, advance = timer.steps
    assert [(m.field, m.expected, m.actual, m.line) for m in turn.mismatches] == [
        ("intent", "timers.set", "timers.cancel (0.61)", 12),
        ("slots.duration", "600", "300", 13),
        ("slots.timer_name", "absent", "'pasta'", 13),
    ]
    assert [(m.field, m.expected, m.actual) for m in advance.mismatches] == [
        ("announce", "an announcement: text containing 'timer'", "nothing announced")
    ]


def test_the_failure_text_points_at_file_line_and_shows_expected_against_actual() -> None:
    text = describe_failure(_run().conversations[1])
    assert text.splitlines()[:3] == [
        "FAIL suites/demo.intents.yml:9: demo › timer [embedded]",
        '  suites/demo.intents.yml:11: step 1, "set a timer for ten minutes"',
        "    reply: 'Okay.'",
    ]
    assert "    line 12  intent            expected: timers.set" in text
    assert "                               actual:   timers.cancel (0.61)" in text
    assert "    line 13  slots.duration    expected: 600" in text
    assert "  suites/demo.intents.yml:14: step 2, advance 10m" in text


@pytest.mark.parametrize(
    ("observed", "field", "actual"),
    [
        (Observed(devices={}), "devices.lamp.kitchen", "no such device (hub has: none)"),
        (
            Observed(devices={"lamp.kitchen": {"state": {"power": "off"}}}),
            "devices.lamp.kitchen.power",
            "'off'",
        ),
        (Observed(reply=None), "reply", "null"),
    ],
)
def test_device_and_reply_mismatches_name_the_exact_place(observed: Observed, field: str, actual: str) -> None:
    lamp = _conversations()[0].steps[0]
    found = {m.field: m.actual for m in check_all(lamp.expectations, observed)}
    assert found[field] == actual


def test_summary_counts_per_intent_accuracy_and_confusions() -> None:
    summary = summarise(_run().conversations)
    assert (summary.conversations, summary.conversations_failed, summary.steps, summary.steps_failed) == (3, 1, 4, 2)
    assert {s.intent: (s.turns, s.correct) for s in summary.intents} == {
        "devices.power": (1, 1),
        "oos": (1, 1),
        "timers.set": (1, 0),
    }
    assert summary.confusions == [("timers.set", "timers.cancel", 1)]
    assert summary.intent_accuracy == pytest.approx(2 / 3)


def test_the_report_has_failures_then_files_then_summary_tables() -> None:
    report = render_report(_run())
    assert report.index("FAIL suites/demo.intents.yml:9") < report.index("Scripts") < report.index("Summary: FAILED")
    assert "FAIL suites/demo.intents.yml  2/3 conversations, 4 steps" in report
    assert "2/3 conversations passed, 2/4 steps (embedded NLU, 2 workers, 1.5 s)" in report
    assert any(line.split()[:4] == ["timers.set", "1", "0", "0.0%"] for line in report.splitlines())
    assert any(line.split()[:3] == ["timers.set", "timers.cancel", "1"] for line in report.splitlines())


def test_junit_has_one_testcase_per_conversation_and_the_diff_in_failures() -> None:
    root = ET.fromstring(junit_xml(_run()))
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "1"
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["lamp", "timer", "tell me a joke"]
    failure = cases[1].find("failure")
    assert failure is not None
    assert (
        failure.get("message")
        == 'step 1 ("set a timer for ten minutes"): intent: expected timers.set, actual timers.cancel (0.61)'
    )
    assert "slots.duration" in (failure.text or "")
    assert cases[0].find("failure") is None and cases[0].get("line") == "2"


def test_json_report_keeps_every_step_and_the_full_confusion_matrix() -> None:
    data = json.loads(json.dumps(json_report(_run())))
    assert data["passed"] is False and data["summary"]["steps_failed"] == 2
    assert {"expected": "devices.power", "actual": "devices.power", "turns": 1} in data["confusion"]
    timer = data["conversations"][1]
    assert timer["steps"][0]["say"] == "set a timer for ten minutes"
    assert timer["steps"][0]["mismatches"][0] == {
        "field": "intent",
        "expected": "timers.set",
        "actual": "timers.cancel",
        "line": 12,
    }
    assert timer["steps"][1]["advance"] == 600.0
