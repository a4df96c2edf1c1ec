"""Benchmark ``nlu_compare``: the embedded engine against Rasa DIET on Snips 2017 and CLINC150, one run each.

Both engines get the same training subsample and the same test set (DIET trains for minutes per dataset on 2 cores,
so the training sets are subsampled per intent; the sizes are written into the figures). The claims checked: the
embedded engine's intent accuracy is at least DIET's, its parse latency (p50) at least 10x lower, its peak memory
at least 5x lower and its cold start at least 20x faster. Every claim that does not hold is written down as a loss.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.evaluation.eval_report import markdown_table
from assistant.evaluation.eval_run import EngineReport, Split, evaluate
from assistant.router.nlu.datasets import load_clinc, load_snips
from assistant.router.nlu.types import OUT_OF_SCOPE, Example, TrainingData

NAME = "nlu_compare"


@dataclass(frozen=True)
class Dataset:
    name: str
    about: str
    load: Callable[[bool], Split]


def per_intent(data: TrainingData, count: int, seed: int, *, oos: int | None = None) -> TrainingData:
    """At most ``count`` examples of each intent (``oos`` of the out-of-scope class), drawn with a fixed seed."""
    rng = random.Random(seed)
    by_intent: dict[str, list[Example]] = {}
    for example in data.examples:
        by_intent.setdefault(example.intent, []).append(example)
    chosen: list[Example] = []
    for intent in sorted(by_intent):
        limit = oos if intent == OUT_OF_SCOPE and oos is not None else count
        pool = by_intent[intent]
        chosen += rng.sample(pool, min(limit, len(pool)))
    return TrainingData(tuple(chosen))


def _snips(quick: bool) -> Split:
    train = per_intent(load_snips("train_small"), 20 if quick else 60, seed=1)
    test = per_intent(load_snips("validate"), 10, seed=2) if quick else load_snips("validate")
    return Split(train, test)


def _clinc(quick: bool) -> Split:
    train = per_intent(load_clinc("train"), 3 if quick else 10, seed=3, oos=20 if quick else 100)
    test = per_intent(load_clinc("test"), 1 if quick else 5, seed=4, oos=20 if quick else 250)
    return Split(train, test)


DATASETS = (
    Dataset(
        "snips2017",
        "Snips 2017: train 60 per intent drawn from the 2,100-utterance train set (420); test: all 700 validate",
        _snips,
    ),
    Dataset(
        "clinc150",
        "CLINC150: train 10 per intent (1,500) + 100 oos_train; test 5 per intent (750) + 250 of the 1,000 oos_test",
        _clinc,
    ),
)


def claims(embedded: EngineReport, rasa: EngineReport) -> list[tuple[str, float, float, bool]]:
    """(claim, measured, required, holds) for the four claims the issue makes."""
    latency = rasa.p50_ms / embedded.p50_ms if embedded.p50_ms else float("inf")
    memory = rasa.peak_rss_mb / embedded.peak_rss_mb if embedded.peak_rss_mb else float("inf")
    cold = rasa.load_s / embedded.load_s if embedded.load_s else float("inf")
    accuracy = embedded.scores.intent_accuracy - rasa.scores.intent_accuracy
    return [
        ("intent accuracy, embedded minus DIET (points)", 100 * accuracy, 0.0, accuracy >= 0),
        ("parse latency p50, DIET / embedded", latency, 10.0, latency >= 10),
        ("peak RSS, DIET / embedded", memory, 5.0, memory >= 5),
        ("cold start, DIET / embedded", cold, 20.0, cold >= 20),
    ]


@dataclass(frozen=True)
class DatasetResult:
    dataset: str
    about: str
    train_examples: int
    test_examples: int
    table: str
    claims: list[tuple[str, float, float, bool]]
    reports: dict[str, dict[str, object]]


def _markdown(results: list[DatasetResult], settings: Settings, meta: dict[str, object]) -> str:
    lines = [
        "# nlu_compare: embedded engine vs Rasa DIET",
        "",
        f"Machine: {meta['cpus']} CPUs, 1-minute load average {meta['load_before']} before and {meta['load_after']} "
        "after the run (the cores are shared with other work, so absolute times are noisy; ratios less so).",
        f"Rasa: {meta['rasa']}, pipeline from config.yml `rasa.pipeline`, DIET epochs {settings.rasa.epochs}, "
        f"{settings.rasa.threads} TensorFlow threads. Each engine ran in its own process, training from nothing.",
        "Cold start: a trained model on disk to ready to parse, in a fresh process (Rasa: `rasa run` spawned until "
        "`/status` answers; embedded: a new interpreter imports the engine, loads the model and parses once).",
        "Peak RSS: the highest resident memory of any process the engine used (Rasa: training process or server).",
        "",
    ]
    for result in results:
        lines += [f"## {result.dataset}", "", result.about, "", result.table]
        lines += ["| claim | measured | required | holds |", "|---|---:|---:|---|"]
        for claim, measured, required, holds in result.claims:
            lines.append(
                f"| {claim} | {measured:.1f} | {required:g} | {'yes' if holds else '**no: embedded loses**'} |"
            )
        lines.append("")
    losses = [f"{r.dataset}: {c[0]}" for r in results for c in r.claims if not c[3]]
    lines += ["## Verdict", ""]
    lines += [f"- The embedded engine loses here: {loss}" for loss in losses] or [
        "- Every claim holds on both datasets."
    ]
    return "\n".join(lines) + "\n"


def run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]:
    """Run both engines on both datasets and write ``nlu_compare.json`` and ``nlu_compare.md``."""
    from assistant.router.nlu.rasa.rasa_pins import RASA_REQUIREMENT

    load_before = round(os.getloadavg()[0], 2)
    started = time.time()
    results: list[DatasetResult] = []
    for dataset in DATASETS:
        split = dataset.load(quick)
        print(f"   {dataset.name}: {len(split.train.examples)} train, {len(split.test.examples)} test")
        embedded, rasa = evaluate(["embedded", "rasa"], [split], settings, _echo)
        results.append(
            DatasetResult(
                dataset=dataset.name,
                about=dataset.about if not quick else f"{dataset.about} (quick run: smaller samples)",
                train_examples=len(split.train.examples),
                test_examples=len(split.test.examples),
                table=markdown_table([embedded, rasa]),
                claims=claims(embedded, rasa),
                reports={"embedded": _summary(embedded), "rasa": _summary(rasa)},
            )
        )
    meta: dict[str, object] = {
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": round(os.getloadavg()[0], 2),
        "seconds": round(time.time() - started),
        "rasa": RASA_REQUIREMENT,
        "quick": quick,
    }
    json_path, md_path = out_dir / f"{NAME}.json", out_dir / f"{NAME}.md"
    json_path.write_text(
        json.dumps({"meta": meta, "results": [asdict(r) for r in results]}, indent=1) + "\n", encoding="utf-8"
    )
    md_path.write_text(_markdown(results, settings, meta), encoding="utf-8")
    return [json_path, md_path]


def _summary(report: EngineReport) -> dict[str, object]:
    s = report.scores
    return {
        "intent_accuracy": s.intent_accuracy,
        "macro_f1": s.macro_f1,
        "entity_f1": s.entity_f1,
        "oos_recall": s.oos_recall,
        "p50_ms": report.p50_ms,
        "p95_ms": report.p95_ms,
        "train_s": report.train_s,
        "cold_start_s": report.load_s,
        "peak_rss_mb": report.peak_rss_mb,
        "serve_rss_mb": report.serve_rss_mb,
    }


def _echo(engine: str, event: tuple[str, object]) -> None:
    kind, payload = event
    if kind == "say":
        print(f"   {engine}: {payload}", flush=True)
