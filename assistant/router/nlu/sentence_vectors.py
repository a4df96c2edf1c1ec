"""Static sentence vectors: pretrained sentence knowledge at the cost of a table look-up, no transformer at parse.

The table holds one vector per WordPiece of all-MiniLM-L6-v2, distilled once from the transformer (see
``vectors_build``): a sentence is the normalised mean of its pieces' vectors. The intent classifier reads these
dense features beside its TF-IDF n-grams; they know that "rain" and "drizzle" are alike though the training data
never said so. The file is optional: without it the engine works on n-grams alone, a little less accurately.

File format: one uncompressed ``.npz`` (loads in milliseconds, no pickle) with ``vectors`` (pieces x dims,
float16), ``vocabulary`` (the pieces, id = row) and ``meta`` (a JSON string: source model, digest, dims).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from assistant.errors import NluError
from assistant.router.nlu.sentence_encoder import SentenceEncoder, encoder_folder, load_encoder
from assistant.router.nlu.wordpiece import WordPiece

logger = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]
VECTORS_FILE = Path("nlu-vectors") / "minilm-l6-static.npz"
FORMAT_VERSION = 1
BUILD_HINT = "build it with `assistant models build nlu-vectors` (needs torch once; see `assistant models --help`)"


def vectors_path(models_dir: Path) -> Path:
    """Where ``assistant models build nlu-vectors`` writes the table and the engine looks for it."""
    return models_dir / VECTORS_FILE


@dataclass(frozen=True)
class SentenceVectors:
    """A loaded table: ``embed`` turns text into one unit-length float32 vector (zeros when no piece is known)."""

    tokenizer: WordPiece
    table: npt.NDArray[np.float16]
    digest: str
    """Identifies the table's content; part of the model cache key, so a rebuilt table retrains."""
    source: str
    path: Path
    """The file it was read from; a saved model records it so it can be loaded without naming the table."""

    @property
    def dims(self) -> int:
        return int(self.table.shape[1])

    def embed(self, text: str) -> FloatArray:
        ids = self.tokenizer.ids(text)
        if not ids:
            return np.zeros(self.dims, dtype=np.float32)
        mean: FloatArray = self.table[ids].astype(np.float32).mean(axis=0)
        norm = float(np.sqrt(np.dot(mean, mean)))
        return mean / norm if norm > 0 else mean

    def embed_many(self, texts: list[str]) -> FloatArray:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self.embed(text)
        return out


def table_digest(table: npt.NDArray[np.float16], vocabulary: list[str]) -> str:
    hasher = hashlib.sha256(np.ascontiguousarray(table).tobytes())
    hasher.update("\n".join(vocabulary).encode("utf-8"))
    return hasher.hexdigest()[:16]


def write_vectors(path: Path, table: npt.NDArray[np.floating[Any]], vocabulary: list[str], source: str) -> Path:
    """Write a table atomically (temporary file, then rename): a half-written table is never picked up."""
    if table.ndim != 2 or table.shape[0] != len(vocabulary):
        raise ValueError(f"table shape {table.shape} does not match a vocabulary of {len(vocabulary)} pieces")
    half = table.astype(np.float16)
    meta = {"format": FORMAT_VERSION, "source": source, "digest": table_digest(half, vocabulary)}
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(path.name + ".partial.npz")
    np.savez(staging, vectors=half, vocabulary=np.array(vocabulary), meta=np.array(json.dumps(meta)))
    staging.replace(path)
    return path


def load_vectors(path: Path) -> SentenceVectors:
    """Read a table ``write_vectors`` wrote; a missing or unreadable file is a one-line ``NluError``."""
    if not path.is_file():
        raise NluError(f"NLU sentence vectors not found at {path}; {BUILD_HINT}")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            table = np.ascontiguousarray(arrays["vectors"], dtype=np.float16)
            vocabulary = [str(piece) for piece in arrays["vocabulary"]]
            meta = json.loads(str(arrays["meta"]))
        tokenizer = WordPiece(vocabulary)
    except (OSError, ValueError, KeyError) as e:
        raise NluError(f"NLU sentence vectors at {path} are unreadable ({e}); delete the file and {BUILD_HINT}") from e
    if meta.get("format") != FORMAT_VERSION or table.ndim != 2 or table.shape[0] != len(vocabulary):
        raise NluError(f"NLU sentence vectors at {path} are of an unknown format; delete the file and {BUILD_HINT}")
    return SentenceVectors(tokenizer, table, str(meta["digest"]), str(meta.get("source", "?")), path.resolve())


Embedder = SentenceVectors | SentenceEncoder
"""What turns a text into one unit vector for the engine: the static table, or the tuned transformer."""
FIND: Literal["find"] = "find"
"""As the ``vectors`` argument of ``cached_engine``/``load_or_train``: use what is built under the models folder."""
VectorsChoice = Embedder | None | Literal["find"]


def load_embedder(path: Path) -> Embedder:
    """A table file (``.npz``) or an encoder folder, as a saved model recorded it; either may have been deleted since,
    and the error names the command that builds the right one."""
    return load_vectors(path) if path.suffix == ".npz" else load_encoder(path)


def optional_vectors(models_dir: Path) -> Embedder | None:
    """The encoder tuned on the skills if built, else the static table if built, else None with one log line saying
    what is lost and how to get it."""
    encoder = encoder_folder(models_dir)
    if (encoder / "model.onnx").is_file():
        return load_encoder(encoder)
    path = vectors_path(models_dir)
    if not path.is_file():
        logger.info(  # optional: the engine works on n-grams alone; `assistant models --help` tells how to add it
            "NLU sentence vectors not found at %s: intents are recognised from n-grams alone (less accurate); %s",
            path,
            BUILD_HINT,
        )
        return None
    return load_vectors(path)
