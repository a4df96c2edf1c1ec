"""Public NLU benchmarks (Snips 2017, CLINC150) read from the shared data folder into ``TrainingData``.

The data is never copied into the project: it lives in ``../shared`` beside the project root (or wherever
``ASSISTANT_SHARED_DIR`` points), so benchmarks and tests read the same bytes every developer has.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from assistant.errors import NluError
from assistant.router.nlu.types import OUT_OF_SCOPE, EntitySpan, Example, TrainingData

SHARED_DIR_ENV = "ASSISTANT_SHARED_DIR"
SNIPS_INTENTS = (
    "AddToPlaylist",
    "BookRestaurant",
    "GetWeather",
    "PlayMusic",
    "RateBook",
    "SearchCreativeWork",
    "SearchScreeningEvent",
)
SnipsSplit = Literal["train", "train_small", "validate"]
ClincSplit = Literal["train", "val", "test"]
_SNIPS_FILES = {"train": "train_{}_full.json", "train_small": "train_{}.json", "validate": "validate_{}.json"}


def shared_dir() -> Path:
    """The shared read-only folder: ``$ASSISTANT_SHARED_DIR``, else ``../shared`` beside the project root."""
    env = os.environ.get(SHARED_DIR_ENV)
    path = Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared"
    if not path.is_dir():
        raise NluError(f"shared data folder {path} not found; set {SHARED_DIR_ENV} to the folder holding data/nlu")
    return path


def _dataset_dir(root: Path | None, *parts: str) -> Path:
    path = (root or shared_dir()).joinpath(*parts)
    if not path.is_dir():
        raise NluError(f"dataset folder {path} not found; check {SHARED_DIR_ENV} or the shared folder's contents")
    return path


def decode_lenient(raw: bytes) -> str:
    """UTF-8, else CESU-8, else Latin-1.

    Snips' ``train_PlayMusic_full.json`` is not valid UTF-8: an emoji is written as two UTF-8-encoded surrogates
    (CESU-8). Decoding the whole file as Latin-1 would turn every accent ("Música") into mojibake, so surrogates
    are re-paired first and Latin-1 is only the last resort.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return raw.decode("latin-1")


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise NluError(f"{path}: cannot read dataset file ({e.strerror}); check the shared data folder") from e
    text = decode_lenient(raw)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise NluError(f"{path}:{e.lineno}: dataset file is not valid JSON ({e.msg})") from e


def snips_example(intent: str, chunks: list[dict[str, str]]) -> Example:
    """One Snips utterance (text chunks, some with ``entity``) -> Example; slot edges are trimmed of spaces."""
    text = ""
    spans: list[EntitySpan] = []
    for chunk in chunks:
        piece = chunk["text"]
        if "entity" in chunk and piece.strip():
            lead = len(piece) - len(piece.lstrip())
            surface = piece.strip()
            start = len(text) + lead
            spans.append(EntitySpan(start, start + len(surface), chunk["entity"], surface))
        text += piece
    return Example(text=text, intent=intent, entities=tuple(spans))


def load_snips(split: SnipsSplit = "train", root: Path | None = None) -> TrainingData:
    """Snips 2017: ``train`` (13,784, the ``_full`` files), ``train_small`` (2,100) or ``validate`` (700, the test)."""
    if split not in _SNIPS_FILES:
        raise NluError(f"unknown Snips split {split!r}; choose from: {', '.join(_SNIPS_FILES)}")
    folder = _dataset_dir(root, "data", "nlu", "snips2017", "2017-06-custom-intent-engines")
    examples: list[Example] = []
    for intent in SNIPS_INTENTS:
        path = folder / intent / _SNIPS_FILES[split].format(intent)
        payload = _read_json(path)
        try:
            examples.extend(snips_example(intent, item["data"]) for item in payload[intent])
        except (KeyError, TypeError) as e:
            raise NluError(f"{path}: unexpected Snips layout (missing {e}); is this the 2017 benchmark?") from e
    return TrainingData(examples=tuple(examples))


def load_clinc(split: ClincSplit = "train", root: Path | None = None, include_oos: bool = True) -> TrainingData:
    """CLINC150 ``data_full.json``: in-scope examples of ``split`` plus (by default) its out-of-scope ones (``oos``)."""
    if split not in ("train", "val", "test"):
        raise NluError(f"unknown CLINC150 split {split!r}; choose from: train, val, test")
    path = _dataset_dir(root, "data", "nlu", "clinc150", "data") / "data_full.json"
    payload = _read_json(path)
    keys = [split, f"oos_{split}"] if include_oos else [split]
    try:
        rows = [(str(text), str(intent)) for key in keys for text, intent in payload[key]]
    except (KeyError, TypeError, ValueError) as e:
        raise NluError(f"{path}: unexpected CLINC150 layout ({e}); is this data_full.json?") from e
    examples = tuple(Example(text=t, intent=OUT_OF_SCOPE if i == "oos" else i) for t, i in rows)
    return TrainingData(examples=examples)
