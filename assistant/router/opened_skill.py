"""A bare answer to the welcome of a skill opened by name: "open weather" ... "Rome", "open timers" ... "5 minutes",
"open alarm clock" ... "7:30".

The welcome asks a question but names no intent, so the answer is read against the skill's own slots only: one of
its listed values in the words, else words that are nothing but a value of one of its typed slots (a duration, a
time, a date, a number). Free text is never taken that way: any words would be one. A welcome that asks a
free-text slot's question ("Lists here. What should I add?") is instead a pending question for that slot
(``welcome_question``), answered as any slot question is: "bread" is the item, "open skype" a new request.

One free-text answer is taken: a task and when ("call mom at 6 pm", "tomorrow buy milk" after "open reminders"),
for an intent that requires free text and has a time, date or duration slot (``task_answer``). Said right after
the welcome, that is what the skill was opened for, though "call mom" alone would be a call.
"""

from __future__ import annotations

from typing import Any, Final

from assistant.router.pending_answer import fits
from assistant.router.phrases import normalise
from assistant.router.skills.manifest import IntentSpec, SkillManifest
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


#: The slot types that say when a task is due.
_WHEN_TYPES: Final = frozenset({"time", "date", "duration"})
#: First words of a question, which is asked, not a task to be reminded of ("what's the weather tomorrow").
_ASKING: Final = frozenset(
    {"what", "what's", "whats", "when", "where", "who", "whose", "why", "how", "which", "is", "are", "am", "do"}
    | {"does", "did", "can", "could", "will", "would", "should", "shall", "may", "was", "were", "has", "have"}
)
_BEFORE_WHEN: Final = ("at ", "on ", "in ", "by ", "for ")


def task_answer(manifest: SkillManifest, text: str) -> tuple[str, dict[str, Any]] | None:
    """The intent and slots of an answer to the welcome that is a task and when it is due: words for an intent's
    one required free-text slot, before or after words that are values of its time, date or duration slots ("water
    the plants on friday at 5": a date and a time); the longest value wins. None for a question, or for words that
    are all a value or hold none."""
    words = normalise(text).split()
    if len(words) < 2 or words[0] in _ASKING:
        return None
    for intent in manifest.intents:
        free = [n for n in intent.required if manifest.slot(n).type == FREE_TEXT]
        when = [n for n in intent.slots if manifest.slot(n).type in _WHEN_TYPES]
        if len(free) != 1 or not when or _when_value(manifest, intent, words, when) is not None:
            continue
        task, found = words, dict[str, Any]()
        while (split := _due_split(manifest, intent, task, [n for n in when if n not in found])) is not None:
            task, name, value = split
            found[name] = value
        if found:
            return intent.name, {free[0]: " ".join(task).removeprefix("to "), **found}
    return None


def _due_split(
    manifest: SkillManifest, intent: IntentSpec, words: list[str], when: list[str]
) -> tuple[list[str], str, Any] | None:
    """The words left, the slot and its value, for the longest value of one of ``when`` at either end of the
    words (at least one word is left)."""
    splits = [(words[:cut], words[cut:]) for cut in range(1, len(words))]
    splits += [(words[cut:], words[:cut]) for cut in range(1, len(words))]
    for rest, due in sorted(splits, key=lambda split: -len(split[1])):
        found = _when_value(manifest, intent, due, when)
        if found is not None:
            return rest, found[0], found[1]
    return None


def _when_value(
    manifest: SkillManifest, intent: IntentSpec, words: list[str], when: list[str]
) -> tuple[str, Any] | None:
    spoken = " ".join(words)
    spoken = next((spoken.removeprefix(p) for p in _BEFORE_WHEN if spoken.startswith(p)), spoken)
    for name in when:
        value = slots_from_words(manifest, intent, spoken, name).get(name)
        if fits(manifest.slot(name), value):
            return name, value
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
