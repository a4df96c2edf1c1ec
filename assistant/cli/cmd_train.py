"""`assistant train`: compile the skills' NLU data to models/nlu/nlu.yml and train (or load) the NLU engine."""

from __future__ import annotations

import argparse
import shutil

from rich.console import Console

from assistant.cli.command import Command
from assistant.config import Settings


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--nlu", choices=["embedded", "rasa"], help="engine to train (default: router.nlu.engine)")
    parser.add_argument("--force", action="store_true", help="retrain even when a model for this data is cached")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.router.factory import NLU_FILE, compile_nlu_file, training_data

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    engine_name = args.nlu or settings.router.nlu.engine
    data = training_data(settings)
    path = compile_nlu_file(settings)
    console.print(
        f"compiled {len(data.examples):,} examples of {len(data.intents)} intents "
        f"({len(data.entity_types)} entity types) from the skills' manifests -> {path}"
    )
    if engine_name == "embedded":
        from assistant.router.nlu.embedded import EmbeddedParams
        from assistant.router.nlu.model_cache import CACHE_FOLDER, cached_engine, data_key

        if args.force:
            from assistant.router.nlu.sentence_vectors import optional_vectors

            key = data_key(data, EmbeddedParams(), optional_vectors(settings.models_dir))
            shutil.rmtree(settings.models_dir / CACHE_FOLDER / key, ignore_errors=True)
        with console.status("training the embedded NLU engine"):
            engine, outcome = cached_engine(data, settings.models_dir, config=settings.source)
        engine.close()
        verb = "trained" if outcome.trained else "already trained, loaded from the cache"
        reads = "n-grams" if engine.vectors is None else f"sentence vectors from {engine.vectors.path}"
        console.print(f"embedded engine {verb}, reading {reads}: {outcome.folder} in {outcome.seconds:.2f} s")
        return 0
    from assistant.router.nlu.rasa.rasa_factory import make_rasa_engine

    if args.force:
        console.print(
            "--force with rasa: the Rasa model cache is keyed by data and pipeline; delete models/rasa to retrain"
        )
    rasa = make_rasa_engine(settings, data)
    try:
        console.print(f"rasa engine ready ({settings.models_dir / NLU_FILE.parent})")
    finally:
        rasa.close()
    return 0


COMMAND = Command(
    name="train",
    help="compile the skills' NLU data and train the NLU engine (done on first use anyway)",
    description="Compile every skill's manifest into one NLU training file in Rasa's format (models/nlu/nlu.yml,\n"
    "the single source of truth both engines train on), then train the chosen engine, or load it when a model\n"
    "for exactly this data is already cached. Chat, listen and test do this on first use; train does it ahead.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n  assistant train\n  assistant train --force\n  assistant train --nlu rasa",
)
