"""When not to act on the engine's guess: checks the router makes after the NLU and before a skill runs.

A statistical classifier always has a best guess, and a bag of n-grams can be sure of it on the strength of one
word ("teach me to play guitar" is ``music.play``). The router cannot see inside the engine, but it knows the
skills' words (``vocabulary``), which slots the words filled, and how sure the engine said it was; a guess that
none of these support gets the fallback, because a wrong action costs the user more than "I can't help with that".
These are pure functions of one turn, so each rule is tested on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assistant.router.intent_choice import Chosen
from assistant.router.nlu.spoken_numbers import parse_words
from assistant.router.nlu.types import OUT_OF_SCOPE, NluResult
from assistant.router.skills.manifest import IntentSpec, SkillManifest
from assistant.router.vocabulary import words_of

#: Below this confidence, an intent that takes slots is only run when the words filled at least one of them.
SURE_WITHOUT_SLOTS = 0.8
#: The engine's guess is not acted on when more than this share of the words is unknown to every skill.
MAX_UNKNOWN_SHARE = 0.5
#: An intent that takes slots, none of which the words filled, is not run when more than this share of the words
#: is unknown: one unknown word in five is a value to ask about ("the weather in Atlantis"), two are a topic.
SLOTLESS_UNKNOWN_SHARE = 0.25
_NUMERIC = frozenset({"number", "percent"})


def doubtful(
    chosen: Chosen, takes: Sequence[str], found: Mapping[str, Any], unknown: float, *, number: bool = False
) -> bool:
    """A guess at an intent that takes slots, none of which the words filled, when the guess is middling
    ("blorf the wibble" as "change the colour": asking "which colour?" would be a second guess) or several words
    are ones no skill knows (in "teach me to play guitar" the unknown words are what the user wants played).
    ``number``: the words hold a number the intent takes, which the tagger left untagged (``number_said``)."""
    if chosen.why != "top" or not takes or found or number:
        return False
    return chosen.confidence < SURE_WITHOUT_SLOTS or unknown > SLOTLESS_UNKNOWN_SHARE


def off_topic(chosen: Chosen, words: set[str], own: frozenset[str]) -> bool:
    """A middling guess whose words share none of the intent's own template words ("find me the closest public
    bathroom" as "turn off the bathroom lamp": only the room is the intent's, and a room is no request)."""
    return chosen.why == "top" and chosen.confidence < SURE_WITHOUT_SLOTS and not words & own


def mostly_unknown(chosen: Chosen, unknown: float) -> bool:
    """The engine's own guess for words most of which no skill uses ("purple monkey dishwasher"); an unsure
    guess settled by the previous turn's skill needs every word known ("call of duty cheats" is no call)."""
    if chosen.why == "top":
        return unknown > MAX_UNKNOWN_SHARE
    return chosen.why == "context" and unknown > 0


def judged_out_of_scope(result: NluResult, threshold: float) -> bool:
    """The engine's ``oos`` class itself won, and clearly (not merely a rejected, unsure guess)."""
    top = result.ranking[0] if result.ranking else None
    return top is not None and top.name == OUT_OF_SCOPE and top.confidence >= threshold


def number_said(manifest: SkillManifest, intent: IntentSpec, text: str) -> bool:
    """The intent takes a number and the words hold one: "plus two", "volume to fifty" (a tagger trained mostly on
    digits may leave a number word untagged, which is no reason to doubt the intent)."""
    takes = any(manifest.slot(n).type in _NUMERIC for n in intent.slots)
    return takes and any(w.isdigit() or parse_words(w) is not None for w in words_of(text))


#: Words that say nothing of what is asked, around a request's own words and values.
_BARE = frozenset({"the", "a", "an", "my", "all", "please", "now", "up"})


def all_said(
    manifest: SkillManifest,
    intent: IntentSpec,
    text: str,
    listed: Mapping[str, Any],
    own: Mapping[str, frozenset[str]],
) -> bool:
    """Every word is one of the intent's own words, a word of a listed value the words name (``listed``, read from
    them), or one that says nothing: "lights on" is devices.on of the lamps though the tagger tagged nothing;
    "should i do a complete stop at red lights" is no such request."""
    values = {
        w
        for name in listed
        for value in manifest.slot(name).values
        for said in (value.value, *value.synonyms)
        for w in words_of(said)
    }
    allowed = own.get(intent.name, frozenset()) | values | _BARE
    return all(word in allowed for word in words_of(text))


def swallowed_by_courtesy(result: NluResult, bare: NluResult, threshold: float) -> bool:
    """The engine heard only the courtesy ("... thank you" as thanks) or nothing sure, where the request inside it
    is a sure in-scope one of a skill's own ("turn off the light in the office"); sure as a guess without slots must
    be, since the courtesy it came in was judged no request ("write a cover letter" is lists.add at 0.51)."""
    weak = result.intent == OUT_OF_SCOPE or result.intent.startswith("smalltalk.") or result.confidence < threshold
    bar = max(threshold, SURE_WITHOUT_SLOTS)
    sure = bare.intent != OUT_OF_SCOPE and not bare.intent.startswith("smalltalk.") and bare.confidence >= bar
    return weak and sure
