"""Scores of NLU predictions against gold examples: pure functions over plain data, no engine in sight.

Intent accuracy, macro-F1 and per-intent precision/recall; entity precision/recall/F1 with exact span and type
matching (the strict CoNLL convention: a slot with the right words but the wrong type or a boundary off by one
counts as both a false positive and a false negative); out-of-scope recall; latency percentiles; the confusion
matrix. Every engine is scored by the same code, so differences are the engines', not the harness's.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.router.nlu.types import OUT_OF_SCOPE, Example, NluResult


@dataclass(frozen=True)
class IntentScores:
    """One intent's precision, recall, F1 and number of gold examples."""

    intent: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    """Everything measured from predictions alone."""

    examples: int
    intent_accuracy: float
    macro_f1: float
    per_intent: tuple[IntentScores, ...]
    entity_precision: float
    entity_recall: float
    entity_f1: float
    entity_support: int
    oos_recall: float | None
    """Share of out-of-scope examples predicted out of scope; None when the test data has none."""
    in_scope_accuracy: float | None
    """Accuracy over in-scope examples only; None when the test data has no out-of-scope examples."""


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def per_intent_scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[IntentScores, ...]:
    """Precision/recall/F1 for every gold intent, sorted by name."""
    pairs = list(zip(gold, predicted, strict=True))
    support = Counter(gold)
    predicted_count = Counter(predicted)
    hits = Counter(g for g, p in pairs if g == p)
    rows = []
    for intent in sorted(support):
        precision = _ratio(hits[intent], predicted_count[intent])
        recall = _ratio(hits[intent], support[intent])
        rows.append(IntentScores(intent, precision, recall, _f1(precision, recall), support[intent]))
    return tuple(rows)


def entity_counts(gold: Example, result: NluResult) -> tuple[int, int, int]:
    """(true positives, predicted, gold) entity spans for one utterance, matched on start, end and type."""
    expected = Counter((s.start, s.end, s.entity) for s in gold.entities)
    found = Counter((s.start, s.end, s.entity) for s in result.slots)
    return sum((expected & found).values()), sum(found.values()), sum(expected.values())


def score(gold: Sequence[Example], results: Sequence[NluResult]) -> Scores:
    """Score ``results`` (one per gold example, in order)."""
    if len(gold) != len(results):
        raise ValueError(f"{len(gold)} gold examples but {len(results)} results")
    gold_intents = [e.intent for e in gold]
    predicted = [r.intent for r in results]
    per_intent = per_intent_scores(gold_intents, predicted)
    correct = sum(g == p for g, p in zip(gold_intents, predicted, strict=True))
    true_positive = predicted_spans = gold_spans = 0
    for example, result in zip(gold, results, strict=True):
        tp, found, expected = entity_counts(example, result)
        true_positive, predicted_spans, gold_spans = true_positive + tp, predicted_spans + found, gold_spans + expected
    precision = _ratio(true_positive, predicted_spans)
    recall = _ratio(true_positive, gold_spans)
    oos = [p for g, p in zip(gold_intents, predicted, strict=True) if g == OUT_OF_SCOPE]
    in_scope = [(g, p) for g, p in zip(gold_intents, predicted, strict=True) if g != OUT_OF_SCOPE]
    return Scores(
        examples=len(gold),
        intent_accuracy=_ratio(correct, len(gold)),
        macro_f1=sum(row.f1 for row in per_intent) / len(per_intent) if per_intent else 0.0,
        per_intent=per_intent,
        entity_precision=precision,
        entity_recall=recall,
        entity_f1=_f1(precision, recall),
        entity_support=gold_spans,
        oos_recall=_ratio(sum(p == OUT_OF_SCOPE for p in oos), len(oos)) if oos else None,
        in_scope_accuracy=_ratio(sum(g == p for g, p in in_scope), len(in_scope)) if oos else None,
    )


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation, as numpy's default; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def confusion_matrix(gold: Sequence[str], predicted: Sequence[str]) -> tuple[tuple[str, ...], list[list[int]]]:
    """Labels (gold and predicted, sorted) and counts: ``matrix[i][j]`` = gold ``labels[i]`` predicted ``labels[j]``."""
    labels = tuple(sorted(set(gold) | set(predicted)))
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g]][index[p]] += 1
    return labels, matrix
