"""What the engine calibrates on: folds that hold a template out whole, the tenth of utterances the skills'
encoder is never tuned on, and the out-of-scope score calibrated on it."""

from __future__ import annotations

import numpy as np
import pytest
from router_nlu_sample import unit_vectors

from assistant.router.nlu.intent_model import calibration_folds
from assistant.router.nlu.scope import train_scope
from assistant.router.nlu.sentence_encoder import held_out_from_tuning, kept_for_tuning


def test_calibration_folds_hold_each_template_out_whole() -> None:
    labels = ["timer"] * 12 + ["weather"] * 12 + ["lamp"] * 6
    groups: list[str | None] = [f"timer {n % 4}" for n in range(12)] + [f"weather {n % 3}" for n in range(12)]
    groups += ["lamp only"] * 6  # one template: holding it out whole would leave the intent nothing to learn
    folds = calibration_folds(labels, groups, 3)
    assert len(folds) == 3
    held = np.concatenate([test for _, test in folds])
    assert sorted(held.tolist()) == list(range(30))  # every row is held out exactly once
    for train, test in folds:
        assert {groups[i] for i in test if groups[i] != "lamp only"}.isdisjoint(groups[i] for i in train)
        assert {labels[i] for i in train} == {"timer", "weather", "lamp"}  # every intent is still learnt
    lamp_folds = {n for n, (_, test) in enumerate(folds) for i in test if labels[i] == "lamp"}
    assert len(lamp_folds) > 1  # the one-template intent is split by example
    plain = calibration_folds(labels, [None] * 30, 3)  # no groups: each example its own
    assert sorted(np.concatenate([t for _, t in plain]).tolist()) == list(range(30))


def test_the_tenth_kept_back_from_tuning_is_decided_by_the_words_alone() -> None:
    texts = [f"set a timer for {n} minutes in room {n % 7}" for n in range(3000)]
    share = sum(held_out_from_tuning(t) for t in texts) / len(texts)
    assert 0.08 < share < 0.12
    picked = next(t for t in texts if held_out_from_tuning(t))
    assert held_out_from_tuning("  " + picked.upper().replace(" ", "   ") + " ")  # case and spacing do not matter
    kept, labels = kept_for_tuning(texts, [f"label {n}" for n in range(len(texts))])
    assert kept == [t for t in texts if not held_out_from_tuning(t)]
    assert labels == [f"label {texts.index(t)}" for t in kept]  # each text keeps its own label


def test_scope_statistics_come_from_the_calibration_rows_alone() -> None:
    vectors, label_ids = unit_vectors(30, 3, 6, seed=1)
    held_out = np.full((30, 3), 0.05, dtype=np.float32)
    held_out[np.arange(30), label_ids] = np.linspace(0.4, 0.9, 30)
    in_scope = np.ones(30, dtype=bool)
    calibrate = np.arange(30) < 10
    everyone, _ = train_scope(vectors, label_ids, 3, held_out, in_scope)
    tenth, confidences = train_scope(vectors, label_ids, 3, held_out, in_scope, calibrate)
    assert everyone.mean_p == pytest.approx(float(held_out.max(axis=1).mean()))
    assert tenth.mean_p == pytest.approx(float(held_out.max(axis=1)[:10].mean()))
    assert confidences.shape == (30,)  # every row still gets its confidence
