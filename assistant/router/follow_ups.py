"""Requests that lean on the last one: "and on friday?" (a follow-up), "no, I meant the office" (a correction) and
"another one" (the same request once more).

Each takes the session's last request (its context), and runs its intent again with new or corrected slot values, or
as it was; None when the words are not that shape or the last intent takes no follow-ups, so the dialogue goes on to
the NLU's own choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.router import phrases
from assistant.router.intent_run import Outcome, TurnLog, run_intent
from assistant.router.nlu.spoken_numbers import parse_number
from assistant.router.nlu.types import NluResult
from assistant.router.session_state import Context, SessionState
from assistant.router.skills.manifest import IntentSpec, SkillManifest
from assistant.router.skills.registry import Skill, SkillRegistry
from assistant.router.slot_filling import intent_slots, slots_from_words
from assistant.router.slot_recovery import FREE_TEXT
from assistant.router.vocabulary import words_of
from bridge.cortana import Activity

#: A follow-up this short that names one of the last intent's listed values stays with that intent.
FOLLOWUP_WORDS = 3
#: A correction ("no, I meant the bedroom lamp") this short is only values; a longer one needs the NLU's backing.
CORRECTION_WORDS = 4
#: How sure the engine must be that a free-text correction is a request of its own to leave the last one be.
ANOTHER_REQUEST = 0.9


@dataclass(frozen=True)
class FollowUps:
    registry: SkillRegistry
    threshold: float

    def _last_request(self, state: SessionState) -> tuple[Context, Skill, IntentSpec] | None:
        """The last request of the session, its skill and intent, when that intent takes follow-ups."""
        context = state.context
        skill = self.registry.get(context.skill) if context else None
        intent = self.registry.intent(context.intent) if context else None
        if context is None or skill is None or intent is None or not intent.followup:
            return None
        return context, skill, intent

    def followup(
        self, incoming: Activity, state: SessionState, text: str, result: NluResult, turn: TurnLog
    ) -> Outcome | None:
        """ "and on friday?": the last intent again with the new slot values, unless the NLU is sure of another."""
        rest = phrases.followup_rest(text)
        last = self._last_request(state) if rest is not None else None
        if last is None or rest is None:
            return None
        context, skill, intent = last
        manifest = skill.manifest
        read = slots_from_words(manifest, intent, rest)
        values = {n: v for n, v in read.items() if manifest.slot(n).type != FREE_TEXT}
        just_values = bool(values) and len(rest.split()) <= FOLLOWUP_WORDS  # "and in London?", "what about friday?"
        sure_elsewhere = not result.out_of_scope and result.confidence >= self.threshold
        if result.intent != context.intent and sure_elsewhere and not just_values:
            return None
        new = {**slots_from_words(skill.manifest, intent, rest), **intent_slots(skill.manifest, intent, result.slots)}
        if not new:
            return None
        turn.intent, turn.confidence = context.intent, max(result.confidence, self.threshold)
        return run_intent(incoming, state, skill, context.intent, {**context.slots, **new}, turn)

    def again(self, incoming: Activity, state: SessionState, turn: TurnLog) -> Outcome | None:
        """ "another one": the last request once more, in its own words, so the skill hears it as it was (a joke's
        skill tells its next joke, a timer's sets a second one), or the intent the last one names for it
        (``another``: the next song); None when there is none or it takes no follow-ups."""
        last = self._last_request(state)
        if last is None or not last[0].text:
            return None
        context, skill, intent = last
        turn.confidence = 1.0
        if intent.another is not None:  # "another one" after "play some jazz" is the next song
            return run_intent(incoming, state, skill, intent.another, {}, turn)
        again = incoming.model_copy(update={"text": context.text})
        return run_intent(again, state, skill, context.intent, dict(context.slots), turn)

    def corrected(
        self,
        incoming: Activity,
        state: SessionState,
        text: str,
        result: NluResult,
        turn: TurnLog,
        alone: NluResult | None = None,
    ) -> Outcome | None:
        """ "no, I meant the office" / "make that 10 minutes": the last request again with the corrected values, and
        the skill told what it corrects (``corrects``) so it can replace what it did rather than add to it. Named or
        typed values correct, and only words that are little more than those values, unless the NLU is sure they
        mean the same intent; a request's one free-text value is corrected only by a few words that are no other
        request ("no, I meant oat milk" after "add milk"); ``alone``: the engine's reading of the correcting words
        on their own, which tells "no, I meant play some jazz" for a request of its own."""
        rest = phrases.correction_rest(text)
        last = self._last_request(state) if rest is not None and not phrases.adds(rest) else None
        if last is None or rest is None:  # "actually, add bread too" comes on top: no correction
            return None
        context, skill, intent = last
        manifest = skill.manifest
        found = slots_from_words(manifest, intent, rest)
        typed = [n for n in context.slots if n in intent.slots and manifest.slot(n).type != FREE_TEXT]
        for name in typed if not found else ():  # "make it 8 am" after an alarm: the time it had, again
            found = slots_from_words(manifest, intent, rest, only=name)
            if found:
                break
        if not found:  # "no, thirty five" after "a timer for twenty five minutes": the number, in the unit said
            found = _number_in_place(manifest, intent, context, rest, typed)
        new = {
            name: value
            for name, value in found.items()
            if manifest.slot(name).type != FREE_TEXT and value != context.slots.get(name)
        }
        same_intent = result.intent == context.intent and not result.out_of_scope
        if not new and all(manifest.slot(n).type == FREE_TEXT for n in found):  # "no, I meant oat milk"
            new = _free_text_correction(manifest, intent, context.slots, rest, alone or result)
        if not new or (len(rest.split()) > CORRECTION_WORDS and not same_intent):
            return None
        turn.intent, turn.confidence = context.intent, max(result.confidence, self.threshold)
        corrected = {**context.slots, **new}
        return run_intent(incoming, state, skill, context.intent, corrected, turn, corrects=context.slots)


def _free_text_correction(
    manifest: SkillManifest,
    intent: IntentSpec,
    said: Mapping[str, Any],
    rest: str,
    result: NluResult,
) -> dict[str, Any]:
    """The last request's one free-text slot with the correcting words, when that slot was filled, the words are
    few and new, and the engine is not all but sure they are another request ("no, I meant call dad" after a
    reminder to call mom is the reminder's, as its words share one with the value they replace; "no, I meant play
    some jazz" after "add milk" is music)."""
    free = [n for n in intent.slots if manifest.slot(n).type == FREE_TEXT and said.get(n)]
    elsewhere = result.intent != intent.name and not result.out_of_scope and result.confidence >= ANOTHER_REQUEST
    if elsewhere and free and set(words_of(rest)) & set(words_of(str(said[free[0]]))):
        elsewhere = False  # "call dad" for "call mom": the same kind of words, a new value
    if len(free) != 1 or elsewhere or len(rest.split()) > CORRECTION_WORDS or rest == str(said[free[0]]).lower():
        return {}
    return {free[0]: rest}


#: How many words after a number can be its unit ("minutes", "degrees celsius", "percent").
_UNIT_WORDS = 3


def _number_in_place(
    manifest: SkillManifest, intent: IntentSpec, context: Context, rest: str, typed: list[str]
) -> dict[str, Any]:
    """A bare number that corrects the number of one of the last request's typed values, read with the words
    that followed that number in the last request ("no, thirty five" after "set a timer for twenty five minutes"
    is 35 minutes); empty when the words are no bare number or no such reading changes a value."""
    if parse_number(rest) is None:
        return {}
    words = phrases.normalise(context.text).split()
    ends = [
        i + 1
        for i, w in enumerate(words)
        if _number_word(w) and (i + 1 == len(words) or not _number_word(words[i + 1]))
    ]
    for end in reversed(ends):  # the last number said first
        for size in range(1, _UNIT_WORDS + 1):
            if end + size > len(words):
                break
            said = " ".join([rest, *words[end : end + size]])
            for name in typed:
                value = slots_from_words(manifest, intent, said, only=name).get(name)
                if value not in (None, "") and value != context.slots.get(name):
                    return {name: value}
    return {}


def _number_word(word: str) -> bool:
    return parse_number(word) is not None and word not in ("a", "an")
