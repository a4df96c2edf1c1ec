"""BERT's uncased WordPiece tokenizer in plain Python: the ids the static sentence vectors are looked up by.

The vectors table is indexed by the vocabulary of all-MiniLM-L6-v2 (BERT's uncased 30,522 pieces), so a parse must
split text exactly as BERT does: lower case, accents stripped, punctuation and CJK characters split off, then each
word cut greedily into the longest vocabulary pieces (``##`` marks a piece inside a word). Written here rather than
taken from the ``tokenizers`` wheel because it is a few dozen lines, and a per-word cache makes it as fast.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

UNKNOWN = "[UNK]"
MAX_WORD_CHARS = 100  # BERT's limit: longer "words" are one unknown piece


def _is_punctuation(ch: str) -> bool:
    """ASCII symbols count as punctuation too (BERT splits "$5" and "a-b" there), as do Unicode P* characters."""
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FA1F


def basic_words(text: str) -> list[str]:
    """Lower-cased, accent-free words; every punctuation mark and CJK character is a word of its own."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    words: list[str] = []
    current: list[str] = []
    for ch in decomposed:
        category = unicodedata.category(ch)
        if category == "Mn" or (category in ("Cc", "Cf") and not ch.isspace()):
            continue  # accents and control characters vanish
        if ch.isspace() or _is_punctuation(ch) or _is_cjk(ch):
            if current:
                words.append("".join(current))
                current = []
            if not ch.isspace():
                words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


@dataclass(frozen=True)
class WordPiece:
    """Greedy longest-match-first WordPiece over ``vocabulary`` (the lines of BERT's vocab.txt, id = position)."""

    vocabulary: Sequence[str]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {piece: i for i, piece in enumerate(self.vocabulary)}
        if UNKNOWN not in index:
            raise ValueError(f"a WordPiece vocabulary needs the {UNKNOWN} piece")
        object.__setattr__(self, "_index", index)
        # the cache belongs to this vocabulary, so two tokenizers never share entries
        object.__setattr__(self, "word_ids", functools.lru_cache(maxsize=65_536)(self._word_ids))

    def _word_ids(self, word: str) -> tuple[int, ...]:
        """The piece ids of one basic word; a word with an unmatched stretch is one ``[UNK]``, as in BERT."""
        if len(word) > MAX_WORD_CHARS:
            return (self._index[UNKNOWN],)
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self._index.get(piece, -1)
                if found >= 0:
                    break
                end -= 1
            if found < 0:
                return (self._index[UNKNOWN],)
            ids.append(found)
            start = end
        return tuple(ids)

    def word_ids(self, word: str) -> tuple[int, ...]:  # replaced by a cached bound copy in __post_init__
        return self._word_ids(word)

    def ids(self, text: str) -> list[int]:
        """Piece ids of ``text``, without ``[CLS]``/``[SEP]``."""
        return [i for word in basic_words(text) for i in self.word_ids(word)]

    def pieces(self, text: str) -> list[str]:
        """The pieces themselves ("playing" -> ["playing"], "snoozing" -> ["s", "##no", "##oz", "##ing"])."""
        return [self.vocabulary[i] for i in self.ids(text)]
