"""Train-or-load for the embedded engine: one model folder per distinct (data, parameters, format).

A start with unchanged skills loads ``<models_dir>/embedded/<key>/`` in milliseconds instead of retraining; any
change to an example, synonym, lookup, regex or engine parameter changes the key and trains a fresh model. A model
is written to a temporary sibling folder and renamed into place, so a crash never leaves half a model that a later
start would trust, and two processes training the same data at once both end with a complete folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.config.data_files import DEFAULT_CONFIG, models_dir_error
from assistant.errors import NluError
from assistant.router.nlu.embedded import FORMAT_VERSION, EmbeddedEngine, EmbeddedParams
from assistant.router.nlu.sentence_vectors import FIND, Embedder, VectorsChoice, optional_vectors
from assistant.router.nlu.types import TrainingData

logger = logging.getLogger(__name__)

CACHE_FOLDER = "embedded"
KEEP_MODELS = 4  # older model folders beyond this many are removed after a successful training


@dataclass(frozen=True)
class CacheOutcome:
    """What ``load_or_train`` did: ``trained`` False means the cached model was loaded."""

    folder: Path
    key: str
    trained: bool
    seconds: float


def data_key(data: TrainingData, params: EmbeddedParams, vectors: Embedder | None = None) -> str:
    """A stable hash of everything a model depends on (order of examples included: it changes the model)."""
    payload = {
        "format": FORMAT_VERSION,
        "vectors": vectors.digest if vectors is not None else None,
        "params": asdict(params),
        "examples": [
            [e.text, e.intent, [[s.start, s.end, s.entity, s.value, s.role] for s in e.entities], e.group]
            for e in data.examples
        ],
        "synonyms": sorted(data.synonyms.items()),
        "lookups": sorted((k, list(v)) for k, v in data.lookups.items()),
        "regexes": sorted((k, list(v)) for k, v in data.regexes.items()),
    }
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]


def cached_engine(
    data: TrainingData,
    models_dir: Path,
    params: EmbeddedParams | None = None,
    vectors: VectorsChoice = FIND,
    on_training: Callable[[], None] | None = None,
    config: str = DEFAULT_CONFIG,
) -> tuple[EmbeddedEngine, CacheOutcome]:
    """The engine for ``data``: loaded from ``models_dir/embedded/<key>`` if there, else trained and saved there.

    ``vectors``: a loaded sentence-vectors table, None for n-grams only, or ``FIND`` (default) for the table under
    ``models_dir`` when it has been built (``assistant models build nlu-vectors``), else n-grams only.

    ``on_training``: called when there is no cached model and training starts (to tell a waiting user why).

    ``config``: how a ``models_dir`` that cannot be written is named (``settings.source``, the file read).

    ``embedded.load_or_train`` is the same without the ``CacheOutcome``.
    """
    params = params or EmbeddedParams()
    table = optional_vectors(models_dir) if isinstance(vectors, str) else vectors
    key = data_key(data, params, table)
    root = models_dir / CACHE_FOLDER
    folder = root / key
    started = time.perf_counter()
    if (folder / "meta.json").exists():
        try:
            engine = EmbeddedEngine.load(folder, params, table)
            return engine, CacheOutcome(folder, key, False, time.perf_counter() - started)
        except NluError as e:
            logger.warning("cached model unusable, retraining: %s", e)
            shutil.rmtree(folder, ignore_errors=True)
    if on_training is not None:
        on_training()
    engine = EmbeddedEngine(params, table)
    engine.train(data)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
        engine.save(staging)
        try:
            os.replace(staging, folder)
        except OSError:  # another process renamed its copy first: theirs is equally complete
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as e:
        raise models_dir_error(root, e, config) from None
    _prune(root, keep=folder)
    seconds = time.perf_counter() - started
    logger.info("trained embedded NLU model %s in %.1f s", key, seconds)
    return engine, CacheOutcome(folder, key, True, seconds)


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the ``KEEP_MODELS`` most recently written model folders (never ``keep``)."""
    folders = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in folders[KEEP_MODELS:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def make_engine(settings: Settings, data: TrainingData) -> EmbeddedEngine:
    """The router's ``EngineFactory`` for the embedded engine: train-or-load under ``settings.models_dir``, with the
    sentence vectors there when they have been built (``assistant models build nlu-vectors``)."""
    engine, outcome = cached_engine(data, settings.models_dir, config=settings.source)
    logger.info(
        "embedded NLU %s (%s, %.2f s)", outcome.key, "trained" if outcome.trained else "cached", outcome.seconds
    )
    return engine
