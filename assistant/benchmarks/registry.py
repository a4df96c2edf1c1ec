"""The explicit list of benchmarks ``assistant bench`` can run.

A benchmark module exposes ``run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]``: it measures,
writes ``<out_dir>/<name>.json`` and ``<out_dir>/<name>.md`` (the committed figures) and returns the paths written.
``quick`` trims repetitions for a smoke run; committed figures come from a full run. ``assistant bench --quick``
writes to ``benchmarks/quick/`` (git-ignored) unless told otherwise, and :func:`mark_quick` heads each quick ``.md``
so a smoke run's table is never mistaken for the committed figures.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.config import Settings

BenchmarkRun = Callable[[Settings, Path, bool], list[Path]]

#: benchmark name -> (module, one-line description)
BENCHMARKS: dict[str, tuple[str, str]] = {
    "nlu": ("assistant.benchmarks.nlu", "embedded NLU vs TF-IDF+SVM: Snips, CLINC150, latency, load time, RSS"),
    "nlu_compare": ("assistant.benchmarks.nlu_compare", "embedded NLU vs Rasa DIET: Snips, CLINC150, one run each"),
    "chat": ("assistant.benchmarks.chat", "assistant chat: first prompt cold/warm, pipeline peak RSS, turn latency"),
    "scripts": ("assistant.benchmarks.scripts", "the shipped intent scripts, embedded NLU: wall time vs a 10 s budget"),
    "speech": ("assistant.benchmarks.speech", "speaker: STT real-time factor and accuracy, speech end -> audio, RSS"),
    "wake": ("assistant.benchmarks.wake", "wake phrases: keyword search + verification vs verification alone"),
    "scope": ("assistant.benchmarks.scope", "CLINC150 out-of-scope requests through the pipeline: embedded vs Rasa"),
}


#: benchmarks that build, train and serve Rasa (minutes): a quick run leaves them out unless they are named
NEEDS_RASA: frozenset[str] = frozenset({"nlu_compare", "scope"})

QUICK_BANNER = (
    "> **Quick smoke run** (`assistant bench --quick`): fewer repetitions and smaller samples. "
    "These are not the project's figures; do not commit them.\n\n"
)


def mark_quick(paths: list[Path]) -> None:
    """Head every ``.md`` among ``paths`` (a quick run's files) with :data:`QUICK_BANNER`, once."""
    for path in paths:
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            if not text.startswith(QUICK_BANNER):
                path.write_text(QUICK_BANNER + text, encoding="utf-8")


def machine(load_before: tuple[float, float, float]) -> dict[str, object]:
    """The machine facts every figure file carries: cores and the load average before and after the run."""
    return {
        "cores": os.cpu_count(),
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
    }


def router_nlu(settings: Settings) -> str:
    """Which NLU the router runs here: the optional models in ``models_dir`` change its speed and memory, so every
    benchmark of the whole pipeline says which it ran with."""
    from assistant.router.nlu.sentence_encoder import encoder_folder
    from assistant.router.nlu.sentence_vectors import vectors_path

    if settings.router.nlu.engine != "embedded":
        return settings.router.nlu.engine
    if (encoder_folder(settings.models_dir) / "model.onnx").is_file():
        return f"embedded with the tuned encoder ({encoder_folder(settings.models_dir)})"
    if vectors_path(settings.models_dir).is_file():
        return f"embedded, n-grams with the static sentence vectors ({vectors_path(settings.models_dir)})"
    return "embedded, n-grams only (the default: no optional NLU model built)"


def machine_line(figures: dict[str, Any]) -> str:
    """``machine``'s facts as the first line of a figure file's table."""
    return (
        f"{figures['cores']} cores, shared; load average before {figures['load_avg_before']}, "
        f"after {figures['load_avg_after']}."
    )


def write_figures(out_dir: Path, name: str, figures: object, markdown: str) -> list[Path]:
    """Write ``<name>.json`` (the figures) and ``<name>.md`` (the table people read) and return both paths."""
    json_path, md_path = out_dir / f"{name}.json", out_dir / f"{name}.md"
    json_path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(markdown, encoding="utf-8")
    return [json_path, md_path]


def load_benchmark(name: str) -> BenchmarkRun:
    module = importlib.import_module(BENCHMARKS[name][0])
    run: BenchmarkRun = module.run
    return run
