"""YAML read into a tree that remembers the line of every key and value, so errors can say ``file:line``.

Scalars follow YAML 1.2's core schema rather than PyYAML's YAML 1.1 defaults: ``on``/``off``/``yes``/``no`` stay
strings (a device's ``power: on`` means the word), ``2024-03-16`` stays a string (dates are compared as the NLU
gives them), and ``10:30`` is not the sexagesimal number 630. Duplicate keys are an error instead of the last one
silently winning. The parser's own words for a syntax error (``expected <block end>, but found '?'``) come with a
plain one first, since most of them mean a line is indented wrongly.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.errors import ScriptError
from assistant.scripts.mistakes import Mistake, Mistakes

Kind = Literal["map", "seq", "scalar"]


@dataclass(frozen=True)
class Node:
    """A YAML value with its 1-based line. ``value``: dict[str, Node] for maps, list[Node] for sequences."""

    kind: Kind
    value: Any
    line: int
    key_lines: dict[str, int] | None = None

    @property
    def type_name(self) -> str:
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        return _scalar_name(self.value)

    def plain(self) -> Any:
        """The value as ordinary Python data (dicts, lists, scalars), lines dropped."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value


def _scalar_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {value!r}"


_CORE_RESOLVERS: tuple[tuple[str, str, str], ...] = (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
)


@functools.cache
def _loader_class() -> type[yaml.SafeLoader]:
    """A SafeLoader with the YAML 1.2 core scalar rules (built on first use, not at import)."""

    class CoreLoader(yaml.SafeLoader):
        pass

    CoreLoader.yaml_implicit_resolvers = {}
    for tag, pattern, first in _CORE_RESOLVERS:
        CoreLoader.add_implicit_resolver(tag, re.compile(pattern), list(first) + ([""] if "~" in first else []))
    return CoreLoader


def read_tree(path: Path, mistakes: Mistakes | None = None) -> Node:
    """Read ``path`` and return its tree; unreadable files and YAML syntax errors raise ScriptError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such file (check the path)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ScriptError(f"{path}: cannot be read: {e}") from None
    return parse_tree(text, path, mistakes)


def parse_tree(text: str, path: Path, mistakes: Mistakes | None = None) -> Node:
    """The tree of one YAML document; an empty document is an empty mapping.

    A duplicate key is noted in ``mistakes`` (the first value is kept) and reading goes on; without ``mistakes``
    it is raised. A syntax error always raises: nothing after it can be read.
    """
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return Node("map", {}, 1, {})
        return _convert(loader, root, path, mistakes or _Raising())
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = plain_yaml_problem(e.problem or "not valid YAML")
        if (e.context or "").startswith("while scanning a quoted scalar") and e.context_mark is not None:
            mark = e.context_mark  # the parser found out at the end of the file; the quote was opened here
            problem = f"a quoted text opened on this line is not closed; add the closing quote (YAML: {e.problem})"
        if mark is None:
            raise ScriptError(f"{path}: {problem}") from None
        raise Mistake(path, mark.line + 1, problem) from None
    except yaml.YAMLError as e:
        raise ScriptError(f"{path}: not valid YAML: {e}") from None
    finally:
        loader.dispose()


#: The parser's phrasing -> what it almost always means in a hand-written file.
_PLAIN: tuple[tuple[str, str], ...] = (
    ("expected <block end>", "this line is not indented like the lines around it; check the indentation of this line"),
    (
        "mapping values are not allowed",
        "a ':' where none was expected; check the indentation of this line, or quote text that holds ': '",
    ),
    ("could not find expected ':'", "a line without 'key: value'; check the indentation of this line"),
    ("cannot start any token", "a character YAML does not allow here (a tab? indent with spaces only)"),
    ("expected ',' or ']'", "a [list] is not closed with ']' on this line (or text in it holds ': ', quote it)"),
    ("expected ',' or '}'", "a {mapping} is not closed with '}' on this line (or text in it holds ': ', quote it)"),
)


def plain_yaml_problem(problem: str) -> str:
    """The YAML parser's ``problem`` with a plain explanation and fix in front, the parser's words kept after."""
    for phrase, plain in _PLAIN:
        if phrase in problem:
            return f"{plain} (YAML: {problem})"
    return f"{problem} (fix the YAML syntax)"


class _Raising(Mistakes):
    """Mistakes that are raised at once (for callers that collect none)."""

    def note(self, mistake: ScriptError) -> None:
        raise mistake


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: Path, mistakes: Mistakes) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                mistakes.note(Mistake(path, key_line, "a key must be plain text, not a list or mapping"))
                continue
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in values:
                mistakes.note(Mistake(path, key_line, f"duplicate key {key!r} (first at line {lines[key]}); keep one"))
                continue
            values[key] = _convert(loader, value_node, path, mistakes)
            lines[key] = key_line
        return Node("map", values, line, lines)
    if isinstance(node, yaml.SequenceNode):
        return Node("seq", [_convert(loader, item, path, mistakes) for item in node.value], line)
    return Node("scalar", loader.construct_object(node), line)
