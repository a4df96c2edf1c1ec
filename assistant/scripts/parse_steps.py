"""Reading one step (``say`` / ``audio`` / ``advance``) and its expectations out of the YAML tree.

Names are checked here against the skills' manifests (unknown intent, skill or slot), audio files must exist and
be WAV, regular expressions must compile: anything that would only fail at run time fails now, with its line.
"""

from __future__ import annotations

import re
import wave
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
from assistant.scripts.yaml_tree import Node

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
    "directives",
    "action",
    "devices",
    "announce",
)
ADVANCE_EXPECTATIONS = ("announce", "devices")
TEXT_RULES = ("exact", "contains", "not_contains", "regex")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\s*", re.I)


def parse_step(ctx: Context, node: Node) -> Step:
    """One item of a conversation's ``turns:`` list."""
    body = schema.mapping(ctx, node, "a turn")
    given = [k for k in INPUT_KEYS if k in body]
    if len(given) != 1:
        problem = "has none of" if not given else f"has {' and '.join(given)}; give only one of"
        raise ctx.error(node.line, f"a turn {problem} 'say: words', 'audio: file.wav', 'advance: 10m'")
    kind = given[0]
    allowed = ADVANCE_EXPECTATIONS if kind == "advance" else TURN_EXPECTATIONS
    extra = [k for k in body if k not in (kind, *allowed)]
    if extra and kind == "advance" and extra[0] in TURN_EXPECTATIONS:
        raise ctx.error(schema.line_of(node, extra[0]), f"{extra[0]!r} is checked on a turn, not on 'advance'")
    schema.check_keys(ctx, node, (kind, *allowed), "a turn")
    value = body[kind]
    expectations = parse_expectations(ctx, node)
    if kind == "say":
        return Step("say", node.line, text=schema.text(ctx, value, "say"), expectations=expectations)
    if kind == "audio":
        return Step("audio", node.line, audio=audio_file(ctx, value), expectations=expectations)
    return Step("advance", node.line, advance=duration(ctx, value), expectations=expectations)


def parse_expectations(ctx: Context, node: Node) -> tuple[Expectation, ...]:
    """The expectation keys of a turn (or short-form test), in the order written; other keys are ignored here."""
    body: dict[str, Node] = node.value
    intent: str | None = None
    if "intent" in body:
        intent = schema.optional_text(ctx, body["intent"], "intent")
        if intent is not None and ctx.names is not None and not ctx.names.is_intent(intent):
            hint = suggestion(intent, ctx.names.intents) or " (see the intents in each skill.yml, or 'oos')"
            raise ctx.error(body["intent"].line, f"unknown intent {intent!r}{hint}")
    found: list[Expectation] = []
    for key, value in body.items():
        line = schema.line_of(node, key)
        if key == "intent":
            found.append(IntentIs(line, intent))
        elif key == "skill":
            found.append(SkillIs(line, _skill(ctx, value)))
        elif key in ("slots", "slots_exact"):
            found.append(SlotsMatch(line, _slots(ctx, value, key, intent), exact=key == "slots_exact"))
        elif key in ("reply", "speech"):
            found.append(TextIs(line, "reply" if key == "reply" else "speech", text_rules(ctx, value, key)))
        elif key in ("open_mic", "session_end", "not_understood"):
            found.append(FlagIs(line, key, schema.boolean(ctx, value, key)))  # type: ignore[arg-type]
        elif key == "directives":
            items = schema.sequence(ctx, value, "directives")
            found.append(DirectivesMatch(line, tuple(schema.plain_mapping(ctx, d, "a directive") for d in items)))
        elif key == "action":
            found.append(ActionIs(line, None if value.value is None else schema.plain_mapping(ctx, value, key)))
        elif key == "devices":
            found.append(DevicesMatch(line, device_states(ctx, value, "devices")))
        elif key == "announce":
            found.append(_announce(ctx, value, line))
    return tuple(found)


def _skill(ctx: Context, node: Node) -> str | None:
    name = schema.optional_text(ctx, node, "skill")
    if name is not None and ctx.names is not None and name not in ctx.names.skills:
        hint = suggestion(name, ctx.names.skills) or f"; installed: {', '.join(sorted(ctx.names.skills))}"
        raise ctx.error(node.line, f"unknown skill {name!r}{hint}")
    return name


