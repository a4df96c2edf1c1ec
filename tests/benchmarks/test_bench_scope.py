"""The out-of-scope benchmark sorts each turn by what the assistant did, through the real pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.benchmarks.scope import _markdown, outcome, through_pipeline
from assistant.benchmarks.served import SERVED_BY, served_through_pipeline
from assistant.config import Settings
from assistant.turn import TurnResult


def _turn(speech: str, **changes: Any) -> TurnResult:
    fields: dict[str, Any] = {
        "query": "q", "reply_text": speech, "speech": speech, "intent": None, "confidence": None, "slots": {},
        "skill": None, "engine": None, "open_mic": False, "session_end": True, "not_understood": False,
        "directives": [], "action": None,
    }  # fmt: skip
    return TurnResult(**{**fields, **changes})


def test_turns_are_sorted_by_what_was_done() -> None:
    assert outcome(_turn("Sorry, I can't help with that yet. You can ask about ...")) == "fallback"
    assert outcome(_turn("Which device?", open_mic=True)) == "answered"
    assert outcome(_turn("OK.", device_changes=[{"id": "kitchen_lamp"}])) == "acted"
    assert outcome(_turn("Here's some music.", directives=[{"type": "tts"}, {"type": "audio"}])) == "acted"
    assert outcome(_turn("Calling Mom.", action={"name": "skype.call"})) == "acted"
    assert outcome(_turn("Added milk to your shopping list."), wrote=True) == "acted"


def test_the_pipeline_run_counts_every_utterance_once(tmp_path: Path) -> None:
    texts = [
        "book me a flight to Rome", "what is my credit score", "turn on the kitchen lamp", "what can you do",
        "add milk to my shopping list",
    ]  # fmt: skip
    settings = Settings(models_dir=tmp_path / "models")
    figures = through_pipeline(settings, "embedded", texts)
    assert figures["fallback"] + figures["answered"] + figures["acted"] == len(texts)
    assert figures["acted"] == 2  # the lamp, and the list item stored in SQLite
    assert figures["examples"]["acted"][0].startswith("turn on the kitchen lamp -> devices.on")
    assert figures["examples"]["acted"][1].startswith("add milk to my shopping list -> lists.add")
    assert figures["fallback"] == 2
    assert figures["intents"] == {"devices.on": 1, "help.capabilities": 1, "lists.add": 1}
    requests = [
        ("set a timer for 5 minutes", "timers"), ("what's the weather in Paris", "weather"),
        ("what's my credit score", "weather"),  # not served: the fallback
        ("turn on the kitchen lamp", "music"),  # served, by another skill, which acted
    ]  # fmt: skip
    figures["served"] = served = served_through_pipeline(settings, "embedded", requests)
    assert (served["reached"], served["fallback"], served["elsewhere"], served["elsewhere_acted"]) == (2, 1, 1, 1)
    assert served["missed_by_skill"] == {"weather": 1, "music": 1}
    assert served["examples"]["elsewhere"] == [
        "turn on the kitchen lamp (music) -> devices.on: Turning on the kitchen lamp."
    ]
    page = _markdown(
        {
            "data": "test", "router_nlu": "embedded", "quick": True, "machine": {"cores": 2, "load_avg_before": [0],
            "load_avg_after": [0]}, "engines": {"embedded": figures, "rasa": {"skipped": "no Python 3.10 here"}},
            "served_data": "served test", "served_skills": ["timers", "weather"],
        }
    )  # fmt: skip
    assert "| embedded | 5 | 2 (40.0 %) | 1 (20.0 %) | 2 (40.0 %) |" in page
    assert "- rasa: not measured: no Python 3.10 here" in page
    assert "| embedded | 4 | 2 (50.0 %) | 1 (25.0 %) | 1 (25.0 %) (1) |" in page
    assert "Missed by embedded, by skill: weather 1, music 1." in page


def test_served_intents_map_to_built_in_skills() -> None:
    skills = {p.name for p in Path("assistant/router/skills/builtin").iterdir() if (p / "skill.yml").is_file()}
    assert set(SERVED_BY.values()) <= skills and len(SERVED_BY) >= 20
