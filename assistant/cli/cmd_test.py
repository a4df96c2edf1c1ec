"""`assistant test`: run scripted intent tests (``*.intents.yml``) through the whole pipeline and report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.command import Command, UsageError
from assistant.config import Settings

DEFAULT_PATH = Path("suites")


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=f"script files or folders holding *.intents.yml (default: {DEFAULT_PATH}/)",
    )
    parser.add_argument("--nlu", choices=["embedded", "rasa"], help="NLU engine (default: fixtures.nlu, then config)")
    parser.add_argument("--junit", type=Path, metavar="FILE", help="also write a JUnit XML report to FILE")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write a JSON report (every turn) to FILE")
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes for independent conversations (default: one per core; 1 = no parallelism)",
    )
    parser.add_argument("--check", action="store_true", help="only validate the scripts (file:line errors); run none")
    parser.add_argument("-k", metavar="TEXT", dest="keyword", help="run only conversations whose name contains TEXT")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every conversation in the report")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.cli.outputs import check_output_file, write_outputs
    from assistant.scripts.loader import load_scripts
    from assistant.scripts.names import known_names
    from assistant.scripts.parallel import default_workers, run_conversations
    from assistant.scripts.report_files import write_json, write_junit
    from assistant.scripts.report_text import render_report

    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers {args.workers}: must be 1 or more (1 = no parallelism)")
    check_output_file("--junit", args.junit)
    check_output_file("--json", args.json)
    scripts = load_scripts(args.paths or [DEFAULT_PATH], known_names(settings))
    _check_skills_load(settings)  # once, before any conversation: not one "could not start" per conversation
    conversations = [c for s in scripts for c in s.conversations]
    if args.keyword:
        conversations = [c for c in conversations if args.keyword.casefold() in c.name.casefold()]
    steps = sum(len(c.steps) for c in conversations)
    if args.check:
        print(f"{len(scripts)} script(s), {len(conversations)} conversations, {steps} steps: valid")
        return 0
    if not conversations and args.keyword:
        raise UsageError(f"-k {args.keyword}: no conversation name contains it; drop -k or change it")
    if not conversations:
        raise UsageError("the scripts hold no conversations; give files or folders with *.intents.yml")
    counted = f"{_count(len(conversations), 'conversation')} ({_count(steps, 'step')})"
    print(f"running {counted} from {_count(len(scripts), 'script')}", file=sys.stderr)

    def dot(outcome: object) -> None:
        print("." if getattr(outcome, "passed", False) else "F", end="", file=sys.stderr, flush=True)

    run = run_conversations(conversations, settings, args.nlu, workers=args.workers or default_workers(), progress=dot)
    print(file=sys.stderr)
    print(render_report(run, verbose=args.verbose), end="")
    write_outputs(
        (
            ("--junit", args.junit, lambda path: write_junit(run, path)),
            ("--json", args.json, lambda path: write_json(run, path)),
        ),
        print,
    )
    return 0 if run.passed else 1


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _check_skills_load(settings: Settings) -> None:
    """Create every skill's handler once, on scratch data, so a handler that does not load is one line (exit 2),
    also for --check."""
    import tempfile
    from datetime import datetime, timezone

    from assistant.router.services.clock import ManualClock
    from assistant.router.skills.registry import build_registry

    with tempfile.TemporaryDirectory(prefix="assistant-skills-") as folder:  # a handler that fails raises exit 2
        scratch = settings.model_copy(update={"data_dir": Path(folder)})
        build_registry(scratch, ManualClock(datetime.now(timezone.utc))).close()


COMMAND = Command(
    name="test",
    help="run scripted intent tests (*.intents.yml) through the whole pipeline",
    description="Run conversation scripts through the whole assistant in-process (speaker -> bridge -> router ->\n"
    "skills -> Mi-Home hub; audio turns through speech-to-text), with a frozen clock and fresh data per\n"
    "conversation. Prints a diff per failing turn, per-intent accuracy and a confusion table; exits 1 when any\n"
    "turn fails, 2 when a script is malformed (file:line: what is wrong) or an option cannot work (-k matching\n"
    "nothing, --workers 0, a report path that is a folder, cannot be written, or is an existing file that is no\n"
    "report of that kind, such as a script or config.yml, which is never overwritten: checked before anything runs;\n"
    "missing parent folders of a report are made). A skill that fails fails its turn. Format:\n"
    "assistant/scripts/FORMAT.md.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant test                                  # every suites/**/*.intents.yml\n"
    "  assistant test suites/timers.intents.yml -v\n"
    "  assistant test --nlu rasa --junit reports/intents.xml --json reports/intents.json\n"
    "  assistant test --check my_tests/               # validate only",
)
