"""Something that happened on the speaker, not said by the user: a Cortana ``event`` Activity other than
``noResponse`` (from a Mi-AI request's ``event_type``), such as ``mediaplayer.playbackfinished``.

A skill listens by mapping the event's name to one of its intents in skill.yml (``events:``); the router runs that
intent with no slots, the event (``{"name", "value"}``) in ``channelData.event``, and the skill's state as the
session (or the speaker's memory) keeps it. The conversation's context is left as the user's last request made it,
so "another one" or "and tomorrow?" still follow what was said, not what happened. An event no skill listens to
gets an empty reply.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.router import speech
from assistant.router.intent_run import Outcome, TurnLog, run_intent
from assistant.router.session_state import SessionState
from assistant.router.skills.registry import SkillRegistry
from bridge.cortana import Activity


def speaker_event(registry: SkillRegistry, incoming: Activity, state: SessionState, turn: TurnLog) -> Outcome:
    for skill in registry.skills:
        intent = dict(skill.manifest.events).get(incoming.name or "")
        if intent is not None:
            turn.confidence = 1.0
            outcome = run_intent(incoming, state, skill, intent, {}, turn)
            return replace(outcome, state=replace(outcome.state, context=state.context))
    return Outcome(speech.own_reply(incoming, None, "acceptingInput"), state)
