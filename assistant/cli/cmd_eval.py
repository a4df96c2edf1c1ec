"""`assistant eval`: train and test NLU engines side by side on the same data; write table, JSON and confusion PNG."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from assistant.cli.command import Command, UsageError
from assistant.cli.outputs import check_output_file, write_outputs
from assistant.config import Settings
from assistant.evaluation.eval_engines import ENGINES, Event
from assistant.evaluation.eval_report import as_json, markdown_table, per_intent_table, write_confusion_png
from assistant.evaluation.eval_run import Split, evaluate, stratified_folds
from assistant.router.nlu.rasa_yaml import load_nlu_yaml

DEFAULT_PNG = Path("reports/eval-confusion.png")


def _engines(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",")]
    if not any(names):
        raise argparse.ArgumentTypeError(f"no engine named; use one or more of {','.join(ENGINES)}")
    if "" in names:
        raise argparse.ArgumentTypeError(f"empty engine name in {text!r}; separate names with one comma")
    unknown = [n for n in names if n not in ENGINES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown engine {unknown[0]!r}; use {','.join(ENGINES)}")
    repeated = [n for i, n in enumerate(names) if n in names[:i]]
    if repeated:
        raise argparse.ArgumentTypeError(f"engine {repeated[0]!r} is named twice; name each engine once")
    return names


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--nlu",
        "--engines",
        dest="engines",
        type=_engines,
        default=["embedded"],
        metavar="LIST",
        help="comma-separated engines to compare: embedded, rasa (default: embedded)",
    )
    parser.add_argument("--train", type=Path, metavar="FILE", help="Rasa-format nlu.yml to train on")
    parser.add_argument("--test", type=Path, metavar="FILE", help="Rasa-format nlu.yml to test on")
    parser.add_argument(
        "--folds",
        type=int,
        default=5,
        metavar="K",
        help="without --train/--test: K-fold cross-validation over the skills' own data, each template held out "
        "whole (default: %(default)s)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure as JSON")
    parser.add_argument(
        "--png",
        type=Path,
        default=DEFAULT_PNG,
        metavar="FILE",
        help="confusion-matrix image; .png is added to a name without a suffix "
        "(default: %(default)s; reports/ is git-ignored)",
    )
    parser.add_argument("--md", type=Path, metavar="FILE", help="also write the markdown tables to FILE")


def _splits(args: argparse.Namespace, settings: Settings) -> tuple[list[Split], str]:
    if (args.train is None) != (args.test is None):
        raise UsageError("give both --train FILE and --test FILE, or neither (cross-validation on skills' data)")
    if args.folds < 2:
        raise UsageError(f"--folds {args.folds}: must be 2 or more (the data is split into that many parts)")
    if args.train is not None:
        return [Split(load_nlu_yaml(args.train), load_nlu_yaml(args.test))], f"train {args.train}, test {args.test}"
    from assistant.router.factory import training_data

    return stratified_folds(training_data(settings), args.folds), f"{args.folds}-fold cross-validation, skills' data"


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _png_path(path: Path) -> Path:
    """Where matplotlib writes ``--png``: it adds ``.png`` to a name without a suffix."""
    return path if path.suffix else path.with_name(path.name + ".png")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    check_output_file("--md", args.md)
    check_output_file("--json", args.json)
    check_output_file("--png", args.png)
    png = _png_path(args.png)
    check_output_file("--png", png)
    console = Console()
    splits, described = _splits(args, settings)
    total = sum(len(s.test.examples) for s in splits)
    started = time.time()
    load_before = os.getloadavg()[0]
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as progress:
        tasks = {name: progress.add_task(f"{name}: waiting", total=total) for name in args.engines}

        def on_event(engine: str, event: Event) -> None:
            kind, payload = event
            if kind == "parsed":
                progress.advance(tasks[engine], int(payload))
            elif kind == "say":
                progress.update(tasks[engine], description=f"{engine}: {str(payload)[:70]}")

        reports = evaluate(args.engines, splits, settings, on_event)
        for name in args.engines:
            progress.update(tasks[name], description=f"{name}: done")
    table = markdown_table(reports)
    details = per_intent_table(reports)
    console.print(f"\n{described}; {len(splits)} split(s), {total} test utterances per engine\n")
    console.print(table, markup=False, highlight=False)
    meta = {
        "data": described,
        "splits": len(splits),
        "engines": args.engines,
        "seconds": round(time.time() - started, 1),
        "load_avg_1min_at_start": round(load_before, 2),
        "cpus": os.cpu_count(),
    }
    markdown = f"# NLU evaluation\n\n{described}\n\n{table}\n## Per intent\n\n{details}"
    write_outputs(
        (
            ("--md", args.md, lambda path: _write_text(path, markdown)),
            ("--json", args.json, lambda path: _write_text(path, as_json(reports, meta))),
            ("--png", png, lambda path: write_confusion_png(reports, path)),
        ),
        console.print,
    )
    return 0


COMMAND = Command(
    name="eval",
    help="train and test NLU engines side by side: accuracy, F1, out-of-scope, latency, memory",
    description="Train and test NLU engines on the same data and compare them: intent accuracy, macro-F1, per-intent\n"
    "precision/recall, entity precision/recall/F1, out-of-scope recall (when the data has 'oos' examples), parse\n"
    "latency p50/p95, training time, model load time and peak memory. Data is Rasa-format nlu.yml (--train and\n"
    "--test), or a stratified K-fold cross-validation over the skills' own training data. Each engine runs in its\n"
    "own process so its memory is its own; Rasa trains from scratch (minutes) and runs a real server.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant eval                                   # 5-fold cross-validation of the embedded engine\n"
    "  assistant eval --nlu embedded,rasa --folds 3 --json eval.json\n"
    "  assistant eval --train train.yml --test test.yml --nlu embedded,rasa --md eval.md --png confusion.png",
)
