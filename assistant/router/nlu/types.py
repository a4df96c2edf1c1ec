"""What every NLU engine takes and gives: training data in Rasa's shape, and parse results.

These are the contract between the router and its engines (embedded, Rasa): frozen data, no behaviour.
Character offsets count code points (Python ``str`` indices), so Chinese text works.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

#: The intent name an engine gives for "none of the known intents" (CLINC150's label too).
OUT_OF_SCOPE = "oos"

SlotValue = str | int | float | dict[str, object]


@dataclass(frozen=True)
class EntitySpan:
    """An annotated entity in a training example: ``text[start:end]`` is the surface form."""

    start: int
    end: int
    entity: str
    value: str  # the canonical value (a synonym's target), else the surface text
    role: str | None = None


@dataclass(frozen=True)
class Example:
    """One training utterance with its intent and entity annotations."""

    text: str
    intent: str
    entities: tuple[EntitySpan, ...] = ()
    group: str | None = None
    """What the utterance was drawn from (a skill's template): the embedded engine holds a group out whole when it
    calibrates, so its held-out figures speak for wordings it has not seen. None: a group of its own."""


@dataclass(frozen=True)
class TrainingData:
    """Rasa-format NLU data: examples, synonyms (variant -> canonical), lookup tables and regexes by name."""

    examples: tuple[Example, ...]
    synonyms: dict[str, str] = field(default_factory=dict)
    lookups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    regexes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def intents(self) -> tuple[str, ...]:
        return tuple(sorted({e.intent for e in self.examples}))

    @property
    def entity_types(self) -> tuple[str, ...]:
        return tuple(sorted({s.entity for e in self.examples for s in e.entities}))


@dataclass(frozen=True)
class Slot:
    """A slot found in an utterance; ``value`` is normalised (numbers, durations, times, rooms, colours)."""

    entity: str
    raw: str
    value: SlotValue
    start: int
    end: int
    confidence: float = 1.0
    role: str | None = None


@dataclass(frozen=True)
class IntentScore:
    name: str
    confidence: float


@dataclass(frozen=True)
class NluResult:
    """The parse of one utterance. ``intent`` is ``OUT_OF_SCOPE`` when nothing known fits."""

    text: str
    intent: str
    confidence: float
    slots: tuple[Slot, ...] = ()
    ranking: tuple[IntentScore, ...] = ()
    engine: str = ""
    scope: float | None = None
    """How in-scope the utterance looks (0-1), when the engine scores that apart from ``confidence`` (the embedded
    engine with a tuned encoder); its out-of-scope threshold applies to this, not to ``confidence``."""

    @property
    def out_of_scope(self) -> bool:
        return self.intent == OUT_OF_SCOPE


@runtime_checkable
class NluEngine(Protocol):
    """An NLU engine. ``train`` then ``parse``; ``close`` releases what it holds (a server, a process)."""

    name: str

    def train(self, data: TrainingData) -> None: ...

    def parse(self, text: str) -> NluResult: ...

    def close(self) -> None: ...
