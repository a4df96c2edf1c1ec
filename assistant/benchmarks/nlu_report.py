"""The Markdown report of `assistant bench nlu`: the n-gram engine against the baseline, the targets for every
variant measured, the variants side by side and their CLINC150 trade-offs. Pure: figures in, text out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def render_markdown(figures: dict[str, Any]) -> str:
    snips, clinc, model, machine = figures["snips"], figures["clinc"], figures["clinc_model"], figures["machine"]
    sb, cb = snips["baseline"], clinc["baseline"]

    lines = [
        "# NLU benchmark: embedded engine vs TF-IDF + LinearSVC baseline",
        "",
        f"Machine: {machine['cpus']} CPUs shared with other work; load average before "
        f"{machine['loadavg_before'][0]:.1f}, after {machine['loadavg_after'][0]:.1f}. Python {machine['python']}."
        + (" **Quick run (a quarter of the training data): not figures to commit.**" if figures["quick"] else ""),
        "",
        "The engine here is the n-gram-only variant (what runs when neither the sentence vectors nor the encoder is "
        "built); the last sections put it beside the other variants, measured in the same run. CLINC's threshold is "
        f"the lowest that rejects {figures['val_oos_recall']:.0%} of the validation split's out-of-scope utterances.",
        "",
        "| measure | embedded | baseline | difference |",
        "| --- | --- | --- | --- |",
        f"| Snips intent accuracy (700) | {_pct(snips['intent_accuracy'])} | {_pct(sb['intent_accuracy'])} | "
        f"{(snips['intent_accuracy'] - sb['intent_accuracy']) * 100:+.1f} pt |",
        f"| Snips slot F1 (span-exact, micro) | {_pct(snips['slot_f1'])} | - (no slots) | |",
        f"| CLINC150 in-scope accuracy (4,500) | {_pct(clinc['in_scope_accuracy'])} | "
        f"{_pct(cb['in_scope_accuracy'])} | "
        f"{(clinc['in_scope_accuracy'] - cb['in_scope_accuracy']) * 100:+.1f} pt |",
        f"| CLINC150 OOS recall (1,000) | {_pct(clinc['oos_recall'])} | {_pct(cb['oos_recall'])} | "
        f"{(clinc['oos_recall'] - cb['oos_recall']) * 100:+.1f} pt |",
        f"| CLINC150 OOS precision | {_pct(clinc['oos_precision'])} | {_pct(cb['oos_precision'])} | |",
        f"| CLINC150 false-accept / false-reject | {_pct(clinc['false_accept_rate'])} / "
        f"{_pct(clinc['false_reject_rate'])} | | |",
        f"| training time Snips / CLINC | {snips['train_s']:.1f} s / {clinc['train_s']:.1f} s | "
        f"{sb['train_s']:.1f} s / {cb['train_s']:.1f} s | x{clinc['train_s'] / cb['train_s']:.1f} (CLINC) |",
        f"| parse p50 / p95, Snips | {snips['parse_ms']['p50']:.3f} / {snips['parse_ms']['p95']:.3f} ms | "
        f"{sb['parse_ms']['p50']:.3f} / {sb['parse_ms']['p95']:.3f} ms | "
        f"x{snips['parse_ms']['p50'] / sb['parse_ms']['p50']:.2f} (p50) |",
        f"| parse p50 / p95, CLINC | {clinc['parse_ms']['p50']:.3f} / {clinc['parse_ms']['p95']:.3f} ms | "
        f"{cb['parse_ms']['p50']:.3f} / {cb['parse_ms']['p95']:.3f} ms | "
        f"x{clinc['parse_ms']['p50'] / cb['parse_ms']['p50']:.2f} (p50) |",
        f"| parse CPU time p50 / p95, Snips / CLINC | {snips['parse_ms']['cpu_p50']:.3f} / "
        f"{snips['parse_ms']['cpu_p95']:.3f} ms / {clinc['parse_ms']['cpu_p50']:.3f} / "
        f"{clinc['parse_ms']['cpu_p95']:.3f} ms | {sb['parse_ms']['cpu_p50']:.3f} / {sb['parse_ms']['cpu_p95']:.3f} ms "
        f"/ {cb['parse_ms']['cpu_p50']:.3f} / {cb['parse_ms']['cpu_p95']:.3f} ms | |",
        f"| CLINC model load (median of runs) | {model['load_s_median'] * 1000:.0f} ms | | |",
        f"| peak RSS, process that loads + parses | {model['peak_rss_mb']:.0f} MB | | |",
        f"| model size on disk (CLINC) | {model['model_mb']:.1f} MB | | |",
        "",
        f"Snips with the engine's own rejection threshold ({snips['rejection_threshold']:.3f}, no OOS training data): "
        f"intent accuracy {_pct(snips['intent_accuracy_with_rejection'])}. CLINC threshold chosen on the validation "
        f"split: {clinc['threshold_from_validation']:.3f} (the engine's own, from training folds: "
        f"{clinc['threshold_from_training_folds']:.3f}). Without any threshold (only the trained `oos` class "
        f"rejects) CLINC in-scope accuracy is {_pct(clinc['in_scope_accuracy_without_threshold'])} and OOS recall "
        f"{_pct(clinc['oos_recall_without_threshold'])}: the threshold trades one for the other.",
        "",
        "CLINC150 trade-off on test, thresholds set on validation for a wanted out-of-scope recall:",
        "",
        "| wanted OOS recall (val) | threshold | in-scope accuracy (test) | OOS recall (test) |",
        "| --- | --- | --- | --- |",
        *_trade_off_rows(clinc["operating_points"]),
    ]
    return "\n".join(lines + _targets_section(figures) + _variants_section(figures)) + "\n"


VARIANTS = (
    (None, "n-grams only"),
    ("with_vectors", "+ static vectors"),
    ("with_encoder", "tuned encoder"),
)


def _present(figures: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(column title, figures) of each variant that was measured, n-grams only first."""
    return [
        (title, figures if key is None else figures[key]) for key, title in VARIANTS if key is None or figures.get(key)
    ]


