"""``make_rasa_engine``: the router factory's ``EngineFactory`` for ``nlu.engine: rasa``, with a progress display.

Building Rasa's environment and training take minutes the first time; the user sees what is happening on stderr
(a spinner with the current step in a terminal, one line per step otherwise) rather than a silent wait.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from assistant.config import Settings
from assistant.router.nlu.rasa.rasa_engine import RasaEngine
from assistant.router.nlu.rasa.rasa_environment import Progress, default_venv_dir
from assistant.router.nlu.types import TrainingData


@contextmanager
def console_progress(console: Console | None = None) -> Iterator[Progress]:
    """A ``Progress`` callback: updates one spinner line on a terminal, prints plain lines when piped."""
    out = console or Console(file=sys.stderr)
    if not out.is_terminal:
        last_kind, last_at = [""], [0.0]

        def say(text: str) -> None:
            # Epoch and package counters repeat quickly: one line per step, then at most one per 10 s.
            kind, now = text.split(":", 1)[0], time.monotonic()
            if kind != last_kind[0] or now - last_at[0] >= 10.0:
                last_kind[0], last_at[0] = kind, now
                out.print(f"rasa: {text}", highlight=False)

        yield say
        return
    with out.status("rasa: starting", spinner="dots") as status:

        def update(text: str) -> None:
            status.update(f"rasa: {text}")

        yield update


def model_cache_root(settings: Settings) -> Path:
    """Where trained Rasa models are cached (``<root>/rasa/nlu-<hash>.tar.gz``): beside Rasa's virtualenv in the
    user's cache, not in the project's models/, so every clone of the project (and every CI run on the machine)
    reuses a model trained for the same data and pipeline instead of spending minutes retraining it."""
    return (settings.rasa.venv or default_venv_dir()).parent


def make_rasa_engine(settings: Settings, data: TrainingData) -> RasaEngine:
    """A started ``RasaEngine`` for ``data`` (model trained or taken from the cache); the caller closes it."""
    with console_progress() as progress:
        engine = RasaEngine(settings.rasa, model_cache_root(settings), locale=settings.locale, progress=progress)
        try:
            engine.train(data)
        except BaseException:
            engine.close()
            raise
    return engine
