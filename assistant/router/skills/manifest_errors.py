"""What is wrong with a skill.yml, in its author's words: one line with the file, the line and the key path.

An unknown key is named as such with the closest real key ("invocatons: ... did you mean 'invocations'?") instead of
the "invocations: is required" it causes; a value of the wrong shape is described ("must be a mapping with
examples: ...") rather than by pydantic's internal class name; a word YAML read as a boolean or number where text
was meant is told to be quoted. Lines come from composing the YAML text once more, on this error path only.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
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


def describe(path: Path, text: str, raw: dict[str, Any], error: ValidationError, root: type[BaseModel]) -> str:
    """One line for a failed validation: unknown keys first (they explain what seems missing), else the first."""
    errors = [_untagged(e) for e in error.errors(include_url=False)]
    unknown = [e for e in errors if e["type"] == "extra_forbidden"]
    first = min(unknown, key=lambda e: key_line(text, e["loc"]) or 0) if unknown else errors[0]
    loc: Loc = tuple(first["loc"])
    kind = first["type"]
    if kind == "extra_forbidden":
        problem = f"is not a manifest key{_did_you_mean(root, loc)}"
    elif kind == "missing":
        problem = "is required"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        problem = f"must be {_shape(root, loc, first)} (got {_got(first['input'])})"
    elif kind == "string_type" and isinstance(first["input"], bool | int | float):
        problem = f"must be text (got {_got(first['input'])}){quote_hint(loc[-1], written(text, loc))}"
    elif kind == "union_tag_invalid" or (kind == "string_type" and loc and isinstance(loc[-1], int)):
        problem = f"must be {_shape(root, loc, first)} (got {_got(first['input'])})"
    else:
        problem = str(first["msg"])
    return f"skill {raw.get('name', '?')!r} ({where(path, text, loc)}): {dotted(loc)}: {problem}"


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
    return repr(value)
