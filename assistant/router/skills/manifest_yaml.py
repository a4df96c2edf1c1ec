"""A skill.yml read as YAML, with a key given twice in one mapping reported instead of the last one silently winning.

config.yml (``assistant.config.settings``) and test scripts (``assistant.scripts.yaml_tree``) refuse duplicate keys
too, each while building its own kind of data; here the document is composed once into nodes (libyaml when present:
manifests are read at every start), the nodes are walked for repeated keys with the key path for the message, and
the same nodes are then turned into plain data. Scalars keep PyYAML's YAML 1.1 rules, as manifests always had.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.errors import ManifestError
from assistant.router.skills.manifest_errors import Loc, Mistake

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_manifest_yaml(text: str, path: Path) -> tuple[Any, list[Mistake]]:
    """The document's data and one :class:`Mistake` per repeated key (the data holds the last value given). A YAML
    syntax error raises :class:`ManifestError` at once: nothing after it can be read."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        duplicates = _duplicates(root, ()) if root is not None else []
        return (loader.construct_document(root) if root is not None else None), duplicates
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ManifestError(
            f"{where}: {getattr(e, 'problem', None) or 'not valid YAML'} (fix the YAML syntax)"
        ) from None
    finally:
        loader.dispose()


def _duplicates(node: yaml.Node, loc: Loc) -> list[Mistake]:
    found: list[Mistake] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in first:
                what = f"{key!r} appears twice (first at line {first[key]}); keep one"
                found.append(Mistake(loc, what if loc else f"key {what}", line))
            else:
                first[key] = line
            found.extend(_duplicates(value_node, (*loc, key)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found.extend(_duplicates(item, (*loc, i)))
    return found
