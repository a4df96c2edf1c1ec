"""An evaluation written out: a markdown table (engines side by side), a JSON file, a confusion-matrix PNG.

The markdown and JSON carry the same numbers; the PNG shows, per engine, which intents are taken for which. Cells are
shares of each gold intent; with many intents (CLINC150 has 151) the tick labels are left out and the picture is read
as "how much lies off the diagonal".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.evaluation.eval_run import EngineReport


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _if_entities(report: EngineReport, value: float) -> float | None:
    """Entity scores mean nothing on data without annotated entities (CLINC150): shown as n/a."""
    return value if report.scores.entity_support else None


def markdown_table(reports: Sequence[EngineReport]) -> str:
    """The side-by-side summary, one column per engine."""
    rows: list[tuple[str, list[str]]] = [
        ("test utterances", [str(r.scores.examples) for r in reports]),
        ("intent accuracy", [_pct(r.scores.intent_accuracy) for r in reports]),
        ("intent macro-F1", [_pct(r.scores.macro_f1) for r in reports]),
        ("in-scope accuracy", [_pct(r.scores.in_scope_accuracy) for r in reports]),
        ("out-of-scope recall", [_pct(r.scores.oos_recall) for r in reports]),
        ("entity precision", [_pct(_if_entities(r, r.scores.entity_precision)) for r in reports]),
        ("entity recall", [_pct(_if_entities(r, r.scores.entity_recall)) for r in reports]),
        ("entity F1", [_pct(_if_entities(r, r.scores.entity_f1)) for r in reports]),
        ("parse latency p50", [f"{r.p50_ms:.2f} ms" for r in reports]),
        ("parse latency p95", [f"{r.p95_ms:.2f} ms" for r in reports]),
        ("training time", [f"{r.train_s:.1f} s" for r in reports]),
        ("model load (cold start)", [f"{r.load_s:.3f} s" for r in reports]),
        ("peak RSS (train or serve)", [f"{r.peak_rss_mb:.0f} MB" for r in reports]),
        ("RSS while serving", [f"{r.serve_rss_mb:.0f} MB" for r in reports]),
    ]
    header = "| | " + " | ".join(r.engine for r in reports) + " |"
    rule = "|---|" + "---:|" * len(reports)
    return "\n".join([header, rule, *(f"| {name} | " + " | ".join(cells) + " |" for name, cells in rows)]) + "\n"


def per_intent_table(reports: Sequence[EngineReport]) -> str:
    """Precision / recall per intent, engines side by side."""
    intents = sorted({row.intent for r in reports for row in r.scores.per_intent})
    lookup = {(r.engine, row.intent): row for r in reports for row in r.scores.per_intent}
    header = "| intent | support | " + " | ".join(f"{r.engine} P | {r.engine} R" for r in reports) + " |"
    rule = "|---|---:|" + "---:|---:|" * len(reports)
    lines = [header, rule]
    for intent in intents:
        cells = []
        support = 0
        for r in reports:
            row = lookup.get((r.engine, intent))
            support = row.support if row else support
            cells += [_pct(row.precision), _pct(row.recall)] if row else ["n/a", "n/a"]
        lines.append(f"| {intent} | {support} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def as_json(reports: Sequence[EngineReport], meta: dict[str, Any]) -> str:
    """Every number of the reports (confusion matrices included) plus ``meta`` (data, folds, machine load)."""
    return json.dumps({"meta": meta, "engines": [asdict(r) for r in reports]}, indent=1, ensure_ascii=False) + "\n"


def write_confusion_png(reports: Sequence[EngineReport], path: Path) -> Path:
    """One confusion-matrix panel per engine (matplotlib, Agg backend: no display needed)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import numpy as np
    except ImportError as e:
        raise AssistantError(f"the confusion-matrix PNG needs matplotlib ({e}); pip install matplotlib") from e
    figure, axes = plt.subplots(1, len(reports), figsize=(7 * len(reports), 6.5), squeeze=False)
    for axis, report in zip(axes[0], reports, strict=True):
        matrix = np.array(report.confusion, dtype=float)
        totals = matrix.sum(axis=1, keepdims=True)
        shares = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
        image = axis.imshow(shares, cmap="viridis", vmin=0.0, vmax=1.0)
        axis.set_title(f"{report.engine}: intent accuracy {_pct(report.scores.intent_accuracy)}")
        axis.set_xlabel("predicted")
        axis.set_ylabel("gold")
        if len(report.labels) <= 40:
            ticks = range(len(report.labels))
            axis.set_xticks(list(ticks), report.labels, rotation=90, fontsize=7)
            axis.set_yticks(list(ticks), report.labels, fontsize=7)
        else:
            axis.set_xticks([])
            axis.set_yticks([])
        figure.colorbar(image, ax=axis, fraction=0.046, pad=0.04, label="share of the gold intent")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
