"""The command grammar: the sentences the assistant understands, as the recognizers want them.

The speaker does not read the router's NLU data; it is handed plain example sentences (slot values already filled
in) and turns them into a JSGF grammar for PocketSphinx or a phrase list for Vosk. Constraining recognition to what
the assistant can act on is what makes a small model accurate and fast; anything outside falls back to dictation.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Vocabulary = Callable[[str], bool]
"""Whether the recognizer can say a word (has a pronunciation for it)."""

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """0-9999 as words, the way people say them in commands ("set a timer for 25 minutes")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    if n < 10000:
        rest = n % 1000
        return number_words(n // 1000) + " thousand" + ("" if rest == 0 else " " + number_words(rest))
    return " ".join(_ONES[int(d)] for d in str(n))


_ORDINAL_ENDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def ordinal_words(n: int) -> str:
    """1-9999 as an ordinal the way it is said: 3 -> "third", 21 -> "twenty first", 30 -> "thirtieth"."""
    *head, last = number_words(n).split()
    if last in _ORDINAL_ENDS:
        last = _ORDINAL_ENDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return " ".join([*head, last])


def _clock(match: re.Match[str]) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if minute == 0:
        return f" {number_words(hour)} "  # "7:00 am" is said "seven am"
    said = number_words(minute) if minute >= 10 else "oh " + number_words(minute)
    return f" {number_words(hour)} {said} "


#: symbols people say as words; anything else that is not a letter is dropped
_SYMBOLS = {"%": " percent ", "°": " degrees ", "&": " and ", "+": " plus ", "@": " at "}


def normalize(text: str) -> str:
    """Lower case words and apostrophes only, numbers spelled out as said: how recognizers write transcripts.

    "3rd" is "third", "7:05" "seven oh five", "10%" "ten percent", "São" "sao" (a grammar sentence with "three rd"
    in it could never be heard)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\b(\d{1,2}):(\d\d)\b", _clock, text)
    text = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", lambda m: f" {ordinal_words(int(m.group(1)))} ", text)
    text = re.sub(r"\d+", lambda m: f" {number_words(int(m.group()))} ", text)
    for symbol, said in _SYMBOLS.items():
        text = text.replace(symbol, said)
    text = re.sub(r"[^a-z' ]+", " ", text)
    words = [w.strip("'") for w in text.split()]
    return " ".join(w for w in words if w)


@dataclass(frozen=True)
class Grammar:
    sentences: tuple[str, ...]
    """Normalized, unique, in first-seen order."""
    skipped: tuple[tuple[str, str], ...] = field(default=())
    """(sentence, first unknown word) for sentences the recognizer cannot say."""

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for s in self.sentences for w in s.split())

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and normalize(text) in self._index

    @property
    def _index(self) -> frozenset[str]:
        return frozenset(self.sentences)

    def jsgf(self, name: str = "commands") -> str:
        """A JSGF grammar with one alternative per sentence (PocketSphinx's ``add_jsgf_string``)."""
        body = " | ".join(f"( {s} )" for s in self.sentences)
        return f"#JSGF V1.0;\ngrammar {name};\npublic <{name}> = {body};\n"

    def automaton(self, fillers: tuple[str, ...] = (), filler_run: int = 3) -> Automaton:
        """The sentences as a minimal word automaton (shared prefixes and suffixes), plus optional filler runs.

        A flat list of thousands of alternatives makes PocketSphinx's search crawl; merging common prefixes and
        suffixes keeps the graph to a few thousand arcs. ``fillers``: 1..``filler_run`` of these words in a row
        also reach the end (what the wake search uses to explain speech that is not a wake phrase).
        """
        return build_automaton(self.sentences, fillers, filler_run)

    def phrases(self) -> list[str]:
        """The phrase list Vosk's recognizer takes, plus ``[unk]`` so speech outside the grammar is not forced."""
        return [*self.sentences, "[unk]"]


def compile_grammar(sentences: Iterable[str], vocabulary: Vocabulary | None = None) -> Grammar:
    """Normalize and deduplicate; drop (and report) sentences with a word the recognizer cannot pronounce."""
    kept: dict[str, None] = {}
    skipped: list[tuple[str, str]] = []
    for raw in sentences:
        sentence = normalize(raw)
        if not sentence or sentence in kept:
            continue
        unknown = next((w for w in sentence.split() if vocabulary is not None and not vocabulary(w)), None)
        if unknown is not None:
            skipped.append((sentence, unknown))
            continue
        kept[sentence] = None
    if skipped:
        log.info("grammar: %d sentences skipped for unknown words, e.g. %r", len(skipped), skipped[0])
    return Grammar(tuple(kept), tuple(skipped))


@dataclass(frozen=True)
class Automaton:
    start: int
    final: int
    arcs: tuple[tuple[int, int, float, str | None], ...]
    """(from, to, probability, word); word None is an epsilon arc."""


def build_automaton(sentences: Iterable[str], fillers: tuple[str, ...] = (), filler_run: int = 3) -> Automaton:
    trie: list[dict[str, int]] = [{}]
    accepting: set[int] = set()
    for sentence in sentences:
        node = 0
        for word in sentence.split():
            nxt = trie[node].get(word)
            if nxt is None:
                nxt = len(trie)
                trie.append({})
                trie[node][word] = nxt
            node = nxt
        accepting.add(node)
    # minimize: nodes with the same finality and the same (word, merged child) arcs are one state
    merged: dict[int, int] = {}
    signatures: dict[tuple[bool, tuple[tuple[str, int], ...]], int] = {}
    for node in range(len(trie) - 1, -1, -1):  # children always have larger ids than their parent
        signature = (node in accepting, tuple(sorted((w, merged[c]) for w, c in trie[node].items())))
        merged[node] = signatures.setdefault(signature, node)
    # number the surviving states densely: PocketSphinx's FSG search sweeps every state id at every frame
    # (measured: the trie's sparse ids, 13.7k for 4.2k states, cost 0.20 real-time factor against 0.07)
    state = {node: i for i, node in enumerate(sorted(signatures.values()))}
    start, final = state[merged[0]], len(state)
    arcs: list[tuple[int, int, float, str | None]] = []
    for signature, node in signatures.items():
        is_final, edges = signature
        fanout = len(edges) + int(is_final)
        arcs.extend((state[node], state[child], 1.0 / fanout, word) for word, child in edges)
        if is_final:
            arcs.append((state[node], final, 1.0 / fanout, None))
    if fillers:
        start_fillers = final + 1
        arcs.append((start, start_fillers, 0.5, None))
        for step in range(filler_run):
            here, there = start_fillers + step, start_fillers + step + 1
            arcs.extend((here, there, 1.0 / len(fillers), w) for w in fillers)
            arcs.append((there, final, 0.5, None))
    return Automaton(start, final, tuple(arcs))
