"""The eval harness's scoring, splitting and writing, on hand-made predictions whose right answers are known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation.eval_engines import EngineRun
from assistant.evaluation.eval_metrics import confusion_matrix, entity_counts, percentile, score
from assistant.evaluation.eval_report import as_json, markdown_table, per_intent_table, write_confusion_png
from assistant.evaluation.eval_run import report_of, stratified_folds
from assistant.router.nlu.types import OUT_OF_SCOPE, EntitySpan, Example, NluResult, Slot, TrainingData

GOLD = [
    Example("timer five minutes", "timer", (EntitySpan(6, 18, "duration", "five minutes"),)),
    Example("lights on in kitchen", "lights", (EntitySpan(13, 20, "room", "kitchen"),)),
    Example("lights off", "lights"),
    Example("order a pizza", OUT_OF_SCOPE),
]


def _result(text: str, intent: str, *slots: tuple[int, int, str]) -> NluResult:
    return NluResult(text, intent, 0.9, tuple(Slot(e, text[s:t], text[s:t], s, t) for s, t, e in slots))


PREDICTED = [
    _result("timer five minutes", "timer", (6, 18, "duration")),
    _result("lights on in kitchen", "lights", (12, 20, "room")),  # boundary off by one: a miss and a false alarm
    _result("lights off", "timer"),
    _result("order a pizza", OUT_OF_SCOPE),
]


def test_scores_of_known_predictions() -> None:
    scores = score(GOLD, PREDICTED)
    assert scores.intent_accuracy == 0.75
    rows = {row.intent: row for row in scores.per_intent}
    assert (rows["lights"].precision, rows["lights"].recall, rows["lights"].support) == (1.0, 0.5, 2)
    assert (rows["timer"].precision, rows["timer"].recall) == (0.5, 1.0)
    assert scores.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 1.0) / 3)
    assert (scores.entity_precision, scores.entity_recall, scores.entity_f1, scores.entity_support) == (
        0.5,
        0.5,
        0.5,
        2,
    )
    assert scores.oos_recall == 1.0
    assert scores.in_scope_accuracy == pytest.approx(2 / 3)


def test_without_out_of_scope_data_there_is_no_oos_recall() -> None:
    scores = score(GOLD[:3], PREDICTED[:3])
    assert scores.oos_recall is None and scores.in_scope_accuracy is None


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="4 gold examples but 3 results"):
        score(GOLD, PREDICTED[:3])


def test_entity_counts_need_type_and_both_boundaries() -> None:
    wrong_type = _result("timer five minutes", "timer", (6, 18, "time"))
    assert entity_counts(GOLD[0], wrong_type) == (0, 1, 1)
    assert entity_counts(GOLD[0], PREDICTED[0]) == (1, 1, 1)


@pytest.mark.parametrize(
    ("values", "q", "expected"), [([], 50, 0.0), ([3.0], 95, 3.0), ([1, 2, 3, 4], 50, 2.5), ([1, 2, 3, 4, 5], 95, 4.8)]
)
def test_percentiles_interpolate_like_numpy(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == pytest.approx(expected)


def test_confusion_matrix_counts_gold_rows_and_predicted_columns() -> None:
    labels, matrix = confusion_matrix(["a", "a", "b"], ["a", "b", "b"])
    assert labels == ("a", "b") and matrix == [[1, 1], [0, 1]]


def test_stratified_folds_cover_every_example_once_and_every_intent_in_each_fold() -> None:
    examples = tuple(Example(f"{intent} {i}", intent) for intent in ("a", "b", "c") for i in range(7))
    folds = stratified_folds(TrainingData(examples, synonyms={"x": "y"}), 3)
    tested = [e for fold in folds for e in fold.test.examples]
    assert sorted(tested, key=lambda e: e.text) == sorted(examples, key=lambda e: e.text)
    for fold in folds:
        assert set(fold.test.intents) == {"a", "b", "c"} == set(fold.train.intents)
        assert not set(fold.train.examples) & set(fold.test.examples)
        assert fold.train.synonyms == {"x": "y"}


def test_folds_hold_a_template_out_whole() -> None:
    grouped = tuple(Example(f"a {i}", "a", group=f"a: template {i % 4}") for i in range(12))
    few = tuple(Example(f"b {i}", "b", group="b: the one template") for i in range(6))
    folds = stratified_folds(TrainingData(grouped + few), 3)
    for fold in folds:
        held = {e.group for e in fold.test.examples if e.intent == "a"}
        assert held and not held & {e.group for e in fold.train.examples}  # unseen wordings only
        assert {"a", "b"} <= set(fold.train.intents)  # the one-template intent is dealt by example
    assert sorted(e.text for f in folds for e in f.test.examples) == sorted(e.text for e in grouped + few)


def test_reports_are_written_as_markdown_json_and_png(tmp_path: Path) -> None:
    run = EngineRun("embedded", tuple(PREDICTED), (1.0, 2.0, 3.0, 4.0), 1.5, 0.01, 150.0, 150.0)
    report = report_of("embedded", GOLD, [run])
    table = markdown_table([report, report])
    assert "| intent accuracy | 75.0 % | 75.0 % |" in table
    assert "| out-of-scope recall | 100.0 % | 100.0 % |" in table
    assert "| lights | 2 | 100.0 % | 50.0 % |" in per_intent_table([report])
    data = json.loads(as_json([report], {"data": "hand-made"}))
    assert data["meta"] == {"data": "hand-made"} and data["engines"][0]["scores"]["intent_accuracy"] == 0.75
    png = write_confusion_png([report], tmp_path / "confusion.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
