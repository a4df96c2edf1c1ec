"""`assistant bench`: run benchmarks and write their figures to benchmarks/ (committed with the change).

``--quick`` is a smoke run: it writes to benchmarks/quick/ (git-ignored) so it never overwrites the committed
figures, heads each .md with a line saying so, and without NAMEs leaves out the benchmarks that train Rasa.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.benchmarks.registry import BENCHMARKS, NEEDS_RASA, load_benchmark, mark_quick
from assistant.cli.command import Command, UsageError
from assistant.cli.outputs import check_output_folder, writing
from assistant.config import Settings

FIGURES = Path("benchmarks")
QUICK_FIGURES = FIGURES / "quick"


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run (default: all; with --quick, all but those that train Rasa: "
        f"{', '.join(sorted(NEEDS_RASA))}); see --list",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help=f"folder for the figures (default: {FIGURES}/, the committed figures; with --quick {QUICK_FIGURES}/, "
        "which git ignores)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer repetitions: a smoke run, not figures to commit; each .md says so at the top",
    )


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.list or not BENCHMARKS:
        for name, (_, about) in BENCHMARKS.items():
            print(f"{name:12} {about}{' (trains Rasa)' if name in NEEDS_RASA else ''}")
        if not BENCHMARKS:
            print("no benchmarks are registered yet")
        return 0
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        raise UsageError(f"unknown benchmark {unknown[0]!r}; choose from: {', '.join(BENCHMARKS)}")
    names = args.names or [n for n in BENCHMARKS if not (args.quick and n in NEEDS_RASA)]
    out = args.out or (QUICK_FIGURES if args.quick else FIGURES)
    check_output_folder("--out", out)
    with writing("--out", out):
        out.mkdir(parents=True, exist_ok=True)
    if args.quick and not args.names:
        print(
            f"quick run into {out}/; left out (they train Rasa; name them to run them): {', '.join(sorted(NEEDS_RASA))}"
        )
    for name in names:
        print(f"== {name}: {BENCHMARKS[name][1]}")
        with writing("--out", out):
            paths = load_benchmark(name)(settings, out, args.quick)
            if args.quick:
                mark_quick(paths)
        for path in paths:
            print(f"   wrote {path}")
    return 0


COMMAND = Command(
    name="bench",
    help="measure speed, memory and accuracy; write the figures to benchmarks/",
    description="Run benchmarks and write their figures (median, p95, peak memory, accuracy, ratios against the\n"
    "peer they are compared with) to benchmarks/<name>.json and .md, the files committed with a change.\n"
    "--quick is a smoke run: fewer repetitions, written to benchmarks/quick/ (git-ignored) unless --out says\n"
    "otherwise, each .md headed 'Quick smoke run'; without NAMEs it leaves out the benchmarks that train Rasa.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant bench --list\n"
    "  assistant bench nlu                        # rewrites benchmarks/nlu.json and .md\n"
    "  assistant bench --quick                    # smoke run into benchmarks/quick/\n"
    "  assistant bench --quick scripts --out /tmp/bench",
)
