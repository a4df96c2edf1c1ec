"""Helpers for the router tests: Activities, a tiny word-overlap NLU engine, test skills, a conversation driver.

``TinyEngine`` is a stand-in for unit tests of routing and dialogue logic (it is deterministic and instant);
the conversation tests with the real embedded engine live in test_router_conversations.py.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.config.router import RouterSettings
from assistant.router.nlu.types import OUT_OF_SCOPE, IntentScore, NluResult, Slot, TrainingData
from assistant.router.router import Router
from assistant.router.services.clock import ManualClock
from assistant.router.skills.registry import BUILTIN_DIR, build_registry
from assistant.router.skills.slot_types import BUILTIN_SAMPLES
from assistant.router.training import compile_training_data
from bridge.cortana import Activity


def activity(
    text: str | None = None, *, state: dict[str, Any] | None = None, kind: str = "message", **extra: Any
) -> Activity:
    data: dict[str, Any] = {
        "type": kind,
        "id": "req-1",
        "from": {"id": "user-1", "role": "user"},
        "recipient": {"id": "router", "role": "bot"},
        "conversation": {"id": "session-1"},
        "locale": "en-US",
        "channelData": {"state": state or {}, "deviceId": "speaker-1"},
    }
    if text is not None:
        data["text"] = text
    data.update(extra)
    return Activity.from_dict(data)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w'<>]+", text.lower()))


class TinyEngine:
    """Nearest training example by word overlap, entities from lookups and built-in samples."""

    name = "tiny"

    def __init__(self) -> None:
        self.examples: list[tuple[set[str], str]] = []
        self.values: list[tuple[str, str, str]] = []  # (surface, entity, canonical)
        self.fail: Exception | None = None

    def train(self, data: TrainingData) -> None:
        for example in data.examples:
            text = example.text
            for span in sorted(example.entities, key=lambda s: -s.start):
                text = text[: span.start] + f"<{span.entity}>" + text[span.end :]
            self.examples.append((_words(text), example.intent))
        for entity, values in data.lookups.items():
            self.values += [(v.lower(), entity, data.synonyms.get(v.lower(), v)) for v in values]
        for entity, samples in BUILTIN_SAMPLES.items():
            if entity in ("date", "duration", "time"):
                self.values += [(s, entity, s) for s in samples]
        self.values.sort(key=lambda v: -len(v[0]))

    def parse(self, text: str) -> NluResult:
        if self.fail is not None:
            raise self.fail
        lowered = text.lower()
        slots: list[Slot] = []
        for surface, entity, canonical in self.values:
            match = re.search(rf"(?<![\w']){re.escape(surface)}(?![\w'])", lowered)
            if match and not any(s.start < match.end() and match.start() < s.end for s in slots):
                slots.append(Slot(entity, text[match.start() : match.end()], canonical, match.start(), match.end()))
                lowered = (
                    lowered[: match.start()] + f"<{entity}>".ljust(match.end() - match.start()) + lowered[match.end() :]
                )
        words = _words(lowered)
        best: dict[str, float] = {}
        for example_words, intent in self.examples:
            score = len(words & example_words) / max(1, len(words | example_words))
            best[intent] = max(best.get(intent, 0.0), score)
        ranking = sorted((IntentScore(n, c) for n, c in best.items()), key=lambda s: -s.confidence)
        top = ranking[0] if ranking else IntentScore(OUT_OF_SCOPE, 1.0)
        return NluResult(text, top.name, top.confidence, tuple(slots), tuple(ranking[:5]), "tiny")

    def close(self) -> None:
        pass


NOTES_YML = """
name: notes
description: Keeps short notes.
invocations: [notes, my notes]
welcome: Notes here.
samples: [take a note]
slots:
  note:
    type: text
    prompt: What should the note say?
intents:
  notes.add:
    examples: ["(take|make|add) a note [that] {note}", "note (that|down) {note}", "(take|make) a note"]
    required: [note]
  notes.clear:
    examples: ["(delete|clear|remove) all [my] notes", "(wipe|erase) my notes"]
    confirm: Delete all your notes?
  notes.count:
    examples: ["how many notes do I have", "count my notes"]
  notes.crash:
    examples: ["(break|crash) the notes skill"]
"""

NOTES_PY = """
from assistant.router.skills.handler import dispatch
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn


class Notes:
    def handle(self, activity):
        return dispatch(Turn.of(activity), {
            "notes.add": lambda t: say(
                t, f"Noted: {t.slot('note')}.", state={"notes": [*t.state.get("notes", []), t.slot("note")]}
            ),
            "notes.clear": lambda t: say(t, "All notes deleted." if t.confirmed else "Not confirmed!", state={}),
            "notes.count": lambda t: say(t, f"You have {len(t.state.get('notes', []))} notes."),
            "notes.crash": self.crash,
        })

    def crash(self, turn):
        raise RuntimeError("the notes database is on fire")


def create(context):
    return Notes()
"""

LAMP_YML = """
name: lamps
description: Turns lamps on and off.
invocations: [lamps]
slots:
  device:
    values: [kitchen lamp, desk lamp]
    prompt: Which lamp?
intents:
  lamp.on:
    examples: ["(turn|switch) on [the] {device}", "(turn|switch) [the] {device} on", "(turn|switch) it on"]
    required: [device]
  lamp.off:
    examples: ["(turn|switch) off [the] {device}", "(turn|switch) [the] {device} off", "(turn|switch) it off"]
    required: [device]
"""

LAMP_PY = """
from assistant.router.skills.handler import dispatch
from assistant.router.skills.replies import Action, say
from assistant.router.skills.turn import Turn


def _set(turn, on):
    action = Action("mihome.control", {"commands": [{"device": turn.slot("device"), "set": {"on": on}}]})
    return say(turn, f"Turning {'on' if on else 'off'} the {turn.slot('device')}.", action=action)


def create(context):
    class Lamps:
        def handle(self, activity):
            table = {"lamp.on": lambda t: _set(t, True), "lamp.off": lambda t: _set(t, False)}
            return dispatch(Turn.of(activity), table)
    return Lamps()
"""


def write_skill(root: Path, name: str, manifest: str, handler: str | None) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "skill.yml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    if handler is not None:
        (folder / "handler.py").write_text(textwrap.dedent(handler), encoding="utf-8")
    return folder


def sample_skills(root: Path) -> Path:
    write_skill(root, "notes", NOTES_YML, NOTES_PY)
    write_skill(root, "lamps", LAMP_YML, LAMP_PY)
    return root


@dataclass
class Conversation:
    """Drives a router turn by turn, carrying channelData.state like the bridge does."""

    router: Router
    clock: ManualClock
    state: dict[str, Any] = field(default_factory=dict)
    replies: list[Activity] = field(default_factory=list)

    def say(self, text: str, **extra: Any) -> Activity:
        return self.send(activity(text, state=self.state, **extra))

    def send(self, incoming: Activity) -> Activity:
        reply = self.router.handle(incoming)
        self.state = dict((reply.channel_data or {})["state"])
        self.replies.append(reply)
        return reply


def make_router(skill_root: Path | None, engine: Any = None, **router_settings: Any) -> tuple[Router, ManualClock, Any]:
    settings = Settings(router=RouterSettings(**router_settings))
    clock = ManualClock()
    dirs = [BUILTIN_DIR] + ([skill_root] if skill_root else [])
    registry = build_registry(settings, clock, dirs=dirs)
    engine = engine or TinyEngine()
    engine.train(compile_training_data(registry.manifests))
    return Router(registry, engine, settings.router, clock), clock, engine
