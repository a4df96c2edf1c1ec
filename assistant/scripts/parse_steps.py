"""Reading one step (``say`` / ``audio`` / ``advance``) and its expectations out of the YAML tree.

Names are checked here against the skills' manifests (unknown intent, skill or slot), audio files must exist and
be WAV with samples in them, words must fit the bridge, regular expressions must compile: anything that would only
fail at run time fails now, with its line. A mistake spoils only its own key (or step); the others are still read.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from assistant.scripts import schema
from assistant.scripts.expectations import (
    ActionIs,
    AnnouncementsMatch,
    DevicesMatch,
    DirectivesMatch,
    Expectation,
    FlagIs,
    IntentIs,
    SkillIs,
    SlotsMatch,
    TextIs,
    TextMatch,
    TextRules,
)
from assistant.scripts.model import Step
from assistant.scripts.names import property_problem, suggestion
from assistant.scripts.schema import Context
from assistant.scripts.shapes import ACTION, DIRECTIVE, check_shape
from assistant.scripts.yaml_tree import Node
from bridge.wire_model import MAX_TEXT

INPUT_KEYS = ("say", "audio", "advance")
TURN_EXPECTATIONS = (
    "intent",
    "skill",
    "slots",
    "slots_exact",
    "reply",
    "speech",
    "open_mic",
    "session_end",
    "not_understood",
    "skill_error",
    "directives",
    "action",
    "devices",
    "announce",
)
ADVANCE_EXPECTATIONS = ("announce", "devices")
TEXT_RULES = ("exact", "contains", "not_contains", "regex")
TEXT_FORMS = f"text, or a mapping of {', '.join(TEXT_RULES)} (e.g. {{contains: [Paris, degrees]}})"
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\s*", re.I)


def parse_step(ctx: Context, node: Node) -> Step:
    """One item of a conversation's ``turns:`` list."""
    body = schema.mapping(ctx, node, "a turn")
    given = [k for k in INPUT_KEYS if k in body]
    if len(given) != 1:
        problem = "has none of" if not given else f"has {' and '.join(given)}; give only one of"
        raise ctx.error(node.line, f"a turn {problem} 'say: words', 'audio: file.wav', 'advance: 10m'")
    kind = given[0]
    allowed: tuple[str, ...] = TURN_EXPECTATIONS
    if kind == "advance":
        for key in body:
            if key in TURN_EXPECTATIONS and key not in ADVANCE_EXPECTATIONS:
                ctx.note(schema.line_of(node, key), f"{key!r} is checked on a turn, not on 'advance'")
    schema.check_keys(ctx, node, (kind, *allowed), "a turn")
    value = body[kind]
    expectations = parse_expectations(ctx, node)
    if kind == "say":
        return Step("say", node.line, text=words(ctx, value, "say"), expectations=expectations)
    if kind == "audio":
        return Step("audio", node.line, audio=audio_file(ctx, value), expectations=expectations)
    return Step("advance", node.line, advance=duration(ctx, value), expectations=expectations)


def parse_expectations(ctx: Context, node: Node) -> tuple[Expectation, ...]:
    """The expectation keys of a turn (or short-form test), in the order written; other keys are ignored here."""
    body: dict[str, Node] = node.value
    intent: str | None = None
    known_intent = True  # a wrong intent: which slots it has is unknown, so slot names are not checked
    if "intent" in body:
        known_intent = False
        with ctx.checking():
            intent = _intent(ctx, body["intent"])
            known_intent = True
    found: list[Expectation] = []
    for key, value in body.items():
        with ctx.checking():
            found += _expectation(ctx, node, key, value, intent, known_intent)
    return tuple(found)


def _intent(ctx: Context, node: Node) -> str | None:
    intent = schema.optional_text(ctx, node, "intent")
    if intent is not None and ctx.names is not None and not ctx.names.is_intent(intent):
        elsewhere = ctx.names.no_such_skill(intent)
        if elsewhere:
            raise ctx.error(node.line, f"unknown intent {intent!r}: {elsewhere}")
        hint = suggestion(intent, ctx.names.intents) or " (see the intents in each skill.yml, or 'oos')"
        raise ctx.error(node.line, f"unknown intent {intent!r}{hint}")
    return intent


