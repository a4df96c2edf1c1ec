"""What a skill.yml of the right shape can still get wrong: every name it uses must be one it declares.

Slots, templates, required slots, ``{slot}`` placeholders in the words the router speaks (a slot's ``prompt:``, an
intent's ``confirm:``), ``another:``/``stop:``/``events:`` intents, the handler's file. All mistakes of a file are
found in one pass (:class:`Mistake` each), so its author fixes them in one go instead of one per run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from pathlib import Path

from assistant.router.skills.manifest_errors import Mistake
from assistant.router.skills.manifest_schema import INTENT_PATTERN, NAME_PATTERN, SkillFile, SlotEntry
from assistant.router.skills.slot_types import BUILTIN_SAMPLES, is_builtin
from assistant.router.skills.templates import PLACEHOLDER, SlotRef, placeholders, restrictions, validate_template


def manifest_mistakes(model: SkillFile, path: Path) -> list[Mistake]:
    """Every meaning mistake of a validated manifest, in no particular order (reports sort them by line)."""
    found: list[Mistake] = []
    if (model.handler.python is None) == (model.handler.url is None):
        found.append(Mistake(("handler",), "give exactly one of 'python: handler.py' or 'url: http://...'"))
    elif model.handler.python is not None and not (path.parent / model.handler.python).is_file():
        found.append(Mistake(("handler", "python"), f"{path.parent / model.handler.python} does not exist"))
    if any(not " ".join(i.split()) for i in model.invocations):
        found.append(Mistake(("invocations",), "invocation names must not be empty"))
    declared = set(model.slots)
    for name, slot in model.slots.items():
        found.extend(_slot_mistakes(name, slot, declared))
    if model.welcome is not None and ("{" in model.welcome or "}" in model.welcome):
        problem = "the braces are said as written: no slot has a value when the skill opens; remove them"
        found.append(Mistake(("welcome",), f"{_braces(model.welcome)}: {problem}"))
    for name, intent in model.intents.items():
        loc = ("intents", name)
        if not re.match(INTENT_PATTERN, name):
            found.append(Mistake(loc, "intent names are lower_snake_case words joined by dots (weather.forecast)"))
        used: list[str] = []
        for i, template in enumerate(intent.examples):
            broken = validate_template(template)
            if broken:
                found.append(Mistake((*loc, "examples", i), broken))
                continue
            for slot_name in placeholders(template):
                if slot_name not in declared:
                    found.append(Mistake((*loc, "examples", i), _undeclared(slot_name, declared)))
                elif slot_name not in used:
                    used.append(slot_name)
            for place in restrictions(template):
                if place.name in declared:
                    wrong = _restriction_problem(place, model.slots[place.name])
                    if wrong:
                        found.append(Mistake((*loc, "examples", i), wrong))
        for slot_name in intent.required:
            if slot_name not in declared:
                found.append(Mistake((*loc, "required"), f"{slot_name!r} is not declared under slots:"))
                continue
            if slot_name not in used:
                used.append(slot_name)
            if model.slots[slot_name].prompt is None:
                problem = "a required slot needs a prompt (the question that asks for it)"
                found.append(Mistake(("slots", slot_name), problem))
        if intent.confirm is not None:
            found.extend(_placeholder_mistakes((*loc, "confirm"), intent.confirm, declared, used))
        for key, other in (("another", intent.another), ("stop", intent.stop)):
            if other is not None and other not in model.intents:
                found.append(Mistake((*loc, key), f"{other!r} is not one of this skill's intents"))
    for event, intent_name in model.events.items():
        if intent_name not in model.intents:
            found.append(Mistake(("events", event), f"{intent_name!r} is not one of this skill's intents"))
    return found


def _slot_mistakes(name: str, slot: SlotEntry, declared: Collection[str]) -> list[Mistake]:
    loc = ("slots", name)
    found: list[Mistake] = []
    if not re.match(NAME_PATTERN, name):
        found.append(Mistake(loc, "slot names are lower_snake_case"))
    if not slot.values and not is_builtin(slot.type or name):
        found.append(
            Mistake(
                loc,
                f"type {slot.type or name!r} is not built in ({', '.join(BUILTIN_SAMPLES)}); list the slot's values"
                " (values: [small, large]) or give it a built-in type (type: number)",
            )
        )
    if slot.open and not slot.values:
        found.append(Mistake((*loc, "open"), "'open' is for a slot with listed values; remove it or list values"))
    if slot.prompt is not None:
        found.extend(_placeholder_mistakes((*loc, "prompt"), slot.prompt, declared, None))
        if f"{{{name}}}" in slot.prompt:
            found.append(
                Mistake((*loc, "prompt"), f"{{{name}}} is the slot this prompt asks for, so it has no value yet")
            )
    return found


def _placeholder_mistakes(
    loc: tuple[str, ...], said: str, declared: Collection[str], of_intent: Collection[str] | None
) -> list[Mistake]:
    """A ``{slot}`` in words the router speaks is replaced by the slot's value; one it cannot fill is said as
    written ("Make a {sizee} coffee?"). ``of_intent``: the slots the intent has, when the words belong to one."""
    found: list[Mistake] = []
    if "{" in PLACEHOLDER.sub("", said) or "}" in PLACEHOLDER.sub("", said):
        found.append(Mistake(loc, f"{_braces(said)}: a '{{' or '}}' that is not a {{slot_name}} is said as written"))
    for match in PLACEHOLDER.finditer(said):
        name = match.group(1)
        if match.group(2) is not None:
            found.append(Mistake(loc, f"{match.group(0)}: write {{{name}}}; the value is the one the user said"))
        elif name not in declared:
            found.append(Mistake(loc, _undeclared(name, declared)))
        elif of_intent is not None and name not in of_intent:
            has = ", ".join(of_intent) or "none"
            found.append(
                Mistake(loc, f"{{{name}}} is not a slot of this intent, so it has no value here (it has: {has})")
            )
    return found


def _braces(said: str) -> str:
    """The first ``{...}`` of ``said`` (or the lone brace), as the author wrote it."""
    match = re.search(r"\{[^{}]*\}|[{}]", said)
    return match.group(0) if match else said


def _undeclared(name: str, declared: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
    if close:
        hint = f" (did you mean {close[0]!r}?)"
    else:
        hint = f" (declared: {', '.join(declared)})" if declared else " (none are declared)"
    return f"{{{name}}} is not declared under slots:{hint}"


def _restriction_problem(place: SlotRef, slot: SlotEntry) -> str | None:
    """What is wrong with ``{slot=value,...}``: the values must be the slot's listed (canonical) values."""
    listed = [v if isinstance(v, str) else v.value for v in slot.values]
    if not listed:
        return f"{{{place.name}=...}}: slot {place.name!r} has no listed values to choose from"
    unknown = [v for v in place.only if v not in listed]
    if unknown:
        return f"{{{place.name}=...}}: {unknown[0]!r} is not one of the values of {place.name} ({', '.join(listed)})"
    return None
