"""The pure translator between the Mi-AI and Cortana vocabularies: message in, message out, no I/O, no globals.

Requests:  ``MiAiRequest`` <-> ``Activity`` (what the user said, on its way to the skills)
Responses: ``Activity`` <-> ``MiAiResponse`` (what the skill answers, on its way to the speaker)

Whatever one vendor carries and the other has no field for rides in ``channelData["miai"]``, so a round trip
Mi-AI -> Cortana -> Mi-AI gives back the message it started with. The mapping table is in docs/protocols.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError

from bridge import cortana as c
from bridge import miai as m
from bridge.errors import TranslationError
from bridge.ssml import ssml_to_text, text_to_ssml
from bridge.translator_fields import action_to_slots, iso_time, millis, slots_to_action
from bridge.wire_model import envelope_error

EVENT_NO_RESPONSE = "noResponse"
_CONTEXT_KEYS = ("device_id", "devices")

# open_mic / is_session_end <-> inputHint
_HINTS: dict[tuple[bool, bool], c.InputHint] = {
    (True, False): "expectingInput",
    (False, False): "acceptingInput",
    (False, True): "ignoringInput",
}


Out = TypeVar("Out", m.MiAiRequest, m.MiAiResponse)


def _expressible(target: str) -> Callable[[Callable[[c.Activity], Out]], Callable[[c.Activity], Out]]:
    """A valid Activity can still break a Mi-AI limit (a 10,000-character speak): say so, never a pydantic dump."""

    def wrap(translate: Callable[[c.Activity], Out]) -> Callable[[c.Activity], Out]:
        @functools.wraps(translate)
        def checked(activity: c.Activity) -> Out:
            try:
                return translate(activity)
            except ValidationError as e:
                raise TranslationError(
                    f"{envelope_error(target, e)} (the activity cannot be expressed in Mi-AI)"
                ) from None

        return checked

    return wrap


# ---------------------------------------------------------------- requests


def request_to_activity(request: m.MiAiRequest) -> c.Activity:
    """A speaker's turn as the Activity a Cortana skill router expects."""
    req = request.request
    kind: c.ActivityType = "message"
    name = None
    if req.type == m.RequestType.START:
        kind = "conversationUpdate"
    elif req.type == m.RequestType.END:
        kind = "endOfConversation"
    elif req.no_response:
        kind, name = "event", EVENT_NO_RESPONSE
    elif req.event_type is not None:
        kind, name = "event", req.event_type
    context = request.context.model_dump(mode="json")
    miai: dict[str, Any] = {
        "isNew": request.session.is_new,
        "requestType": int(req.type),
        "noResponse": req.no_response,
        "user": request.session.user.model_dump(mode="json", exclude={"user_id"}, exclude_none=True),
        "context": {k: v for k, v in context.items() if k not in _CONTEXT_KEYS},
    }
    if req.intent is not None:
        miai["intent"] = req.intent.to_dict()
    if req.slot_info is not None:
        miai["slotOrder"] = [s.name for s in req.slot_info.slots]
    channel_data: dict[str, Any] = {
        "state": dict(request.session.attributes),
        "deviceId": request.context.device_id,
        "miai": miai,
    }
    if "devices" in context:
        channel_data["devices"] = context["devices"]
    return c.Activity(
        type=kind,
        id=req.request_id,
        timestamp=iso_time(req.timestamp),
        from_=c.ChannelAccount(id=request.session.user.user_id, role="user"),
        recipient=c.ChannelAccount(id=request.session.application.app_id, role="bot"),
        conversation=c.ConversationAccount(id=request.session.session_id),
        locale=req.locale,
        name=name,
        text=request.query,
        value=req.event_property,
        semantic_action=slots_to_action(request.query, req.slot_info),
        channel_data=channel_data,
    )


@_expressible("miai request")
def activity_to_request(activity: c.Activity) -> m.MiAiRequest:
    """The inverse of :func:`request_to_activity`, for Cortana-side clients and round-trip checks."""
    data = activity.channel_data or {}
    miai = data.get("miai") or {}
    types = {"conversationUpdate": m.RequestType.START, "endOfConversation": m.RequestType.END}
    request_type = m.RequestType(miai.get("requestType", types.get(activity.type, m.RequestType.INTENT)))
    context: dict[str, Any] = {"device_id": data.get("deviceId", activity.from_.id), **miai.get("context", {})}
    if "devices" in data:
        context["devices"] = data["devices"]
    intent = m.Intent.from_dict(miai["intent"]) if "intent" in miai else None
    event = activity.name if activity.type == "event" and activity.name != EVENT_NO_RESPONSE else None
    if activity.value is not None and (event is None or not isinstance(activity.value, dict)):
        raise TranslationError("value: Mi-AI carries only an object, and only on an event other than noResponse")
    return m.MiAiRequest(
        query=activity.text or "",
        session=m.Session(
            is_new=bool(miai.get("isNew", activity.type == "conversationUpdate")),
            session_id=activity.conversation.id,
            application=m.Application(app_id=activity.recipient.id),
            attributes=dict(data.get("state") or {}),
            user=m.User.from_dict({"user_id": activity.from_.id, **miai.get("user", {})}),
        ),
        context=m.Context.model_validate(context),
        request=m.Request(
            type=request_type,
            request_id=activity.id or f"{activity.conversation.id}-{millis(activity.timestamp)}",
            timestamp=millis(activity.timestamp),
            locale=activity.locale or "en-US",
            intent=intent,
            slot_info=action_to_slots(activity.semantic_action, miai.get("slotOrder")),
            no_response=bool(miai.get("noResponse", activity.type == "event" and activity.name == EVENT_NO_RESPONSE)),
            event_type=event,
            event_property=activity.value,
        ),
    )


