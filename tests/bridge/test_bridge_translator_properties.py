"""Property tests: Mi-AI -> Cortana -> Mi-AI keeps every field, for generated requests and responses.

Each generated message also crosses the real wire codec on its Cortana leg, so what is kept is what a network
transport would carry. Text mixes ASCII, Chinese and emoji; optional parts are present or absent.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge import codec, translator
from bridge import cortana as c
from bridge import miai as m
from bridge.errors import TranslationError

PROFILE = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

WORDS = "播放周杰伦的歌晴天打开客厅灯明天上海天气你好小爱同学😀🎵👍🇨🇳 ,.!?"
texts = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(WORDS)), max_size=24)
names = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(WORDS)), min_size=1, max_size=12)
locales = st.one_of(
    st.sampled_from(["en-US", "zh-CN", "zh-Hans", "yue", "fr"]),
    st.from_regex(r"[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?", fullmatch=True),
)
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
json_objects = st.dictionaries(texts, json_values, max_size=3)


@st.composite
def slot_infos(draw: st.DrawFn, query: str) -> m.SlotInfo:
    """Slots with unique names; each value is a piece of the query (so it gets an ``$instance``) or any text."""
    slot_names = draw(st.lists(names, unique=True, max_size=4))
    slots = []
    for name in slot_names:
        if query and draw(st.booleans()):
            start = draw(st.integers(0, len(query) - 1))
            value = query[start : draw(st.integers(start + 1, len(query)))]
        else:
            value = draw(texts)
        slots.append(m.Slot(name=name, value=value))
    return m.SlotInfo(intent_name=draw(names), is_confirmed=draw(st.booleans()), slots=slots)


@st.composite
def miai_requests(draw: st.DrawFn) -> m.MiAiRequest:
    query = draw(texts)
    intent = draw(
        st.none()
        | st.builds(
            m.Intent,
            query=texts,
            score=st.none() | st.floats(0, 1),
            complete=st.none() | st.booleans(),
            domain=st.none() | texts,
            is_direct_wakeup=st.none() | st.booleans(),
        )
    )
    context = {
        "device_id": draw(names),
        **draw(st.dictionaries(texts.filter(lambda k: k != "device_id"), json_values, max_size=3)),
    }
    if draw(st.booleans()):
        context["devices"] = draw(st.lists(json_objects, max_size=2))
    return m.MiAiRequest(
        query=query,
        session=m.Session(
            is_new=draw(st.booleans()),
            session_id=draw(names),
            application=m.Application(app_id=draw(names)),
            attributes=draw(json_objects),
            user=m.User(user_id=draw(names), access_token=draw(st.none() | texts), is_user_login=draw(st.booleans())),
        ),
        context=m.Context.model_validate(context),
        request=m.Request(
            type=draw(st.sampled_from(m.RequestType)),
            request_id=draw(names),
            timestamp=draw(st.integers(0, m.MAX_TIMESTAMP)),
            locale=draw(locales),
            intent=intent,
            slot_info=draw(st.none() | slot_infos(query)),
            no_response=draw(st.booleans()),
        ),
    )


def tts(text: str) -> m.Directive:
    return m.Directive(type="tts", tts_item=m.TtsItem(text=text))


@st.composite
def audio_directives(draw: st.DrawFn, offset: bool = True) -> m.Directive:
    stream = m.AudioStream(
        url=draw(names), token=draw(names), offset_in_milliseconds=draw(st.integers(0, 10**7)) if offset else 0
    )
    return m.Directive(type="audio", audio_item=m.AudioItem(stream=stream, title=draw(st.none() | texts)))


@st.composite
def miai_responses(draw: st.DrawFn) -> m.MiAiResponse:
    spoken = draw(st.none() | texts)
    if draw(st.booleans()):  # the common shape: say something, then play (what channelData.audio expresses)
        play = draw(audio_directives(offset=False))
        directives: list[m.Directive] | None = [tts(spoken), play] if spoken else [play]
    else:
        directives = draw(st.none() | st.lists(st.builds(tts, texts) | audio_directives(), max_size=3))
    if spoken is None and not directives:
        spoken = draw(texts)
    plays = any(d.type == "audio" for d in directives or ())
    action = draw(st.none() | names)
    return m.MiAiResponse(
        session_attributes=draw(json_objects),
        is_session_end=draw(st.booleans()),
        response=m.Response(
            open_mic=False if plays else draw(st.booleans()),
            to_speak=m.Speech(text=spoken) if spoken is not None else None,
            to_display=draw(st.none() | st.builds(m.Speech, text=texts)),
            directives=directives,
            not_understand=draw(st.booleans()),
            action=action,
            action_property=draw(st.none() | json_objects) if action is not None else None,
        ),
    )


def over_the_wire(activity: c.Activity) -> c.Activity:
    back = codec.decode(codec.encode(activity))
    assert isinstance(back, c.Activity)
    assert back == activity
    return back


@PROFILE
@given(miai_requests())
def test_request_survives_miai_cortana_miai(request: m.MiAiRequest) -> None:
    activity = translator.request_to_activity(request)
    assert translator.activity_to_request(over_the_wire(activity)) == request
    assert codec.decode(codec.encode(request)) == request


@PROFILE
@given(miai_responses(), names, st.none() | names)
def test_response_survives_miai_cortana_miai(response: m.MiAiResponse, conversation: str, reply_to: str | None) -> None:
    activity = translator.response_to_activity(response, conversation_id=conversation, reply_to=reply_to)
    assert activity.conversation.id == conversation and activity.reply_to_id == reply_to
    assert translator.activity_to_response(over_the_wire(activity)) == response
    assert codec.decode(codec.encode(response)) == response


@PROFILE
@given(miai_requests(), st.data())
def test_duplicate_slot_names_are_refused(request: m.MiAiRequest, data: st.DataObject) -> None:
    name = data.draw(names)
    slots = [m.Slot(name=name, value=data.draw(texts)), m.Slot(name=name, value=data.draw(texts))]
    info = m.SlotInfo(intent_name="x", slots=data.draw(st.permutations(slots)))
    broken = request.model_copy(update={"request": request.request.model_copy(update={"slot_info": info})})
    with pytest.raises(TranslationError, match=r"^slot_info\.slots: slot .* appears twice"):
        translator.request_to_activity(broken)


@PROFILE
@given(miai_requests())
def test_instances_point_at_the_slot_text_in_code_points(request: m.MiAiRequest) -> None:
    action = translator.request_to_activity(request).semantic_action
    info = request.request.slot_info
    assert (action is None) == (info is None)
    if action is None or info is None:
        return
    instances = action.instance or {}
    for slot in info.slots:
        found = slot.value != "" and slot.value in request.query
        assert (slot.name in instances) == found
        for spot in instances.get(slot.name, []):
            assert request.query[spot.start_index : spot.end_index] == slot.value == spot.text
