"""Rasa 3.x NLU training data (``nlu.yml``) read into ``TrainingData`` and written back.

Skills and the Rasa backend share one file format, so a skill's examples train either engine unchanged. Parsing walks
PyYAML's node tree rather than plain dicts so every error can name its ``file:line``. Writing keeps the examples'
order (a new ``- intent:`` item whenever the intent changes), so ``parse(dump(data)) == data`` holds exactly.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import NluError
from assistant.router.nlu.types import EntitySpan, Example, TrainingData

logger = logging.getLogger(__name__)

RASA_VERSION = "3.1"
_ITEM_KINDS = ("intent", "synonym", "lookup", "regex")
_ITEM_EXTRA_KEYS = frozenset({"examples", "metadata"})
_JSON_KEYS = frozenset({"entity", "value", "role", "group"})


@dataclass(frozen=True)
class _Where:
    """A place in the source for error messages: ``file:line``."""

    source: str
    line: int  # 1-based

    def error(self, what: str) -> NluError:
        return NluError(f"{self.source}:{self.line}: {what}")


def load_nlu_yaml(path: Path) -> TrainingData:
    """Read one Rasa ``nlu.yml`` file; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise NluError(f"{path}: cannot read NLU data ({e.strerror}); check the path") from e
    except UnicodeDecodeError as e:
        raise NluError(f"{path}: NLU data is not UTF-8 ({e.reason}); re-save it as UTF-8") from e
    return parse_nlu_yaml(text, str(path))


