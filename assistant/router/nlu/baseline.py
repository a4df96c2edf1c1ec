"""The reference baseline: scikit-learn's default word TF-IDF and a linear SVM, intents only, no slots.

It is what the embedded engine is measured against (the README's "TF-IDF + linear SVM" figures) and a second,
deliberately plain implementation for the engine contract test. Out of scope only when ``oos`` is a trained class.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.errors import NluError
from assistant.router.nlu.intent_model import softmax
from assistant.router.nlu.types import IntentScore, NluResult, TrainingData

ENGINE_NAME = "tfidf-svm"


class BaselineEngine:
    """``TfidfVectorizer()`` + ``LinearSVC()`` with library defaults; confidence is a plain softmax of margins."""

    name = ENGINE_NAME

    def __init__(self) -> None:
        self._vectorizer: Any = None
        self._svm: Any = None

    def train(self, data: TrainingData) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        if len(data.intents) < 2:
            raise NluError(f"training data has {len(data.intents)} intent(s); the baseline needs at least 2")
        self._vectorizer = TfidfVectorizer()
        matrix = self._vectorizer.fit_transform([e.text for e in data.examples])
        self._svm = LinearSVC().fit(matrix, [e.intent for e in data.examples])

    def parse(self, text: str) -> NluResult:
        if self._svm is None:
            raise NluError("the baseline engine has no model; call train() first")
        raw = np.asarray(self._svm.decision_function(self._vectorizer.transform([text])), dtype=np.float32)
        labels = [str(c) for c in self._svm.classes_]
        flat = raw.reshape(-1)
        margins = np.array([-flat[0] / 2, flat[0] / 2], dtype=np.float32) if len(labels) == 2 else flat
        probabilities = softmax(margins)
        order = np.argsort(-probabilities)
        ranking = tuple(IntentScore(labels[i], float(probabilities[i])) for i in order)
        best = int(order[0])
        return NluResult(text, labels[best], float(probabilities[best]), (), ranking, ENGINE_NAME)

    def close(self) -> None:
        self._vectorizer = self._svm = None
