"""The NLU benchmark's own arithmetic and report: the validation threshold rule, what it compares, and the targets
table across the engine's variants (on hand-made figures; the real run is `assistant bench nlu`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.benchmarks import nlu, nlu_report
from assistant.router.nlu.types import OUT_OF_SCOPE, NluResult


def test_threshold_rejects_the_wanted_share_of_validation_out_of_scope() -> None:
    confidence = np.array([0.9, 0.8, 0.1, 0.2, 0.3, 0.4, -1.0], dtype=np.float32)
    is_oos = np.array([False, False, True, True, True, True, True])
    threshold = nlu._threshold_for_recall(confidence, is_oos, 0.8)
    assert ((confidence < threshold)[is_oos]).mean() >= 0.8
    assert not (confidence < threshold)[~is_oos].any()


def test_the_scope_score_is_compared_when_the_engine_gives_one() -> None:
    results = [
        NluResult("a", "x", 0.9, scope=0.01),
        NluResult("b", "x", 0.4),
        NluResult("c", OUT_OF_SCOPE, 0.7, scope=0.5),
    ]
    assert nlu._scope_confidences(results).tolist() == [np.float32(0.01), np.float32(0.4), -1.0]


def _variant(clinc_accuracy: float, p50: float) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "snips": {"intent_accuracy": 0.991, "slot_f1": 0.94, "parse_ms": {"p50": p50, "p95": 2 * p50}},
        "clinc": {"in_scope_accuracy": clinc_accuracy, "oos_recall": 0.86, "parse_ms": {"p50": p50, "p95": p50}},
    }
    figures["targets"] = nlu._checks(figures)
    return figures


def test_targets_table_has_a_column_per_measured_variant_and_names_who_meets_all() -> None:
    figures = {**_variant(0.90, 0.2), "with_vectors": None, "with_encoder": _variant(0.953, 0.8)}
    lines = nlu_report._targets_section(figures)
    assert "| target | required | n-grams only | tuned encoder |" in lines
    row = next(line for line in lines if line.startswith("| clinc_in_scope_accuracy"))
    assert "90.0 % **(no)**" in row and row.endswith("| 95.3 % |")
    assert lines[-1] == "Every target met by: tuned encoder."
    slow = {**_variant(0.90, 0.2), "with_vectors": None, "with_encoder": _variant(0.953, 1.5)}
    assert nlu_report._targets_section(slow)[-1] == "Every target met by: no variant."


def test_thresholds_below_zero_read_as_the_oos_class_alone() -> None:
    assert nlu_report._shown_threshold(-1.0) == "(oos class only)"
    assert nlu_report._shown_threshold(0.00237) == "0.00237"
    assert nlu_report._shown_threshold(0.8156) == "0.816"
