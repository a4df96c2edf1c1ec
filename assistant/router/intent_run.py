"""Acting on a chosen intent: fill from context, ask for what is missing, confirm, call the skill, and say so.

The dialogue (``dialogue``) decides which intent a turn means; these functions carry the decision out and give the
reply and the next session state. They keep no state of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.router import speech
from assistant.router.carry_over import carried, named_there
from assistant.router.nlu.types import NluResult
from assistant.router.session_state import Context, Pending, SessionState
from assistant.router.skill_call import call_skill, skill_activity
from assistant.router.skills.registry import Skill, SkillRegistry
from assistant.router.skills.replies import CONFIRM
from assistant.router.slot_filling import format_prompt, missing_required
from bridge.cortana import Activity

#: How many times a question is asked again before the router gives up on it.
MAX_TRIES = 2


@dataclass
class TurnLog:
    """What this turn's channelData.nlu reports (filled in as the turn proceeds)."""

    intent: str = ""
    confidence: float = 0.0
    engine: str = ""
    skill: str = ""
    slots: Mapping[str, Any] = field(default_factory=dict)
    nlu_ms: float = 0.0
    skill_ms: float = 0.0
    parsed: dict[str, NluResult] = field(default_factory=dict)
    """Parses already made this turn, by text (so a re-route does not parse twice)."""
    lead_in: bool = False
    """The words began as a correction ("no, I meant ...") that corrected nothing: a fallback says so."""
    skill_error: str = ""
    """Why the skill gave no reply this turn (it raised, or answered what the bridge cannot carry)."""


@dataclass(frozen=True)
class Outcome:
    reply: Activity
    state: SessionState
    not_understood: bool = False


def run_intent(
    incoming: Activity,
    state: SessionState,
    skill: Skill,
    name: str,
    slots: Mapping[str, Any],
    turn: TurnLog,
    *,
    confirmed: bool = False,
    tries: int = 0,
    asked: str | None = None,
    corrects: Mapping[str, Any] | None = None,
) -> Outcome:
    """Fill from context, ask for what is missing, confirm if the manifest says so, then call the skill.

    ``tries``: answers already given to a question of this intent; a skill that asks for the same slot again
    (the answer was not a time it understood) is not asked forever: at ``MAX_TRIES`` the router gives up.
    ``asked``: the slot those answers were to; a skill that asks for another slot next starts its count afresh
    ("send a message" / "to John" / "happy birthday" asks two questions, neither twice).
    ``corrects``: the slots of the last request, which this one corrects ("no, I meant the office"); the skill
    hears them so it can replace what it did."""
    intent = skill.manifest.intent(name)
    slots = {k: v for k, v in slots.items() if v not in (None, "")}
    turn.intent, turn.skill, turn.slots = name, skill.name, slots
    missing = missing_required(intent, slots)
    if missing is not None:
        prompt = format_prompt(skill.manifest.slot(missing).prompt or f"What {missing}?", slots)
        asking = replace(state, pending=Pending(skill.name, name, slots, missing, prompt))
        return say(incoming, asking, prompt, "expectingInput", intent=name, slots=slots)
    if intent.confirm and not confirmed:
        prompt = format_prompt(intent.confirm, slots)
        asking = replace(state, pending=Pending(skill.name, name, slots, CONFIRM, prompt))
        return say(incoming, asking, prompt, "expectingInput", intent=name, slots=slots)
    sent = skill_activity(incoming, name, slots, state.skill_state(skill.name), confirmed, corrects)
    answer = call_skill(skill, sent)
    turn.skill_ms += answer.ms
    if answer.reply is None:
        turn.skill_error = answer.error or f"skill {skill.name!r} gave no reply"
        return say(incoming, replace(state, pending=None), speech.apology(skill.name), "acceptingInput")
    resolved = answer.resolved_slots(slots)
    name = answer.answered_as(skill, name)
    turn.intent, turn.slots = name, resolved
    new_state = replace(state, pending=None, context=Context(skill.name, name, resolved, incoming.text or ""))
    new_state = new_state.with_skill_state(skill.name, answer.skill_state)
    expecting = answer.expecting
    tries = tries if expecting == asked else 0
    if expecting is not None and tries >= MAX_TRIES:
        return say(incoming, replace(new_state, pending=None), speech.GIVE_UP, "acceptingInput")
    if expecting is not None:
        prompt = answer.reply.text or "Yes or no?"
        question = Pending(skill.name, name, resolved, expecting, prompt, tries=tries)
        new_state = replace(new_state, pending=question)
    if answer.reply.type == "endOfConversation" or answer.reply.input_hint == "ignoringInput":
        new_state = SessionState()
    return Outcome(answer.reply, new_state)


def inherited(
    state: SessionState,
    skill: Skill,
    name: str,
    said: Mapping[str, Any],
    text: str,
    registry: SkillRegistry | None = None,
) -> dict[str, Any]:
    """What a new request takes from the previous turn (``carry_over``): only a real follow-up takes any, and from
    another skill's turn (found in ``registry``) only the place "there" points at."""
    context = state.context
    if context is None:
        return {}
    if context.skill != skill.name:
        other = registry.get(context.skill) if registry is not None else None
        if other is None:
            return {}
        return named_there(skill.manifest, skill.manifest.intent(name), said, text, other.manifest, context.slots)
    before = next((i for i in skill.manifest.intents if i.name == context.intent), None)
    return carried(skill.manifest, skill.manifest.intent(name), said, text, context.slots, before)


def say(
    incoming: Activity,
    state: SessionState,
    text: str,
    hint: Any,
    *,
    intent: str | None = None,
    slots: Mapping[str, Any] | None = None,
) -> Outcome:
    semantic = "continue" if hint == "expectingInput" and intent else "done"
    reply = speech.own_reply(incoming, text, hint, intent=intent, semantic_state=semantic, slots=dict(slots or {}))
    return Outcome(reply, state)
