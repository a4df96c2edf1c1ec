"""Per-intent accuracy and the confusion table over every turn that states the intent it expects.

The "actual" intent is the one the assistant acted on (``oos`` when it said it did not understand), so a turn
where the NLU guessed right but too unsure to act counts as a miss: what the user got is what is measured.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assistant.scripts.expectations import IntentIs
from assistant.scripts.outcome import ConversationOutcome

NONE_INTENT = "(none)"
"""How tables name "no intent" (the router answered by itself, e.g. "cancel")."""


@dataclass(frozen=True)
class IntentStats:
    intent: str
    turns: int
    correct: int
    confused_with: Mapping[str, int] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.turns if self.turns else 0.0


@dataclass(frozen=True)
class Summary:
    conversations: int
    conversations_failed: int
    steps: int
    steps_failed: int
    intents: tuple[IntentStats, ...]
    confusion: Mapping[tuple[str, str], int]
    """(expected, actual) -> turns, over every turn that expects an intent, the diagonal included."""
    examples: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(expected, actual) -> the first words that were confused, for the table."""

    @property
    def intent_turns(self) -> int:
        return sum(s.turns for s in self.intents)

    @property
    def intent_correct(self) -> int:
        return sum(s.correct for s in self.intents)

    @property
    def intent_accuracy(self) -> float:
        return self.intent_correct / self.intent_turns if self.intent_turns else 0.0

    @property
    def confusions(self) -> list[tuple[str, str, int]]:
        """Off-diagonal cells, most frequent first."""
        cells = [(e, a, n) for (e, a), n in self.confusion.items() if e != a]
        return sorted(cells, key=lambda c: (-c[2], c[0], c[1]))


def summarise(outcomes: Iterable[ConversationOutcome]) -> Summary:
    conversations = failed = steps = steps_failed = 0
    confusion: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for outcome in outcomes:
        conversations += 1
        failed += not outcome.passed
        for step in outcome.steps:
            steps += 1
            steps_failed += not step.passed
            expected = next((e for e in step.step.expectations if isinstance(e, IntentIs)), None)
            if expected is None or step.observed is None:
                continue
            cell = (expected.name or NONE_INTENT, step.observed.effective_intent or NONE_INTENT)
            confusion[cell] += 1
            examples.setdefault(cell, step.observed.query or step.step.label)
    by_intent: dict[str, list[tuple[str, int]]] = {}
    for (want, got), count in confusion.items():
        by_intent.setdefault(want, []).append((got, count))
    stats = tuple(
        IntentStats(
            intent,
            sum(n for _, n in cells),
            sum(n for got, n in cells if got == intent),
            {got: n for got, n in sorted(cells, key=lambda c: -c[1]) if got != intent},
        )
        for intent, cells in sorted(by_intent.items())
    )
    return Summary(conversations, failed, steps, steps_failed, stats, dict(confusion), examples)
