"""The slot tagger: a linear-chain CRF (python-crfsuite) over BIO labels with word, shape, context, intent,
lookup-table (gazetteer) and regex features.

CRFsuite writes and reads its own binary model file, so nothing is pickled. The predicted intent is a feature, so
"play [jazz]" and "find [jazz]" can tag differently; at training time the gold intent is used.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pycrfsuite

from assistant.errors import NluError
from assistant.router.nlu.text_features import Token, tokenize, word_key
from assistant.router.nlu.types import Example

logger = logging.getLogger(__name__)

_MAX_PHRASE = 6  # longest gazetteer phrase, in tokens
Tables = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class SlotParams:
    """How the CRF is trained; part of the model cache key."""

    algorithm: str = "lbfgs"
    """CRFsuite training algorithm: "lbfgs" (best F1) or "ap" (averaged perceptron, several times faster)."""
    c1: float = 0.05
    """L1 penalty: drops useless features (smaller, faster model)."""
    c2: float = 0.01
    """L2 penalty."""
    max_iterations: int = 40
    """L-BFGS iterations: the training-time knob."""
    window: int = 2
    """Words either side seen as context."""


@dataclass(frozen=True)
class TaggedSpan:
    """A span the CRF found: ``text[start:end]`` is an ``entity``, with the mean marginal of its labels."""

    entity: str
    start: int
    end: int
    confidence: float


_UPPER, _LOWER, _DIGITS, _REPEATS = (
    re.compile(r"[A-Z]"),
    re.compile(r"[^\W\d_]"),
    re.compile(r"\d"),
    re.compile(r"(.)\1+"),
)


@functools.lru_cache(maxsize=65_536)
def shape(word: str) -> str:
    """ "Paris" -> "Xx", "7:30" -> "d:d", "iPhone" -> "xXx": the form, with repeats squeezed."""
    out = _DIGITS.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    return _REPEATS.sub(r"\1", out)


def gazetteer_index(lookups: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Lookup tables as ``normalised phrase -> table names``; the key is the phrase's token keys joined by spaces."""
    index: dict[str, set[str]] = {}
    for name, entries in lookups.items():
        for entry in entries:
            key = " ".join(word_key(t.text) for t in tokenize(entry))
            if key:
                index.setdefault(key, set()).add(name)
    return {key: frozenset(names) for key, names in index.items()}


def token_features(
    tokens: tuple[Token, ...],
    text: str,
    intent: str,
    gazetteer: dict[str, frozenset[str]],
    regexes: dict[str, tuple[re.Pattern[str], ...]],
    window: int,
) -> list[list[str]]:
    """One feature list per token."""
    keys = [word_key(t.text) for t in tokens]
    n = len(tokens)
    marks: list[list[str]] = [[] for _ in tokens]
    for i in range(n):
        for j in range(min(n, i + _MAX_PHRASE), i, -1):
            for name in gazetteer.get(" ".join(keys[i:j]), ()):
                marks[i].append(f"g=B-{name}")
                for k in range(i + 1, j):
                    marks[k].append(f"g=I-{name}")
    for name, patterns in regexes.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                for k, token in enumerate(tokens):
                    if token.start >= match.start() and token.end <= match.end():
                        marks[k].append(f"re={name}")
    out: list[list[str]] = []
    for i, token in enumerate(tokens):
        key = keys[i]
        feats = [
            "bias",
            f"w={key}",
            f"p3={key[:3]}",
            f"s3={key[-3:]}",
            f"s2={key[-2:]}",
            f"sh={shape(token.text)}",
            f"in={intent}",
            f"iw={intent}|{key}",
            f"b-={keys[i - 1] if i else '<s>'}|{key}",
            f"b+={key}|{keys[i + 1] if i + 1 < n else '</s>'}",
        ]
        for d in range(1, window + 1):
            feats.append(f"w-{d}={keys[i - d] if i - d >= 0 else '<s>'}")
            feats.append(f"w+{d}={keys[i + d] if i + d < n else '</s>'}")
        feats.extend(marks[i])
        out.append(feats)
    return out


def bio_labels(example: Example, tokens: tuple[Token, ...]) -> list[str]:
    """BIO labels of ``tokens`` from the example's entity spans (a token belongs to the span it overlaps)."""
    labels = ["O"] * len(tokens)
    for span in example.entities:
        inside = [k for k, t in enumerate(tokens) if t.start < span.end and t.end > span.start]
        for rank, k in enumerate(inside):
            labels[k] = f"{'B' if rank == 0 else 'I'}-{span.entity}"
    return labels


