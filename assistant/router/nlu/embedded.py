"""The embedded NLU engine, the router's default: intent, slots, calibrated confidence, ranking, out-of-scope.

An intent classifier (``intent_model``) and a CRF slot tagger (``slot_model``) trained together; slot values go
through synonyms then ``normalize``. Out of scope is decided twice: an ``oos`` class when the training data has
out-of-scope examples, and a confidence threshold chosen on out-of-fold probabilities (see ``scope.choose_threshold``).
With a sentence-vectors table (``sentence_vectors``) the classifier also reads pretrained dense features. With a
tuned encoder (``sentence_encoder``) a logistic regression reads its vectors alone, and the threshold applies to the
``scope`` score (top probability and closeness to known examples) instead of the probability. A model trained with
either records its digest and needs the same file to load. A model is a folder of plain files
(JSON, ``.npz``, CRFsuite's own format), never a pickle.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import weakref
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import NluError
from assistant.router.nlu.intent_model import (
    FloatArray,
    IntentModel,
    IntentParams,
    train_dense_intent_model,
    train_intent_model,
)
from assistant.router.nlu.normalize import normalize
from assistant.router.nlu.scope import ScopeModel, choose_threshold, train_scope
from assistant.router.nlu.sentence_encoder import SentenceEncoder, held_out_from_tuning
from assistant.router.nlu.sentence_vectors import BUILD_HINT, FIND, Embedder, VectorsChoice, load_embedder
from assistant.router.nlu.slot_model import SlotParams, SlotTagger, tidied_spans, train_slot_tagger
from assistant.router.nlu.text_features import NgramAnalyzer
from assistant.router.nlu.types import OUT_OF_SCOPE, IntentScore, NluResult, Slot, TrainingData

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
ENGINE_NAME = "embedded"


@dataclass(frozen=True)
class EmbeddedParams:
    """Everything that shapes a trained model (so it is part of the cache key)."""

    intent: IntentParams = field(default_factory=IntentParams)
    slots: SlotParams = field(default_factory=SlotParams)
    oos_threshold: float | None = None
    """Fixed out-of-scope threshold; None = chosen on out-of-fold probabilities at training."""
    reject_rate: float = 0.01
    """Without out-of-scope examples: the share of in-scope utterances the threshold may reject."""
    ranking_size: int = 10
    """How many intents ``NluResult.ranking`` lists."""
    locale: str = "en-US"
    """Locale handed to slot normalisation."""


class EmbeddedEngine:
    """``NluEngine`` "embedded". ``train`` or ``load``, then ``parse``; ``save`` writes the model folder."""

    name = ENGINE_NAME

    def __init__(self, params: EmbeddedParams | None = None, vectors: Embedder | None = None) -> None:
        self.params = params or EmbeddedParams()
        self.vectors = vectors
        """Sentence vectors the classifier reads beside n-grams (the static table) or instead of them (a tuned
        encoder); None = n-grams only."""
        self.threshold = self.params.oos_threshold or 0.0
        """Below this the utterance is out of scope: compared with the top intent's probability, or with the scope
        model's confidence when there is one (a tuned encoder)."""
        self._intents: IntentModel | None = None
        self._scope: ScopeModel | None = None
        self._slots: SlotTagger | None = None
        self._synonyms: dict[str, str] = {}
        self._workdir: Path | None = None  # where a freshly trained CRF lives until saved

    # -- training and persistence -------------------------------------------------------------------------------

    def train(self, data: TrainingData) -> None:
        if not data.examples:
            raise NluError("no training examples; add intents with examples to the NLU data")
        self.close()
        texts = [e.text for e in data.examples]
        labels = [e.intent for e in data.examples]
        dense = self.vectors.embed_many(texts) if self.vectors is not None else None
        self._scope = None
        if isinstance(self.vectors, SentenceEncoder) and dense is not None:
            analyzer = NgramAnalyzer(
                self.params.intent.word_n, self.params.intent.char_min, self.params.intent.char_max
            )
            self._intents, held_out = train_dense_intent_model(dense, labels, self.params.intent, analyzer)
            self.threshold = self._train_scope(dense, texts, labels, held_out)
        else:
            groups = [e.group for e in data.examples]
            self._intents, held_out = train_intent_model(texts, labels, self.params.intent, dense, groups)
            self.threshold = self._pick_threshold(labels, held_out)
        self._workdir = Path(tempfile.mkdtemp(prefix="nlu-embedded-"))
        # removed by close(), or when the engine is collected or the process exits if nobody closed it
        weakref.finalize(self, shutil.rmtree, self._workdir, ignore_errors=True)
        in_scope = [e for e in data.examples if e.intent != OUT_OF_SCOPE]
        self._slots = train_slot_tagger(in_scope, self._workdir, self.params.slots, data.lookups, data.regexes)
        self._synonyms = synonym_table(data)
        logger.info(
            "trained: %d examples, %d intents, threshold %.3f, sentence vectors %s",
            len(texts),
            len(data.intents),
            self.threshold,
            "yes" if self.vectors is not None else "no",
        )

    def _pick_threshold(self, labels: list[str], held_out: FloatArray | None) -> float:
        if self.params.oos_threshold is not None:
            return self.params.oos_threshold
        model = self._require()
        if held_out is None:
            return 0.0
        gold = np.array(labels)
        label_array, oos_columns = np.array(model.labels), model.oos_columns
        masked = np.where(oos_columns, -1.0, held_out)
        top = masked.argmax(axis=1)
        confidence = masked[np.arange(len(gold)), top].astype(np.float32)
        confidence[oos_columns[held_out.argmax(axis=1)]] = -1.0  # the oos class won: rejected at any threshold
        correct = label_array[top] == gold
        return choose_threshold(confidence, correct, gold == OUT_OF_SCOPE, self.params.reject_rate)

    def _train_scope(
        self, dense: FloatArray, texts: list[str], labels: list[str], held_out: FloatArray | None
    ) -> float:
        """Fit the scope model on held-out signals and return the threshold on its confidence. With an encoder
        tuned without a tenth of the examples (``held_out_from_tuning``), that tenth alone calibrates both."""
        model = self._require()
        if held_out is None:  # an intent with one example: no honest held-out figures to build on
            return self._pick_threshold(labels, held_out)
        label_array, oos_columns = np.array(model.labels), model.oos_columns
        label_ids = np.searchsorted(label_array, np.array(labels))
        gold = np.array(labels)
        in_scope = gold != OUT_OF_SCOPE
        calibrate = np.ones(len(texts), dtype=bool)
        if isinstance(self.vectors, SentenceEncoder) and self.vectors.held_out:
            unseen = np.array([held_out_from_tuning(text) for text in texts])
            if (unseen & in_scope).sum() >= 2:
                calibrate = unseen
        masked = model.in_scope(held_out)
        self._scope, confidence = train_scope(dense, label_ids, len(model.labels), masked, in_scope, calibrate)
        if self.params.oos_threshold is not None:
            return self.params.oos_threshold
        confidence[oos_columns[held_out.argmax(axis=1)]] = -1.0  # the oos class won: rejected at any threshold
        correct = label_array[masked.argmax(axis=1)] == gold
        return choose_threshold(
            confidence[calibrate], correct[calibrate], ~in_scope[calibrate], self.params.reject_rate
        )

    def save(self, folder: Path) -> None:
        """Write the model folder (created if needed); ``load`` reads it back."""
        model = self._require()
        folder.mkdir(parents=True, exist_ok=True)
        model.save(folder)
        if self._scope is not None:
            self._scope.save(folder)
        if self._slots is not None:
            self._slots.save_tables(folder)
            if self._workdir is not None and (self._workdir / "slots.crfsuite").exists():
                shutil.copyfile(self._workdir / "slots.crfsuite", folder / "slots.crfsuite")
        meta = {
            "engine": ENGINE_NAME,
            "format": FORMAT_VERSION,
            "threshold": self.threshold,
            "synonyms": self._synonyms,
            "params": asdict(self.params),
            "vectors_digest": self.vectors.digest if model.uses_vectors and self.vectors is not None else None,
            "vectors_path": str(self.vectors.path) if model.uses_vectors and self.vectors is not None else None,
        }
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(
        cls, folder: Path, params: EmbeddedParams | None = None, vectors: Embedder | None = None
    ) -> EmbeddedEngine:
        """Read a folder ``save`` wrote; a missing, foreign or older-format folder is an ``NluError``, and so is a
        model trained with sentence vectors when ``vectors`` (default: the table file it was trained with) is not
        that same table."""
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise NluError(f"{folder}: no readable embedded NLU model ({e}); train one with `assistant train`") from e
        if meta.get("engine") != ENGINE_NAME or meta.get("format") != FORMAT_VERSION:
            raise NluError(
                f"{folder}: model format {meta.get('format')!r} of engine {meta.get('engine')!r}, expected "
                f"{FORMAT_VERSION} of {ENGINE_NAME!r}; delete the folder and retrain"
            )
        digest = meta.get("vectors_digest")
        if digest is not None and vectors is None and meta.get("vectors_path"):
            vectors = load_embedder(Path(meta["vectors_path"]))
        if digest is not None and (vectors is None or vectors.digest != digest):
            found = "none was given" if vectors is None else f"the given table is {vectors.digest}"
            raise NluError(
                f"{folder}: model trained with NLU sentence vectors {digest} but {found}; {BUILD_HINT}, or retrain"
            )
        engine = cls(params, vectors if digest is not None else None)
        engine.threshold = float(meta["threshold"])
        engine._synonyms = {str(k): str(v) for k, v in meta["synonyms"].items()}
        engine._intents = IntentModel.load(folder)
        engine._scope = ScopeModel.load(folder) if (folder / "scope.json").exists() else None
        engine._slots = SlotTagger.load(folder, engine.params.slots)
        return engine

    def close(self) -> None:
        if self._slots is not None:
            self._slots.close()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    # -- parsing -----------------------------------------------------------------------------------------------

    def _require(self) -> IntentModel:
        if self._intents is None:
            raise NluError("the embedded NLU engine has no model; call train() or EmbeddedEngine.load() first")
        return self._intents

    def parse(self, text: str) -> NluResult:
        model = self._require()
        vector = self.vectors.embed(text) if self.vectors is not None and model.uses_vectors else None
        probabilities = model.probabilities(text, vector)
        order = np.argsort(-probabilities)
        ranking = tuple(
            IntentScore(model.labels[i], round(float(probabilities[i]), 6)) for i in order[: self.params.ranking_size]
        )
        best = next((int(i) for i in order if model.labels[i] != OUT_OF_SCOPE), int(order[0]))
        confidence = float(probabilities[best])
        scope = self._scope_confidence(model, probabilities, vector)
        if model.labels[int(order[0])] == OUT_OF_SCOPE:
            oos = float(probabilities[order[0]])
            return NluResult(text, OUT_OF_SCOPE, oos, (), ranking, ENGINE_NAME, scope=scope)
        if (confidence if scope is None else scope) < self.threshold:
            return NluResult(text, OUT_OF_SCOPE, 1.0 - confidence, (), ranking, ENGINE_NAME, scope=scope)
        intent = model.labels[best]
        return NluResult(text, intent, confidence, self._slots_of(text, intent), ranking, ENGINE_NAME, scope=scope)

    def _scope_confidence(
        self, model: IntentModel, probabilities: FloatArray, vector: FloatArray | None
    ) -> float | None:
        if self._scope is None or vector is None:
            return None
        in_scope = model.in_scope(probabilities)
        return self._scope.confidence(float(in_scope.max()), self._scope.closeness(vector, in_scope))

    def scope_signals(self, texts: list[str]) -> tuple[FloatArray, FloatArray] | None:
        """Top in-scope probability and nearest-example closeness of each text; None without a scope model."""
        model = self._require()
        if self._scope is None or self.vectors is None:
            return None
        top, near = np.zeros(len(texts), dtype=np.float32), np.zeros(len(texts), dtype=np.float32)
        for row, (text, vector) in enumerate(zip(texts, self.vectors.embed_many(texts), strict=True)):
            in_scope = model.in_scope(model.probabilities(text, vector))
            top[row], near[row] = float(in_scope.max()), self._scope.closeness(vector, in_scope)
        return top, near

    def restandardise_scope(self, texts: list[str]) -> None:
        """Standardise the scope score on these in-scope utterances (a validation split) instead of training's."""
        signals = self.scope_signals(texts)
        if signals is not None and self._scope is not None:
            self._scope = self._scope.restandardised(*signals)

    def _slots_of(self, text: str, intent: str) -> tuple[Slot, ...]:
        if self._slots is None:
            return ()
        slots = []
        for span in tidied_spans(text, self._slots.tag(text, intent)):
            raw = text[span.start : span.end]
            canonical = self._synonyms.get(raw.lower(), raw)
            value = normalize(span.entity, canonical, self.params.locale)
            slots.append(Slot(span.entity, raw, value, span.start, span.end, round(span.confidence, 6)))
        return tuple(slots)


def load_or_train(
    data: TrainingData,
    models_dir: Path,
    params: EmbeddedParams | None = None,
    vectors: VectorsChoice = FIND,
) -> EmbeddedEngine:
    """The engine for ``data``: the cached model under ``models_dir/embedded/`` if the data is unchanged, else a
    freshly trained (and cached) one. See ``model_cache`` for the key and the atomic write."""
    from assistant.router.nlu.model_cache import cached_engine  # model_cache imports this module

    return cached_engine(data, models_dir, params, vectors)[0]


def synonym_table(data: TrainingData) -> dict[str, str]:
    """Lower-cased variant -> canonical value: the data's synonyms plus annotations whose value differs from text."""
    table = {variant.lower(): canonical for variant, canonical in data.synonyms.items()}
    for example in data.examples:
        for span in example.entities:
            surface = example.text[span.start : span.end]
            if span.value != surface:
                table.setdefault(surface.lower(), span.value)
    return table
