"""FORMAT.md's slot examples are what the real pipeline gives: copied into a script, they pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.scripts.loader import parse_script
from assistant.scripts.runner import run_conversation

ROOT = Path(__file__).resolve().parents[2]
FORMAT = ROOT / "assistant" / "scripts" / "FORMAT.md"


def _example(key: str) -> str:
    """The example column of ``key``'s row in the expectations table."""
    row = re.search(rf"^\| `{key}` \|.*\| `({key}: .*)` \|$", FORMAT.read_text(encoding="utf-8"), re.M)
    assert row, f"FORMAT.md has no example row for {key}"
    return row.group(1)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(ROOT / "config.yml")


@pytest.mark.parametrize(
    ("key", "say"),
    [("slots", "what's the weather in Paris tomorrow"), ("slots_exact", "set a timer for ten minutes")],
)
def test_the_documented_slot_example_passes(tmp_path: Path, settings: Settings, key: str, say: str) -> None:
    script = f"fixtures:\n  now: 2024-03-15 09:30\nconversations:\n  - name: doc\n    turns:\n      - say: {say}\n"
    script += f"        {_example(key)}\n"
    (conversation,) = parse_script(script, tmp_path / "doc.intents.yml", None).conversations
    outcome = run_conversation(conversation, settings, "embedded")
    assert outcome.error is None
    assert outcome.passed, [(m.field, m.expected, m.actual) for s in outcome.steps for m in s.mismatches]