def _shown_threshold(value: float) -> str:
    """Thresholds below 0 mean only the trained ``oos`` class rejects; the scope score's are often below 0.01."""
    return "(oos class only)" if value < 0 else f"{value:.3g}"


def _trade_off_rows(points: list[dict[str, float]]) -> list[str]:
    return [
        f"| {_pct(p['val_oos_recall_wanted'])} | {_shown_threshold(p['threshold'])} | "
        f"{_pct(p['test_in_scope_accuracy'])} | {_pct(p['test_oos_recall'])} |"
        for p in points
    ]


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def _targets_section(figures: dict[str, Any]) -> list[str]:
    variants = _present(figures)
    lines = [
        "",
        "## Targets",
        "",
        "| target | required | " + " | ".join(title for title, _ in variants) + " |",
        "| --- | --- | " + " | ".join("---" for _ in variants) + " |",
    ]
    for name, check in figures["targets"].items():
        cells = []
        for _, variant in variants:
            c = variant["targets"][name]
            value = f"{c['value']:.3f} ms" if name.endswith("_ms") else _pct(c["value"])
            cells.append(value + ("" if c["met"] else " **(no)**"))
        lines.append(f"| {name} | {check['target']} | " + " | ".join(cells) + " |")
    met = [title for title, variant in variants if all(c["met"] for c in variant["targets"].values())]
    lines += ["", f"Every target met by: {', '.join(met) if met else 'no variant'}."]
    return lines


def _variants_section(figures: dict[str, Any]) -> list[str]:
    """The variants side by side, same run; then the CLINC trade-off of each variant beyond n-grams."""
    lines = ["", "## Variants of the engine, same run", ""]
    for key, note in (("with_vectors", "vectors_missing"), ("with_encoder", "encoder_missing")):
        if not figures.get(key):
            lines.append(f"- not measured: {figures.get(note, 'files missing')}.")
        elif key == "with_vectors":
            lines.append(f"- static vectors: `{figures[key]['table']}` (digest {figures[key]['digest']}).")
        else:
            encoders = figures[key]["encoders"]
            lines.append(
                "- tuned encoder: "
                + ", ".join(f"`{e['folder']}` (digest {e['digest']})" for e in encoders.values())
                + "; each tuned on its benchmark's training split only, 3 epochs; 23 MB each, on top of the model "
                "size below."
            )
    variants = _present(figures)

    def ms(d: dict[str, float]) -> str:
        return f"{d['p50']:.3f} / {d['p95']:.3f} ms (CPU {d['cpu_p50']:.3f} / {d['cpu_p95']:.3f})"

    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("Snips intent accuracy", lambda f: _pct(f["snips"]["intent_accuracy"])),
        ("Snips slot F1", lambda f: _pct(f["snips"]["slot_f1"])),
        ("CLINC in-scope accuracy (val threshold)", lambda f: _pct(f["clinc"]["in_scope_accuracy"])),
        ("CLINC OOS recall (val threshold)", lambda f: _pct(f["clinc"]["oos_recall"])),
        ("CLINC OOS precision", lambda f: _pct(f["clinc"]["oos_precision"])),
        ("CLINC in-scope accuracy, no threshold", lambda f: _pct(f["clinc"]["in_scope_accuracy_without_threshold"])),
        ("CLINC threshold (from val)", lambda f: _shown_threshold(f["clinc"]["threshold_from_validation"])),
        ("training time Snips / CLINC", lambda f: f"{f['snips']['train_s']:.1f} s / {f['clinc']['train_s']:.1f} s"),
        ("parse p50 / p95, Snips", lambda f: ms(f["snips"]["parse_ms"])),
        ("parse p50 / p95, CLINC", lambda f: ms(f["clinc"]["parse_ms"])),
        ("CLINC model load (median)", lambda f: f"{f['clinc_model']['load_s_median'] * 1000:.0f} ms"),
        ("peak RSS, load + parse", lambda f: f"{f['clinc_model']['peak_rss_mb']:.0f} MB"),
        ("model size on disk (CLINC)", lambda f: f"{f['clinc_model']['model_mb']:.1f} MB"),
    ]
    lines += [
        "",
        "| measure | " + " | ".join(title for title, _ in variants) + " |",
        "| --- | " + " | ".join("---" for _ in variants) + " |",
        *(f"| {name} | " + " | ".join(get(v) for _, v in variants) + " |" for name, get in rows),
    ]
    for title, variant in variants[1:]:
        lines += [
            "",
            f"CLINC150 trade-off, {title} (thresholds set on validation for a wanted OOS recall):",
            "",
            "| wanted OOS recall (val) | threshold | in-scope accuracy (test) | OOS recall (test) |",
            "| --- | --- | --- | --- |",
            *_trade_off_rows(variant["clinc"]["operating_points"]),
        ]
    return lines
