"""Picking the intent from an NLU result: the threshold, out of scope, and skills named, opened or just used.

Never a wrong action: when the engine says out of scope, or its top intent is below the router's threshold, there
is no choice at all (the caller falls back). The engine's own verdict is respected: its out-of-scope threshold was
chosen on utterances it never saw, so the router does not dig an in-scope intent out of the ranking behind its back.
Four exceptions, each with a lower bar because the words already say where the request goes:

- a skill the user named ("ask weather ...") restricts the choice to its intents;
- a skill opened earlier ("open weather") wins when the engine found nothing better;
- the skill of the previous turn wins when the engine was merely unsure between intents ("turn it up" after
  "play jazz" is the music volume, after "turn on the lamp" the lamp), never when it judged the words out of scope;
- the engine's best in-scope intent, when unsure, if the words are literally one of that intent's templates
  ("how are you" under a Rasa model that gives it 0.38), an open slot holding a name no skill uses ("play Paranoid
  Android" at 0.49), or else one of its skill's other intents whose template they are ("I need a reminder to do my
  taxes" at alarms.list 0.26): the manifest, not a guess, says what they mean.

And one rule past the engine's verdict, the way a template matcher such as hassil works: words that are literally
one of an intent's templates, every slot holding a listed or typed value and none holding free text, go to that
intent when nothing else was chosen ("set the bedroom ac to 21": the engine never saw a bare number there and
called it out of scope) or when the engine's own choice has no template that reads them ("set the bedroom fan to
low" is no colour, however sure the engine is); when templates of several intents read them, the engine's ranking
picks among those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.router.nlu.types import OUT_OF_SCOPE, IntentScore, NluResult
from assistant.router.phrases import BACK_POINTERS, with_antecedent, without_softeners
from assistant.router.skills.registry import Skill, SkillRegistry
from assistant.router.slot_recovery import literal
from assistant.router.vocabulary import template_words, words_of


@dataclass(frozen=True)
class Names:
    """What the router knows to tell a name from the skills' words."""

    known: frozenset[str]
    """The skills' words without open slots' example names (``vocabulary.known_words(names=False)``)."""
    own: Mapping[str, frozenset[str]]
    """Each intent's own template words (``vocabulary.intent_words``)."""


#: The share of the threshold an intent of a named, opened or previous skill needs.
NAMED_SKILL_FACTOR = 0.5


@dataclass(frozen=True)
class Chosen:
    skill: Skill
    intent: str
    confidence: float
    why: str
    """``top`` (the engine's answer), ``named``, ``opened``, ``context`` or ``template`` (the words are one of the
    intent's templates)."""


def scores(result: NluResult) -> list[IntentScore]:
    """The engine's ranking, best first, without repeats; the verdict is added if the ranking lacks it.

    The ranking comes first because it holds the real probability of every class; when the engine rejects its
    best guess, ``result.confidence`` is its certainty of "out of scope", not a probability of the ``oos`` class.
    """
    seen: dict[str, float] = {}
    for score in result.ranking:
        seen.setdefault(score.name, score.confidence)
    seen.setdefault(result.intent, result.confidence)
    return sorted((IntentScore(n, c) for n, c in seen.items()), key=lambda s: -s.confidence)


def choose(
    registry: SkillRegistry,
    result: NluResult,
    threshold: float,
    *,
    only: str | None = None,
    prefer: str | None = None,
    context: str | None = None,
    text: str | None = None,
    names: Names | None = None,
) -> Chosen | None:
    """The intent to run, or None for a fallback. ``only``: the skill the user named; ``prefer``: the skill the
    user opened; ``context``: the skill that answered the previous turn; ``text``: the words, for the literal
    template check; ``names``: what tells a name no skill uses, which an unsure top intent's template may hold
    ("play Paranoid Android")."""
    ranked = scores(result)
    bar = threshold * NAMED_SKILL_FACTOR
    if only is not None:
        return _best_of(registry, ranked, only, bar, "named")
    top = ranked[0]
    top_skill = registry.skill_for_intent(top.name) if top.name != OUT_OF_SCOPE else None
    sure = not result.out_of_scope and top_skill is not None and top.confidence >= threshold
    if prefer is not None and not (sure and top_skill is not None and top_skill.name == prefer):
        preferred = _best_of(registry, ranked, prefer, bar, "opened")
        if preferred is not None and not sure:
            return preferred
    if not sure and top_skill is not None and text and top.confidence >= bar:
        known = names.known if names is not None else frozenset()
        confidence = {s.name: s.confidence for s in ranked}
        for intent in sorted(
            top_skill.manifest.intents, key=lambda i: (i.name != top.name, -confidence.get(i.name, 0))
        ):
            if reads_whole(top_skill, intent.name, text, known):
                return Chosen(top_skill, intent.name, max(top.confidence, confidence.get(intent.name, 0.0)), "template")
    unsure_between_intents = top_skill is not None and not sure
    if context is not None and unsure_between_intents:
        previous = _best_of(registry, ranked, context, bar, "context")
        if previous is not None:
            return previous
    if not sure or top_skill is None:
        return _spelled_out(registry, ranked, text, names) if text else None
    if text and not reads_whole(top_skill, top.name, text):
        spelled = _spelled_out(registry, ranked, text) or _sibling_read(top_skill, ranked, text)
        if spelled is not None:
            return spelled
    return Chosen(top_skill, top.name, top.confidence, "top")


