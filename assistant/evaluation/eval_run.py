"""An evaluation: splits (given train/test, or stratified k-fold), every engine on every split, one report per engine.

Test utterances are cleaned exactly as Rasa's writer cleans them (whitespace collapsed, brackets dropped) before any
engine sees them, so entity offsets mean the same thing for every engine.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.evaluation.eval_engines import EngineRun, Event, run_isolated
from assistant.evaluation.eval_metrics import Scores, confusion_matrix, percentile, score
from assistant.router.nlu.rasa.rasa_data import clean_training_data
from assistant.router.nlu.types import Example, TrainingData


@dataclass(frozen=True)
class Split:
    train: TrainingData
    test: TrainingData


@dataclass(frozen=True)
class EngineReport:
    """One engine's scores and costs over all splits (cross-validation folds are pooled)."""

    engine: str
    scores: Scores
    p50_ms: float
    p95_ms: float
    train_s: float
    """Mean over splits."""
    load_s: float
    """Mean over splits."""
    peak_rss_mb: float
    serve_rss_mb: float
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]


def stratified_folds(data: TrainingData, folds: int, seed: int = 13) -> list[Split]:
    """``folds`` train/test splits; each intent's templates (``Example.group``) are dealt round-robin, so a test
    fold holds wordings its training half has never seen, as a user's are; an intent with fewer templates than
    folds (or examples without one) is dealt by example, so every fold still learns every intent."""
    if folds < 2:
        raise AssistantError(f"--folds must be at least 2 (got {folds})")
    by_intent: dict[str, dict[str, list[Example]]] = {}
    for n, example in enumerate(data.examples):
        of_intent = by_intent.setdefault(example.intent, {})
        of_intent.setdefault(example.group or f"example {n}", []).append(example)
    rng = random.Random(seed)
    buckets: list[list[Example]] = [[] for _ in range(folds)]
    for intent in sorted(by_intent):
        groups = list(by_intent[intent].values())
        if len(groups) < folds:
            groups = [[example] for group in groups for example in group]
        rng.shuffle(groups)
        for i, group in enumerate(groups):
            buckets[i % folds].extend(group)
    splits = []
    for k in range(folds):
        train = tuple(e for j, bucket in enumerate(buckets) if j != k for e in bucket)
        whole = TrainingData(train, dict(data.synonyms), dict(data.lookups), dict(data.regexes))
        splits.append(Split(whole, TrainingData(tuple(buckets[k]))))
    return splits


def prepare(split: Split) -> Split:
    """Both halves cleaned for Rasa's format (see the module docstring); empty halves are a user error."""
    train, test = clean_training_data(split.train), clean_training_data(split.test)
    if not train.examples or not test.examples:
        raise AssistantError("the training or test data has no examples; check --train/--test")
    return Split(train, test)


def evaluate(
    engines: Sequence[str],
    splits: Sequence[Split],
    settings: Settings,
    on_event: Callable[[str, Event], None] = lambda engine, event: None,
) -> list[EngineReport]:
    """Run every engine on every split (each in its own process) and score the pooled predictions."""
    prepared = [prepare(s) for s in splits]
    reports = []
    for name in engines:
        runs: list[EngineRun] = []

        def forward(event: Event, engine: str = name) -> None:
            on_event(engine, event)

        for split in prepared:
            runs.append(run_isolated(name, settings, split.train, split.test, forward))
        gold = [e for split in prepared for e in split.test.examples]
        reports.append(report_of(name, gold, runs))
    return reports


def report_of(name: str, gold: Sequence[Example], runs: Sequence[EngineRun]) -> EngineReport:
    """Pool the runs' predictions and costs into one report."""
    results = [r for run in runs for r in run.results]
    latencies = [ms for run in runs for ms in run.latencies_ms]
    labels, matrix = confusion_matrix([e.intent for e in gold], [r.intent for r in results])
    return EngineReport(
        engine=name,
        scores=score(gold, results),
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        train_s=sum(r.train_s for r in runs) / len(runs),
        load_s=sum(r.load_s for r in runs) / len(runs),
        peak_rss_mb=max(r.peak_rss_mb for r in runs),
        serve_rss_mb=max(r.serve_rss_mb for r in runs),
        labels=labels,
        confusion=tuple(tuple(row) for row in matrix),
    )
