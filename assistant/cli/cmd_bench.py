"""`assistant bench`: run benchmarks and write their figures to benchmarks/ (committed with the change)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.benchmarks.registry import BENCHMARKS, load_benchmark
from assistant.cli.command import Command
from assistant.config import Settings
from assistant.errors import AssistantError


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all); see --list")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument(
        "--out", type=Path, default=Path("benchmarks"), help="folder for the figures (default: %(default)s)"
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke run, not figures to commit")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.list or not BENCHMARKS:
        for name, (_, about) in BENCHMARKS.items():
            print(f"{name:12} {about}")
        if not BENCHMARKS:
            print("no benchmarks are registered yet")
        return 0
    names = args.names or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        raise AssistantError(f"unknown benchmark {unknown[0]!r}; choose from: {', '.join(BENCHMARKS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in names:
        print(f"== {name}: {BENCHMARKS[name][1]}")
        for path in load_benchmark(name)(settings, args.out, args.quick):
            print(f"   wrote {path}")
    return 0


COMMAND = Command(
    name="bench",
    help="measure speed, memory and accuracy; write the figures to benchmarks/",
    description="Run benchmarks and write their figures (median, p95, peak memory, accuracy, ratios against the\n"
    "peer they are compared with) to benchmarks/<name>.json and .md, the files committed with a change.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n  assistant bench --list\n  assistant bench nlu\n  assistant bench --quick",
)