# ---------------------------------------------------------------- responses


@_expressible("miai response")
def activity_to_response(activity: c.Activity) -> m.MiAiResponse:
    """A skill's reply (or a proactive message) as what the Mi-AI speaker does next."""
    data = activity.channel_data or {}
    miai = data.get("miai") or {}
    if activity.type not in ("message", "endOfConversation"):
        raise TranslationError(f"activity type {activity.type!r} is not a reply; send message or endOfConversation")
    ending = activity.type == "endOfConversation" or activity.input_hint == "ignoringInput"
    spoken = ssml_to_text(activity.speak) if activity.speak is not None else activity.text
    if "noSpeech" in miai:  # the Mi-AI response said nothing: its display text is not to be spoken either
        spoken = None
    audio = data.get("audio")
    directives: list[m.Directive] | None = None
    if "directives" in miai:
        directives = [m.Directive.from_dict(d) for d in miai["directives"]]
    elif audio is not None:
        directives = [_audio_directive(audio)]
        if spoken:
            directives.insert(0, m.Directive(type="tts", tts_item=m.TtsItem(text=spoken)))
    open_mic = activity.input_hint == "expectingInput" and not ending and audio is None
    action = _action(data.get("action"))
    response = (
        m.Response(
            open_mic=bool(miai.get("openMic", open_mic)),
            to_speak=m.Speech(text=spoken) if spoken is not None else None,
            to_display=m.Speech(text=activity.text) if activity.text is not None else None,
            directives=directives,
            not_understand=bool(data.get("notUnderstood", False)),
            action=action["name"] if action else None,
            action_property=dict(action["properties"]) if action and action.get("properties") is not None else None,
        )
        if spoken is not None or directives
        else _silent_response()
    )
    return m.MiAiResponse(
        session_attributes=dict(data.get("state") or {}),
        is_session_end=bool(miai.get("isSessionEnd", ending)),
        response=response,
    )


def response_to_activity(response: m.MiAiResponse, *, conversation_id: str, reply_to: str | None) -> c.Activity:
    """The inverse of :func:`activity_to_response`, for Mi-AI-side skills and round-trip checks."""
    r = response.response
    hint = _HINTS.get((r.open_mic, response.is_session_end))
    miai: dict[str, Any] = {}
    if hint is None:  # both open_mic and is_session_end: Cortana has no hint for that
        hint = "ignoringInput"
        miai["openMic"] = True
    channel_data: dict[str, Any] = {"state": dict(response.session_attributes)}
    if r.not_understand:
        channel_data["notUnderstood"] = True
    if r.action is not None:
        channel_data["action"] = {"name": r.action}
        if r.action_property is not None:
            channel_data["action"]["properties"] = dict(r.action_property)
    elif r.action_property is not None:
        raise TranslationError("response.action_property: needs response.action to say what it is for")
    spoken = r.to_speak.text if r.to_speak is not None else None
    if r.directives is not None:
        audio = _canonical_audio(r.directives, spoken)
        if audio is not None:
            channel_data["audio"] = audio
        else:
            miai["directives"] = [d.to_dict() for d in r.directives]
    if spoken is None:
        miai["noSpeech"] = True
    if r.open_mic != (hint == "expectingInput") and "openMic" not in miai:
        miai["openMic"] = r.open_mic
    if miai:
        channel_data["miai"] = miai
    return c.Activity(
        type="message",
        from_=c.ChannelAccount(id="router", role="bot"),
        recipient=c.ChannelAccount(id="speaker", role="user"),
        conversation=c.ConversationAccount(id=conversation_id),
        reply_to_id=reply_to,
        text=r.to_display.text if r.to_display is not None else None,
        speak=text_to_ssml(spoken) if spoken is not None else None,
        input_hint=hint,
        channel_data=channel_data,
    )


def _action(action: object) -> dict[str, Any] | None:
    if action is None:
        return None
    if not isinstance(action, dict) or not isinstance(action.get("name"), str):
        raise TranslationError("channelData.action: must be an object with a name (and optional properties)")
    if not isinstance(action.get("properties") or {}, dict):
        raise TranslationError("channelData.action.properties: must be an object")
    return action


def _silent_response() -> m.Response:
    # Mi-AI needs to_speak or directives; a silent end says nothing
    return m.Response(open_mic=False, to_speak=m.Speech(text=""))


def _audio_directive(audio: object) -> m.Directive:
    if not isinstance(audio, dict) or not audio.get("url"):
        raise TranslationError("channelData.audio: must be an object with a url")
    stream = m.AudioStream(url=str(audio["url"]), token=str(audio.get("token") or audio["url"])[:256])
    title = audio.get("title")
    return m.Directive(type="audio", audio_item=m.AudioItem(stream=stream, title=None if title is None else str(title)))


def _canonical_audio(directives: list[m.Directive], spoken: str | None) -> dict[str, Any] | None:
    """The ``channelData.audio`` form when the directives are exactly what it expands to, else None."""
    expected_tts = 1 if spoken else 0
    if len(directives) != expected_tts + 1:
        return None
    *tts, last = directives
    if last.audio_item is None or last.audio_item.stream.offset_in_milliseconds:
        return None
    if tts and (tts[0].tts_item is None or tts[0].tts_item.text != spoken):
        return None
    stream = last.audio_item.stream
    audio: dict[str, Any] = {"url": stream.url, "token": stream.token}
    if last.audio_item.title is not None:
        audio["title"] = last.audio_item.title
    return audio
