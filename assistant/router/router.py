"""The Cortana-style skill router: one Activity in, one reply Activity out, state carried by the channel.

Order of a turn: session state (timeout) -> router phrases (cancel, help, a pending question) -> "ask/open
<skill>" -> follow-up ("and tomorrow?") -> NLU over every skill's intents -> dialogue (missing required slots,
confirmation) -> the skill. Whatever the NLU is unsure of gets a helpful fallback rather than an action; a skill
or NLU failure gets a spoken apology while the router keeps serving.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.config.router import RouterSettings
from assistant.errors import NluError
from assistant.router import phrases, speech
from assistant.router.dialogue import Dialogue
from assistant.router.intent_choice import Names
from assistant.router.intent_run import Outcome, TurnLog
from assistant.router.nlu.types import NluEngine
from assistant.router.services.clock import Clock
from assistant.router.session_state import SessionState, load_state
from assistant.router.skills.registry import SkillRegistry
from assistant.router.speaker_events import speaker_event
from assistant.router.speaker_memory import SpeakerMemory
from assistant.router.vocabulary import skill_words
from bridge.cortana import Activity

log = logging.getLogger(__name__)


@dataclass
class Router:
    """An :class:`bridge.handler.ActivityHandler` over a skill registry and an NLU engine."""

    registry: SkillRegistry
    engine: NluEngine
    settings: RouterSettings
    clock: Clock
    memory: SpeakerMemory | None = None
    """Where skills whose state outlives the session keep it per speaker (None: no such skill)."""
    _dialogue: Dialogue = field(init=False, repr=False)

    def __post_init__(self) -> None:
        manifests = self.registry.manifests
        words = skill_words(manifests)
        names = Names(words.without_names, words.own)
        self._dialogue = Dialogue(self.registry, self.engine, self.settings.nlu.threshold, words.known, names)

    def handle(self, activity: Activity) -> Activity:
        now = self.clock.now()
        raw = (activity.channel_data or {}).get("state")
        state, timed_out = load_state(raw, now, self.settings.session_timeout_s)
        if self.memory is not None:
            state = self.memory.recall(activity, state)
        turn = TurnLog()
        try:
            outcome = self._turn(activity, state, turn)
        except NluError as e:
            log.warning("NLU engine failed: %s", e)
            outcome = Outcome(speech.own_reply(activity, speech.NLU_RESTARTING, "acceptingInput"), state)
        if timed_out:
            log.info("conversation %s timed out before this turn", activity.conversation.id)
        if self.memory is not None:
            self.memory.keep(activity, turn.skill, outcome.state, now)
        said = outcome.reply.text or outcome.state.said  # what "repeat that" says next
        words = (activity.text or "").strip() if activity.type == "message" else ""
        heard = words if words and not phrases.is_asked(words) else state.heard  # what "what did I ask" says next
        kept = replace(outcome.state, said=said, heard=heard or outcome.state.heard)
        return _finish(activity, outcome, kept.to_json(now), turn)

    def _turn(self, activity: Activity, state: SessionState, turn: TurnLog) -> Outcome:
        kind = activity.type
        if kind == "endOfConversation":
            return Outcome(speech.own_reply(activity, None, "ignoringInput", end=True), SessionState())
        if kind == "event":
            if activity.name == "noResponse":
                return self._dialogue.no_response(activity, state)
            return speaker_event(self.registry, activity, state, turn)
        action = activity.semantic_action
        if action is not None:
            return self._dialogue.known_intent(activity, state, action.id, dict(action.entities), action.state, turn)
        text = (activity.text or "").strip()
        if not text:
            if kind == "conversationUpdate":
                return Outcome(speech.own_reply(activity, speech.WELCOME, "expectingInput"), state)
            return Outcome(speech.own_reply(activity, speech.NOT_HEARD, "acceptingInput"), state)
        if kind == "conversationUpdate":
            state = replace(state, pending=None)
        return self._dialogue.utterance(activity, state, text, turn)

    def close(self) -> None:
        if self.memory is not None:
            self.memory.close()
        self.engine.close()
        self.registry.close()


def _finish(incoming: Activity, outcome: Outcome, state: dict[str, Any], turn: TurnLog) -> Activity:
    """Address the reply back to the sender and put the router's channelData on it."""
    data = outcome.reply.to_dict()
    data["from"] = incoming.recipient.to_dict()
    data["recipient"] = incoming.from_.to_dict()
    data["conversation"] = incoming.conversation.to_dict()
    if incoming.id:
        data["replyToId"] = incoming.id
    if incoming.locale and "locale" not in data:
        data["locale"] = incoming.locale
    if data["type"] == "endOfConversation":
        data["inputHint"] = "ignoringInput"
    data.setdefault("inputHint", "acceptingInput")
    skill_data: Mapping[str, Any] = outcome.reply.channel_data or {}
    channel: dict[str, Any] = {
        "state": state,
        "nlu": {
            "intent": turn.intent,
            "confidence": round(turn.confidence, 4),
            "engine": turn.engine,
            "skill": turn.skill,
            "slots": dict(turn.slots),
            "ms": {"nlu": round(turn.nlu_ms, 3), "skill": round(turn.skill_ms, 3)},
        },
        "notUnderstood": outcome.not_understood,
    }
    if turn.skill_error:
        channel["nlu"]["skillError"] = turn.skill_error
    for key in ("action", "audio"):
        if isinstance(skill_data.get(key), dict):
            channel[key] = skill_data[key]
    data["channelData"] = channel
    return Activity.from_dict(data)


def handled_by(reply: Activity) -> str:
    """The skill that answered a reply the router made (``""`` for the router itself)."""
    nlu = (reply.channel_data or {}).get("nlu") or {}
    skill = nlu.get("skill")
    return skill if isinstance(skill, str) else ""


__all__ = ["Router", "handled_by"]
