"""Whether the words said while the assistant waits for an answer are that answer or a request of their own.

An answer is taken only when it fits the awaited slot: a typed slot (time, duration, number, date ...) takes words
that parse as its type, a listed slot one of its values, a free-text slot any words. Words that are nothing but a
value of the awaited type ("7:30", "5 minutes", "at 9 in the morning") are the answer whatever intent the engine
leans to; words that are nothing but a value of another typed slot of the intent that is still empty are that
slot ("in 20 minutes" to "When should I remind you ...?"). A complete request of its own ("remind me in 20 minutes
to check the oven", "cancel all timers", "snooze") is served as a new request and the question is dropped: an
intent the router would choose for the words, other than the one asking, or the same intent saying more than the
awaited slot. So a new command is never merged into the question, and the question never takes words it cannot
use. A free-text question (a message, a reminder's text, an item) takes any words but a request whose every word
another intent's templates explain: dictation often sounds like a command ("turn on the lights when you get home").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.router.guesses import all_said
from assistant.router.intent_choice import Chosen, Names, scores
from assistant.router.nlu.types import OUT_OF_SCOPE, NluResult
from assistant.router.phrases import normalise, without_softeners
from assistant.router.session_state import Pending
from assistant.router.skills.manifest import IntentSpec, SkillManifest, SlotSpec
from assistant.router.skills.registry import SkillRegistry
from assistant.router.skills.replies import CONFIRM
from assistant.router.slot_filling import intent_slots, listed_value, slots_from_words
from assistant.router.slot_recovery import FREE_TEXT, literal, recover, typed
from assistant.router.vocabulary import template_words

#: An answer this short that fits the awaited slot is the answer, whatever intent the engine leans to.
SHORT_ANSWER_WORDS = 3


@dataclass(frozen=True)
class Reading:
    """What the words give the pending intent: ``slots`` to run it with (None: no value that fits)."""

    slots: dict[str, Any] | None
    whole: bool = False
    """The words are nothing but the value: an answer, never a new request."""


def fits(spec: SlotSpec, value: Any) -> bool:
    """``value`` can fill the slot: a typed slot's value parsed (not words left as they were), anything else said."""
    if value in (None, ""):
        return False
    return not (typed(spec) and isinstance(value, str))


def read(
    manifest: SkillManifest,
    intent: IntentSpec,
    pending: Pending,
    text: str,
    found: Mapping[str, Any],
    known: frozenset[str],
) -> Reading:
    """The answer's slots for the pending intent (``found``: the engine's slots for that intent)."""
    awaited = manifest.slot(pending.awaiting)
    if typed(awaited):
        whole = slots_from_words(manifest, intent, text, awaited.name).get(awaited.name)
        if fits(awaited, whole):
            return Reading({awaited.name: whole}, whole=True)
        inside = _value_inside(manifest, intent, awaited, text)  # "the 90 second one" to "Which one?"
        if inside is not None:
            return Reading({awaited.name: inside}, whole=True)
        for name in intent.slots:  # "in 20 minutes" to "When should I remind you ...?": the duration
            spec = manifest.slot(name)
            if name != awaited.name and name not in pending.slots and typed(spec):
                other = slots_from_words(manifest, intent, text, name).get(name)
                if fits(spec, other):
                    return Reading({name: other}, whole=True)
    value = found.get(awaited.name)
    said = without_softeners(text)
    if awaited.type == FREE_TEXT and isinstance(value, str) and value.lower() in said and value.lower() != said:
        value = said  # "buy milk" to "What should I remind you about?": the words, not a tagger's cut ("buy")
    if not fits(awaited, value):
        value = slots_from_words(manifest, intent, text, awaited.name, known=known).get(awaited.name)
    if not fits(awaited, value):
        return Reading(None)
    also = slots_from_words(manifest, intent, text, listed_only=True)  # "Which device?" "the bedroom ac"
    kept = {
        k: v for k, v in found.items() if fits(manifest.slot(k), v) and not _the_answer_again(manifest, k, v, value)
    }
    return Reading({**also, **kept, awaited.name: value})


def _the_answer_again(manifest: SkillManifest, name: str, found: Any, answer: Any) -> bool:
    """Free text an engine made of the answer's own words ("Mom" as the message of "to mom", the answer to "Who
    should I contact?"): the words fill the slot asked for, not another one too."""
    if manifest.slot(name).type != FREE_TEXT or not isinstance(found, str) or not isinstance(answer, str):
        return False
    words = set(normalise(found).split())
    return bool(words) and words <= set(normalise(answer).split())


#: Words around a value that say nothing more: "the 90 second one", "the one for 5 minutes".
_AROUND = frozenset({"the", "a", "an", "one", "ones", "for", "my", "please", "that", "this", "timer", "alarm", "at"})


