"""The dialogue: which intent a turn means and what happens next (ask, confirm, act, fall back).

Every decision is made from the turn's words, the NLU result and the session state, never from memory in the
router, so any router instance can serve any turn. The NLU is called at most once per turn.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.router import opened_skill, pending_answer, phrases, speech, welcome_answers
from assistant.router.carry_over import dangling
from assistant.router.follow_ups import FollowUps
from assistant.router.guesses import (
    all_said,
    doubtful,
    judged_out_of_scope,
    mostly_unknown,
    number_said,
    off_topic,
    swallowed_by_courtesy,
)
from assistant.router.intent_choice import Names, choose, in_context, pointed_at, read_by
from assistant.router.intent_run import MAX_TRIES, Outcome, TurnLog, inherited, run_intent, say
from assistant.router.nlu.types import NluEngine, NluResult
from assistant.router.session_state import Pending, SessionState
from assistant.router.skills.registry import SkillRegistry
from assistant.router.skills.replies import CONFIRM
from assistant.router.slot_filling import intent_slots, slots_from_words
from assistant.router.slot_recovery import FREE_TEXT, recover
from assistant.router.stopping import playing_skill, stop
from assistant.router.vocabulary import unknown_share, words_of
from bridge.cortana import Activity


@dataclass(frozen=True)
class Dialogue:
    registry: SkillRegistry
    engine: NluEngine
    threshold: float
    known: frozenset[str] = frozenset()
    """The words the skills use (``vocabulary.known_words``); empty = no unknown-words check."""
    names: Names = field(default_factory=lambda: Names(frozenset(), {}))
    """What tells a name heard from the skills' words, and each intent's own words; empty = no such checks."""

    @property
    def _follow_ups(self) -> FollowUps:
        return FollowUps(self.registry, self.threshold)

    # --- entry points -------------------------------------------------------------------------------------------

    def utterance(self, incoming: Activity, state: SessionState, text: str, turn: TurnLog) -> Outcome:
        pending = state.pending
        repeat = phrases.normalise(text) == "repeat" and not pending
        playing = playing_skill(self.registry, state, "repeat") if repeat else None
        if playing is not None and (state.context is None or state.context.skill == playing[0].name):
            # a bare "repeat" while music plays is the music's, unless another skill's reply was the last thing said
            turn.confidence = 1.0
            return run_intent(incoming, state, playing[0], playing[1], {}, turn)
        if phrases.is_repeat(text):  # "what did you say": the last reply again; a question stays asked
            again = state.said or speech.NOTHING_SAID
            return Outcome(speech.own_reply(incoming, again, "expectingInput" if pending else "acceptingInput"), state)
        if phrases.is_asked(text):  # "what did I just ask": the last request's words; a question stays asked
            again = speech.asked(state.heard) if state.heard else speech.NOTHING_ASKED
            return Outcome(speech.own_reply(incoming, again, "expectingInput" if pending else "acceptingInput"), state)
        if pending is not None:
            answered = self._answer(incoming, state, pending, text, turn)
            if answered is not None:
                return answered
            state = replace(state, pending=None)
        if phrases.is_cancel(text):
            return stop(self.registry, incoming, state, text, turn, self.threshold)
        if phrases.is_help(text):
            return self._help(incoming, state, turn)
        if phrases.is_another(text) and (once_more := self._follow_ups.again(incoming, state, turn)) is not None:
            return once_more
        invocation = phrases.find_invocation(text, [(n, s.name) for n, s in self.registry.invocations])
        if invocation is not None:
            return self._invoked(incoming, state, invocation, turn)
        rest = phrases.correction_rest(text)
        alone = self._parse(rest, turn) if rest is not None and state.context else None  # "no, I meant play ..."
        plain = phrases.without_courtesy(text)  # "switch off the light in the office thank you"
        inside = self._parse(plain, turn) if plain is not None else None
        result = self._parse(text, turn)
        if plain is not None and inside is not None and swallowed_by_courtesy(result, inside, self.threshold):
            text, incoming, result = plain, incoming.model_copy(update={"text": plain}), self._parse(plain, turn)
        followed = self._follow_ups.corrected(incoming, state, text, result, turn, alone) or self._follow_ups.followup(
            incoming, state, text, result, turn
        )
        if followed is not None:
            return followed
        # a bare value ("no, I meant the kitchen") is no request of its own; "make it 2 degrees warmer" that
        # corrects nothing is a request in its own words
        if (
            rest is not None
            and not phrases.makes_it(text)
            and not any(opened_skill.only_a_value(s.manifest, rest) for s in self.registry.skills)
        ):
            # "no, I meant play some jazz" corrects nothing: the request without its lead-in
            text, incoming, turn.lead_in = rest, incoming.model_copy(update={"text": rest}), True
            result = self._parse(text, turn)
        opened = self.registry.get(state.open_skill) if state.open_skill else None
        if opened_skill.only_a_value(opened.manifest if opened else None, text):
            answered = welcome_answers.open_skill_answer(self.registry, incoming, state, text, turn)  # "Rome"
            if answered is not None:
                return answered
        previous = state.context.skill if state.context else None
        chosen = choose(
            self.registry,
            result,
            self.threshold,
            prefer=state.open_skill,
            context=previous,
            text=text,
            names=self.names,
        )
        unsure = chosen is not None and chosen.why == "opened"  # the opened skill only as the engine's unsure guess
        if chosen is None or chosen.skill.name != state.open_skill or unsure:  # "call mom at 6 pm"
            task = welcome_answers.task(self.registry, incoming, state, text, turn, anytime=unsure)
            if task is not None:
                return task
        # with no choice from the engine too: words pointing back at the last turn may make one ("read it again")
        if (
            (chosen is None or previous != chosen.skill.name)
            and previous
            and phrases.refers_back(text)
            and state.context
        ):
            before, context = self.registry.get(str(previous)), state.context
            pointed = read_by(before, text, self.threshold, context.slots)  # "pause it" after the vacuum started
            if pointed is None and (chosen is None or state.skill_state(chosen.skill.name).get("paused") is not False):
                # "resume it" after a timer: the timer's, unless the engine's skill has something playing
                pointed = pointed_at(before, text, self.threshold, self.names.own, context.intent)
            if pointed is not None and pointed.intent == context.intent and phrases.again(text) and context.text:
                turn.confidence = pointed.confidence  # "read it again", "send it again": the last request again
                redo = incoming.model_copy(update={"text": context.text})
                return run_intent(redo, state, pointed.skill, context.intent, dict(context.slots), turn)
            chosen = pointed or chosen
        if chosen is None:
            bare = welcome_answers.open_skill_answer(self.registry, incoming, state, text, turn)
            return bare or self._fallback(incoming, state, result, turn)
        manifest = chosen.skill.manifest
        intent = manifest.intent(chosen.intent)
        said = intent_slots(manifest, intent, result.slots)
        if previous not in (None, chosen.skill.name) and dangling(manifest, intent, said, text):
            chosen = in_context(self.registry, result, self.threshold, str(previous), text) or chosen
            manifest = chosen.skill.manifest
            intent = manifest.intent(chosen.intent)
            said = intent_slots(manifest, intent, result.slots)
        heard = intent_slots(manifest, intent, result.slots, heard=True)
        recovered = recover(manifest, intent, text, said, self.names.known, heard)
        found = recovered.slots
        listed = (
            slots_from_words(manifest, intent, text, listed_only=True) if chosen.why == "opened" or not found else {}
        )
        if chosen.why == "opened" or (listed and all_said(manifest, intent, text, listed, self.names.own)):
            found = {**listed, **found}  # "Rome" after "open weather"; "lights on", the tagger missing "lights"
        unknown = unknown_share(text, self.known, recovered.unlisted) if self.known else 0.0
        carried = inherited(state, chosen.skill, chosen.intent, found, text, self.registry)
        # "turn them off", "turn it up a little": words that point back at the last turn of this same skill are
        # backed by it (a middling guess with no slots of its own is otherwise doubted)
        backed = phrases.refers_back(text) and previous == chosen.skill.name
        number = number_said(manifest, intent, text)  # "plus two": a number word the tagger left
        unsure = not recovered.fits and not backed and doubtful(chosen, intent.slots, found, unknown, number=number)
        own = self.names.own.get(chosen.intent)
        strange = not recovered.fits and own is not None and off_topic(chosen, set(words_of(text)), own)
        if unsure or strange or mostly_unknown(chosen, unknown):
            return self._fallback(incoming, state, result, turn)
        turn.confidence = chosen.confidence
        last = state.context  # "add it to my to do list instead": the last request again, corrected
        redone = last is not None and turn.lead_in and last.intent == chosen.intent and not phrases.adds(text)
        corrects = last.slots if last is not None and redone else None
        return run_intent(incoming, state, chosen.skill, chosen.intent, {**carried, **found}, turn, corrects=corrects)

    def known_intent(
        self,
        incoming: Activity,
        state: SessionState,
        intent: str,
        slots: dict[str, Any],
        semantic_state: str,
        turn: TurnLog,
    ) -> Outcome:
        """The speaker already knew the intent (Mi-AI slot_info): no NLU."""
        skill = self.registry.skill_for_intent(intent)
        turn.intent, turn.confidence, turn.engine = intent, 1.0, "speaker"
        if skill is None:
            return self._fallback(incoming, state, None, turn)
        slots = {**inherited(state, skill, intent, slots, incoming.text or "", self.registry), **slots}
        return run_intent(incoming, state, skill, intent, slots, turn, confirmed=semantic_state == "done")

    def no_response(self, incoming: Activity, state: SessionState) -> Outcome:
        """The user said nothing: ask a pending question once more, else end the session quietly."""
        pending = state.pending
        if pending is not None and pending.tries < MAX_TRIES - 1:
            again = replace(state, pending=replace(pending, tries=pending.tries + 1))
            return say(incoming, again, f"Sorry, I didn't hear you. {pending.prompt}", "expectingInput")
        return Outcome(speech.own_reply(incoming, None, "ignoringInput", end=True), replace(state, pending=None))

    # --- pieces ---------------------------------------------------------------------------------------------------

    def _parse(self, text: str, turn: TurnLog) -> NluResult:
        result = turn.parsed.get(text)
        if result is None:
            started = time.perf_counter()
            result = self.engine.parse(text)
            turn.nlu_ms += (time.perf_counter() - started) * 1000
            turn.parsed[text] = result
        turn.intent, turn.confidence, turn.engine = result.intent, result.confidence, result.engine or self.engine.name
        return result

    def _answer(
        self, incoming: Activity, state: SessionState, pending: Pending, text: str, turn: TurnLog
    ) -> Outcome | None:
        """Treat ``text`` as the answer to the pending question (``pending_answer``); None when it is a request of its
        own, served as new with the question dropped."""
        skill = self.registry.get(pending.skill)
        if skill is None or pending.intent not in {i.name for i in skill.manifest.intents}:
            return None
        if pending.awaiting == CONFIRM:
            answer = phrases.yes_or_no(text)
            if answer == "yes":  # the router's own reading of the words: sure, as for "cancel"
                turn.confidence = 1.0
                return run_intent(
                    incoming, replace(state, pending=None), skill, pending.intent, pending.slots, turn, confirmed=True
                )
            if answer == "no":
                return say(incoming, replace(state, pending=None), speech.DECLINED, "acceptingInput")
        free_text = pending_answer.free_text_slot(skill.manifest, pending.awaiting)
        if phrases.is_cancel(text) or (free_text and phrases.is_refusal(text)):  # "What's the message?" "no"
            return say(incoming, replace(state, pending=None, open_skill=None), speech.CANCELLED, "ignoringInput")
        if phrases.find_invocation(text, [(n, s.name) for n, s in self.registry.invocations]) is not None:
            return None  # "open skype": a new request, never the answer
        if phrases.is_help(text):
            what = "Please answer yes or no." if pending.awaiting == CONFIRM else f"I need the {pending.awaiting}."
            return say(incoming, state, f"{what} {pending.prompt} Or say cancel.", "expectingInput")
        result = self._parse(text, turn)
        intent = skill.manifest.intent(pending.intent)
        reading = pending_answer.Reading(None)
        if pending.awaiting != CONFIRM:
            found = intent_slots(skill.manifest, intent, result.slots)
            reading = pending_answer.read(skill.manifest, intent, pending, text, found, self.names.known)
        answered = reading.slots is not None and (reading.whole or pending_answer.short(text))
        mere_yes_or_no = phrases.yes_or_no(text) is not None and pending_answer.short(text)  # "okay" asks nothing
        if not mere_yes_or_no and (not answered or not reading.whole):  # "kitchen light off" to "Which device?"
            chosen = choose(self.registry, result, self.threshold, text=text, names=self.names)
            listed = {k: v for k, v in (reading.slots or {}).items() if skill.manifest.slot(k).type != FREE_TEXT}
            values = " ".join(str(v).replace("_", " ") for v in listed.values())
            said = set(words_of(text)) - set(words_of(values))  # "the living room": "room" is the value's word
            if (
                pending_answer.sibling_request(chosen, pending, said, self.names.own)
                if answered
                else pending_answer.own_request(
                    self.registry, chosen, result, pending, text, self.names, free_text=free_text
                )
            ):
                return None  # "cancel all timers" instead of a duration: served as a request, the question dropped
        more = pending_answer.other_values(skill.manifest, intent, pending, text) if reading.slots is None else {}
        if more:  # "tomorrow" to "Which city?": kept, and the city asked again
            asking = replace(state, pending=replace(pending, slots={**pending.slots, **more}))
            return say(incoming, asking, pending.prompt, "expectingInput")
        if reading.slots is None:
            if not pending_answer.short(text) and not free_text and judged_out_of_scope(result, self.threshold):
                return None  # "book me a flight" instead of a time: the question is dropped for the fallback
            if pending.tries + 1 >= MAX_TRIES:
                return say(incoming, replace(state, pending=None), speech.GIVE_UP, "acceptingInput")
            again = replace(state, pending=replace(pending, tries=pending.tries + 1))
            return say(incoming, again, speech.reask(pending.prompt, pending.awaiting == CONFIRM), "expectingInput")
        slots = {**pending.slots, **reading.slots}
        cleared, tries = replace(state, pending=None), pending.tries + 1
        return run_intent(incoming, cleared, skill, pending.intent, slots, turn, tries=tries, asked=pending.awaiting)

    def _invoked(
        self, incoming: Activity, state: SessionState, invocation: phrases.Invocation, turn: TurnLog
    ) -> Outcome:
        skill = self.registry.get(invocation.skill)
        if skill is None:  # the registry gave the name, so this cannot happen; be explicit anyway
            return self._fallback(incoming, state, None, turn)
        turn.skill = skill.name
        if invocation.kind == "open":
            welcome = skill.manifest.welcome or f"{skill.manifest.description} What would you like?"
            asked = opened_skill.welcome_question(skill.manifest)  # "What should I add?": its answer is the item
            pending = Pending(skill.name, asked[0], {}, asked[1], asked[2]) if asked else None
            opened = replace(state, open_skill=skill.name, pending=pending)
            return say(incoming, opened, welcome, "expectingInput")
        # the skill hears the request alone, as spelled
        request = phrases.as_said(incoming.text or "", invocation.rest, at_end=True)
        incoming = incoming.model_copy(update={"text": request})
        result = self._parse(invocation.rest, turn)
        chosen = choose(self.registry, result, self.threshold, only=skill.name)
        if chosen is None:
            intent = skill.manifest.intents[0]
            slots = slots_from_words(skill.manifest, intent, request)
            if not slots:
                text = f"Sorry, I don't know how {skill.manifest.invocations[0]} can help with that."
                return Outcome(speech.own_reply(incoming, text, "acceptingInput"), state, not_understood=True)
            return run_intent(incoming, state, skill, intent.name, slots, turn)
        turn.confidence = chosen.confidence
        intent = skill.manifest.intent(chosen.intent)
        said, heard = (intent_slots(skill.manifest, intent, result.slots, heard=h) for h in (False, True))
        found = recover(skill.manifest, intent, request, said, self.names.known, heard).slots
        found = {**slots_from_words(skill.manifest, intent, request, listed_only=True), **found}  # "Paris"
        found = {**inherited(state, skill, chosen.intent, found, request, self.registry), **found}
        return run_intent(incoming, state, skill, chosen.intent, found, turn)

    def _help(self, incoming: Activity, state: SessionState, turn: TurnLog) -> Outcome:
        opened = self.registry.get(state.open_skill) if state.open_skill else None
        if opened is not None:
            samples = "; ".join(f'"{s}"' for s in opened.manifest.samples[:3])
            text = opened.manifest.description + (f" Try {samples}." if samples else "")
            return say(incoming, state, text, "expectingInput")
        helper = self.registry.skill_for_intent("help.capabilities")
        if helper is not None:
            return run_intent(incoming, state, helper, "help.capabilities", {}, turn)
        return say(incoming, state, speech.fallback(self.registry), "acceptingInput")

    def _fallback(self, incoming: Activity, state: SessionState, result: NluResult | None, turn: TurnLog) -> Outcome:
        text = incoming.text or ""
        correcting = state.context is not None and (turn.lead_in or phrases.correction_rest(text) is not None)
        answer = speech.UNCORRECTED if correcting else speech.fallback(self.registry)  # "no, I meant oat milk"
        reply = speech.own_reply(incoming, answer, "acceptingInput")
        return Outcome(reply, replace(state, pending=None), not_understood=True)
