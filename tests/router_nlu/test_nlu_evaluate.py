"""The scoring functions the benchmark uses: span-exact slot F1 and out-of-scope figures, on hand-counted cases."""

from __future__ import annotations

import pytest

from assistant.router.nlu.evaluate import intent_accuracy, scope_score, slot_score
from assistant.router.nlu.types import OUT_OF_SCOPE, EntitySpan, Example, NluResult, Slot

TEXT = "play the beatles in the kitchen"
GOLD = Example(TEXT, "play", (EntitySpan(5, 16, "artist", "the beatles"), EntitySpan(24, 31, "room", "kitchen")))


def _result(intent: str, *spans: tuple[str, int, int]) -> NluResult:
    slots = tuple(Slot(entity, TEXT[a:b], TEXT[a:b], a, b) for entity, a, b in spans)
    return NluResult(TEXT, intent, 0.9, slots)


@pytest.mark.parametrize(
    ("spans", "tp", "fp", "fn"),
    [
        ((("artist", 5, 16), ("room", 24, 31)), 2, 0, 0),
        ((("artist", 9, 16), ("room", 24, 31)), 1, 1, 1),  # "beatles" without "the": a miss and a false alarm
        ((("song", 5, 16),), 0, 1, 2),  # right span, wrong type
        ((), 0, 0, 2),
    ],
)
def test_slot_score_is_span_exact(spans: tuple[tuple[str, int, int], ...], tp: int, fp: int, fn: int) -> None:
    score = slot_score([GOLD], [_result("play", *spans)])
    assert (score.true_positives, score.false_positives, score.false_negatives) == (tp, fp, fn)


def test_f1_of_a_half_right_prediction() -> None:
    score = slot_score([GOLD], [_result("play", ("artist", 5, 16), ("room", 20, 31))])
    assert score.precision == score.recall == score.f1 == pytest.approx(0.5)


def test_scope_score_counts_rejections() -> None:
    gold = [Example("a", "x"), Example("b", "y"), Example("c", OUT_OF_SCOPE), Example("d", OUT_OF_SCOPE)]
    predicted = [
        NluResult("a", "x", 0.9),
        NluResult("b", OUT_OF_SCOPE, 0.6),  # an in-scope utterance wrongly rejected
        NluResult("c", OUT_OF_SCOPE, 0.7),
        NluResult("d", "x", 0.5),  # an out-of-scope utterance wrongly accepted
    ]
    score = scope_score(gold, predicted)
    assert score.in_scope_accuracy == 0.5
    assert score.oos_recall == 0.5
    assert score.oos_precision == 0.5
    assert score.false_accept_rate == 0.5
    assert score.false_reject_rate == 0.5
    assert intent_accuracy(gold, predicted) == 0.5


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        intent_accuracy([GOLD], [])
