"""How well an NLU engine does on labelled data: intent accuracy, slot F1, out-of-scope recall and precision.

Pure functions over gold examples and the engine's results, so the benchmark, ``assistant eval`` and tests score
every engine the same way. Slot F1 is span-exact micro F1 as conlleval counts it: a predicted slot is right only
when its type and both ends match a gold slot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.router.nlu.types import OUT_OF_SCOPE, Example, NluResult


@dataclass(frozen=True)
class SlotScore:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class ScopeScore:
    """In-scope accuracy (a rejected in-scope utterance counts as wrong) and out-of-scope detection."""

    in_scope_accuracy: float
    oos_recall: float  # out-of-scope utterances rejected
    oos_precision: float  # rejections that were truly out of scope
    false_accept_rate: float  # out-of-scope utterances given some intent (1 - recall)
    false_reject_rate: float  # in-scope utterances rejected


def _stripped(span_text: str, start: int, end: int) -> tuple[int, int]:
    """Span ends without edge spaces, so "paris " and "paris" count as one span."""
    lead = len(span_text) - len(span_text.lstrip())
    trail = len(span_text) - len(span_text.rstrip())
    return start + lead, end - trail


def slot_score(gold: Sequence[Example], predicted: Sequence[NluResult]) -> SlotScore:
    tp = fp = fn = 0
    for example, result in zip(gold, predicted, strict=True):
        expected = {(s.entity, *_stripped(example.text[s.start : s.end], s.start, s.end)) for s in example.entities}
        found = {(s.entity, *_stripped(result.text[s.start : s.end], s.start, s.end)) for s in result.slots}
        tp += len(expected & found)
        fp += len(found - expected)
        fn += len(expected - found)
    return SlotScore(tp, fp, fn)


def intent_accuracy(gold: Sequence[Example], predicted: Sequence[NluResult]) -> float:
    pairs = list(zip(gold, predicted, strict=True))
    return sum(e.intent == r.intent for e, r in pairs) / len(pairs) if pairs else 0.0


def scope_score(gold: Sequence[Example], predicted: Sequence[NluResult]) -> ScopeScore:
    pairs = list(zip(gold, predicted, strict=True))
    in_scope = [(e, r) for e, r in pairs if e.intent != OUT_OF_SCOPE]
    oos = [(e, r) for e, r in pairs if e.intent == OUT_OF_SCOPE]
    rejected_oos = sum(r.intent == OUT_OF_SCOPE for _, r in oos)
    rejected_in = sum(r.intent == OUT_OF_SCOPE for _, r in in_scope)
    rejections = rejected_oos + rejected_in
    return ScopeScore(
        in_scope_accuracy=sum(e.intent == r.intent for e, r in in_scope) / len(in_scope) if in_scope else 0.0,
        oos_recall=rejected_oos / len(oos) if oos else 0.0,
        oos_precision=rejected_oos / rejections if rejections else 0.0,
        false_accept_rate=1 - rejected_oos / len(oos) if oos else 0.0,
        false_reject_rate=rejected_in / len(in_scope) if in_scope else 0.0,
    )
