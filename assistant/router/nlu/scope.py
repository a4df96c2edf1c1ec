"""How in-scope an utterance looks, from two signals that fail differently: the classifier's top probability, and how
close the sentence vector comes to a training example of one of the likeliest intents.

A softmax is confident about anything far from every intent as long as one intent is less far than the others; the
nearest-example similarity is not fooled that way, but is low for an unusual wording of a known intent, which the
classifier handles. Each is standardised by its mean and spread over in-scope utterances and the two are summed
(``z(p) + z(cos)``), then squashed by a logistic so the engine's out-of-scope threshold stays a number in (0, 1).
Measured on CLINC150 with a tuned encoder (research run, thresholds for 90 % validation recall): in-scope accuracy
95.3 % at 85.8 % OOS recall, against 95.4 % at 82.6 % for the probability alone and 95.6 % at 82.0 % for the
similarity alone; benchmarks/nlu.md has the committed engine's figures.

``choose_threshold`` picks the engine's threshold from held-out confidences, this score's or plain probabilities.

Only the examples of the ``top`` likeliest intents are compared, at most ``PER_INTENT`` each, so a parse costs at
most a thousand dot products.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.errors import NluError

FloatArray = npt.NDArray[np.float32]
TOP_INTENTS = 5
PER_INTENT = 200
"""Neighbours kept per intent: all of CLINC150's 100 or a skill's few dozen, an even tenth of a Snips intent's 1,900
(where comparing all of them cost 0.6 ms a parse)."""
BLOCK = 1024  # rows per block when every training example is compared with every other


@dataclass(frozen=True)
class ScopeModel:
    """Training vectors grouped by intent (rows ``offsets[k]:offsets[k + 1]`` belong to label ``k``) and the
    in-scope statistics of both signals."""

    neighbours: FloatArray  # (examples, dims), unit rows; float16 on disk, float32 in memory (numpy has no fast
    # float16 product: 0.7 ms for 500 rows against 0.01, measured)
    offsets: npt.NDArray[np.int64]  # (labels + 1,)
    mean_p: float
    std_p: float
    mean_cos: float
    std_cos: float
    top: int = TOP_INTENTS

    def closeness(self, vector: FloatArray, probabilities: FloatArray) -> float:
        """Highest cosine between ``vector`` and a training example of the ``top`` likeliest intents."""
        best = -1.0
        for label in np.argsort(-probabilities)[: self.top]:
            start, end = int(self.offsets[label]), int(self.offsets[label + 1])
            if end > start:
                best = max(best, float((self.neighbours[start:end] @ vector).max()))
        return best

    def confidence(self, top_probability: float, closeness: float) -> float:
        """The logistic of ``z(p) + z(cos)``: 0.5 is an utterance as typical as the average in-scope one."""
        z = (top_probability - self.mean_p) / self.std_p + (closeness - self.mean_cos) / self.std_cos
        return float(1.0 / (1.0 + np.exp(-z)))

    def restandardised(self, top_probabilities: FloatArray, closeness: FloatArray) -> ScopeModel:
        """The same neighbours with statistics from other in-scope utterances (a validation split, say): training
        utterances look more typical than new ones, all the more when the encoder was tuned on them."""
        mean_p, std_p, mean_cos, std_cos = _statistics(top_probabilities, closeness)
        return replace(self, mean_p=mean_p, std_p=std_p, mean_cos=mean_cos, std_cos=std_cos)

    def save(self, folder: Path) -> None:
        np.savez(folder / "scope.npz", neighbours=self.neighbours.astype(np.float16), offsets=self.offsets)
        stats = {"mean_p": self.mean_p, "std_p": self.std_p, "mean_cos": self.mean_cos, "std_cos": self.std_cos}
        (folder / "scope.json").write_text(json.dumps({**stats, "top": self.top}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ScopeModel:
        try:
            meta = json.loads((folder / "scope.json").read_text(encoding="utf-8"))
            with np.load(folder / "scope.npz", allow_pickle=False) as arrays:
                neighbours, offsets = arrays["neighbours"].astype(np.float32), arrays["offsets"]
            return cls(
                neighbours,
                offsets,
                **{k: float(meta[k]) for k in ("mean_p", "std_p", "mean_cos", "std_cos")},
                top=int(meta["top"]),
            )
        except (OSError, ValueError, KeyError) as e:
            raise NluError(f"{folder}: out-of-scope model is unreadable ({e}); delete the folder to retrain") from e


def choose_threshold(confidence: FloatArray, correct: np.ndarray, is_oos: np.ndarray, reject_rate: float) -> float:
    """The out-of-scope threshold on top in-scope confidence.

    With out-of-scope examples: the value maximising the mean of in-scope accuracy (correct and accepted) and
    out-of-scope recall; candidates lie midway between observed confidences, and of equally good ones the middle
    is taken, so the threshold sits in the gap rather than on an example. Without: the ``reject_rate`` quantile of
    in-scope confidences, so about that share of known utterances would be turned away.
    """
    if not is_oos.any():
        return float(np.quantile(confidence, reject_rate)) if len(confidence) else 0.0
    observed = np.unique(confidence[confidence >= 0])
    candidates = np.concatenate([[0.0], (observed[1:] + observed[:-1]) / 2, [1.0]])
    in_scope = ~is_oos
    scores = np.array(
        [(correct[in_scope] & (confidence[in_scope] >= t)).mean() + (confidence[is_oos] < t).mean() for t in candidates]
    )
    best = candidates[np.flatnonzero(scores >= scores.max() - 1e-12)]
    return float(np.median(best))


def _statistics(top_probabilities: FloatArray, closeness: FloatArray) -> tuple[float, float, float, float]:
    """Mean and spread of both signals (a spread floor keeps a perfectly uniform signal from dividing by zero)."""
    if len(top_probabilities) < 2:
        raise NluError("the out-of-scope score needs at least 2 in-scope utterances to standardise on")
    return (
        float(np.mean(top_probabilities)),
        max(float(np.std(top_probabilities)), 1e-3),
        float(np.mean(closeness)),
        max(float(np.std(closeness)), 1e-3),
    )


def neighbours_by_label(
    label_ids: npt.NDArray[np.intp], labels: int, cap: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """Which rows to keep as neighbours, grouped by label, at most ``cap`` per label (evenly spread over its rows
    when it has more), and the offsets of each label's group."""
    chosen: list[npt.NDArray[np.intp]] = []
    for label in range(labels):
        rows = np.flatnonzero(label_ids == label)
        if len(rows) > cap:
            rows = rows[np.linspace(0, len(rows) - 1, cap).round().astype(np.intp)]
        chosen.append(rows)
    counts = [len(rows) for rows in chosen]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return np.concatenate(chosen).astype(np.intp), offsets


