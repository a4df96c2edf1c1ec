"""`assistant bench nlu`: the embedded engine against the TF-IDF + linear SVM baseline on Snips 2017 and CLINC150.

Snips (train_full -> the 700 validate utterances): intent accuracy and span-exact slot F1. CLINC150 (train ->
test): in-scope accuracy and out-of-scope recall/precision with the threshold chosen on the validation split only.
Also training time, model load time, warm parse latency per utterance, and the peak RSS of a separate process that
only loads the CLINC model and parses (the footprint a speaker would carry).

Up to three variants of the engine run in the same benchmark: n-grams only; n-grams plus the static sentence vectors
(``assistant models build nlu-vectors``); and the tuned sentence encoder (``assistant models build nlu-encoder
--tune-on snips`` and ``--tune-on clinc150``: fine-tuned on each benchmark's training split only), which replaces the
n-grams and scores out-of-scope by ``scope``. A variant whose files are not under ``models_dir`` is skipped, with
the command that builds them in the report.

CLINC's threshold is the lowest that rejects 90 % of the validation split's out-of-scope utterances (the target is
85 % on test; the validation split has only 100 of them); with the encoder the validation split's in-scope
utterances also standardise the scope score. The test split is never looked at to choose anything.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.benchmarks.nlu_report import render_markdown
from assistant.benchmarks.registry import write_figures
from assistant.config import Settings
from assistant.router.nlu.baseline import BaselineEngine
from assistant.router.nlu.datasets import load_clinc, load_snips
from assistant.router.nlu.embedded import EmbeddedEngine
from assistant.router.nlu.evaluate import intent_accuracy, scope_score, slot_score
from assistant.router.nlu.sentence_encoder import BUILD_HINT as ENCODER_HINT
from assistant.router.nlu.sentence_encoder import encoder_folder, load_encoder
from assistant.router.nlu.sentence_vectors import BUILD_HINT, Embedder, load_vectors, vectors_path
from assistant.router.nlu.types import OUT_OF_SCOPE, Example, NluEngine, NluResult, TrainingData

VAL_OOS_RECALL = 0.90
TARGETS = {
    "snips_intent_accuracy": (">=", 0.990),
    "snips_slot_f1": (">=", 0.93),
    "clinc_in_scope_accuracy": (">=", 0.95),
    "clinc_oos_recall": (">=", 0.85),
    "parse_p50_ms": ("<=", 1.0),
    "parse_p95_ms": ("<=", 3.0),
}
_RSS_PROBE = """
import resource, sys, json
from pathlib import Path
from assistant.router.nlu.embedded import EmbeddedEngine
engine = EmbeddedEngine.load(Path(sys.argv[1]))
for text in json.loads(Path(sys.argv[2]).read_text()):
    engine.parse(text)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork + exec
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
hwm = [line.split()[1] for line in lines if line.startswith("VmHWM:")]
print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _parse_all(engine: NluEngine, examples: Sequence[Example]) -> tuple[list[NluResult], list[tuple[float, float]]]:
    """Results, and (wall, CPU) seconds per parse: CPU time shows what a shared, busy machine adds to wall time."""
    for example in examples[:20]:
        engine.parse(example.text)  # warm caches before timing
    results, seconds = [], []
    for example in examples:
        started, cpu_started = time.perf_counter(), time.process_time()
        results.append(engine.parse(example.text))
        seconds.append((time.perf_counter() - started, time.process_time() - cpu_started))
    return results, seconds


def _trained(engine: NluEngine, data: TrainingData) -> float:
    started = time.perf_counter()
    engine.train(data)
    return time.perf_counter() - started


def _thin(data: TrainingData, quick: bool) -> TrainingData:
    return TrainingData(examples=data.examples[::4]) if quick else data


def _snips(quick: bool, vectors: Embedder | None) -> dict[str, Any]:
    train, test = _thin(load_snips("train"), quick), load_snips("validate")
    engine = EmbeddedEngine(vectors=vectors)
    train_s = _trained(engine, train)
    default_threshold = engine.threshold
    with_rejection, _ = _parse_all(engine, test.examples)
    engine.threshold = 0.0  # the published Snips metric has no "none" answer: score the top intent
    results, seconds = _parse_all(engine, test.examples)
    engine.close()
    slots = slot_score(test.examples, results)
    figures = {
        "train_examples": len(train.examples),
        "test_examples": len(test.examples),
        "intent_accuracy": intent_accuracy(test.examples, results),
        "intent_accuracy_with_rejection": intent_accuracy(test.examples, with_rejection),
        "rejection_threshold": default_threshold,
        "slot_f1": slots.f1,
        "slot_precision": slots.precision,
        "slot_recall": slots.recall,
        "train_s": train_s,
        "parse_ms": _latency(seconds),
    }
    if vectors is None:  # the baseline once, beside the first variant
        baseline = BaselineEngine()
        baseline_train_s = _trained(baseline, train)
        baseline_results, baseline_seconds = _parse_all(baseline, test.examples)
        figures["baseline"] = {
            "intent_accuracy": intent_accuracy(test.examples, baseline_results),
            "train_s": baseline_train_s,
            "parse_ms": _latency(baseline_seconds),
        }
    return figures