def _spelled_out(
    registry: SkillRegistry, ranked: list[IntentScore], text: str, names: Names | None = None
) -> Chosen | None:
    """The intent, of all the skills', one of whose templates the words are, each slot a listed or typed value;
    the engine's best ranked such intent when several templates read them. With ``names``, the engine's best
    in-scope intent may also hold a name no skill uses, when the words have one of that intent's own words
    ("play Paranoid Android", which a Rasa model called out of scope at 0.91; not "what is rhineland")."""
    confidence = {s.name: s.confidence for s in ranked}
    best = next((s.name for s in ranked if s.name != OUT_OF_SCOPE), None)
    named = names is not None and best is not None and bool(set(words_of(text)) & names.own.get(best, frozenset()))
    fitting = [
        (confidence.get(intent.name, 0.0), skill, intent.name)
        for skill in registry.skills
        for intent in skill.manifest.intents
        if literal(
            skill.manifest,
            intent,
            text,
            free_text=False,
            known=names.known if names is not None and named and intent.name == best else frozenset(),
        )
    ]
    if not fitting:
        return None
    score, skill, intent = max(fitting, key=lambda f: f[0])
    return Chosen(skill, intent, score, "template")


def _sibling_read(skill: Skill, ranked: list[IntentScore], text: str) -> Chosen | None:
    """Another intent of the skill the engine is sure of whose template reads the words whole, free text and all,
    when the engine's intent reads none of them: "remind me to buy flowers", which a Rasa model took for the
    reminders question "is buy on my reminders", is the reminder its template spells out."""
    confidence = {s.name: s.confidence for s in ranked}
    fitting = [
        (confidence.get(i.name, 0.0), i.name) for i in skill.manifest.intents if reads_whole(skill, i.name, text)
    ]
    if not fitting:
        return None
    score, intent = max(fitting)
    return Chosen(skill, intent, score, "template")


def in_context(registry: SkillRegistry, result: NluResult, threshold: float, skill: str, text: str) -> Chosen | None:
    """For words that point back at the previous turn's skill: its best intent at the lower bar, else its intent
    whose own example templates read the whole utterance ("turn it down" is one of the music volume's examples,
    however sure the engine is that it is a device's)."""
    ranked = scores(result)
    best = _best_of(registry, ranked, skill, threshold * NAMED_SKILL_FACTOR, "context")
    owner = registry.get(skill)
    if best is not None or owner is None:
        return best
    confidence = {s.name: s.confidence for s in ranked}
    for words in dict.fromkeys((text, without_softeners(text))):  # "turn it down a bit": how gently is no word of it
        for intent in owner.manifest.intents:
            if reads_whole(owner, intent.name, words):
                return Chosen(owner, intent.name, max(confidence.get(intent.name, 0.0), threshold), "context")
    return None


def reads_whole(skill: Skill, intent: str, text: str, known: frozenset[str] = frozenset()) -> bool:
    """The words are one of the intent's own example templates (``slot_recovery.literal``): not a guess."""
    return literal(skill.manifest, skill.manifest.intent(intent), text, known=known)


def _best_of(registry: SkillRegistry, ranked: list[IntentScore], skill: str, bar: float, why: str) -> Chosen | None:
    for score in ranked:
        owner = registry.skill_for_intent(score.name)
        if owner is not None and owner.name == skill and score.confidence >= bar:
            return Chosen(owner, score.name, score.confidence, why)
    return None


def read_by(
    skill: Skill | None, text: str, threshold: float, previous: Mapping[str, object] | None = None
) -> Chosen | None:
    """The intent of ``skill`` (the previous turn's) one of whose templates reads words that point back whole:
    "pause it" right after "start the vacuum" is the vacuum's pause, whatever skill the engine leaned to. The
    pronoun is also read as what it stands for, the previous turn's ``previous`` slot values ("pause the vacuum")."""
    if skill is None:
        return None
    readings = (text, *with_antecedent(text, previous or {}))
    whole = next((i.name for i in skill.manifest.intents for t in readings if reads_whole(skill, i.name, t)), None)
    return Chosen(skill, whole, threshold, "context") if whole is not None else None


#: Words around a pronoun's verb that say nothing of which intent is meant ("read it again", "just pause it").
_AROUND_POINTER = frozenset({"the", "a", "an", "my", "please", "now", "again", "just", "back"})


def pointed_at(
    skill: Skill | None, text: str, threshold: float, own: Mapping[str, frozenset[str]], last: str = ""
) -> Chosen | None:
    """The intent of ``skill`` (the previous turn's) that words pointing back at its thing ask for, when no template
    reads them whole: every word but the pronoun and words around it ("again", "please") is a word of the
    intent's templates, one of them its own (``own``: ``vocabulary.intent_words``). "pause it" or "resume it"
    after a timer was set is the timers' pause ("pause the [{timer_name}] timer"), "read it again" after the
    shopping list was read is the list read again; the last turn's intent (``last``) first when it is one. None
    when the words say anything the skill's intents do not ("turn it up" after a timer)."""
    if skill is None:
        return None
    said = [w for w in words_of(without_softeners(text)) if w not in BACK_POINTERS and w not in _AROUND_POINTER]
    if not said or len(said) == len(words_of(text)):
        return None
    intents = sorted(skill.manifest.intents, key=lambda i: i.name != last)
    for intent in intents:
        template = template_words(intent)
        if all(w in template for w in said) and any(w in own.get(intent.name, frozenset()) for w in said):
            return Chosen(skill, intent.name, threshold, "context")
    return None
