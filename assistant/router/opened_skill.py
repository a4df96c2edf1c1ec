"""A bare answer to the welcome of a skill opened by name: "open weather" ... "Rome", "open timers" ... "5 minutes",
"open alarm clock" ... "7:30".

The welcome asks a question but names no intent, so the answer is read against the skill's own slots only: one of
its listed values in the words, else words that are nothing but a value of one of its typed slots (a duration, a
time, a date, a number). Free text is never taken that way: any words would be one. A welcome that asks a
free-text slot's question ("Lists here. What should I add?") is instead a pending question for that slot
(``welcome_question``), answered as any slot question is: "bread" is the item, "open skype" a new request.
"""

from __future__ import annotations

from typing import Any

from assistant.router.pending_answer import fits
from assistant.router.phrases import normalise
from assistant.router.skills.manifest import SkillManifest
from assistant.router.slot_filling import listed_value, slots_from_words
from assistant.router.slot_recovery import FREE_TEXT, typed


def only_a_value(manifest: SkillManifest | None, text: str) -> bool:
    """The words are nothing but one of the skill's listed values ("Rome", "in Rome") or a value of one of its
    typed slots ("5 minutes"): after the skill's welcome question that is its answer, whatever another skill's
    intent the engine leans to."""
    if manifest is None:
        return False
    words = normalise(text).removeprefix("in ").removeprefix("for ").removeprefix("the ")
    listed = any(spec.listed and listed_value(spec, words) is not None for spec in manifest.slots)
    return listed or typed_value(manifest, text) is not None


def welcome_answer(manifest: SkillManifest, text: str) -> tuple[str, dict[str, Any]] | None:
    """The intent and slots an answer to the welcome gives: the first of the skill's intents that one of its
    listed values in the words fills, else the words as a typed value (``typed_value``)."""
    for intent in manifest.intents:
        slots = slots_from_words(manifest, intent, text, listed_only=True)
        if slots:
            return intent.name, slots
    return typed_value(manifest, text)


def typed_value(manifest: SkillManifest, text: str) -> tuple[str, dict[str, Any]] | None:
    """The first intent (those that require a typed slot first: "open timers" asks how long) one of whose typed
    slots the words are, whole, with that value."""
    intents = sorted(manifest.intents, key=lambda i: not any(typed(manifest.slot(n)) for n in i.required))
    for intent in intents:
        for name in intent.slots:
            spec = manifest.slot(name)
            value = slots_from_words(manifest, intent, text, name).get(name) if typed(spec) else None
            if fits(spec, value):
                return intent.name, {name: value}
    return None


def welcome_question(manifest: SkillManifest) -> tuple[str, str, str] | None:
    """The intent, free-text slot and question of the first required free-text slot whose prompt the skill's
    welcome ends with ("Lists here. What should I add?": lists.add, item, "What should I add?"); None when the
    welcome asks no such question."""
    welcome = normalise(manifest.welcome or "")
    for intent in manifest.intents:
        for name in intent.required:
            spec = manifest.slot(name)
            if spec.type == FREE_TEXT and spec.prompt and welcome.endswith(normalise(spec.prompt)):
                return intent.name, name, spec.prompt
    return None
