"""A bare "stop" / "cancel" / "cancel that" with no question pending: what it stops.

It names no intent, so no guess of the NLU's is acted on. "cancel it" / "cancel that", or a bare "cancel" when the
last turn named what it set, undoes what the last turn set when the last turn's skill has a ``<skill>.cancel``
intent (sent the last turn's slots that intent takes: "set a timer for 3 minutes" then "cancel" is
``timers.cancel`` of the 3 minute timer); what is playing stops (a skill whose state says ``paused: false`` and that
has a ``<skill>.pause`` intent) on a stop word ("stop", "cancel", not "never mind" or "forget it", which only end
the conversation); otherwise the session ends politely, and "cancel that" with nothing to cancel says so rather
than claiming "Okay".
"""

from __future__ import annotations

from typing import Any

from assistant.router import phrases, speech
from assistant.router.intent_run import Outcome, TurnLog, run_intent, say
from assistant.router.session_state import SessionState
from assistant.router.skills.registry import Skill, SkillRegistry
from bridge.cortana import Activity


def stop(registry: SkillRegistry, incoming: Activity, state: SessionState, text: str, turn: TurnLog) -> Outcome:
    pointing = phrases.points_back(text)
    undo = cancel_of_last(registry, state) if pointing or phrases.normalise(text) == "cancel" else None
    if undo is not None and not pointing and not undo[2]:
        undo = None  # a bare "cancel" undoes only what the last turn named: a timer just set, not "what timers"
    if undo is not None:
        turn.confidence = 1.0
        return run_intent(incoming, state, undo[0], undo[1], undo[2], turn)
    ongoing = stop_of_last(registry, state) if phrases.stops_playing(text) else None
    if ongoing is not None:  # "stop" right after "call mom": the hang-up
        turn.confidence = 1.0
        return run_intent(incoming, state, ongoing[0], ongoing[1], ongoing[2], turn)
    playing = playing_skill(registry, state, "pause") if phrases.stops_playing(text) else None
    if playing is not None:
        turn.confidence = 1.0
        return run_intent(incoming, state, playing[0], playing[1], {}, turn)
    return say(incoming, SessionState(), speech.NOTHING_TO_CANCEL if pointing else speech.GOODBYE, "ignoringInput")


def cancel_of_last(registry: SkillRegistry, state: SessionState) -> tuple[Skill, str, dict[str, Any]] | None:
    """The last turn's skill, its cancel intent and the last turn's slots that intent takes; None when the last
    turn's skill cannot cancel (or the last turn was the cancel)."""
    context = state.context
    skill = registry.get(context.skill) if context is not None else None
    if context is None or skill is None:
        return None
    name = f"{skill.name}.cancel"
    cancel = next((i for i in skill.manifest.intents if i.name == name), None)
    if cancel is None or context.intent == name:
        return None
    return skill, name, {k: v for k, v in context.slots.items() if k in cancel.slots}


def playing_skill(registry: SkillRegistry, state: SessionState, action: str) -> tuple[Skill, str] | None:
    """A skill whose state says something plays (``paused: false``) and its ``<skill>.<action>`` intent: what a
    bare "stop" pauses, and a bare "repeat" puts on repeat."""
    for name, skill_state in state.skills.items():
        skill = registry.get(name)
        intent = f"{name}.{action}"
        takes = skill is not None and intent in {i.name for i in skill.manifest.intents}
        if skill is not None and takes and skill_state.get("paused") is False:
            return skill, intent
    return None


def stop_of_last(registry: SkillRegistry, state: SessionState) -> tuple[Skill, str, dict[str, Any]] | None:
    """The intent the last turn's intent names for a bare "stop" (``stop:`` in skill.yml), with the last turn's
    slots it takes; None when it names none."""
    context = state.context
    skill = registry.get(context.skill) if context is not None else None
    intent = registry.intent(context.intent) if context is not None else None
    if context is None or skill is None or intent is None or intent.stop is None:
        return None
    takes = skill.manifest.intent(intent.stop).slots
    return skill, intent.stop, {k: v for k, v in context.slots.items() if k in takes}