def _expectation(
    ctx: Context, node: Node, key: str, value: Node, intent: str | None, known_intent: bool
) -> list[Expectation]:
    """The expectation of one key (none for the keys that are not expectations)."""
    line = schema.line_of(node, key)
    if key == "intent":
        return [IntentIs(line, intent)]
    if key == "skill":
        return [SkillIs(line, _skill(ctx, value))]
    if key in ("slots", "slots_exact"):
        return [SlotsMatch(line, _slots(ctx, value, key, intent, known_intent), exact=key == "slots_exact")]
    if key in ("reply", "speech"):
        return [TextIs(line, "reply" if key == "reply" else "speech", text_rules(ctx, value, key))]
    if key in ("open_mic", "session_end", "not_understood", "skill_error"):
        return [FlagIs(line, key, schema.boolean(ctx, value, key))]  # type: ignore[arg-type]
    if key == "directives":
        items = schema.sequence(ctx, value, "directives")
        for i, item in enumerate(items):
            if item.kind == "map":  # anything else is noted as not a mapping just below
                check_shape(ctx, item, DIRECTIVE, f"directives[{i}]")
        return [DirectivesMatch(line, tuple(schema.plain_mapping(ctx, d, "a directive") for d in items))]
    if key == "action":
        if value.kind == "map":
            check_shape(ctx, value, ACTION, key)
        return [ActionIs(line, None if value.value is None else schema.plain_mapping(ctx, value, key))]
    if key == "devices":
        return [DevicesMatch(line, device_states(ctx, value, "devices"))]
    if key == "announce":
        return [_announce(ctx, value, line)]
    return []


def _skill(ctx: Context, node: Node) -> str | None:
    name = schema.optional_text(ctx, node, "skill")
    if name is not None and ctx.names is not None and name not in ctx.names.skills:
        hint = suggestion(name, ctx.names.skills) or f"; installed: {', '.join(sorted(ctx.names.skills))}"
        raise ctx.error(node.line, f"unknown skill {name!r}{hint}")
    return name


def _slots(ctx: Context, node: Node, key: str, intent: str | None, known_intent: bool) -> dict[str, Any]:
    values = schema.plain_mapping(ctx, node, key)
    if ctx.names is not None and known_intent:
        valid = ctx.names.slots_of(intent)
        skill = ctx.names.intents.get(intent or "")
        for name in values:
            if name not in valid:
                owner = f" for {intent}" if skill else ""
                listed = f"skill {skill!r} has" if skill else "known slots"
                hint = suggestion(name, valid) or f" ({listed}: {', '.join(sorted(valid)) or 'none'})"
                ctx.note(schema.line_of(node, name), f"unknown slot {name!r}{owner}{hint}")
    return values


def text_rules(ctx: Context, node: Node, what: str, *, or_list: bool = False) -> TextRules:
    """``'exact words'`` or ``{contains: x, not_contains: y, regex: z, exact: w}`` (each a text or a list);
    ``or_list``: a list of those is allowed too (said when the value is none of them)."""
    if node.kind == "scalar" and isinstance(node.value, str):
        return TextRules((TextMatch("exact", node.value),))
    if node.kind != "map":
        forms = f"text, a mapping of {', '.join(TEXT_RULES)}, or a list of those" if or_list else TEXT_FORMS
        raise ctx.error(node.line, f"{what} must be {forms}; got {node.type_name}")
    body: dict[str, Node] = node.value
    schema.check_keys(ctx, node, TEXT_RULES, what)
    if not body:
        raise ctx.error(node.line, f"{what} needs one of {', '.join(TEXT_RULES)}")
    rules: list[TextMatch] = []
    for how, value in body.items():
        if how not in TEXT_RULES:
            continue  # noted by check_keys
        patterns = schema.sequence(ctx, value, f"{what}.{how}") if value.kind == "seq" else [value]
        for pattern_node in patterns:
            with ctx.checking():
                rules.append(TextMatch(how, _pattern(ctx, pattern_node, what, how)))  # type: ignore[arg-type]
    return TextRules(tuple(rules))


