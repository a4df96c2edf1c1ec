"""A task and when it is due, said right after the welcome of a skill opened by name ("open reminders" then "call mom
at 6 pm"), read against the opened skill's own slots (``opened_skill.task_answer``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.router.opened_skill import task_answer
from assistant.router.skills.manifest import SkillManifest, load_manifest

BUILTIN = Path(__file__).resolve().parents[2] / "assistant" / "router" / "skills" / "builtin"


@pytest.fixture(scope="module")
def alarms() -> SkillManifest:
    return load_manifest(BUILTIN / "alarms" / "skill.yml")


@pytest.mark.parametrize(
    ("text", "reminder", "when"),
    [
        ("call mom at 6 pm", "call mom", {"time": {"hour": 18, "minute": 0, "day_offset": 0, "explicit": True}}),
        ("buy milk tomorrow", "buy milk", {"date": {"day_offset": 1, "value": "tomorrow"}}),
        ("tomorrow at 9 am call the dentist", "call the dentist", {"time": {"hour": 9, "day_offset": 1}}),
        ("take out the trash in 10 minutes", "take out the trash", {"duration": {"seconds": 600}}),
        ("to call dad at noon", "call dad", {"time": {"hour": 12}}),
        ("water the plants on friday at 5", "water the plants", {"time": {"hour": 5}, "date": {"weekday": 4}}),
    ],
)
def test_a_task_and_its_time_are_a_reminder(
    alarms: SkillManifest, text: str, reminder: str, when: dict[str, dict[str, Any]]
) -> None:
    answer = task_answer(alarms, text)
    assert answer is not None
    intent, slots = answer
    assert intent == "alarms.remind" and slots["reminder"] == reminder
    assert set(slots) == {"reminder", *when}
    for name, expected in when.items():
        assert {k: slots[name][k] for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    ["what's the weather tomorrow", "is it raining at 5", "7 am", "tomorrow at 7", "call mom", "in 10 minutes", "hi"],
)
def test_a_question_a_bare_time_or_no_time_is_no_task(alarms: SkillManifest, text: str) -> None:
    assert task_answer(alarms, text) is None


def test_a_skill_without_a_required_free_text_slot_and_a_time_takes_no_task() -> None:
    weather = load_manifest(BUILTIN / "weather" / "skill.yml")
    assert task_answer(weather, "call mom at 6 pm") is None
