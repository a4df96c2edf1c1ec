"""A tuned sentence encoder: all-MiniLM-L6-v2 fine-tuned on intents, run by onnxruntime at parse time.

Where the static table (``sentence_vectors``) averages one fixed vector per word piece, the encoder reads the whole
sentence through six transformer layers, so "what's my balance" and "how much money do I have" land close
together although they share no word. ``assistant models build nlu-encoder`` fine-tunes the transformer on a set of
labelled utterances (the skills' examples, or a benchmark's training split), exports it with mean pooling and L2
normalisation inside the graph, and quantises the weights to int8 (23 MB). The engine then uses it exactly as it
uses the table: one unit vector per text, the intent classifier and the out-of-scope score read it.

Folder layout (written by ``encoder_build``): ``model.onnx``, ``vocab.txt`` (BERT's uncased pieces; split here by
``wordpiece``, so no tokenizer library is needed at parse time) and ``meta.json`` (format, source, what it was tuned
on, digest). onnxruntime is imported when an encoder is loaded, never otherwise.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.errors import NluError
from assistant.router.nlu.wordpiece import WordPiece

logger = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]
FORMAT_VERSION = 1
MAX_PIECES = 64
"""Longer utterances are cut (as in fine-tuning): commands are short, and the cost grows with the square."""
BUILD_HINT = "build it with `assistant models build nlu-encoder` (needs torch once; see `assistant models --help`)"


def encoder_folder(models_dir: Path, tuned_on: str = "skills") -> Path:
    """Where the encoder tuned on ``tuned_on`` lives; the router uses the one tuned on the skills."""
    return models_dir / f"nlu-encoder-{tuned_on}"


def held_out_from_tuning(text: str) -> bool:
    """Whether ``text`` falls in the tenth of utterances an encoder built with ``held_out`` is never tuned on.

    Decided by a hash of the lower-cased words, so an example added to a skill after the build falls on the same
    side as it would have then. The engine standardises its out-of-scope score on this tenth: utterances the
    encoder was tuned on look more typical than anything a user will say."""
    digest = hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).digest()
    return digest[0] % 10 == 0


def kept_for_tuning(texts: list[str], labels: list[str]) -> tuple[list[str], list[str]]:
    """``texts`` and their ``labels`` without the tenth ``held_out_from_tuning`` picks."""
    kept = [(text, label) for text, label in zip(texts, labels, strict=True) if not held_out_from_tuning(text)]
    return [text for text, _ in kept], [label for _, label in kept]


def encoder_digest(model_bytes: bytes, vocabulary: list[str]) -> str:
    hasher = hashlib.sha256(model_bytes)
    hasher.update("\n".join(vocabulary).encode("utf-8"))
    return hasher.hexdigest()[:16]


@dataclass(frozen=True)
class SentenceEncoder:
    """A loaded encoder: ``embed`` turns text into one unit-length float32 vector, as ``SentenceVectors`` does."""

    tokenizer: WordPiece
    session: Any  # onnxruntime.InferenceSession (untyped library)
    dims: int
    digest: str
    """Identifies the model and vocabulary; part of the NLU model cache key, so a re-tuned encoder retrains."""
    source: str
    tuned_on: str
    held_out: bool
    """Tuned without the utterances ``held_out_from_tuning`` picks (the skills' encoder), so they can calibrate."""
    path: Path
    cls_id: int
    sep_id: int

    def _ids(self, text: str) -> list[int]:
        return [self.cls_id, *self.tokenizer.ids(text)[: MAX_PIECES - 2], self.sep_id]

    def embed(self, text: str) -> FloatArray:
        ids = np.array([self._ids(text)], dtype=np.int64)
        out = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
        return np.asarray(out[0], dtype=np.float32)

    def embed_many(self, texts: list[str]) -> FloatArray:
        """Vectors for many texts, one at a time: the int8 model quantises activations per call, over the whole
        batch (padding included), so a batched vector differs from the one a parse computes (cosine 0.99, measured).
        Training on exactly the vectors parsing will see costs about 1 ms per text."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self.embed(text)
        return out


def load_encoder(folder: Path, threads: int = 1) -> SentenceEncoder:
    """Read a folder ``encoder_build`` wrote; missing or unreadable parts are a one-line ``NluError``.

    ``threads``: onnxruntime's intra-op threads, by default one. Measured on Snips utterances here (int8 weights
    per channel, the fastest of the int8/uint8 and reduced-range variants tried): p50 0.8 ms on one thread; two
    threads gave 0.63-0.77 ms in a quiet process but 1.2 ms in one that had other work (the benchmark), and spin a
    second core (CPU p95 5 ms); fusing the attention layers (onnxruntime's transformer optimiser) gained nothing.
    One thread also leaves the other cores to speech recognition.
    """
    model_file, vocab_file = folder / "model.onnx", folder / "vocab.txt"
    if not model_file.is_file() or not vocab_file.is_file():
        raise NluError(f"no NLU sentence encoder at {folder} (model.onnx and vocab.txt); {BUILD_HINT}")
    try:
        import onnxruntime
    except ImportError as e:
        raise NluError(f"the NLU sentence encoder at {folder} needs onnxruntime: pip install onnxruntime") from e
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        vocabulary = vocab_file.read_text(encoding="utf-8").splitlines()
        tokenizer = WordPiece(vocabulary)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        session = onnxruntime.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
        dims = int(session.get_outputs()[0].shape[-1])
    except Exception as e:  # OSError, bad JSON, and onnxruntime's own errors, which share no public base class
        raise NluError(
            f"NLU sentence encoder at {folder} is unreadable ({e}); delete the folder and {BUILD_HINT}"
        ) from e
    if meta.get("format") != FORMAT_VERSION:
        raise NluError(f"NLU sentence encoder at {folder} is of an unknown format; delete the folder and {BUILD_HINT}")
    index = {piece: i for i, piece in enumerate(vocabulary)}
    if "[CLS]" not in index or "[SEP]" not in index:
        raise NluError(f"{vocab_file} lacks [CLS]/[SEP]: not a BERT vocabulary; delete the folder and {BUILD_HINT}")
    return SentenceEncoder(
        tokenizer=tokenizer,
        session=session,
        dims=dims,
        digest=str(meta["digest"]),
        source=str(meta.get("source", "?")),
        tuned_on=str(meta.get("tuned_on", "?")),
        held_out=bool(meta.get("held_out", False)),
        path=folder.resolve(),
        cls_id=index["[CLS]"],
        sep_id=index["[SEP]"],
    )
