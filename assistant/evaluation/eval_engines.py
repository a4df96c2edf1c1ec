"""Train, load and run one engine on one train/test split, measuring what it costs; runs in a child process.

Each (engine, split) runs in a fresh ``spawn``-ed process so its peak memory is its own: ``ru_maxrss`` of the child
for the in-process embedded engine, plus the Rasa training process and the server's high-water mark for Rasa.
Training always starts from nothing (a temporary model folder), so training time is never a cache hit.
"""

from __future__ import annotations

import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import AssistantError, NluError
from assistant.router.nlu.types import NluResult, TrainingData

ENGINES = ("embedded", "rasa")

#: Progress events a job sends home: ("say", text), ("parsed", count), ("done", EngineRun), ("error", text).
Event = tuple[str, Any]


@dataclass(frozen=True)
class EngineRun:
    """One engine's predictions on one test set and what producing them cost."""

    engine: str
    results: tuple[NluResult, ...]
    latencies_ms: tuple[float, ...]
    train_s: float
    load_s: float
    """Cold start: a trained model on disk to ready to parse, in a fresh process (Rasa: server spawn to healthy)."""
    peak_rss_mb: float
    """Highest resident memory of any process the engine used (training or serving)."""
    serve_rss_mb: float
    """Highest resident memory of the process that parsed."""


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports kB


def _parse_all(engine: Any, test: TrainingData, send: Callable[[Event], None]) -> tuple[list[NluResult], list[float]]:
    results: list[NluResult] = []
    latencies: list[float] = []
    for i, example in enumerate(test.examples):
        started = time.perf_counter()
        results.append(engine.parse(example.text))
        latencies.append((time.perf_counter() - started) * 1000)
        if i % 25 == 24:
            send(("parsed", 25))
    send(("parsed", len(test.examples) % 25))
    return results, latencies


_COLD_START = (
    "import sys; from assistant.router.nlu.embedded import EmbeddedEngine; "
    "EmbeddedEngine.load(__import__('pathlib').Path(sys.argv[1])).parse('hello')"
)


def cold_start_embedded(folder: Path) -> float:
    """Seconds for a fresh interpreter to import the engine, load the model and parse once (as Rasa's cold start
    counts its server process from spawn to healthy)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _COLD_START, str(folder)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise NluError(f"the embedded model in {folder} did not load in a fresh process: {done.stderr[-300:]}")
    return time.perf_counter() - started


def run_embedded(
    settings: Settings, train: TrainingData, test: TrainingData, send: Callable[[Event], None]
) -> EngineRun:
    from assistant.router.nlu.embedded import EmbeddedEngine

    send(("say", f"training the embedded engine on {len(train.examples)} examples"))
    started = time.perf_counter()
    trainer = EmbeddedEngine()
    trainer.train(train)
    with tempfile.TemporaryDirectory(prefix="eval-embedded-") as folder:
        trainer.save(Path(folder))
        trainer.close()
        train_s = time.perf_counter() - started
        load_s = cold_start_embedded(Path(folder))
        engine = EmbeddedEngine.load(Path(folder))
        send(("say", f"parsing {len(test.examples)} test utterances"))
        results, latencies = _parse_all(engine, test, send)
        engine.close()
    rss = _rss_mb(resource.RUSAGE_SELF)
    return EngineRun("embedded", tuple(results), tuple(latencies), train_s, load_s, rss, rss)


def run_rasa(settings: Settings, train: TrainingData, test: TrainingData, send: Callable[[Event], None]) -> EngineRun:
    from assistant.router.nlu.rasa import RasaEngine
    from assistant.router.nlu.rasa.rasa_server import free_port

    rasa = settings.rasa.model_copy(update={"model": None})
    with tempfile.TemporaryDirectory(prefix="eval-rasa-") as folder:
        engine = RasaEngine(
            rasa, Path(folder), locale=settings.locale, port=free_port(), progress=lambda t: send(("say", t))
        )
        with engine:
            engine.train(train)
            timings = engine.timings
            if timings is None:
                raise NluError("the Rasa engine trained but reported no timings")
            send(("say", f"parsing {len(test.examples)} test utterances through the Rasa server"))
            results, latencies = _parse_all(engine, test, send)
            serve = engine.peak_rss_mb() or 0.0
    peak = max(serve, _rss_mb(resource.RUSAGE_CHILDREN))
    return EngineRun("rasa", tuple(results), tuple(latencies), timings.train_s, timings.load_s, peak, serve)


_RUNNERS = {"embedded": run_embedded, "rasa": run_rasa}


def _job(name: str, settings: Settings, train: TrainingData, test: TrainingData, queue: Queue[Event]) -> None:
    try:
        queue.put(("done", _RUNNERS[name](settings, train, test, queue.put)))
    except AssistantError as e:
        queue.put(("error", str(e)))
    except Exception:
        queue.put(("error", traceback.format_exc(limit=3)))


def run_isolated(
    name: str, settings: Settings, train: TrainingData, test: TrainingData, on_event: Callable[[Event], None]
) -> EngineRun:
    """Run ``name`` on the split in a fresh process; its progress events go to ``on_event``."""
    if name not in _RUNNERS:
        raise AssistantError(f"unknown NLU engine {name!r}; choose from: {', '.join(ENGINES)}")
    context = multiprocessing.get_context("spawn")
    queue: Queue[Event] = context.Queue()
    process = context.Process(target=_job, args=(name, settings, train, test, queue), daemon=False)
    process.start()
    try:
        while True:
            kind, payload = queue.get()
            if kind == "done":
                run: EngineRun = payload
                return run
            if kind == "error":
                raise NluError(f"{name}: {payload}".strip())
            on_event((kind, payload))
    finally:
        process.join(timeout=60)
        if process.is_alive():
            process.terminate()
