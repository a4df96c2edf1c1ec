"""``rasa train nlu`` on the project's data, cached by a hash of data, pipeline and Rasa version.

Training DIET costs minutes, so a model is trained once per distinct (data, pipeline) and kept as
``<cache>/rasa/nlu-<hash>.tar.gz`` (the user cache beside the virtualenv: ``rasa_factory.model_cache_root``); the
next start with the same skills loads it directly. The model is written to a temporary folder and renamed into
place, so an interrupted run never leaves a half model behind.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import NluError
from assistant.router.nlu.rasa.rasa_data import model_key
from assistant.router.nlu.rasa.rasa_environment import Progress, RasaEnvironment, locked
from assistant.router.nlu.rasa.rasa_pins import RASA_REQUIREMENT
from assistant.router.nlu.rasa.rasa_process import rasa_env, run_streaming

logger = logging.getLogger(__name__)

_EPOCH = re.compile(r"Epochs:\s+(\d+)%.*?(\d+)/(\d+)")


@dataclass(frozen=True)
class TrainedModel:
    """A model on disk and what it cost: ``train_s`` is 0 and ``cached`` True when it was already there."""

    path: Path
    key: str
    train_s: float
    cached: bool


def cached_model_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"nlu-{key}.tar.gz"


def train_model(
    environment: RasaEnvironment,
    nlu_yaml: str,
    config_yaml: str,
    cache_dir: Path,
    *,
    threads: int,
    progress: Progress | None = None,
) -> TrainedModel:
    """The trained model for this data and pipeline, training it with ``rasa train nlu`` only when not cached."""
    say = progress or logger.info
    key = model_key(nlu_yaml, config_yaml, RASA_REQUIREMENT)
    target = cached_model_path(cache_dir, key)
    if target.is_file():
        return TrainedModel(target, key, 0.0, cached=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with locked(cache_dir / f"train-{key}.lock"):  # a second process with the same data waits, then reuses
        if target.is_file():
            return TrainedModel(target, key, 0.0, cached=True)
        return _train(environment, nlu_yaml, config_yaml, cache_dir, key, threads, say)


def _train(
    environment: RasaEnvironment,
    nlu_yaml: str,
    config_yaml: str,
    cache_dir: Path,
    key: str,
    threads: int,
    say: Progress,
) -> TrainedModel:
    target = cached_model_path(cache_dir, key)
    blocks = nlu_yaml.split("\n- ")[1:]
    examples = sum(block.count("\n    - ") for block in blocks if block.startswith("intent:"))
    say(f"training Rasa NLU on {examples} examples (model {key})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rasa-train-", dir=cache_dir) as work_name:
        work = Path(work_name)
        (work / "nlu.yml").write_text(nlu_yaml, encoding="utf-8")
        (work / "config.yml").write_text(config_yaml, encoding="utf-8")
        name = f"nlu-{key}"
        command = [
            str(environment.rasa),
            "train",
            "nlu",
            "--nlu",
            "nlu.yml",
            "--config",
            "config.yml",
            "--out",
            "out",
            "--fixed-model-name",
            name,
        ]
        log = cache_dir / f"train-{key}.log"
        code, tail = run_streaming(command, log, on_line=_EpochReporter(say), env=rasa_env(threads), cwd=work)
        produced = work / "out" / f"{name}.tar.gz"
        if code != 0 or not produced.is_file():
            raise NluError(f"rasa train nlu failed (exit {code}, log {log}): {tail}")
        produced.replace(target)
    elapsed = time.perf_counter() - started
    say(f"Rasa NLU model trained in {elapsed:.0f} s: {target}")
    return TrainedModel(target, key, elapsed, cached=False)


class _EpochReporter:
    """Forwards Rasa's tqdm epoch bar as "training DIET: epoch 12/40" once per epoch."""

    def __init__(self, say: Progress) -> None:
        self._say = say
        self._last = ""

    def __call__(self, line: str) -> None:
        match = _EPOCH.search(line)
        if match:
            text = f"training DIET: epoch {match.group(2)}/{match.group(3)}"
            if text != self._last:
                self._last = text
                self._say(text)
        elif "Starting to train component" in line:
            self._say("training " + line.split("component", 1)[1].strip(" '."))
