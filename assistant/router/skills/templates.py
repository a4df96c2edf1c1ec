"""Compact example templates, expanded into many varied training utterances.

Syntax (a small subset of hassil's): ``(a|b)`` one of the alternatives, ``[x]`` or ``[a|b]`` optional,
``{slot}`` a slot value, ``{slot=v1,v2}`` only the listed values v1 or v2 (and their synonyms) of that slot;
alternatives nest. ``what's the weather [like] (in|for) {city} [{date}]`` yields dozens of annotated examples, so
a manifest stays short while the NLU still sees varied wording; ``dock the {device=vacuum}`` keeps a verb with the
devices it fits.
Expansion is deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?:=([^{}=]+))?\}")
"""``{slot}`` or ``{slot=value,value}``; shared with ``template_match`` so both read templates alike."""


@dataclass(frozen=True)
class SlotRef:
    name: str
    only: tuple[str, ...] = ()
    """The canonical values this place takes (``{device=lamp,fan}``); empty: any of the slot's values."""


def slot_ref(match: re.Match[str]) -> SlotRef:
    """The placeholder a ``PLACEHOLDER`` match found."""
    listed = match.group(2)
    only = tuple(" ".join(v.split()) for v in listed.split(",")) if listed else ()
    return SlotRef(match.group(1), only)


Piece = str | SlotRef


@dataclass(frozen=True)
class Choice:
    options: tuple[tuple[Node, ...], ...]


Node = str | SlotRef | Choice


@dataclass(frozen=True)
class Filled:
    """One expanded utterance with where each slot value landed (``text[start:end]``)."""

    text: str
    spans: tuple[tuple[int, int, str, str], ...]
    """(start, end, slot name, canonical value) for each slot."""


def placeholders(template: str) -> list[str]:
    """The slot names a template uses, in order of first appearance."""
    seen: list[str] = []
    for match in PLACEHOLDER.finditer(template):
        if match.group(1) not in seen:
            seen.append(match.group(1))
    return seen


def restrictions(template: str) -> list[SlotRef]:
    """The placeholders of a template that list the values they take (``{device=vacuum}``)."""
    return [ref for ref in map(slot_ref, PLACEHOLDER.finditer(template)) if ref.only]


def validate_template(template: str) -> str | None:
    """What is wrong with a template, or None; checked when a manifest loads so errors name the line."""
    if not template.strip():
        return "an empty example"
    try:
        _parse(template)
    except ValueError as e:
        return str(e)
    stray = re.sub(PLACEHOLDER, "", template)
    if "{" in stray or "}" in stray:
        return "a '{' or '}' that is not a {slot_name} or {slot_name=value,value} placeholder"
    if any("" in ref.only for ref in restrictions(template)):
        return "an empty value in a {slot_name=value,value} placeholder"
    return None


def _parse(template: str) -> tuple[Node, ...]:
    nodes, pos = _parse_seq(template, 0, "")
    if pos != len(template):
        raise ValueError(f"unbalanced {template[pos]!r} at column {pos + 1}")
    return nodes


def _parse_seq(text: str, pos: int, closer: str) -> tuple[tuple[Node, ...], int]:
    """Parse until ``closer`` (or '|' inside a group); returns the nodes and the position of the stop char."""
    nodes: list[Node] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            nodes.append("".join(buf))
            buf.clear()

    while pos < len(text):
        ch = text[pos]
        if ch in ")]|":
            if not closer or (ch != "|" and ch != closer):
                raise ValueError(f"unbalanced {ch!r} at column {pos + 1}")
            flush()
            return tuple(nodes), pos
        if ch in "([":
            flush()
            choice, pos = _parse_group(text, pos + 1, ")" if ch == "(" else "]")
            nodes.append(choice)
            continue
        match = PLACEHOLDER.match(text, pos)
        if match:
            flush()
            nodes.append(slot_ref(match))
            pos = match.end()
            continue
        buf.append(ch)
        pos += 1
    if closer:
        raise ValueError(f"a '{'(' if closer == ')' else '['}' is never closed")
    flush()
    return tuple(nodes), pos


def _parse_group(text: str, pos: int, closer: str) -> tuple[Choice, int]:
    options: list[tuple[Node, ...]] = []
    while True:
        seq, pos = _parse_seq(text, pos, closer)
        options.append(seq)
        if pos >= len(text):
            raise ValueError("a group is never closed")
        if text[pos] == "|":
            pos += 1
            continue
        pos += 1  # the closer
        break
    if closer == "]":
        options.append(())
    return Choice(tuple(options)), pos


def _count(nodes: Sequence[Node]) -> int:
    total = 1
    for node in nodes:
        if isinstance(node, Choice):
            total *= sum(_count(option) for option in node.options)
    return total


def _all(nodes: Sequence[Node]) -> list[list[Piece]]:
    results: list[list[Piece]] = [[]]
    for node in nodes:
        if isinstance(node, Choice):
            alternatives = [alt for option in node.options for alt in _all(option)]
            results = [r + alt for r in results for alt in alternatives]
        else:
            results = [[*r, node] for r in results]
    return results


def _one(nodes: Sequence[Node], rng: random.Random) -> list[Piece]:
    out: list[Piece] = []
    for node in nodes:
        if isinstance(node, Choice):
            weights = [_count(option) for option in node.options]
            out += _one(rng.choices(node.options, weights=weights)[0], rng)
        else:
            out.append(node)
    return out


def skeletons(template: str, limit: int, rng: random.Random) -> list[list[Piece]]:
    """Up to ``limit`` distinct wordings of a template with slots left open; all of them when there are few."""
    nodes = _parse(template)
    if _count(nodes) <= limit:
        return _all(nodes)
    seen: dict[str, list[Piece]] = {}
    for _ in range(limit * 4):
        pieces = _one(nodes, rng)
        seen.setdefault(repr(pieces), pieces)
        if len(seen) >= limit:
            break
    return list(seen.values())


def fill(pieces: Sequence[Piece], pick: Callable[[SlotRef], tuple[str, str]]) -> Filled:
    """Render a skeleton; ``pick(place)`` gives (surface text, canonical value). Whitespace is normalised."""
    text = ""
    spans: list[tuple[int, int, str, str]] = []
    for piece in pieces:
        if isinstance(piece, SlotRef):
            surface, canonical = pick(piece)
            if text and not text.endswith(" "):
                text += " "
            spans.append((len(text), len(text) + len(surface), piece.name, canonical))
            text += surface
        else:
            words = " ".join(piece.split())
            if not words:
                if text and not text.endswith(" "):
                    text += " "
                continue
            if piece[:1].isspace() and text and not text.endswith(" "):
                text += " "
            text += words
            if piece[-1:].isspace():
                text += " "
    stripped = text.rstrip()
    return Filled(stripped, tuple(spans))