def train_scope(
    vectors: FloatArray,
    label_ids: npt.NDArray[np.intp],
    labels: int,
    held_out: FloatArray,
    in_scope: npt.NDArray[np.bool_],
    calibrate: npt.NDArray[np.bool_] | None = None,
) -> tuple[ScopeModel, FloatArray]:
    """The scope model of the in-scope training examples, standardised on their held-out signals (each example's
    out-of-fold probabilities, and its closeness to the *other* examples), and those examples' confidences.

    ``held_out``: out-of-fold probabilities over all labels (out-of-scope columns zeroed by the caller).
    ``calibrate``: the rows whose signals set the statistics (default all; the encoder never saw them, say).
    Returns the model and the held-out scope confidence of every training example (what the threshold is chosen on).
    """
    in_scope_ids = np.where(in_scope, label_ids, -1)
    source, offsets = neighbours_by_label(in_scope_ids, labels, PER_INTENT)
    grouped = vectors[source].astype(np.float16).astype(np.float32)  # as saved and loaded: a reload scores the same
    column = np.full(len(vectors), -1, dtype=np.int64)
    column[source] = np.arange(len(source))  # where a training example sits among the neighbours, if it does
    closeness = np.empty(len(vectors), dtype=np.float32)
    for start in range(0, len(vectors), BLOCK):
        rows = np.arange(start, min(len(vectors), start + BLOCK))
        sims = vectors[rows] @ grouped.T
        mine = np.flatnonzero(column[rows] >= 0)
        sims[mine, column[rows[mine]]] = -1.0  # never its own nearest neighbour
        per_label = _max_per_label(sims, offsets)
        top = np.argsort(-held_out[rows], axis=1)[:, :TOP_INTENTS]
        closeness[rows] = np.take_along_axis(per_label, top, axis=1).max(axis=1)
    top_p = held_out.max(axis=1)
    standard = in_scope if calibrate is None else in_scope & calibrate
    stats = _statistics(top_p[standard], closeness[standard])
    model = ScopeModel(np.ascontiguousarray(grouped), offsets, *stats)
    confidences = np.array(
        [model.confidence(float(p), float(c)) for p, c in zip(top_p, closeness, strict=True)], dtype=np.float32
    )
    return model, confidences


def _max_per_label(sims: FloatArray, offsets: npt.NDArray[np.int64]) -> FloatArray:
    """Row-wise maximum over each label's columns; -1 for a label without examples."""
    out = np.full((sims.shape[0], len(offsets) - 1), -1.0, dtype=np.float32)
    filled = np.flatnonzero(offsets[1:] > offsets[:-1])
    if len(filled):
        out[:, filled] = np.maximum.reduceat(sims, offsets[filled], axis=1)
    return out
