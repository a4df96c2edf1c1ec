"""A bare "stop" / "cancel" / "cancel that" with no question pending: what it stops.

It names no intent, so no guess of the NLU's is acted on. "cancel it" / "cancel that", or a bare "cancel" when the
last turn named what it set, undoes what the last turn set when the last turn's skill has a ``<skill>.cancel``
intent (sent the last turn's slots that intent takes: "set a timer for 3 minutes" then "cancel" is
``timers.cancel`` of the 3 minute timer); what is playing stops (a skill whose state says ``paused: false`` and that
has a ``<skill>.pause`` intent) on a stop word ("stop", "cancel", not "never mind" or "forget it", which only end
the conversation). A bare "stop" right after a start (the user said "start", and "start it" reads as the last
request) then is "stop it", the pronoun read as what the last turn was about, by that turn's skill's templates
("start the vacuum", "stop": "stop the vacuum"), and else the ``stop:`` intent of a skill whose state still holds
something set going turns ago (a call two questions back is hung up). Otherwise the session ends politely, and
"cancel that" with nothing to cancel says so rather than claiming "Okay".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.router import phrases, speech
from assistant.router.intent_choice import read_by
from assistant.router.intent_run import Outcome, TurnLog, run_intent, say
from assistant.router.session_state import SessionState
from assistant.router.skills.registry import Skill, SkillRegistry
from bridge.cortana import Activity


def stop(
    registry: SkillRegistry, incoming: Activity, state: SessionState, text: str, turn: TurnLog, threshold: float
) -> Outcome:
    pointing = phrases.points_back(text)
    undo = cancel_of_last(registry, state) if pointing or phrases.normalise(text) == "cancel" else None
    if undo is not None and not pointing and not undo[2]:
        undo = None  # a bare "cancel" undoes only what the last turn named: a timer just set, not "what timers"
    if undo is not None:
        turn.confidence = 1.0
        if not pointing:  # the skill hears the bare "cancel" as the router read it: what was just set
            incoming = incoming.model_copy(update={"text": "cancel it"})
        return run_intent(incoming, state, undo[0], undo[1], undo[2], turn)
    ongoing = stop_of_last(registry, state) if phrases.stops_playing(text) else None
    if ongoing is not None:  # "stop" right after "call mom": the hang-up
        turn.confidence = 1.0
        return run_intent(incoming, state, ongoing[0], ongoing[1], ongoing[2], turn)
    playing = playing_skill(registry, state, "pause") if phrases.stops_playing(text) else None
    if playing is not None:
        turn.confidence = 1.0
        return run_intent(incoming, state, playing[0], playing[1], {}, turn)
    stopped = stop_of_thing(registry, state, threshold) if phrases.is_stop(text) else None
    if stopped is None and phrases.is_stop(text):
        stopped = stop_ongoing(registry, state)
    if stopped is not None:  # "stop" after "start the vacuum": the vacuum's; during a call: the hang-up
        turn.confidence = 1.0
        return run_intent(incoming, state, stopped[0], stopped[1], stopped[2], turn)
    return say(incoming, SessionState(), speech.NOTHING_TO_CANCEL if pointing else speech.GOODBYE, "ignoringInput")


def cancel_of_last(registry: SkillRegistry, state: SessionState) -> tuple[Skill, str, dict[str, Any]] | None:
    """The last turn's skill, its cancel intent and the last turn's slots that intent takes; None when the last
    turn's skill cannot cancel (or the last turn was the cancel)."""
    return _after_last(registry, state, lambda skill, last: f"{skill.name}.cancel" if last != "cancel" else None)


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
    return _after_last(registry, state, _stop_named)


def stop_of_thing(
    registry: SkillRegistry, state: SessionState, threshold: float
) -> tuple[Skill, str, dict[str, Any]] | None:
    """A bare "stop" right after something was started, read as "stop it", the pronoun as what the last turn was
    about: the intent of the last turn's skill one of whose templates then reads it ("stop the vacuum" after
    "start the vacuum"), with the last turn's slots it takes. None when the last request was no start in the
    user's words and the skill's ("turn on the kitchen lamp" is left on; "start it" must read as it too: "set the
    bedroom ac to 22" is left alone) or nothing reads "stop it"."""
    context = state.context
    skill = registry.get(context.skill) if context is not None else None
    if context is None or skill is None or not _STARTED.search(phrases.normalise(context.text)):
        return None  # "turn on the kitchen lamp", "stop": the user's "stop" is no "turn it off"
    started = read_by(skill, "start it", threshold, context.slots)
    if started is None or started.intent != context.intent:
        return None
    read = read_by(skill, "stop it", threshold, context.slots)
    if read is None or read.intent == context.intent:
        return None
    target = skill.manifest.intent(read.intent)
    return skill, read.intent, {k: v for k, v in context.slots.items() if k in target.slots}


#: A request in the user's own words that set something going, which a bare "stop" may then stop.
_STARTED = re.compile(r"\b(?:start|begin|run|resume|continue)\b")


def stop_ongoing(registry: SkillRegistry, state: SessionState) -> tuple[Skill, str, dict[str, Any]] | None:
    """The ``stop:`` intent of a skill whose state still holds what one of its requests set going, however many
    turns ago ("call dad", "what time is it", "stop": the hang-up); the skill's state is what it keeps of what goes
    on, and the skill itself says when nothing does. None when no skill with a ``stop:`` intent keeps any state."""
    for name, kept in state.skills.items():
        skill = registry.get(name)
        if skill is None or not kept:
            continue
        stops = next((i.stop for i in skill.manifest.intents if i.stop is not None), None)
        if stops is not None:
            return skill, stops, {}
    return None


def _stop_named(skill: Skill, last: str) -> str | None:
    intent = next((i for i in skill.manifest.intents if i.name == f"{skill.name}.{last}"), None)
    return intent.stop if intent is not None else None


def _after_last(
    registry: SkillRegistry, state: SessionState, pick: Callable[[Skill, str], str | None]
) -> tuple[Skill, str, dict[str, Any]] | None:
    """The last turn's skill, the intent of it ``pick`` names (given the skill and the last intent's name after
    the skill's prefix), and the last turn's slots that intent takes; None when it names none the skill has."""
    context = state.context
    skill = registry.get(context.skill) if context is not None else None
    if context is None or skill is None:
        return None
    name = pick(skill, context.intent.removeprefix(f"{skill.name}."))
    target = next((i for i in skill.manifest.intents if i.name == name), None)
    if target is None:
        return None
    return skill, target.name, {k: v for k, v in context.slots.items() if k in target.slots}
