"""What is wrong with a skill.yml, in its author's words: one line per mistake with the file, the line and the key path.

An unknown key is named as such with the closest real key ("invocatons: ... did you mean 'invocations'?") instead of
the "invocations: is required" it causes; a value of the wrong shape is described ("must be a mapping with
examples: ...") rather than by pydantic's internal class name; a word YAML read as a boolean or number where text
was meant is told to be quoted; a pattern is said in words, not as its regular expression. Every mistake of a file is
reported in one run, in the order of the file. Lines come from composing the YAML text once more, on this error path
only.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from assistant.config.yaml_nodes import key_line, quote_hint, written

Loc = tuple[str | int, ...]

#: What each part of a manifest looks like, by model class name (the names pydantic would otherwise print).
SHAPES = {
    "IntentEntry": "a mapping with 'examples:' (a list of templates) and optionally required, confirm, followup,"
    " another",
    "SlotEntry": "a mapping of type, values, prompt, keep, open ({} for a slot of the built-in type of its name)",
    "HandlerEntry": "a mapping with 'python: handler.py' or 'url: http://...' (and optionally timeout_s)",
    "ValueEntry": "text, or a mapping {value: ..., synonyms: [...]}",
}
_REFERENCE = "see assistant/router/skills/SKILLS.md"


def where(path: Path, text: str, loc: Loc) -> str:
    """``path:line`` when the key is found in the text, else ``path``."""
    line = key_line(text, loc)
    return f"{path}:{line}" if line else str(path)


def dotted(loc: Loc) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


@dataclass(frozen=True)
class Mistake:
    """One thing wrong in a manifest: the key path, what is wrong there, and its line when it is not the key's own
    (a duplicate key's second place)."""

    loc: Loc
    problem: str
    line: int | None = None


def report(name: object, path: Path, text: str, mistakes: Sequence[Mistake]) -> str:
    """Every mistake on its own line, in the order of the file: ``skill 'x' (file:line): key.path: what; fix``."""
    lines: list[tuple[int, str]] = []
    for m in mistakes:
        line = m.line or key_line(text, m.loc)
        place = f"{path}:{line}" if line else str(path)
        said = f"skill {name!r} ({place}): {dotted(m.loc) + ': ' if m.loc else ''}{m.problem}"
        if all(said != other for _, other in lines):
            lines.append((line or 0, said))
    return "\n".join(said for _, said in sorted(lines, key=lambda pair: pair[0]))


def schema_mistakes(text: str, error: ValidationError, root: type[BaseModel]) -> list[Mistake]:
    """A failed validation in the author's words: every key that is wrong, once. An unknown key explains what seems
    missing beside it ("invocatons:" is the "invocations:" that is required), so a missing key is left out then; a
    value pydantic tried as text and as a mapping is one mistake, the deeper one when there is one."""
    errors = [_untagged(e) for e in error.errors(include_url=False)]
    unknown_in = {tuple(e["loc"][:-1]) for e in errors if e["type"] == "extra_forbidden"}
    locs = [tuple(e["loc"]) for e in errors]
    mistakes: list[Mistake] = []
    for e in errors:
        loc: Loc = tuple(e["loc"])
        if e["type"] == "missing" and loc[:-1] in unknown_in:
            continue
        if any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs):
            continue  # a deeper mistake says more (a union member's own key)
        if any(m.loc == loc for m in mistakes):
            continue
        mistakes.append(Mistake(loc, _problem(text, e, root)))
    return mistakes


