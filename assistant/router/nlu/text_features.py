"""Tokens with character offsets, and the sparse n-gram features the intent classifier reads.

One analyzer serves training (through scikit-learn's ``TfidfVectorizer(analyzer=...)``) and parsing (a few dict
look-ups, no scikit-learn import), so both see exactly the same features and a loaded model needs only numpy.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Words (with inner apostrophes), numbers with decimals, single CJK characters, or single punctuation marks.
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,:]\d+)*|[^\w\s]", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens with offsets into ``text``; CJK runs split into characters (no word spaces in Chinese)."""
    out: list[Token] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if _CJK.search(word):
            out.extend(Token(ch, match.start() + i, match.start() + i + 1) for i, ch in enumerate(word))
        else:
            out.append(Token(word, match.start(), match.end()))
    return tuple(out)


@functools.lru_cache(maxsize=65_536)
def word_key(word: str) -> str:
    """The form a word is matched by: lower case, digits folded to 0 (so "7:30" and "8:15" share features)."""
    return _DIGIT.sub("0", word.lower())


@dataclass(frozen=True)
class NgramAnalyzer:
    """Word 1..``word_n``-grams plus character ``char_min``..``char_max``-grams inside each padded word."""

    word_n: int = 2
    char_min: int = 2
    char_max: int = 5

    def __call__(self, text: str) -> list[str]:
        words = [word_key(t.text) for t in tokenize(text) if t.text.isalnum() or "'" in t.text]
        feats = [f"w:{w}" for w in words]
        for n in range(2, self.word_n + 1):
            feats += ["w:" + " ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
        for word in words:
            padded = f" {word} "
            for n in range(self.char_min, self.char_max + 1):
                feats += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
        return feats


def sublinear_tfidf(
    features: list[str], vocabulary: Mapping[str, int], idf: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
    """The l2-normalised ``(1 + log tf) * idf`` vector of known features, as (column indices, values).

    The same arithmetic as ``TfidfVectorizer(sublinear_tf=True, norm="l2")``; a test holds the two equal.
    """
    counts = Counter(vocabulary[f] for f in features if f in vocabulary)
    if not counts:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
    columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
    tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
    values = tf * idf[columns]
    norm = float(np.sqrt(np.dot(values, values)))
    return columns, values / norm if norm > 0 else values
