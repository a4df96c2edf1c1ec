"""Helpers for the router tests: Activities, a tiny word-overlap NLU engine, test skills, a conversation driver.

``TinyEngine`` is a stand-in for unit tests of routing and dialogue logic (it is deterministic and instant);
the conversation tests with the real embedded engine and the built-in skills live in tests/conversations/.
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
from assistant.router.skills.registry import build_registry
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


SKIES_YML = """
name: skies
description: Test forecasts and clocks for a few cities.
invocations: [skies, sky channel]
welcome: Skies here. Which city?
samples: [weather in Paris, will it rain in London]
slots:
  city:
    values: [Paris, London, Tokyo, Berlin, Madrid, Rome]
    prompt: Which city?
  date:
    type: date
intents:
  skies.forecast:
    examples:
      - "(what's|what is) the weather [like] [(in|for) {city}] [{date}]"
      - "weather [in] {city} [{date}]"
      - "(give me|tell me) the forecast [for {city}] [{date}]"
      - "(weather|forecast) {date}"
  skies.rain:
    examples: ["will it rain [in {city}] [{date}]", "(is it going to|will it) rain {date} [in {city}]"]
  skies.time:
    examples: ["what time is it [in {city}]", "(what's|what is) the time [in {city}] [right now]"]
"""

SKIES_PY = """
from assistant.router.skills.handler import dispatch
from assistant.router.skills.replies import ask, say
from assistant.router.skills.turn import Turn

HOURS = {"Paris": 13, "London": 12, "Tokyo": 21, "Berlin": 13, "Madrid": 13, "Rome": 13}


def _where(turn):
    if not turn.has("city"):
        return None, ask(turn, "city", "Which city?")
    return turn.slot("city"), None


def forecast(turn):
    city, asking = _where(turn)
    if asking:
        return asking
    when = turn.slot("date", "today")
    return say(turn, f"{when[:1].upper()}{when[1:]} in {city}: sunny.", slots={"city": city, "date": when})


def rain(turn):
    city, asking = _where(turn)
    return asking or say(turn, f"No rain in {city} {turn.slot('date', 'today')}.")


def time(turn):
    city = turn.slot("city", "London")
    return say(turn, f"In {city} it's {HOURS[city]}:00.", slots={"city": city})


def create(context):
    class Skies:
        def handle(self, activity):
            table = {"skies.forecast": forecast, "skies.rain": rain, "skies.time": time}
            return dispatch(Turn.of(activity), table)
    return Skies()
"""

CHAT_YML = """
name: chat
description: Says hello.
invocations: [chat]
intents:
  chat.greet:
    examples: ["(hi|hello|hey) [there]", "good (morning|evening)"]
  chat.thanks:
    examples: ["(thanks|thank you) [very much]", "cheers"]
"""

CHAT_PY = """
from assistant.router.skills.handler import dispatch
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn


def create(context):
    class Chat:
        def handle(self, activity):
            table = {"chat.greet": lambda t: say(t, "Hello there!"), "chat.thanks": lambda t: say(t, "You're welcome!")}
            return dispatch(Turn.of(activity), table)
    return Chat()
"""


def write_skill(root: Path, name: str, manifest: str, handler: str | None) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "skill.yml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    if handler is not None:
        (folder / "handler.py").write_text(textwrap.dedent(handler), encoding="utf-8")
    return folder


def sample_skills(root: Path) -> Path:
    """The router tests' whole world: four small skills, no built-in ones (so the tests do not change when a
    built-in skill does)."""
    write_skill(root, "notes", NOTES_YML, NOTES_PY)
    write_skill(root, "lamps", LAMP_YML, LAMP_PY)
    write_skill(root, "skies", SKIES_YML, SKIES_PY)
    write_skill(root, "chat", CHAT_YML, CHAT_PY)
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


def make_router(
    skill_root: Path, data_dir: Path, engine: Any = None, **router_settings: Any
) -> tuple[Router, ManualClock, Any]:
    """A router over only the skills in ``skill_root``; anything a skill stores goes under ``data_dir``."""
    settings = Settings(data_dir=data_dir, models_dir=data_dir / "models", router=RouterSettings(**router_settings))
    clock = ManualClock()
    registry = build_registry(settings, clock, dirs=[skill_root])
    engine = engine or TinyEngine()
    engine.train(compile_training_data(registry.manifests))
    return Router(registry, engine, settings.router, clock), clock, engine
