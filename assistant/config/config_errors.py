"""What is wrong with config.yml, in its user's words: one line per mistake, ``file:line: key.path: problem``.

Validation (pydantic) works on plain data and speaks of tuples, dictionaries and class names. Here each of its errors
becomes what the key expects, with an example ("must be a list of folders, e.g. [skills]"); a key left empty is said
to be empty; an unknown key gets a "did you mean", or the section it belongs in when it was indented too little; a
word YAML 1.1 read as a boolean or number where text is wanted is told to be quoted. Every mistake of the file is
reported in one run, in the order of the file, each with its line (the YAML composed once more, on this error path
only: :mod:`assistant.config.yaml_nodes`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from assistant.config.yaml_nodes import key_line, node_at, quote_hint, written

Loc = tuple[str | int, ...]
#: One mistake: the key path (empty for the whole file) and what is wrong there.
Mistake = tuple[Loc, str]

#: What a list setting holds, with an example, by its key.
_LISTS = {
    "skill_dirs": "a list of folders, e.g. [skills]",
    "phrases": "a list of wake phrases, e.g. [xiao ai, hey cortana]",
    "pipeline": "a list of Rasa components, e.g. [WhitespaceTokenizer, DIETClassifier epochs=40]",
}
#: What a path setting holds, with an example, by its key (a list's items by the list's key).
_PATHS = {
    "models_dir": "a folder, e.g. models",
    "data_dir": "a folder, e.g. data",
    "skill_dirs": "a folder, e.g. skills",
    "python": "the path of a Python interpreter, e.g. /usr/bin/python3.10",
    "venv": "a folder, e.g. rasa-venv",
    "model": "the path of a trained Rasa model, e.g. models/rasa/nlu.tar.gz",
}
#: pydantic's error types for a plain value of the wrong kind -> what is expected.
_SCALARS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def dotted(loc: Loc) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def report(shown: str, text: str, mistakes: Sequence[Mistake]) -> str:
    """Every mistake on its own line, in the order of the file: ``file:line: key.path: what; fix``."""
    lines: list[tuple[int, str]] = []
    for loc, problem in mistakes:
        line = key_line(text, loc) if loc else _first_line(text)
        place = f"{shown}:{line}" if line else shown
        said = f"{place}: {dotted(loc)}: {problem}" if loc else f"{place}: {problem}"
        if all(said != other for _, other in lines):
            lines.append((line or 0, said))
    return "\n".join(said for _, said in sorted(lines, key=lambda pair: pair[0]))


def _first_line(text: str) -> int | None:
    root = node_at(text, ())
    return root.start_mark.line + 1 if root is not None else None


def describe(value: object) -> str:
    """A value as the user wrote it, in words: ``the text 'nowhere'``, ``a list``, ``the number 5``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the {type(value).__name__} {value}"  # YAML 1.1 reads 2024-03-16 as a date


def schema_mistakes(error: ValidationError, text: str, root: type[BaseModel]) -> list[Mistake]:
    """A failed validation in the user's words: every key that is wrong, once."""
    errors = _untagged(error.errors(include_url=False), root)
    unknown_in = {e["loc"][:-1] for e in errors if e["type"] == "extra_forbidden"}
    mistakes: list[Mistake] = []
    for e in errors:
        loc: Loc = tuple(e["loc"])
        if e["type"] == "missing" and loc[:-1] in unknown_in:
            continue  # the misspelt key beside it says more
        if all(loc != seen for seen, _ in mistakes):
            mistakes.append((loc, _problem(e, text, root)))
    return mistakes


def _untagged(errors: list[ErrorDetails], root: type[BaseModel]) -> list[ErrorDetails]:
    """pydantic tags each member of a union (``input_device.str``, ``input_device.int``): one error for the field,
    its type ``union`` and its message the members' expectations joined ("text or a whole number")."""
    merged: list[ErrorDetails] = []
    for e in errors:
        loc = e["loc"]
        if not (len(loc) > 1 and isinstance(loc[-1], str) and _model_at(loc[:-1], root) is None):
            merged.append(e)
            continue
        if any(m["loc"] == loc[:-1] for m in merged):
            continue
        members = [m for m in errors if m["loc"][:-1] == loc[:-1]]
        said = (_SCALARS.get(m["type"], str(m["msg"]).removeprefix("Input should be ")) for m in members)
        merged.append({**e, "loc": loc[:-1], "type": "union", "msg": " or ".join(dict.fromkeys(said))})
    return merged


