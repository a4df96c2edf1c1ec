"""Building a skill's reply Activity: say something, ask for a slot, ask to confirm, end, play, act.

Every function returns a complete reply (addressed back to the sender, ``replyToId`` set), so a handler is a
chain of reads from :class:`Turn` and one call here. The router adds what it owns (session state, NLU figures).
The skill's own ``state`` comes back to it on the next turn of the same session (keep it small JSON).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.router.skills.turn import Turn
from bridge.cortana import Activity, ChannelAccount, ConversationAccount, InputHint, SemanticAction
from bridge.ssml import text_to_ssml

#: ``channelData.expecting`` when the skill asked a yes/no confirmation rather than for a slot.
CONFIRM = "confirm"


@dataclass(frozen=True)
class Action:
    """Something the speaker should do: ``mihome.control`` (device commands), ``player.pause`` ..."""

    name: str
    properties: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Audio:
    """A stream for the speaker to play."""

    url: str
    token: str
    title: str


def say(
    turn: Turn,
    text: str,
    *,
    speak: str | None = None,
    state: Mapping[str, Any] | None = None,
    action: Action | None = None,
    audio: Audio | None = None,
    slots: Mapping[str, Any] | None = None,
    end: bool = False,
) -> Activity:
    """A normal answer. ``speak`` defaults to ``text`` as SSML; ``end`` closes the session after it."""
    return _reply(
        turn,
        text,
        speak=speak,
        hint="ignoringInput" if end else "acceptingInput",
        semantic_state="done",
        state=state,
        extra=_extras(action, audio),
        slots=slots,
    )


def ask(
    turn: Turn,
    slot: str,
    prompt: str,
    *,
    state: Mapping[str, Any] | None = None,
    slots: Mapping[str, Any] | None = None,
) -> Activity:
    """Ask the user for ``slot``; their next words fill it and the same intent is called again, with the turn's
    slots and ``slots`` (what the skill read from the words itself, so the answer does not lose it)."""
    return _question(turn, prompt, expecting=slot, state=state, slots=slots)


def confirm(turn: Turn, prompt: str, *, state: Mapping[str, Any] | None = None) -> Activity:
    """Ask a yes/no question; on "yes" the same intent is called again with ``turn.confirmed`` True."""
    return _question(turn, prompt, expecting=CONFIRM, state=state)


def _question(
    turn: Turn,
    prompt: str,
    *,
    expecting: str,
    state: Mapping[str, Any] | None,
    slots: Mapping[str, Any] | None = None,
) -> Activity:
    """A question that keeps the microphone open and tells the router what the answer fills."""
    return _reply(
        turn,
        prompt,
        speak=None,
        hint="expectingInput",
        semantic_state="continue",
        state=state,
        extra={"expecting": expecting},
        slots=slots,
    )


def end(turn: Turn, text: str | None = None) -> Activity:
    """Close the session, saying ``text`` if given (an ``endOfConversation`` when there is nothing to say)."""
    if text:
        return say(turn, text, end=True)
    reply = _reply(turn, None, speak=None, hint="ignoringInput", semantic_state="done", state=None, extra={})
    return reply.model_copy(update={"type": "endOfConversation"})


def _extras(action: Action | None, audio: Audio | None) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if action is not None:
        extra["action"] = {"name": action.name, "properties": dict(action.properties)}
    if audio is not None:
        extra["audio"] = {"url": audio.url, "token": audio.token, "title": audio.title}
    return extra


def _reply(
    turn: Turn,
    text: str | None,
    *,
    speak: str | None,
    hint: InputHint,
    semantic_state: str,
    state: Mapping[str, Any] | None,
    extra: dict[str, Any],
    slots: Mapping[str, Any] | None = None,
) -> Activity:
    incoming = turn.activity
    channel_data: dict[str, Any] = {"state": dict(state) if state is not None else dict(turn.state), **extra}
    action = None
    if turn.intent:
        entities = dict(turn.slots) if slots is None else {**turn.slots, **slots}
        action = SemanticAction.model_validate({"id": turn.intent, "state": semantic_state, "entities": entities})
    return Activity(
        type="message",
        from_=incoming.recipient,
        recipient=incoming.from_,
        conversation=incoming.conversation,
        reply_to_id=incoming.id,
        locale=incoming.locale,
        text=text,
        speak=speak if speak is not None else (text_to_ssml(text) if text else None),
        input_hint=hint,
        semantic_action=action,
        channel_data=channel_data,
    )


def announcement(text: str, *, turn: Turn | None = None, speak: str | None = None) -> Activity:
    """A proactive message (a timer firing): no ``replyToId``; addressed like ``turn`` if given."""
    if turn is not None:
        sender, user, conversation = turn.activity.recipient, turn.activity.from_, turn.activity.conversation
        locale = turn.activity.locale
    else:
        sender = ChannelAccount(id="router", role="bot")
        user = ChannelAccount(id="user", role="user")
        conversation = ConversationAccount(id="proactive")
        locale = None
    return Activity(
        type="message",
        from_=sender,
        recipient=user,
        conversation=conversation,
        locale=locale,
        text=text,
        speak=speak if speak is not None else text_to_ssml(text),
        input_hint="acceptingInput",
    )
