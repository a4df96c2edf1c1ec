"""Small typed readers over the YAML tree: each either returns the value or raises ``file:line: what is wrong``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import ScriptError
from assistant.scripts.names import KnownNames, suggestion
from assistant.scripts.yaml_tree import Node


@dataclass(frozen=True)
class Context:
    """Where we are reading (for messages) and which names are valid (None: names are not checked)."""

    path: Path
    names: KnownNames | None

    def error(self, line: int, problem: str) -> ScriptError:
        return ScriptError(f"{self.path}:{line}: {problem}")


def check_keys(ctx: Context, node: Node, allowed: Iterable[str], what: str) -> None:
    """Refuse keys not in ``allowed``, naming the closest allowed key."""
    allowed = tuple(allowed)
    lines = node.key_lines or {}
    for key in node.value:
        if key not in allowed:
            hint = suggestion(key, allowed) or f"; allowed: {', '.join(allowed)}"
            raise ctx.error(lines.get(key, node.line), f"unknown key {key!r} in {what}{hint}")


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
