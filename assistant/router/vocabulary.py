"""The words the installed skills use, and how much of an utterance is made of them.

A statistical intent classifier always has a best guess, and a bag of n-grams can be very sure of it on the
strength of one word: "purple monkey dishwasher" is a colour request because of "purple". Before the router
acts on a guess it checks that the utterance is mostly words some skill's examples, slot values or built-in
samples contain; a request made mostly of words no skill knows gets the fallback instead of an action or a
question. Free-text slots (a reminder, a message) are why the test is a share and not "every word known".
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from assistant.router.nlu.spoken_numbers import number_words
from assistant.router.phrases import CANCEL, HELP, normalise
from assistant.router.skills.manifest import IntentSpec, SkillManifest
from assistant.router.skills.slot_types import BUILTIN_SAMPLES
from assistant.router.skills.templates import PLACEHOLDER

_WORD = re.compile(r"[a-z']+")
_TEMPLATE_SYNTAX = re.compile(rf"{PLACEHOLDER.pattern}|[()\[\]|]")


def words_of(text: str) -> list[str]:
    """The lower-case words of ``text`` (numbers and punctuation left out: a number is never unknown)."""
    return _WORD.findall(normalise(text))


def known_words(manifests: Iterable[SkillManifest], *, names: bool = True) -> frozenset[str]:
    """Every word of every example template, listed slot value and synonym, built-in sample and router phrase,
    and the words of spoken numbers ("nine am" is as known as "9 am": speech-to-text writes numbers in words).
    ``names=False``: without the values of open slots, which are examples of names (artists, contacts, cities),
    not words of the skills: "dave" of "Dave Brubeck" does not stop "call dave" naming a contact."""
    texts: list[str] = [*CANCEL, *HELP]
    for manifest in manifests:
        texts += [manifest.description, *manifest.invocations, *manifest.samples]
        for intent in manifest.intents:
            texts += [_TEMPLATE_SYNTAX.sub(" ", example) for example in intent.examples]
        for slot in manifest.slots:
            for value in slot.values if names or not slot.open else ():
                texts += [value.value, *value.synonyms]
    for samples in BUILTIN_SAMPLES.values():
        texts += samples
    return frozenset(word for text in texts for word in words_of(text)) | number_words()


def template_words(intent: IntentSpec) -> frozenset[str]:
    """Every literal word of the intent's example templates, common ones ("the", "is", "what") included."""
    return frozenset(word for example in intent.examples for word in words_of(_TEMPLATE_SYNTAX.sub(" ", example)))


def intent_words(manifests: Iterable[SkillManifest]) -> dict[str, frozenset[str]]:
    """Each intent's own words: the literal words of its templates (no slot values) that at most a quarter of all
    intents use, so "off" and "timer" count and "the", "my", "what" do not; and those that fewer than half of its
    own skill's intents use, so "on" stays the devices skill's switching word however many skills say "on my list"
    or "on friday"."""
    per_intent: dict[str, set[str]] = {}
    skill_of: dict[str, str] = {}
    for manifest in manifests:
        for intent in manifest.intents:
            skill_of[intent.name] = manifest.name
            per_intent[intent.name] = {
                word for example in intent.examples for word in words_of(_TEMPLATE_SYNTAX.sub(" ", example))
            }
    used_by = Counter(word for words in per_intent.values() for word in words)
    in_skill = Counter((skill_of[name], word) for name, words in per_intent.items() for word in words)
    size = Counter(skill_of.values())
    limit = max(2, len(per_intent) // 4)

    def own(name: str, word: str) -> bool:
        skill = skill_of[name]
        return used_by[word] <= limit or (size[skill] >= 4 and in_skill[skill, word] * 2 < size[skill])

    return {name: frozenset(w for w in words if own(name, w)) for name, words in per_intent.items()}


def unknown_share(text: str, known: frozenset[str], besides: Iterable[str] = ()) -> float:
    """The share of the utterance's words no skill uses (0.0 for an utterance without words); the words of
    ``besides`` (names heard in an open slot's place: "Atlantis") are left out, known or not."""
    words = words_of(text)
    for value in besides:
        for word in words_of(value):
            if word in words:
                words.remove(word)
    if not words:
        return 0.0
    return sum(_unknown(word, known) for word in words) / len(words)


def _unknown(word: str, known: frozenset[str]) -> bool:
    """No skill uses the word, nor its stem without an "s" ("reminds me to ...", a slip of speech or of
    speech-to-text, is as known as "remind")."""
    return word not in known and not (word.endswith("s") and word[:-1] in known)


def unfamiliar(text: str, known: frozenset[str]) -> bool:
    """At least half of the words are ones no skill uses: a name the skills have not heard of ("Atlantis",
    "Bohemian Rhapsody", "Stairway to Heaven"), not a phrase made of their words ("the kitchen")."""
    words = words_of(text)
    return bool(known) and bool(words) and 2 * sum(word not in known for word in words) >= len(words)


class SkillWords(NamedTuple):
    """The skills' words as the router judges utterances by them (see the functions above)."""

    known: frozenset[str]
    without_names: frozenset[str]
    own: Mapping[str, frozenset[str]]


@functools.lru_cache(maxsize=8)
def skill_words(manifests: tuple[SkillManifest, ...]) -> SkillWords:
    """``known_words`` (with and without names) and ``intent_words``, worked out once per set of skills: a router
    is built per conversation in scripted tests, and these read every template."""
    return SkillWords(known_words(manifests), known_words(manifests, names=False), intent_words(manifests))