def _problem(e: ErrorDetails, text: str, root: type[BaseModel]) -> str:
    loc: Loc = tuple(e["loc"])
    kind, got = e["type"], e.get("input")
    key = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        return f"unknown key{_unknown_hint(loc, root)}"
    if kind == "missing":
        return "is required"
    if kind == "model_type":
        if got is None:
            return "is empty; write its keys indented under it, or remove the line"
        section = _model_at(loc, root)
        keys = ", ".join(f"{k}:" for k in list(section.model_fields)[:2]) if section else ""
        return f"must be a mapping of keys such as {keys} (got {describe(got)})"
    if kind in ("tuple_type", "list_type"):
        wanted = _LISTS.get(key, "a list, e.g. [one, two]")
        if got is None:
            return f"is empty; write {wanted}, or remove the line"
        return f"must be {wanted} (got {describe(got)})"
    if kind == "path_type":
        return f"must be {_PATHS.get(key, 'a path')} (got {describe(got)})"
    if kind in (*_SCALARS, "union") and got is None:
        if isinstance(loc[-1], int):
            return "is empty; give it a value, or remove it from the list"
        return f"is empty; give it a value, or remove the line for the default ({_default(loc, root)})"
    if kind in (*_SCALARS, "union") and isinstance(got, list | dict):
        return f"must be {_SCALARS.get(kind) or e['msg']} (got {describe(got)})"
    return _pydantic_problem(e, text)


def _pydantic_problem(e: ErrorDetails, text: str) -> str:
    """pydantic's own message where it is already plain, with the value given."""
    loc: Loc = tuple(e["loc"])
    kind, got, ctx = e["type"], e.get("input"), e.get("ctx") or {}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        problem = "must be a non-empty string"
    elif kind == "string_pattern_mismatch" and loc[-1] == "locale":
        problem = "must be a BCP-47 locale such as en-US or zh-CN"
    elif kind == "literal_error":
        problem = f"must be one of {ctx.get('expected')}"
    elif kind == "union":
        problem = f"must be {e['msg']}"
    elif kind == "value_error":
        problem = str(e["msg"]).removeprefix("Value error, ")
    else:
        problem = _lower(str(e["msg"])) or "is not allowed"
    if not (kind == "value_error" and repr(got) in problem) and not isinstance(got, dict | list):
        shown = repr(got) if isinstance(got, str | int | float | None) else describe(got)
        problem += f" (got {shown})"  # unless a validator has shown it
    if (kind == "string_type" or (kind == "union" and "text" in problem)) and isinstance(
        got, bool | int | float | date
    ):
        problem += quote_hint(loc[-1], written(text, loc))  # YAML 1.1 made a word (no, on, 12) a bool or number
    return problem


def _lower(msg: str) -> str:
    return f"{msg[0].lower()}{msg[1:]}" if msg else msg


def _model_at(loc: Sequence[int | str], root: type[BaseModel]) -> type[BaseModel] | None:
    """The settings section at a key path, or None when the path ends inside a plain value."""
    model = root
    for part in loc:
        if isinstance(part, int):
            continue
        found = _section(model, str(part))
        if found is None:
            return None
        model = found
    return model


def _section(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    field = model.model_fields.get(key)
    annotation = field.annotation if field else None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _default(loc: Loc, root: type[BaseModel]) -> str:
    model = _model_at(loc[:-1], root)
    field = model.model_fields.get(str(loc[-1])) if model else None
    value: Any = field.default if field else None
    if isinstance(value, tuple):
        return f"[{', '.join(map(str, value))}]"
    return "null" if value is None else str(value) if isinstance(value, str | Path) else repr(value)


def _unknown_hint(loc: Loc, root: type[BaseModel]) -> str:
    """Where an unknown key belongs: a sibling section that has it (``engine:`` indented too little to be inside
    ``nlu:``), else the closest key allowed here, else the keys allowed here."""
    model = _model_at(loc[:-1], root)
    if model is None:
        return ""
    name = str(loc[-1])
    home = next((k for k in model.model_fields if name in getattr(_section(model, k), "model_fields", {})), None)
    if home is not None:
        return f" here; it belongs inside {home}: (indent it below {home}:)"
    close = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; allowed here: {', '.join(model.model_fields)}"