def _problem(text: str, e: ErrorDetails, root: type[BaseModel]) -> str:
    loc: Loc = tuple(e["loc"])
    kind, value = e["type"], e["input"]
    if kind == "extra_forbidden":
        return f"is not a manifest key{_did_you_mean(root, loc)}"
    if kind == "missing":
        return "is required"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be {_shape(root, loc, e)} (got {_got(value)})"
    if kind == "string_type" and isinstance(value, bool | int | float):
        return f"must be text (got {_got(value)}){quote_hint(loc[-1], written(text, loc))}"
    if kind == "union_tag_invalid" or (kind == "string_type" and loc and isinstance(loc[-1], int)):
        return f"must be {_shape(root, loc, e)} (got {_got(value)})"
    if kind == "string_type":
        return f"must be text (got {_got(value)})"
    if kind == "string_pattern_mismatch":
        return f"{PATTERN_WORDS.get(str(loc[-1]), 'is not written as expected')} (got {value!r})"
    if kind == "list_type":
        shown = f"[{value}]" if isinstance(value, str) else "[a, b]"
        return f"must be a list: write {shown}, or one item per line starting with '- ' (got {_got(value)})"
    if kind == "too_short":
        return f"must {'declare' if isinstance(value, dict) else 'list'} at least one (it is empty)"
    if kind == "string_too_short":
        return "must not be empty text (leave the key out when it is optional)"
    if kind in ("greater_than", "less_than_equal") and loc[-1] == "timeout_s":
        return f"must be a number of seconds above 0 and at most 60 (got {_got(value)})"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number (got {_got(value)})"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false (got {_got(value)})"
    said = str(e["msg"])
    return f"{said[:1].lower()}{said[1:]} (got {_got(value)})"


#: What a value that fails a ``pattern=`` must look like, by key (pydantic would print the regular expression).
PATTERN_WORDS = {
    "name": "must be lower_snake_case: small letters, digits and '_', starting with a letter, e.g. 'coffee_skill'",
    "type": "must be a built-in slot type or a lower_snake_case name, e.g. 'date' or 'cup_size'",
    "python": "must be the name of a .py file in the skill's folder, e.g. handler.py (no folders)",
    "url": "must be the bot's address, starting with http:// or https://",
}


def _untagged(error: ErrorDetails) -> ErrorDetails:
    """pydantic names the member of a union a value was tried as (``values.0.str``); drop those tags."""
    loc = error["loc"]
    kept = [p for i, p in enumerate(loc) if not (i > 0 and isinstance(loc[i - 1], int) and p in ("str", "ValueEntry"))]
    return {**error, "loc": tuple(kept)}


def _did_you_mean(root: type[BaseModel], loc: Loc) -> str:
    model = _model_at(root, loc[:-1])
    if model is None:
        return f" (check the spelling; {_REFERENCE})"
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f" (allowed here: {', '.join(model.model_fields)}; {_REFERENCE})"


def _shape(root: type[BaseModel], loc: Loc, error: ErrorDetails) -> str:
    """What belongs at ``loc``, in words."""
    model = _model_at(root, loc)
    if model is not None and model.__name__ in SHAPES:
        return SHAPES[model.__name__]
    if len(loc) == 1 and loc[0] in ("intents", "slots"):
        return f"a mapping of {str(loc[0])[:-1]} name -> its settings"
    return "a mapping (key: value lines)" if error["type"].endswith(("model_type", "dict_type")) else "text"


def _model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that validates the value at ``loc`` (None: a plain value, or the path leaves the schema)."""
    annotation: Any = root
    parts = list(loc)
    while parts:
        model = _as_model(annotation)
        if model is not None:
            field = model.model_fields.get(str(parts.pop(0)))
            if field is None:
                return None
            annotation = field.annotation
            continue
        origin = typing.get_origin(annotation)
        if origin in (dict, list, tuple):
            parts.pop(0)  # the dict key or the list index
            annotation = typing.get_args(annotation)[-1 if origin is dict else 0]
            continue
        return None
    return _as_model(annotation)


def _as_model(annotation: Any) -> type[BaseModel] | None:
    """``annotation`` itself, or its one model member when it is a union (``str | _Value``, ``_Handler | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        return models[0] if len(models) == 1 else None
    return None


def _got(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "nothing: write a value after the ':'"
    return repr(value)