def _clinc(quick: bool, model_dir: Path, vectors: Embedder | None) -> dict[str, Any]:
    train, val, test = _thin(load_clinc("train"), quick), load_clinc("val"), load_clinc("test")
    engine = EmbeddedEngine(vectors=vectors)
    train_s = _trained(engine, train)
    trained_threshold = engine.threshold
    engine.restandardise_scope([e.text for e in val.examples if e.intent != OUT_OF_SCOPE])  # no-op without encoder
    engine.threshold = 0.0
    val_results, _ = _parse_all(engine, val.examples)
    confidence = _scope_confidences(val_results)
    is_oos = np.array([e.intent == OUT_OF_SCOPE for e in val.examples])
    top_only, _ = _parse_all(engine, test.examples)
    points = _operating_points(confidence, is_oos, top_only, test.examples)
    engine.threshold = _threshold_for_recall(confidence, is_oos, VAL_OOS_RECALL)
    results, seconds = _parse_all(engine, test.examples)
    scope = scope_score(test.examples, results)
    engine.save(model_dir)
    engine.close()
    figures = {
        "train_examples": len(train.examples),
        "test_examples": len(test.examples),
        "in_scope_accuracy": scope.in_scope_accuracy,
        "in_scope_accuracy_without_threshold": scope_score(test.examples, top_only).in_scope_accuracy,
        "oos_recall_without_threshold": scope_score(test.examples, top_only).oos_recall,
        "oos_recall": scope.oos_recall,
        "oos_precision": scope.oos_precision,
        "false_accept_rate": scope.false_accept_rate,
        "false_reject_rate": scope.false_reject_rate,
        "threshold_from_validation": engine.threshold,
        "operating_points": points,
        "threshold_from_training_folds": trained_threshold,
        "train_s": train_s,
        "parse_ms": _latency(seconds),
    }
    if vectors is None:
        baseline = BaselineEngine()
        baseline_train_s = _trained(baseline, train)
        baseline_results, baseline_seconds = _parse_all(baseline, test.examples)
        baseline_scope = scope_score(test.examples, baseline_results)
        figures["baseline"] = {
            "in_scope_accuracy": baseline_scope.in_scope_accuracy,
            "oos_recall": baseline_scope.oos_recall,
            "oos_precision": baseline_scope.oos_precision,
            "train_s": baseline_train_s,
            "parse_ms": _latency(baseline_seconds),
        }
    return figures


def _scope_confidences(results: Sequence[NluResult]) -> np.ndarray:
    """What the engine's threshold is compared with, per result; -1 where the trained ``oos`` class won."""
    return np.array(
        [-1.0 if r.out_of_scope else (r.confidence if r.scope is None else r.scope) for r in results], dtype=np.float32
    )


def _threshold_for_recall(confidence: np.ndarray, is_oos: np.ndarray, wanted: float) -> float:
    """The lowest threshold that rejects ``wanted`` of these out-of-scope utterances."""
    return float(np.quantile(confidence[is_oos], wanted)) + 1e-6


def _operating_points(
    val_confidence: np.ndarray, val_oos: np.ndarray, test_top: Sequence[NluResult], test: Sequence[Example]
) -> list[dict[str, float]]:
    """The in-scope accuracy / OOS recall trade-off on test, at thresholds picked on validation for set recalls."""
    confidence = _scope_confidences(test_top)
    correct = np.array([r.intent == e.intent for r, e in zip(test_top, test, strict=True)])
    is_oos = np.array([e.intent == OUT_OF_SCOPE for e in test])
    points = []
    for wanted in (0.3, 0.5, 0.7, 0.85, 0.9, 0.95):
        threshold = _threshold_for_recall(val_confidence, val_oos, wanted)
        accepted = confidence >= threshold
        points.append(
            {
                "val_oos_recall_wanted": wanted,
                "threshold": threshold,
                "test_in_scope_accuracy": float((correct & accepted)[~is_oos].mean()),
                "test_oos_recall": float((~accepted)[is_oos].mean()),
            }
        )
    return points


