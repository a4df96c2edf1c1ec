"""Every wire message class of both vendors survives the trip to its wire form and back.

The classes are found by walking the ``bridge`` package, not listed by hand: a new message class without sample
data here fails :func:`test_every_wire_class_has_samples`. Each class's samples together set every field to a
non-default value, so a field that never reaches the wire (or comes back different) fails the round trip.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest

import bridge
from bridge import codec
from bridge import cortana as c
from bridge import miai as m
from bridge.wire_model import WireModel

TTS = m.Directive(type="tts", tts_item=m.TtsItem(type="text", text="好的，马上播放"))
STREAM = m.AudioStream(url="http://music.local/周杰伦/晴天.mp3", token="song-42", offset_in_milliseconds=1500)
AUDIO = m.Directive(type="audio", audio_item=m.AudioItem(stream=STREAM, title="晴天 🎵"))
SLOTS = m.SlotInfo(
    intent_name="play_music",
    is_confirmed=True,
    slots=[m.Slot(name="artist", value="周杰伦"), m.Slot(name="n", value="")],
)
SESSION = m.Session(
    is_new=False,
    session_id="sess-1",
    application=m.Application(app_id="cortana.bridge"),
    attributes={"skill": {"step": 2, "items": ["牛奶", None, 1.5, True]}},
    user=m.User(user_id="u-1", access_token="tok", is_user_login=True),
)
CONTEXT = m.Context.model_validate({"device_id": "mi-01", "devices": [{"id": "lamp", "on": False}], "fw": "1.2"})
INTENT = m.Intent(query="播放周杰伦的歌", score=0.93, complete=True, domain="music", is_direct_wakeup=False)
REQUEST = m.Request(
    type=m.RequestType.INTENT,
    request_id="req-1",
    timestamp=1_700_000_000_123,
    locale="zh-CN",
    intent=INTENT,
    slot_info=SLOTS,
    no_response=True,
)
MIAI_REQUEST = m.MiAiRequest(version="1.0", query="播放周杰伦的歌", session=SESSION, context=CONTEXT, request=REQUEST)
RESPONSE = m.Response(
    open_mic=False,
    to_speak=m.Speech(text="好的"),
    to_display=m.Speech(text="好的 👍"),
    directives=[TTS, AUDIO],
    not_understand=True,
    action="player.play",
    action_property={"volume": 30},
)
MIAI_RESPONSE = m.MiAiResponse(version="1.0", session_attributes={"k": "v"}, is_session_end=True, response=RESPONSE)
INSTANCE = c.EntityInstance(start_index=2, end_index=5, text="周杰伦", type="artist", score=0.8)
ACTION = c.SemanticAction(
    id="play_music", state="continue", entities={"artist": "周杰伦"}, instance={"artist": [INSTANCE]}
)
ACTIVITY = c.Activity(
    type="event",
    id="act-1",
    channel_id="cortana",
    timestamp="2023-11-14T22:13:20.123Z",
    service_url="inproc://router",
    from_=c.ChannelAccount(id="u-1", name="用户", role="user"),
    recipient=c.ChannelAccount(id="bot", name="Cortana", role="bot"),
    conversation=c.ConversationAccount(id="sess-1"),
    reply_to_id="act-0",
    locale="zh-CN",
    name="noResponse",
    text="播放周杰伦的歌",
    text_format="plain",
    speak="<speak>好的<break time='300ms'/>马上</speak>",
    input_hint="expectingInput",
    semantic_action=ACTION,
    entities=[{"type": "geo", "city": "上海"}],
    channel_data={"state": {"a": 1}, "deviceId": "mi-01"},
    value={"answer": [1, 2]},
    listen_for=["是", "不是"],
)

#: class -> instances that together set every field; the minimal ones check that defaults survive too
SAMPLES: dict[type[WireModel], list[WireModel]] = {
    m.Application: [m.Application(app_id="a")],
    m.User: [m.User(user_id="u"), SESSION.user],
    m.Session: [
        SESSION,
        m.Session(is_new=True, session_id="s", application=m.Application(app_id="a"), user=m.User(user_id="u")),
    ],
    m.Context: [CONTEXT, m.Context(device_id="d")],
    m.Intent: [INTENT, m.Intent(query="")],
    m.Slot: [m.Slot(name="artist", value="周杰伦")],
    m.SlotInfo: [SLOTS, m.SlotInfo(intent_name="x")],
    m.Request: [
        REQUEST,
        m.Request(type=m.RequestType.START, request_id="r", timestamp=0),
        m.Request(
            type=m.RequestType.INTENT,
            request_id="e",
            timestamp=0,
            event_type="mediaplayer.playbackfinished",
            event_property={"token": "sim://catalogue/s01"},
        ),
    ],
    m.MiAiRequest: [MIAI_REQUEST],
    m.Speech: [m.Speech(type=0, text="你好 👋")],
    m.TtsItem: [TTS.tts_item] if TTS.tts_item else [],
    m.AudioStream: [STREAM, m.AudioStream(url="u", token="t")],
    m.AudioItem: [m.AudioItem(stream=STREAM, title="t"), m.AudioItem(stream=STREAM)],
    m.Directive: [TTS, AUDIO],
    m.Response: [RESPONSE, m.Response(open_mic=True, to_speak=m.Speech(text="?"))],
    m.MiAiResponse: [MIAI_RESPONSE],
    c.ChannelAccount: [c.ChannelAccount(id="x"), ACTIVITY.from_],
    c.ConversationAccount: [c.ConversationAccount(id="c")],
    c.EntityInstance: [INSTANCE],
    c.SemanticAction: [ACTION, c.SemanticAction(id="x")],
    c.Activity: [
        ACTIVITY,
        c.Activity(
            type="message", from_=ACTIVITY.from_, recipient=ACTIVITY.recipient, conversation=ACTIVITY.conversation
        ),
    ],
}


def wire_classes() -> set[type[WireModel]]:
    """Every WireModel subclass defined anywhere in the bridge package."""
    found: set[type[WireModel]] = set()
    for info in pkgutil.walk_packages(bridge.__path__, prefix="bridge."):
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, WireModel) and obj is not WireModel and obj.__module__ == module.__name__:
                found.add(obj)
    return found


def test_every_wire_class_has_samples() -> None:
    found = wire_classes()
    assert len(found) >= 21  # the walk really found the vocabularies
    missing = {cls.__qualname__ for cls in found - set(SAMPLES)}
    stale = {cls.__qualname__ for cls in set(SAMPLES) - found}
    assert not missing, f"add sample data for the new wire classes {sorted(missing)}"
    assert not stale, f"sample data for classes no longer in the bridge: {sorted(stale)}"


def _case_id(value: object) -> str:
    return value.__qualname__ if isinstance(value, type) else str(value)


@pytest.mark.parametrize("cls", sorted(SAMPLES, key=_case_id), ids=_case_id)
def test_samples_set_every_field(cls: type[WireModel]) -> None:
    """A field no sample sets would go unchecked by the round trip."""
    samples = SAMPLES[cls]
    assert samples and all(type(s) is cls for s in samples)
    unset = set(cls.model_fields) - set().union(*(s.model_fields_set for s in samples))
    assert not unset, f"no {cls.__qualname__} sample sets {sorted(unset)}"


@pytest.mark.parametrize(
    ("cls", "index"),
    [(cls, i) for cls, samples in SAMPLES.items() for i in range(len(samples))],
    ids=_case_id,
)
def test_to_dict_from_dict_round_trip(cls: type[WireModel], index: int) -> None:
    sample = SAMPLES[cls][index]
    wire: dict[str, Any] = sample.to_dict()
    assert cls.from_dict(wire) == sample
    assert cls.from_dict(wire).to_dict() == wire


@pytest.mark.parametrize("kind", sorted(codec.KINDS))
def test_codec_round_trip_of_top_level_kinds(kind: str) -> None:
    cls = codec.KINDS[kind]
    for sample in SAMPLES[cls]:
        frame = codec.encode(sample)
        assert frame.startswith(b'{"wire":1,"kind":"' + kind.encode() + b'","body":{')
        assert codec.decode(frame) == sample
        assert codec.decode_as(cls, frame) == sample


def test_frames_carry_chinese_as_utf8_not_escapes() -> None:
    frame = codec.encode(MIAI_REQUEST)
    assert "周杰伦".encode() in frame
    assert b"\\u" not in frame


def test_wire_names_are_the_vendor_spellings() -> None:
    wire = ACTIVITY.to_dict()
    assert {"from", "channelId", "serviceUrl", "replyToId", "textFormat", "inputHint", "semanticAction"} <= set(wire)
    assert {"channelData", "listenFor"} <= set(wire)
    assert "$instance" in wire["semanticAction"]
    assert wire["semanticAction"]["$instance"]["artist"][0] == {
        "startIndex": 2,
        "endIndex": 5,
        "text": "周杰伦",
        "type": "artist",
        "score": 0.8,
    }
    assert "from_" not in wire and "channel_id" not in wire
