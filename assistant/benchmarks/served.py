"""The other side of ``bench scope``: real people's requests that a built-in skill does serve.

Turning away everything unusual is easy; the fallback is only worth its figures if the requests a skill serves
still reach it. CLINC150 has, beside its out-of-scope requests, 150 in-scope intents written by crowd workers,
and some of them are what a built-in skill does ("set a timer for 5 minutes", "what's the weather in Rome",
"add eggs to my shopping list"). ``SERVED_BY`` maps those intents to the skill that serves them; the others
(banking, travel, cooking ...) are left out, not counted as out of scope, since CLINC calls them in-scope. Each
utterance goes through the whole pipeline as the first turn of a new session and is sorted by where it went:

- **reached**: the mapped skill answered, asked for what it needs ("For how long?") or acted;
- **fallback**: the user heard "I can't help with that" for something a skill can do;
- **elsewhere**: another skill took it (``elsewhere_acted`` counts those that also did something).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from assistant.benchmarks.scope import first_turns
from assistant.config import Settings
from assistant.router.nlu.datasets import ClincSplit

#: CLINC150 intents a built-in skill serves, and the skill. Chosen by what the intents' utterances ask, not by name
#: alone: ``reminder`` ("what's on my reminder list") is the alarms skill's list; ``change_volume`` is the music
#: volume; ``smart_home`` asks for devices, some of which the simulated home does not have (the skill says so).
SERVED_BY: dict[str, str] = {
    "alarm": "alarms",
    "reminder": "alarms",
    "reminder_update": "alarms",
    "timer": "timers",
    "weather": "weather",
    "time": "datetime",
    "date": "datetime",
    "timezone": "datetime",
    "calculator": "answers",
    "definition": "answers",
    "measurement_conversion": "answers",
    "make_call": "calls",
    "text": "calls",
    "play_music": "music",
    "next_song": "music",
    "change_volume": "music",
    "what_song": "music",
    "shopping_list": "lists",
    "shopping_list_update": "lists",
    "todo_list": "lists",
    "todo_list_update": "lists",
    "smart_home": "devices",
    "what_can_i_ask_you": "help",
    "greeting": "smalltalk",
    "thank_you": "smalltalk",
    "tell_joke": "smalltalk",
}


def served_requests(split: ClincSplit) -> list[tuple[str, str]]:
    """``(text, skill)`` for each utterance of a ``SERVED_BY`` intent in CLINC150's ``split``."""
    from assistant.router.nlu.datasets import load_clinc

    return [(e.text, SERVED_BY[e.intent]) for e in load_clinc(split).examples if e.intent in SERVED_BY]


def served_through_pipeline(settings: Settings, engine: str, requests: list[tuple[str, str]]) -> dict[str, Any]:
    """Each request as the first turn of its own session; counts by where it went, and a few misses of each kind."""
    _, turns = first_turns(settings, engine, [text for text, _ in requests])
    counts: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    examples: dict[str, list[str]] = {"fallback": [], "elsewhere": []}
    for (text, result, kind), (_, skill) in zip(turns, requests, strict=True):
        if kind == "fallback":
            where = "fallback"
        elif result.skill == skill:
            where = "reached"
        else:
            where = "elsewhere"
            counts["elsewhere_acted"] += kind == "acted"
        counts[where] += 1
        if where != "reached":
            missed[skill] += 1
            examples[where].append(f"{text} ({skill}) -> {result.intent}: {result.speech}")
    return {
        "utterances": len(requests),
        **{kind: counts[kind] for kind in ("reached", "fallback", "elsewhere", "elsewhere_acted")},
        "missed_by_skill": dict(missed.most_common()),
        "examples": {kind: lines[:8] for kind, lines in examples.items()},
    }
