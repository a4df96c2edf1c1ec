"""Where a key path is in a YAML text, and how its value was written there: for error messages only.

Validation works on plain data (dicts, lists, scalars), which has forgotten lines and spelling: ``voice: no`` is
already ``False``. When a value is wrong, the text is composed once more (cheap, and only on that error path) to
name the line and quote what the user wrote.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml


def node_at(text: str, loc: Sequence[str | int]) -> yaml.Node | None:
    """The node at ``loc`` (mapping keys and list indexes from the top); None when the text or path is not there.
    A path that ends in a mapping key the mapping lacks gives the mapping (its line is the nearest there is)."""
    walked = _walk(text, loc)
    if walked is None:
        return None
    steps, whole = walked
    last = steps[-1][0]
    return last if whole or isinstance(last, yaml.MappingNode) else None


def _walk(text: str, loc: Sequence[str | int]) -> tuple[list[tuple[yaml.Node, int | None]], bool] | None:
    """The nodes along ``loc`` as far as it is written, from the root, each with the line of its key (or list
    item; None for the root), and whether the whole path is there; None when the text is not YAML or is empty."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    steps: list[tuple[yaml.Node, int | None]] = [(node, None)]
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            keyed = (pair for pair in node.value if isinstance(pair[0], yaml.ScalarNode) and pair[0].value == str(part))
            pair = next(keyed, None)
            if pair is None:
                return steps, False
            node = pair[1]
            steps.append((node, pair[0].start_mark.line + 1))
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            steps.append((node, node.start_mark.line + 1))
        else:
            return steps, False
    return steps, True


def key_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the key (or list item) at ``loc``; None when it cannot be found."""
    if not loc:
        return None
    parent = node_at(text, loc[:-1])
    if isinstance(parent, yaml.MappingNode):
        key = next((k for k, _ in parent.value if isinstance(k, yaml.ScalarNode) and k.value == str(loc[-1])), None)
        return (key or parent).start_mark.line + 1
    node = node_at(text, loc)
    return node.start_mark.line + 1 if node is not None else None


def nearest_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the key at ``loc``, or of the deepest key on its path that is written (``router:`` for a
    ``router.timezone`` left to its default); None when not even the first key is there."""
    walked = _walk(text, loc)
    return next((line for _, line in reversed(walked[0]) if line is not None), None) if walked else None


def written(text: str, loc: Sequence[str | int]) -> str | None:
    """The scalar at ``loc`` as it is written (``no`` where the data holds ``False``); None when not a scalar."""
    node = node_at(text, loc)
    return node.value if isinstance(node, yaml.ScalarNode) and not node.style else None


def quote_hint(key: str | int, text: str | None) -> str:
    """``; put it in quotes: voice: "no"`` for a value YAML read as a boolean or number where text was wanted."""
    if not text:
        return ""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    shown = f'{key}: "{escaped}"' if isinstance(key, str) else f'"{escaped}"'
    return f"; put it in quotes: {shown}"
