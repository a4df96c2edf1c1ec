"""Comparing what a script wrote with what the assistant produced, and showing either in a diff line.

Numbers compare by value (``600`` equals ``600.0``), text exactly, mappings by the keys the script lists
(``subset_diff``) or all keys (``values_equal``), lists item by item.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_SHOWN_MAX = 160


@dataclass(frozen=True)
class Shown:
    """A value that a diff line shows as ``text`` and the JSON report gives as ``value`` (``absent``: null)."""

    text: str
    value: Any = None


ABSENT = Shown("absent")


def show(value: Any) -> str:
    """One-line JSON-ish rendering, cut at a readable length (a :class:`Shown` is its text, as written)."""
    if isinstance(value, Shown):
        return value.text
    if isinstance(value, str):
        text = repr(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 3] + "..."


def plain(value: Any) -> Any:
    """The JSON value of what :func:`show` renders: the value itself, whole."""
    return value.value if isinstance(value, Shown) else value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def values_equal(expected: Any, actual: Any) -> bool:
    """Whole-value equality with numbers compared by value (1e-9 relative tolerance)."""
    if _is_number(expected) and _is_number(actual):
        return math.isclose(float(expected), float(actual), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(expected, Mapping) and isinstance(actual, Mapping):
        return set(expected) == set(actual) and all(values_equal(expected[k], actual[k]) for k in expected)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(values_equal(e, a) for e, a in zip(expected, actual, strict=True))
    return type(expected) is type(actual) and bool(expected == actual)


def subset_diff(expected: Any, actual: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """(path, expected, actual) for every place where ``actual`` lacks what ``expected`` lists (a missing key's
    actual value is :data:`ABSENT`).

    Mappings need only the listed keys (recursively); lists need the same length, item by item; scalars must be
    equal. ``path`` is written like ``.commands[0].set.power``.
    """
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            return [(path, dict(expected), actual)]
        found: list[tuple[str, Any, Any]] = []
        for key, want in expected.items():
            if key not in actual:
                found.append((f"{path}.{key}", want, ABSENT))
            else:
                found += subset_diff(want, actual[key], f"{path}.{key}")
        return found
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
            return [(path, list(expected), actual)]
        return [
            d for i, (e, a) in enumerate(zip(expected, actual, strict=True)) for d in subset_diff(e, a, f"{path}[{i}]")
        ]
    return [] if values_equal(expected, actual) else [(path, expected, actual)]