def parse_nlu_yaml(text: str, source: str = "<nlu>") -> TrainingData:
    """Parse Rasa 3.x NLU YAML text. ``source`` names the text in error messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else 1
        raise NluError(f"{source}:{line}: invalid YAML: {e.problem}") from e
    except yaml.YAMLError as e:
        raise NluError(f"{source}:1: invalid YAML: {e}") from e
    if root is None:
        return TrainingData(examples=())
    if not isinstance(root, yaml.MappingNode):
        raise _where(source, root).error("expected a mapping with an 'nlu:' list at the top")
    examples: list[Example] = []
    synonyms: dict[str, str] = {}
    lookups: dict[str, tuple[str, ...]] = {}
    regexes: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in root.value:
        key = _scalar(source, key_node)
        if key != "nlu":
            continue  # version, stories, rules, responses: not NLU training data
        if not isinstance(value_node, yaml.SequenceNode):
            raise _where(source, value_node).error("'nlu:' must be a list of items (- intent: ...)")
        for item in value_node.value:
            kind, name, lines = _item(source, item)
            if kind == "intent":
                examples.extend(parse_example(text_, name, where) for text_, where in lines)
            elif kind == "synonym":
                synonyms.update({variant: name for variant, _ in lines})
            elif kind == "lookup":
                lookups[name] = lookups.get(name, ()) + tuple(t for t, _ in lines)
            else:
                regexes[name] = regexes.get(name, ()) + tuple(t for t, _ in lines)
    return TrainingData(examples=tuple(examples), synonyms=synonyms, lookups=lookups, regexes=regexes)


def _where(source: str, node: yaml.Node) -> _Where:
    return _Where(source, node.start_mark.line + 1)


def _scalar(source: str, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _where(source, node).error("expected a plain value here, not a list or mapping")
    return str(node.value)


def _item(source: str, node: yaml.Node) -> tuple[str, str, list[tuple[str, _Where]]]:
    """One ``- intent: x / examples: |`` item -> (kind, name, [(line text, where)])."""
    where = _where(source, node)
    if not isinstance(node, yaml.MappingNode):
        raise where.error("an nlu item must be a mapping such as '- intent: greet' with 'examples: |'")
    kind = name = ""
    examples_node: yaml.Node | None = None
    for key_node, value_node in node.value:
        key = _scalar(source, key_node)
        if key in _ITEM_KINDS:
            if kind:
                raise _where(source, key_node).error(f"item has both '{kind}' and '{key}'; split it in two items")
            kind, name = key, _scalar(source, value_node).strip()
        elif key == "examples":
            examples_node = value_node
        elif key not in _ITEM_EXTRA_KEYS:
            allowed = ", ".join((*_ITEM_KINDS, *sorted(_ITEM_EXTRA_KEYS)))
            raise _where(source, key_node).error(f"unknown item key {key!r}; allowed: {allowed}")
    if not kind:
        raise where.error(f"item needs one of {', '.join(_ITEM_KINDS)}")
    if not name:
        raise where.error(f"'{kind}:' needs a name")
    if examples_node is None:
        raise where.error(f"'{kind}: {name}' has no 'examples:'")
    return kind, name, _example_lines(source, examples_node)


def _example_lines(source: str, node: yaml.Node) -> list[tuple[str, _Where]]:
    """The ``- text`` lines of an examples block (or a list of ``text:`` mappings), each with its line."""
    if isinstance(node, yaml.SequenceNode):
        return [(_list_example(source, child), _where(source, child)) for child in node.value]
    block = _scalar(source, node)
    first = node.start_mark.line + (2 if getattr(node, "style", None) in ("|", ">") else 1)
    out: list[tuple[str, _Where]] = []
    for offset, raw in enumerate(block.split("\n")):
        line = raw.strip()
        if not line:
            continue
        where = _Where(source, first + offset)
        if not line.startswith("- "):
            raise where.error(f"example line must start with '- ', got {line[:40]!r}")
        out.append((line[2:].strip(), where))
    return out


def _list_example(source: str, node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if _scalar(source, key_node) == "text":
                return _scalar(source, value_node).strip()
        raise _where(source, node).error("an example given as a mapping needs a 'text:' key")
    return _scalar(source, node).strip()


def parse_example(annotated: str, intent: str, where: _Where | None = None) -> Example:
    """``play [the beatles](artist)`` -> Example with plain text and entity spans (offsets in the plain text)."""
    at = where or _Where("<example>", 1)
    plain: list[str] = []
    length = 0
    spans: list[EntitySpan] = []
    i = 0
    while i < len(annotated):
        ch = annotated[i]
        if ch == "]":
            raise at.error(f"unbalanced brackets: ']' without '[' in {annotated!r}")
        if ch != "[":
            plain.append(ch)
            length += 1
            i += 1
            continue
        close = annotated.find("]", i + 1)
        if close < 0 or "[" in annotated[i + 1 : close]:
            raise at.error(f"unbalanced brackets: '[' without ']' in {annotated!r}")
        surface = annotated[i + 1 : close]
        entity, value, role, i = _annotation(annotated, close + 1, at)
        spans.append(EntitySpan(length, length + len(surface), entity, surface if value is None else value, role))
        plain.append(surface)
        length += len(surface)
    return Example(text="".join(plain), intent=intent, entities=tuple(spans))


def _annotation(text: str, i: int, at: _Where) -> tuple[str, str | None, str | None, int]:
    """Read ``(entity)``, ``(entity:value)`` or ``{json}`` at ``text[i]`` -> (entity, value, role, next index)."""
    opener = text[i] if i < len(text) else ""
    if opener == "(":
        close = text.find(")", i)
        if close < 0:
            raise at.error(f"unbalanced brackets: '(' without ')' in {text!r}")
        entity, sep, value = text[i + 1 : close].partition(":")
        if not entity.strip():
            raise at.error(f"empty entity name in {text!r}")
        return entity.strip(), (value.strip() or None) if sep else None, None, close + 1
    if opener == "{":
        close = text.find("}", i)
        if close < 0:
            raise at.error(f"unbalanced brackets: '{{' without '}}' in {text!r}")
        try:
            spec = json.loads(text[i : close + 1])
        except json.JSONDecodeError as e:
            raise at.error(f"entity annotation is not valid JSON ({e.msg}) in {text!r}") from e
        if not isinstance(spec, dict) or not isinstance(spec.get("entity"), str):
            raise at.error(f'entity annotation needs "entity": "<name>" in {text!r}')
        unknown = set(spec) - _JSON_KEYS
        if unknown:
            raise at.error(f"unknown annotation key {sorted(unknown)[0]!r}; allowed: entity, value, role, group")
        if "group" in spec:
            logger.warning("%s:%d: entity groups are not used; ignoring group %r", at.source, at.line, spec["group"])
        raw_value, raw_role = spec.get("value"), spec.get("role")
        canonical = None if raw_value is None else str(raw_value)
        return spec["entity"], canonical, None if raw_role is None else str(raw_role), close + 1
    raise at.error(f"'[...]' must be followed by '(entity)' or '{{\"entity\": ...}}' in {text!r}")


def annotate(example: Example) -> str:
    """The inverse of ``parse_example``: plain text with ``[surface](entity)`` marks."""
    out: list[str] = []
    pos = 0
    for span in sorted(example.entities, key=lambda s: s.start):
        surface = example.text[span.start : span.end]
        out.append(example.text[pos : span.start])
        if span.value == surface and span.role is None:
            out.append(f"[{surface}]({span.entity})")
        else:
            spec: dict[str, str] = {"entity": span.entity}
            if span.value != surface:
                spec["value"] = span.value
            if span.role is not None:
                spec["role"] = span.role
            out.append(f"[{surface}]{json.dumps(spec, ensure_ascii=False)}")
        pos = span.end
    out.append(example.text[pos:])
    return "".join(out)


def dump_nlu_yaml(data: TrainingData) -> str:
    """Rasa 3.x YAML for ``data``; example order is kept, so loading the result gives equal data."""
    lines = [f'version: "{RASA_VERSION}"', "", "nlu:"]
    previous: str | None = None
    for example in data.examples:
        _check_dumpable(example)
        if example.intent != previous:
            lines += [f"- intent: {_yaml_scalar(example.intent)}", "  examples: |"]
            previous = example.intent
        lines.append(f"    - {annotate(example)}")
    by_canonical: dict[str, list[str]] = {}
    for variant, canonical in data.synonyms.items():
        by_canonical.setdefault(canonical, []).append(variant)
    for kind, table in (("synonym", by_canonical), ("lookup", data.lookups), ("regex", data.regexes)):
        for name, entries in table.items():
            lines += [f"- {kind}: {_yaml_scalar(name)}", "  examples: |"]
            lines += [f"    - {_check_line(entry, f'{kind} {name}')}" for entry in entries]
    return "\n".join(lines) + "\n"


def _check_dumpable(example: Example) -> None:
    _check_line(example.text, f"example of {example.intent}")
    if any(ch in example.text for ch in "[]"):
        raise NluError(f"example {example.text!r} contains '[' or ']', which Rasa's format cannot write; remove them")


def _check_line(text: str, what: str) -> str:
    if "\n" in text or text != text.strip() or not text:
        raise NluError(f"{what}: {text!r} is empty, spans lines or has edge spaces; Rasa's format cannot write it")
    return text


def _yaml_scalar(name: str) -> str:
    """A name as a YAML scalar that loads back as the same string."""
    dumped = yaml.safe_dump(name, default_flow_style=True, width=10_000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()
