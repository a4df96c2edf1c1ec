"""The keys a ``directives:`` item or an ``action:`` expectation may name: those the observed objects really have.

A directive is the Mi-AI response's :class:`bridge.miai.Directive` in its wire form (``type``, ``tts_item``,
``audio_item`` and what they hold), read from the model itself so the two cannot drift apart. An action is what
:mod:`assistant.turn` makes of the response's ``action`` and ``action_property``: ``{name, properties}``.
A key outside these could never be matched, so it is a mistake at validation, with "did you mean".
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.scripts import schema
from assistant.scripts.names import suggestion
from assistant.scripts.schema import Context
from assistant.scripts.yaml_tree import Node
from bridge.miai import Directive
from bridge.wire_model import WireModel


@dataclass(frozen=True)
class Shape:
    """A mapping with these keys (``keys`` None: any value, not checked further); ``choices``: the only texts."""

    keys: Mapping[str, Shape] | None = None
    choices: tuple[str, ...] = field(default=())


ANY = Shape()


def model_shape(model: type[WireModel]) -> Shape:
    """The wire keys of ``model`` (aliases where it has them), nested models and ``Literal`` choices included."""
    keys: dict[str, Shape] = {}
    for name, info in model.model_fields.items():
        keys[info.alias or name] = _value_shape(info.annotation)
    return Shape(keys)


def _value_shape(annotation: Any) -> Shape:
    if typing.get_origin(annotation) is typing.Literal:
        return Shape(choices=tuple(str(a) for a in typing.get_args(annotation)))
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, WireModel):
            return model_shape(arg)
    return ANY


DIRECTIVE = model_shape(Directive)
#: TurnResult.action: ``{"name": response.action, "properties": response.action_property or {}}``.
ACTION = Shape({"name": ANY, "properties": ANY})


def check_shape(ctx: Context, node: Node, shape: Shape, what: str) -> None:
    """Note every key of ``node`` (recursively) that ``shape`` does not have, and a text not among its choices."""
    if shape.choices:
        if node.kind == "scalar" and node.value not in shape.choices:
            hint = suggestion(str(node.value), shape.choices) or f" (one of {', '.join(shape.choices)})"
            ctx.note(node.line, f"{what} is never {node.value!r}{hint}")
        return
    if shape.keys is None or node.value is None:
        return
    if node.kind != "map":
        ctx.note(node.line, f"{what} is a mapping with keys {', '.join(shape.keys)}; got {node.type_name}")
        return
    schema.check_keys(ctx, node, tuple(shape.keys), what)
    for key, child in node.value.items():
        if key in shape.keys:
            check_shape(ctx, child, shape.keys[key], f"{what}.{key}")
