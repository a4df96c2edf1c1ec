"""Small typed readers over the YAML tree: each either returns the value or raises ``file:line: what is wrong``.

The :class:`Context` also collects mistakes (``ctx.note``, ``with ctx.checking():``) so that reading goes on after
one and a script's every mistake is reported in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.scripts.mistakes import Mistake, Mistakes
from assistant.scripts.names import KnownNames, closest
from assistant.scripts.yaml_tree import Node


@dataclass(frozen=True)
class Context:
    """Where we are reading (for messages) and which names are valid (None: names are not checked)."""

    path: Path
    names: KnownNames | None
    mistakes: Mistakes = field(default_factory=Mistakes, compare=False)

    def error(self, line: int, problem: str) -> Mistake:
        """A mistake to raise: what it spoils (a value, a step) is not read further."""
        return Mistake(self.path, line, problem)

    def note(self, line: int, problem: str) -> None:
        """A mistake that spoils nothing else: reading goes on."""
        self.mistakes.note(Mistake(self.path, line, problem))

    def checking(self) -> AbstractContextManager[None]:
        """``with ctx.checking():`` a mistake raised in the block is noted and reading goes on after it."""
        return self.mistakes.checking()


def check_keys(ctx: Context, node: Node, allowed: Iterable[str], what: str) -> frozenset[str]:
    """Note every key not in ``allowed``, naming the closest allowed key. Returns the keys suggested, so a caller
    does not report one of them as missing too: the misspelling is the one mistake."""
    allowed = tuple(allowed)
    lines = node.key_lines or {}
    suggested: set[str] = set()
    for key in node.value:
        if key not in allowed:
            close = closest(key, allowed)
            hint = f" (did you mean {close!r}?)" if close else f"; allowed: {', '.join(allowed)}"
            ctx.note(lines.get(key, node.line), f"unknown key {key!r} in {what}{hint}")
            suggested.update([close] if close else [])
    return frozenset(suggested)


def require(ctx: Context, node: Node, key: str, problem: str, *, suggested: frozenset[str]) -> None:
    """Note ``problem`` when ``key`` is missing from a mapping, unless a misspelling of it was already noted."""
    if key not in node.value and key not in suggested:
        ctx.note(node.line, problem)


def mapping(ctx: Context, node: Node, what: str) -> dict[str, Node]:
    if node.kind != "map":
        raise ctx.error(node.line, f"{what} must be a mapping (key: value lines), got {node.type_name}")
    value: dict[str, Node] = node.value
    return value


def sequence(ctx: Context, node: Node, what: str, *, non_empty: bool = False) -> list[Node]:
    if node.kind != "seq":
        raise ctx.error(node.line, f"{what} must be a list (lines starting with '- '), got {node.type_name}")
    items: list[Node] = node.value
    if non_empty and not items:
        raise ctx.error(node.line, f"{what} must not be empty")
    return items


def text(ctx: Context, node: Node, what: str, *, empty_ok: bool = False) -> str:
    if node.kind != "scalar" or not isinstance(node.value, str):
        raise ctx.error(node.line, f"{what} must be text, got {node.type_name}")
    if not empty_ok and not node.value.strip():
        raise ctx.error(node.line, f"{what} must not be empty")
    return node.value


def optional_text(ctx: Context, node: Node, what: str) -> str | None:
    if node.kind == "scalar" and node.value is None:
        return None
    return text(ctx, node, what)


def boolean(ctx: Context, node: Node, what: str) -> bool:
    if node.kind != "scalar" or not isinstance(node.value, bool):
        raise ctx.error(node.line, f"{what} must be true or false, got {node.type_name}")
    return node.value


def number(ctx: Context, node: Node, what: str) -> float:
    value = node.value
    if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ctx.error(node.line, f"{what} must be a number, got {node.type_name}")
    return float(value)


def plain_mapping(ctx: Context, node: Node, what: str) -> dict[str, Any]:
    """A free-form mapping (slot values, device state), as plain Python data."""
    mapping(ctx, node, what)
    plain: dict[str, Any] = node.plain()
    return plain


def line_of(node: Node, key: str) -> int:
    """The line of ``key`` in a mapping node (the node's own line when unknown)."""
    return (node.key_lines or {}).get(key, node.line)