def _latency(seconds: Sequence[tuple[float, float]]) -> dict[str, float]:
    wall, cpu = (np.array(seconds) * 1000).T
    return {
        "p50": float(np.percentile(wall, 50)),
        "p95": float(np.percentile(wall, 95)),
        "mean": float(wall.mean()),
        "cpu_p50": float(np.percentile(cpu, 50)),
        "cpu_p95": float(np.percentile(cpu, 95)),
    }


def _load_and_rss(model_dir: Path, texts: list[str], repeats: int) -> dict[str, float]:
    load_s = []
    for _ in range(repeats):
        started = time.perf_counter()
        EmbeddedEngine.load(model_dir).close()
        load_s.append(time.perf_counter() - started)
    texts_file = model_dir / "probe-texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    probe = [sys.executable, "-c", _RSS_PROBE, str(model_dir), str(texts_file)]
    out = subprocess.run(probe, capture_output=True, text=True, check=True, timeout=300)
    return {
        "load_s_median": float(np.median(load_s)),
        "load_s_max": float(np.max(load_s)),
        "peak_rss_mb": int(out.stdout.strip().splitlines()[-1]) / 1024,
        "model_mb": sum(p.stat().st_size for p in model_dir.iterdir()) / 1e6,
    }


def _checks(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    snips, clinc = figures["snips"], figures["clinc"]
    values = {
        "snips_intent_accuracy": snips["intent_accuracy"],
        "snips_slot_f1": snips["slot_f1"],
        "clinc_in_scope_accuracy": clinc["in_scope_accuracy"],
        "clinc_oos_recall": clinc["oos_recall"],
        "parse_p50_ms": max(snips["parse_ms"]["p50"], clinc["parse_ms"]["p50"]),
        "parse_p95_ms": max(snips["parse_ms"]["p95"], clinc["parse_ms"]["p95"]),
    }
    out = {}
    for name, (op, target) in TARGETS.items():
        met = values[name] >= target if op == ">=" else values[name] <= target
        out[name] = {"value": values[name], "target": f"{op} {target}", "met": met}
    return out


def _variant(quick: bool, snips_vectors: Embedder | None, clinc_vectors: Embedder | None) -> dict[str, Any]:
    """All figures of one engine variant: Snips, CLINC, and the CLINC model's load time and footprint."""
    model_dir = Path(tempfile.mkdtemp(prefix="bench-nlu-"))
    try:
        figures: dict[str, Any] = {
            "snips": _snips(quick, snips_vectors),
            "clinc": _clinc(quick, model_dir, clinc_vectors),
        }
        texts = [e.text for e in load_clinc("test").examples[:500]]
        figures["clinc_model"] = _load_and_rss(model_dir, texts, 3 if quick else 7)
    finally:
        shutil.rmtree(model_dir, ignore_errors=True)
    figures["targets"] = _checks(figures)
    return figures


def run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]:
    """Figures of every variant whose files are built under ``settings.models_dir`` (n-grams only always)."""
    load_before = os.getloadavg()
    table_path = vectors_path(settings.models_dir)
    figures: dict[str, Any] = {"quick": quick, "val_oos_recall": VAL_OOS_RECALL, **_variant(quick, None, None)}
    figures["with_vectors"] = figures["with_encoder"] = None
    if table_path.is_file():
        table = load_vectors(table_path)
        figures["with_vectors"] = {"table": str(table_path), "digest": table.digest, **_variant(quick, table, table)}
    else:
        figures["vectors_missing"] = f"no table at {table_path}; {BUILD_HINT}"
    folders = {name: encoder_folder(settings.models_dir, name) for name in ("snips", "clinc150")}
    missing = [name for name, folder in folders.items() if not (folder / "model.onnx").is_file()]
    if not missing:
        encoders = {name: load_encoder(folder) for name, folder in folders.items()}
        figures["with_encoder"] = {
            "encoders": {name: {"folder": str(e.path), "digest": e.digest} for name, e in encoders.items()},
            **_variant(quick, encoders["snips"], encoders["clinc150"]),
        }
    else:
        figures["encoder_missing"] = (
            f"no encoder tuned on {' and '.join(missing)} under {settings.models_dir}; {ENCODER_HINT} with "
            + " and ".join(f"--tune-on {name}" for name in missing)
        )
    figures["machine"] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
    }
    return write_figures(out_dir, "nlu", figures, render_markdown(figures))