def _slots(ctx: Context, node: Node, key: str, intent: str | None) -> dict[str, Any]:
    values = schema.plain_mapping(ctx, node, key)
    if ctx.names is not None:
        valid = ctx.names.slots_of(intent)
        skill = ctx.names.intents.get(intent or "")
        for name in values:
            if name not in valid:
                owner = f" for {intent}" if skill else ""
                listed = f"skill {skill!r} has" if skill else "known slots"
                hint = suggestion(name, valid) or f" ({listed}: {', '.join(sorted(valid)) or 'none'})"
                raise ctx.error(schema.line_of(node, name), f"unknown slot {name!r}{owner}{hint}")
    return values


def text_rules(ctx: Context, node: Node, what: str) -> TextRules:
    """``'exact words'`` or ``{contains: x, not_contains: y, regex: z, exact: w}`` (each a text or a list)."""
    if node.kind == "scalar":
        return TextRules((TextMatch("exact", schema.text(ctx, node, what, empty_ok=True)),))
    body = schema.mapping(ctx, node, what)
    schema.check_keys(ctx, node, TEXT_RULES, what)
    if not body:
        raise ctx.error(node.line, f"{what} needs one of {', '.join(TEXT_RULES)}")
    rules: list[TextMatch] = []
    for how, value in body.items():
        patterns = schema.sequence(ctx, value, f"{what}.{how}") if value.kind == "seq" else [value]
        for pattern_node in patterns:
            pattern = schema.text(ctx, pattern_node, f"{what}.{how}", empty_ok=how == "exact")
            if how == "regex":
                try:
                    re.compile(pattern)
                except re.error as e:
                    raise ctx.error(pattern_node.line, f"{what}.regex {pattern!r} is not a valid regex: {e}") from None
            rules.append(TextMatch(how, pattern))  # type: ignore[arg-type]
    return TextRules(tuple(rules))


def _announce(ctx: Context, node: Node, line: int) -> AnnouncementsMatch:
    if node.kind == "seq":
        return AnnouncementsMatch(line, tuple(text_rules(ctx, item, "announce") for item in node.value), every=True)
    return AnnouncementsMatch(line, (text_rules(ctx, node, "announce"),), every=False)


def device_states(ctx: Context, node: Node, what: str, *, setting: bool = False) -> dict[str, dict[str, Any]]:
    """``{device_id: {property: value}}``, checked against the hub's default home (ids, property names, values)."""
    body = schema.mapping(ctx, node, what)
    known = ctx.names.devices if ctx.names is not None else {}
    states: dict[str, dict[str, Any]] = {}
    for device, state_node in body.items():
        if known and device not in known:
            hint = suggestion(device, known) or f"; the home has: {', '.join(sorted(known))}"
            raise ctx.error(schema.line_of(node, device), f"unknown device {device!r}{hint}")
        state = schema.plain_mapping(ctx, state_node, f"{what}.{device}")
        if known:
            for name, value in state.items():
                problem = property_problem(known[device], name, value, setting=setting)
                if problem:
                    raise ctx.error(schema.line_of(state_node, name), f"{what}.{device}: {problem}")
        states[device] = state
    return states


def audio_file(ctx: Context, node: Node) -> Path:
    """A WAV file, relative to the script's folder; it must exist and open as WAV now, not at run time."""
    name = schema.text(ctx, node, "audio")
    path = Path(name) if Path(name).is_absolute() else ctx.path.parent / name
    if not path.is_file():
        raise ctx.error(node.line, f"audio file {name!r} not found at {path} (paths are relative to the script)")
    try:
        with wave.open(str(path), "rb") as w:
            w.getnframes()
    except (wave.Error, EOFError, OSError) as e:
        raise ctx.error(node.line, f"audio file {name!r} is not a readable WAV file: {e}") from None
    return path


def duration(ctx: Context, node: Node) -> timedelta:
    """Seconds as a number, or text like ``10m``, ``1h 30m``, ``90s``, ``2 minutes``."""
    value = node.value
    seconds = -1.0
    if node.kind == "scalar" and isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    elif node.kind == "scalar" and isinstance(value, str):
        seconds = _sum_parts(value.strip())
    if seconds <= 0:
        raise ctx.error(node.line, f"advance must be a positive duration like 10m, 1h 30m or 45s, got {node.value!r}")
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