def _pattern(ctx: Context, node: Node, what: str, how: str) -> str:
    pattern = schema.text(ctx, node, f"{what}.{how}", empty_ok=how == "exact")
    if how == "regex":
        try:
            re.compile(pattern)
        except re.error as e:
            raise ctx.error(node.line, f"{what}.regex {pattern!r} is not a valid regex: {e}") from None
    return pattern


def _announce(ctx: Context, node: Node, line: int) -> AnnouncementsMatch:
    if node.kind == "seq":
        rules: list[TextRules] = []
        for i, item in enumerate(node.value):
            with ctx.checking():
                rules.append(text_rules(ctx, item, f"announce[{i}]"))
        return AnnouncementsMatch(line, tuple(rules), every=True)
    return AnnouncementsMatch(line, (text_rules(ctx, node, "announce", or_list=True),), every=False)


def device_states(ctx: Context, node: Node, what: str, *, setting: bool = False) -> dict[str, dict[str, Any]]:
    """``{device_id: {property: value}}``, checked against the hub's default home (ids, property names, values)."""
    body = schema.mapping(ctx, node, what)
    known = ctx.names.devices if ctx.names is not None else {}
    states: dict[str, dict[str, Any]] = {}
    for device, state_node in body.items():
        if known and device not in known:
            hint = suggestion(device, known) or f"; the home has: {', '.join(sorted(known))}"
            ctx.note(schema.line_of(node, device), f"unknown device {device!r}{hint}")
            continue
        with ctx.checking():
            states[device] = schema.plain_mapping(ctx, state_node, f"{what}.{device}")
        for name, value in states.get(device, {}).items() if known else ():
            problem = property_problem(known[device], name, value, setting=setting)
            if problem:
                ctx.note(schema.line_of(state_node, name), f"{what}.{device}: {problem}")
    return states


def words(ctx: Context, node: Node, what: str) -> str:
    """What the user says: text that fits the bridge (a longer request is refused on the wire at run time)."""
    text = schema.text(ctx, node, what)
    if len(text) > MAX_TEXT:
        raise ctx.error(
            node.line, f"{what} is {len(text)} characters; the bridge carries at most {MAX_TEXT} (shorten it)"
        )
    return text


def audio_file(ctx: Context, node: Node) -> Path:
    """A WAV file, relative to the script's folder; it must be one the speaker can play now, not at run time."""
    from assistant.errors import AudioError
    from assistant.speaker.audio import probe_wav  # numpy and scipy: only for scripts that have audio steps

    name = schema.text(ctx, node, "audio")
    path = Path(name) if Path(name).is_absolute() else ctx.path.parent / name
    if path.is_dir():
        raise ctx.error(node.line, f"audio {name!r} is a folder ({path}); name a WAV file in it")
    if not path.is_file():
        raise ctx.error(node.line, f"audio file {name!r} not found at {path} (paths are relative to the script)")
    try:
        probe_wav(path)
    except AudioError as e:
        problem = str(e).removeprefix(f"{path}: ")
        raise ctx.error(node.line, f"audio file {name!r}: {problem}") from None
    return path


def duration(ctx: Context, node: Node, what: str = "advance") -> timedelta:
    """Seconds as a number, or text like ``10m``, ``1h 30m``, ``90s``, ``2 minutes``."""
    value = node.value
    seconds = -1.0
    if node.kind == "scalar" and isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    elif node.kind == "scalar" and isinstance(value, str):
        seconds = _sum_parts(value.strip())
    if seconds <= 0:
        raise ctx.error(node.line, f"{what} must be a positive duration like 10m, 1h 30m or 45s, got {node.value!r}")
    return timedelta(seconds=seconds)


def _sum_parts(text: str) -> float:
    """Seconds in ``1h 30m`` style text; -1 when the text is not entirely such parts."""
    position, total = 0, 0.0
    for match in _DURATION_PART.finditer(text):
        if match.start() != position:
            return -1.0
        position = match.end()
        unit = match.group(2).lower()[0]
        total += float(match.group(1)) * {"h": 3600, "m": 60, "s": 1}[unit]
    return total if position == len(text) and position > 0 else -1.0
