"""Which of the previous turn's slots a new request inherits: only what a real follow-up leaves unsaid.

A request that says what it wants ("start a timer for 90 seconds", "what's on my shopping list", "louder please",
"turn off the fan") is complete and takes nothing from before: the earlier timer name, item, volume or room would
change its meaning. Slots carry over only when the words point back at the previous request:

- a pronoun standing for something the intent's examples otherwise name ("turn *it* off", "set *it* to 30
  percent", "remove *it*"): the slots it stands for, that is the intent's slots that never appear in an example
  beside that pronoun ("(turn|switch) it off" vs "turn off the [{room}] {device}": ``it`` is the room and device).
  A pronoun that is only a grammatical subject ("will *it* rain in {city}") or an alternative to a plain noun
  ("turn (it|the music) up") stands for no slot;
- a bare question about the same topic that names nothing ("will it rain" after the weather in Paris tomorrow):
  a different intent of the same skill with no slot filled inherits the slots it uses, except what the previous
  intent required and this one does not (the item added is not the question "what's on my list"), and except this
  intent's own required slots unless a pronoun stands for them ("call" after "call Alex" asks who again);
- a slot its manifest marks ``keep: true`` (the weather's city): "what's the weather tomorrow" or "will it rain on
  Friday" after the weather in Paris are still about Paris. Only marked ones: an earlier timer name or room would
  change a complete request's meaning.

A pronoun the chosen skill cannot resolve may point at another skill's last answer: "turn it down" while music
plays is the music's volume, not a device to ask about (``dangling``). And "there" points at the place another
skill's last turn named ("what time is it there" after the weather in Paris): a slot of the same named type, such
as a city, carries across skills (``named_there``); nothing else does.

Elliptical "and tomorrow?" follow-ups and answers to the assistant's own question are handled by the dialogue
itself; this module is the rule for an ordinary new request. Pure functions of the manifests and the words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from assistant.router.phrases import followup_rest, normalise
from assistant.router.skills.manifest import IntentSpec, SkillManifest
from assistant.router.skills.slot_types import is_builtin
from assistant.router.skills.templates import placeholders

#: Words that point back at something already mentioned.
PRONOUNS = frozenset({"it", "them", "that", "him", "her", "there"})
"""("this" and "one" are left out: "this weekend" and "next one" point at nothing said before.)"""


def pronouns_in(text: str) -> frozenset[str]:
    """The pointing-back words the utterance contains."""
    return frozenset(normalise(text).split()) & PRONOUNS


@functools.lru_cache(maxsize=1024)
def stands_for(manifest: SkillManifest, intent: IntentSpec, pronoun: str) -> frozenset[str]:
    """The intent's slots ``pronoun`` stands for, judged from the intent's examples.

    Examples using the pronoun: the slots never beside it (none when it is an alternative to other words, as in
    "(it|the volume)"). No example uses it: the intent's listed-value slots, the things a pronoun can name."""
    word = re.compile(rf"(?<![\w']){re.escape(pronoun)}(?![\w'])")
    alternative = re.compile(rf"[(|]\s*{re.escape(pronoun)}\s*[|)]")
    using = [t for t in intent.examples if word.search(t.lower())]
    if not using:
        return frozenset(n for n in intent.slots if manifest.slot(n).values)
    if any(alternative.search(t.lower()) for t in using):
        return frozenset()
    beside = {name for t in using for name in placeholders(t)}
    return frozenset(n for n in intent.slots if n not in beside)


def carried(
    manifest: SkillManifest,
    intent: IntentSpec,
    said: Mapping[str, Any],
    text: str,
    previous: Mapping[str, Any],
    before: IntentSpec | None,
) -> dict[str, Any]:
    """The previous turn's slots (``previous``, of intent ``before`` of the same skill) this request inherits,
    given what it ``said`` in ``text``; empty for a complete new request or an intent with ``followup: false``."""
    if not intent.followup or before is None:
        return {}
    referred: set[str] = set()
    spoken = pronouns_in(text)
    for pronoun in spoken:
        referred |= stands_for(manifest, intent, pronoun)
    if not said and before.name != intent.name:
        objects = set(before.required) - set(intent.required)
        own = set(intent.required) - referred
        referred |= {n for n in intent.slots if n not in objects and n not in own}
    referred |= {n for n in intent.slots if manifest.slot(n).keep}
    return {k: v for k, v in previous.items() if k in referred and k in intent.slots and k not in said}


def dangling(manifest: SkillManifest, intent: IntentSpec, said: Mapping[str, Any], text: str) -> bool:
    """Whether a pronoun in ``text`` stands for a slot of ``intent`` the skill would have to ask for (it has a
    prompt) and nothing said fills: when the previous turn belongs to another skill, the pronoun points there
    ("turn it down" after "play Queen")."""
    wanted = {n for p in pronouns_in(text) for n in stands_for(manifest, intent, p)}
    return any(manifest.slot(n).prompt is not None and n not in said for n in wanted)


#: "there" as a word of being, not a place: "is there a timer", "there are two alarms", "there's rain".
_EXISTENTIAL = re.compile(r"\b(?:is|are|was|were|will|be)\s+there\b|\bthere(?:\s+(?:is|are|was|were|will)\b|'s\b)")


def named_there(
    manifest: SkillManifest,
    intent: IntentSpec,
    said: Mapping[str, Any],
    text: str,
    before: SkillManifest,
    previous: Mapping[str, Any],
) -> dict[str, Any]:
    """For "there" after another skill's turn (``before``, whose slots were ``previous``), or a follow-up ("and the
    weather tomorrow?" after the time in Tokyo): that turn's places, each in this intent's unsaid slot of the same
    named type ("city"); built-in types (dates, numbers, text) are no place. Empty when neither is said, or "there"
    only says that something exists ("is there a timer")."""
    words = normalise(text)
    there = "there" in words.split() and not _EXISTENTIAL.search(words)
    if not there and followup_rest(text) is None:
        return {}
    named = {manifest.slot(n).type for n in said if n in intent.slots}
    place: dict[str, Any] = {}
    for name, value in previous.items():
        kind = next((s.type for s in before.slots if s.name == name), None)
        if kind is None or is_builtin(kind) or kind in named:
            continue
        target = next((n for n in intent.slots if manifest.slot(n).type == kind and n not in said), None)
        if target is not None:
            place[target] = value
    return place
