"""The offline knowledge base behind Bing-style answers: facts found by key words, definitions by term.

Matching is by words rather than by the NLU's slots, because a question's subject ("the capital of France", "who
painted the Mona Lisa") is open-ended: the question words are dropped and a fact matches when every word of one of
its keys remains. The data is a YAML file beside this module, read once on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "knowledge.yml"

_STOP = frozenset(
    (
        "what",
        "whats",
        "what's",
        "who",
        "whos",
        "who's",
        "is",
        "are",
        "was",
        "were",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "do",
        "does",
        "did",
        "tell",
        "me",
        "about",
        "please",
        "i",
        "want",
        "know",
        "you",
        "can",
        "could",
        "would",
        "how's",
        "define",
        "definition",
        "meaning",
        "mean",
        "means",
        "by",
        "which",
        "when",
        "where",
    )
)


@dataclass(frozen=True)
class Fact:
    keys: tuple[frozenset[str], ...]
    answer: str


@dataclass(frozen=True)
class KnowledgeBase:
    facts: tuple[Fact, ...]
    definitions: Mapping[str, str]

    def answer(self, question: str) -> str | None:
        """The answer of the fact whose longest key is all in ``question``; None when none matches."""
        words = content_words(question)
        best: tuple[int, str] | None = None
        for fact in self.facts:
            for key in fact.keys:
                if key <= words and (best is None or len(key) > best[0]):
                    best = (len(key), fact.answer)
        return best[1] if best else None

    def define(self, term_or_question: str) -> tuple[str, str] | None:
        """(term, definition) for the term named in ``term_or_question``; None when it is not known."""
        words = content_words(term_or_question)
        for term, definition in self.definitions.items():
            if term in words or _singular(term) in words:
                return term, definition
        return None

    def __len__(self) -> int:
        return len(self.facts) + len(self.definitions)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def content_words(text: str) -> frozenset[str]:
    """The question's words that can identify a subject: lower case, no punctuation, no question words, singular."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
    return frozenset(_singular(w) if len(w) > 3 else w for w in words if w not in _STOP)


def parse_knowledge(text: str) -> KnowledgeBase:
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present: 5x faster
    facts = tuple(Fact(tuple(content_words(key) for key in item["keys"]), str(item["answer"])) for item in raw["facts"])
    definitions = {str(term).lower(): str(meaning) for term, meaning in raw["definitions"].items()}
    return KnowledgeBase(facts, definitions)


@functools.cache
def knowledge_base() -> KnowledgeBase:
    """The built-in knowledge base (read from :data:`DATA_FILE` on the first call)."""
    return parse_knowledge(DATA_FILE.read_text(encoding="utf-8"))
