"""The JSON report gives each mismatch's expected and actual as JSON values, not as Python reprs inside strings
(QA session 12, finding 16: "'Which rooom?'"); the text report keeps its diff lines as they were."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.scripts.expectations import check_all
from assistant.scripts.loader import parse_script
from assistant.scripts.observed import Observed
from assistant.scripts.outcome import ConversationOutcome, RunOutcome, StepOutcome
from assistant.scripts.report_files import json_report
from assistant.scripts.report_text import describe_failure

SCRIPT = """\
conversations:
  - name: every kind of mismatch
    turns:
      - say: turn on the kitchen lamp
        intent: devices.on
        skill: devices
        slots: {room: kitchen, device: lamp, date: {day_offset: 1}}
        slots_exact: {room: kitchen}
        reply: Which rooom?
        speech: {contains: finished, not_contains: sorry}
        open_mic: true
        directives: [{type: audio}]
        action: {name: devices.on, properties: {room: kitchen}}
        devices: {lamp.kitchen: {power: "on"}, lamp.bedroom: {power: "on"}}
      - advance: 10m
        announce: [Your timer is done.]
"""

OBSERVED = Observed(
    query="turn on the kitchen lamp",
    intent="devices.off",
    confidence=0.5,
    slots={"room": "bedroom", "date": {"day_offset": 2}, "extra": [1, 2]},
    skill=None,
    reply="Which room?",
    speech="Sorry.",
    directives=({"type": "tts", "tts_item": {"type": "text", "text": "Which room?"}}, {"type": "audio"}),
    action={"name": "devices.on", "properties": {}},
    devices={"lamp.kitchen": {"id": "lamp.kitchen", "state": {"power": "off"}}},
)


def _mismatches() -> tuple[list[dict[str, Any]], str]:
    [conversation] = parse_script(SCRIPT, Path("demo.intents.yml"), None).conversations
    observed = (OBSERVED, Observed(announcements=("Your pasta timer is done.",)))
    pairs = zip(conversation.steps, observed, strict=True)
    steps = tuple(StepOutcome(s, o, check_all(s.expectations, o)) for s, o in pairs)
    run = RunOutcome((ConversationOutcome(conversation, steps, "embedded", 0.1),), "embedded", 0.1, 1)
    data = json.loads(json.dumps(json_report(run)))
    found = [m for step in data["conversations"][0]["steps"] for m in step["mismatches"]]
    return [{k: m[k] for k in ("field", "expected", "actual")} for m in found], describe_failure(run.conversations[0])


NOT_SORRY = "text not containing 'sorry'"


def test_expected_and_actual_are_json_values() -> None:
    found, _ = _mismatches()
    assert found == [
        {"field": "intent", "expected": "devices.on", "actual": "devices.off"},
        {"field": "skill", "expected": "devices", "actual": None},
        {"field": "slots.room", "expected": "kitchen", "actual": "bedroom"},
        {"field": "slots.device", "expected": "lamp", "actual": None},
        {"field": "slots.date.day_offset", "expected": 1, "actual": 2},
        {"field": "slots.room", "expected": "kitchen", "actual": "bedroom"},
        {"field": "slots.date", "expected": None, "actual": {"day_offset": 2}},
        {"field": "slots.extra", "expected": None, "actual": [1, 2]},
        {"field": "reply", "expected": "Which rooom?", "actual": "Which room?"},
        {
            "field": "speech",
            "expected": "text containing 'finished' and text not containing 'sorry'",
            "actual": "Sorry.",
        },
        {"field": "open_mic", "expected": True, "actual": False},
        {
            "field": "directives",
            "expected": [{"type": "audio"}],
            "actual": [{"type": "tts", "tts_item": {"type": "text", "text": "Which room?"}}, {"type": "audio"}],
        },
        {"field": "action.properties.room", "expected": "kitchen", "actual": None},
        {"field": "devices.lamp.kitchen.power", "expected": "on", "actual": "off"},
        {"field": "devices.lamp.bedroom", "expected": {"power": "on"}, "actual": None},
        {"field": "announce", "expected": ["Your timer is done."], "actual": ["Your pasta timer is done."]},
    ]


def test_the_text_report_keeps_its_diff_lines() -> None:
    _, text = _mismatches()
    for line in (
        "expected: 'Which rooom?'",
        "actual:   'Which room?'",
        "expected: text containing 'finished' and text not containing 'sorry'",
        "actual:   devices.off (0.50)",
        "expected: 1 directive (audio)",
        "actual:   2 directives (tts, audio)",
        "actual:   absent",
        "actual:   no such device (hub has: lamp.kitchen)",
        "actual:   'Your pasta timer is done.'",
    ):
        assert line in text, (line, text)


def test_an_announcement_rule_and_no_announcement_are_json_too() -> None:
    some = parse_script(
        "conversations:\n  - name: a\n    turns:\n      - advance: 1m\n        announce: {contains: pasta}\n"
        "      - advance: 1m\n        announce: []\n",
        Path("demo.intents.yml"),
        None,
    ).conversations[0]
    said = Observed(announcements=("Your timer is done.",))
    [contains], [none] = (check_all(step.expectations, said) for step in some.steps)
    assert (contains.to_json()["expected"], contains.to_json()["actual"]) == (
        "text containing 'pasta'",
        ["Your timer is done."],
    )
    assert (none.to_json()["expected"], none.expected) == ([], "no announcement")
