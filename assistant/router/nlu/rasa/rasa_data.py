"""Training data made writable in Rasa's YAML: whitespace collapsed and brackets dropped, spans moved to match.

Public corpora carry edge spaces, line breaks and ``[ ]`` inside utterances; Rasa's markdown-like example syntax
cannot hold them. Cleaning the text (rather than skipping the example) keeps every example and its entities, so the
engines compared in ``assistant eval`` see the same data.
"""

from __future__ import annotations

import hashlib

from assistant.router.nlu.rasa_yaml import dump_nlu_yaml
from assistant.router.nlu.types import EntitySpan, Example, TrainingData

_DROPPED = frozenset("[]")


def clean_example(example: Example) -> Example | None:
    """``example`` with whitespace runs made one space, ends trimmed, brackets gone; None if nothing is left."""
    kept: list[str] = []
    new_index: list[int] = []  # old code point index -> new index (position of the next kept character)
    for ch in example.text:
        new_index.append(len(kept))
        if ch in _DROPPED:
            continue
        if ch.isspace():
            if kept and kept[-1] != " ":
                kept.append(" ")
            continue
        kept.append(ch)
    new_index.append(len(kept))
    text = "".join(kept)
    stripped = text.rstrip()
    if not stripped:
        return None
    spans: list[EntitySpan] = []
    for span in example.entities:
        start, end = new_index[span.start], min(new_index[span.end], len(stripped))
        while start < end and stripped[start] == " ":
            start += 1
        while end > start and stripped[end - 1] == " ":
            end -= 1
        if start < end:
            value = span.value.strip() or stripped[start:end]
            spans.append(EntitySpan(start, end, span.entity, " ".join(value.split()), span.role))
    return Example(stripped, example.intent, tuple(spans))


def clean_training_data(data: TrainingData) -> TrainingData:
    """Every example cleaned for Rasa's format; examples that become empty are left out."""
    cleaned = (clean_example(e) for e in data.examples)
    return TrainingData(
        examples=tuple(e for e in cleaned if e is not None),
        synonyms=dict(data.synonyms),
        lookups=dict(data.lookups),
        regexes=dict(data.regexes),
    )


def rasa_nlu_yaml(data: TrainingData) -> str:
    """The Rasa ``nlu.yml`` text for ``data`` after cleaning."""
    return dump_nlu_yaml(clean_training_data(data))


def model_key(nlu_yaml: str, pipeline_yaml: str, rasa_version: str) -> str:
    """A short hash naming a trained model: same data, pipeline and Rasa version give the same model."""
    digest = hashlib.sha256()
    for part in (rasa_version, pipeline_yaml, nlu_yaml):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]