def spans_from_bio(labels: list[str], tokens: tuple[Token, ...], marginals: list[float]) -> list[TaggedSpan]:
    """BIO labels back to character spans; a stray ``I-x`` starts a new span (conlleval does the same)."""
    out: list[TaggedSpan] = []
    current: tuple[str, int] | None = None
    for k, label in enumerate([*labels, "O"]):
        continues = current is not None and label == f"I-{current[0]}"
        if current is not None and not continues:
            entity, first = current
            mean = sum(marginals[first:k]) / (k - first)
            out.append(TaggedSpan(entity, tokens[first].start, tokens[k - 1].end, mean))
            current = None
        if label != "O" and not continues:
            current = (label[2:], k)
    return out


class SlotTagger:
    """A trained CRF plus the gazetteers and regexes its features need; ``tag(text, intent)`` gives spans."""

    def __init__(self, folder: Path, params: SlotParams, lookups: Tables, regexes: Tables) -> None:
        self.params = params
        self.lookups = lookups
        self.regex_sources = regexes
        self._gazetteer = gazetteer_index(lookups)
        self._regexes = {name: tuple(re.compile(p) for p in patterns) for name, patterns in regexes.items()}
        self._tagger: pycrfsuite.Tagger | None = None
        model = folder / "slots.crfsuite"
        if model.exists():
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(model))

    def features(self, text: str, intent: str) -> tuple[tuple[Token, ...], list[list[str]]]:
        tokens = tokenize(text)
        return tokens, token_features(tokens, text, intent, self._gazetteer, self._regexes, self.params.window)

    def tag(self, text: str, intent: str) -> list[TaggedSpan]:
        if self._tagger is None:
            return []
        tokens, feats = self.features(text, intent)
        if not tokens:
            return []
        labels = list(self._tagger.tag(feats))
        if all(label == "O" for label in labels):
            return []
        marginals = [1.0 if label == "O" else self._tagger.marginal(label, k) for k, label in enumerate(labels)]
        return spans_from_bio(labels, tokens, marginals)

    def close(self) -> None:
        if self._tagger is not None:
            self._tagger.close()
            self._tagger = None

    def save_tables(self, folder: Path) -> None:
        tables = {"lookups": self.lookups, "regexes": self.regex_sources}
        (folder / "slots.json").write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, params: SlotParams) -> SlotTagger:
        try:
            tables = json.loads((folder / "slots.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise NluError(f"{folder}: slot tables are unreadable ({e}); delete the folder to retrain") from e
        lookups = {k: tuple(v) for k, v in tables["lookups"].items()}
        regexes = {k: tuple(v) for k, v in tables["regexes"].items()}
        return cls(folder, params, lookups, regexes)


def train_slot_tagger(
    examples: Iterable[Example],
    folder: Path,
    params: SlotParams,
    lookups: dict[str, tuple[str, ...]],
    regexes: dict[str, tuple[str, ...]],
) -> SlotTagger:
    """Train the CRF into ``folder/slots.crfsuite``; with no annotated entity at all, no CRF is written."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        compiled = {name: tuple(re.compile(p) for p in patterns) for name, patterns in regexes.items()}
    except re.error as e:
        raise NluError(f"regex in the training data does not compile ({e}); fix the 'regex:' item") from e
    gazetteer = gazetteer_index(lookups)
    trainer = pycrfsuite.Trainer(verbose=False)
    annotated = 0
    for example in examples:
        tokens = tokenize(example.text)
        if not tokens:
            continue
        annotated += bool(example.entities)
        feats = token_features(tokens, example.text, example.intent, gazetteer, compiled, params.window)
        trainer.append(feats, bio_labels(example, tokens))
    if annotated:
        trainer.select(params.algorithm)
        settings: dict[str, object] = {"max_iterations": params.max_iterations, "feature.possible_transitions": True}
        if params.algorithm == "lbfgs":
            settings.update({"c1": params.c1, "c2": params.c2})
        trainer.set_params(settings)
        trainer.train(str(folder / "slots.crfsuite"))
    tagger = SlotTagger(folder, params, lookups, regexes)
    tagger.save_tables(folder)
    return tagger


#: "a.m." / "pm" alone: the end of a time said before it, never a value of its own.
_MERIDIEM = re.compile(r"^\s*[ap]\.?\s?m\.?\s*$", re.IGNORECASE)


def tidied_spans(text: str, spans: Sequence[TaggedSpan]) -> list[TaggedSpan]:
    """``spans`` without a tagger's slips: an "a.m." taken apart from its time ("6:45 [a.m.](date)") is joined to
    the time just before it, and one tagged a date with no time before it is dropped (no day); a span of
    punctuation only ("and the weather[?](date)") is dropped (no value)."""
    joined: list[TaggedSpan] = []
    for span in spans:
        said = text[span.start : span.end]
        if not any(c.isalnum() for c in said):
            continue
        marker = span.entity != "time" and _MERIDIEM.match(said) is not None
        before = joined[-1] if joined else None
        if marker and before is not None and before.entity == "time" and not text[before.end : span.start].strip():
            joined[-1] = replace(before, end=span.end)
        elif not (marker and span.entity == "date"):
            joined.append(span)
    return joined