def _value_inside(manifest: SkillManifest, intent: IntentSpec, awaited: SlotSpec, text: str) -> Any:
    """A value of the awaited typed slot that the words hold with nothing else said around it; else None."""
    words = normalise(text).split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            around = words[:start] + words[start + size :]
            if not set(around) <= _AROUND:
                continue
            value = slots_from_words(manifest, intent, " ".join(words[start : start + size]), awaited.name)
            if fits(awaited, value.get(awaited.name)):
                return value[awaited.name]
    return None


def short(text: str) -> bool:
    return len(normalise(text).split()) <= SHORT_ANSWER_WORDS


def own_request(
    registry: SkillRegistry,
    chosen: Chosen | None,
    result: NluResult,
    pending: Pending,
    text: str,
    names: Names,
    *,
    free_text: bool,
) -> bool:
    """The words are a request the router would serve on their own: another intent than the question's, or the
    same one saying more than the awaited slot ("remind me in 20 minutes to check the oven" while asked when to
    remind about the trash), or anything chosen at a yes/no question; or, the engine unsure, its best guess is
    another skill's intent and names one of that skill's things ("set the office fan to speed 3" while asked how
    long a timer should run). An answer to a free-text question (a message, a reminder, an item) is any words:
    it is a new request only when the words are all another intent's request (``_spelled_request``: "turn off
    the kitchen lamp", "what time is it in Tokyo right now"); "turn on the lights when you get home" or
    "running ten minutes late" to "What's the message?" are the message, however sure the engine is that they
    switch a lamp."""
    if free_text:
        return _spelled_request(registry, chosen, result, pending, text)
    if chosen is None:
        return _names_elsewhere(registry, result, pending)
    if chosen.intent != pending.intent or pending.awaiting == CONFIRM:
        return True
    manifest = chosen.skill.manifest
    intent = manifest.intent(chosen.intent)
    said, heard = (intent_slots(manifest, intent, result.slots, heard=h) for h in (False, True))
    slots = recover(manifest, intent, text, said, names.known, heard).slots
    return any(name != pending.awaiting and value not in (None, "") for name, value in slots.items())


def sibling_request(
    chosen: Chosen | None, pending: Pending, words: set[str], own: Mapping[str, frozenset[str]]
) -> bool:
    """Short words that would fill a free-text question are still a request of their own when the engine takes
    them for another intent of the asking skill and they say one of that intent's own words the asked intent does
    not have: "remove milk" or "read my list" to "What should I add?" ("butter", which an engine may call
    lists.remove at 0.52, is the item)."""
    if chosen is None or chosen.why != "top" or chosen.skill.name != pending.skill or chosen.intent == pending.intent:
        return False
    return bool(words & (own.get(chosen.intent, frozenset()) - own.get(pending.intent, frozenset())))


def _spelled_request(
    registry: SkillRegistry,
    chosen: Chosen | None,
    result: NluResult,
    pending: Pending,
    text: str,
) -> bool:
    """The words are all the request of the intent the router chose, or else of the engine's best guess, and that
    intent is not the one asking: one of its templates whole (softeners aside) with no free text in it, or every
    word one of its templates' words, of a listed value they name, or one that says nothing ("what time is it in
    Tokyo right now"). Words the intent's templates do not have ("when you get home") are dictation."""
    best = next((s.name for s in scores(result) if s.name != OUT_OF_SCOPE), None)
    skill = chosen.skill if chosen is not None else registry.skill_for_intent(best) if best is not None else None
    name = chosen.intent if chosen is not None else best
    if skill is None or name is None or name == pending.intent:
        return False
    manifest = skill.manifest
    intent = manifest.intent(name)
    template = {name: template_words(intent)}
    for words in dict.fromkeys((text, without_softeners(text))):
        listed = slots_from_words(manifest, intent, words, listed_only=True)
        if literal(manifest, intent, words, free_text=False) or all_said(manifest, intent, words, listed, template):
            return True
    return False


def _names_elsewhere(registry: SkillRegistry, result: NluResult, pending: Pending) -> bool:
    best = next((s for s in scores(result) if s.name != OUT_OF_SCOPE), None)
    skill = registry.skill_for_intent(best.name) if best is not None else None
    if best is None or skill is None or skill.name == pending.skill:
        return False
    manifest = skill.manifest
    slots = intent_slots(manifest, manifest.intent(best.name), result.slots)
    return any(manifest.slot(name).listed and listed_value(manifest.slot(name), v) for name, v in slots.items())


def free_text_slot(manifest: SkillManifest, name: str) -> bool:
    return any(s.name == name and s.type == FREE_TEXT for s in manifest.slots)


def other_values(manifest: SkillManifest, intent: IntentSpec, pending: Pending, text: str) -> dict[str, Any]:
    """Listed or typed values of the asking intent's other slots that the words are, when they are no answer to
    the question: "tomorrow" to "Which city?" after "what's the weather" is the day, kept while the city is asked
    again."""
    found = slots_from_words(manifest, intent, text)
    return {
        n: v
        for n, v in found.items()
        if n != pending.awaiting and manifest.slot(n).type != FREE_TEXT and v not in (None, "") and short(text)
    }
