"""`assistant models`: list the speech models and install one (downloaded and verified, or from a local zip)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.command import Command
from assistant.config import Settings


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.add_parser("list", help="the models, where they go and whether they are installed")
    get = sub.add_parser("download", help="fetch a model, check its SHA-256 and unpack it under models_dir")
    get.add_argument("name", metavar="NAME", help="vosk-en or vosk-cn")
    get.add_argument("--from", dest="source", type=Path, metavar="FILE.zip", help="install this local copy instead")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speaker.models import CATALOGUE, download, find_model, install_zip, missing_files

    if args.action in (None, "list"):
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

        with Progress(
            "[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn()
        ) as bar:
            task = bar.add_task(spec.name, total=spec.size)
            target = download(spec, settings.models_dir, progress=lambda got, total: bar.update(task, completed=got))
    print(f"installed {spec.name} in {target}")
    return 0


COMMAND = Command(
    name="models",
    help="list or install speech models (Vosk English and Chinese)",
    description="Install the Vosk speech models the speaker uses when speaker.stt.engine is auto or vosk. A download\n"
    "is checked against the published size and SHA-256 before it is unpacked; an interrupted or corrupt download\n"
    "leaves nothing half-installed. PocketSphinx needs no download (its model comes with the package).",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant models list\n"
    "  assistant models download vosk-en\n"
    "  assistant models download vosk-cn --from ~/Downloads/vosk-model-small-cn-0.22.zip",
)
