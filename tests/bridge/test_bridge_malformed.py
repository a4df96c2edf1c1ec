"""Malformed frames and envelopes: each gives one specific, one-line error naming the field path and the problem.

Every row goes through the real codec; rows made from a message body also go through ``from_dict`` directly, which
must say the same. Never a raw pydantic ValidationError, never a traceback.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from bridge import codec
from bridge.errors import EnvelopeError, WireVersionError
from bridge.miai import MiAiRequest, MiAiResponse

REQUEST: dict[str, Any] = {
    "version": "1.0",
    "query": "播放周杰伦的歌",
    "session": {"is_new": True, "session_id": "s-1", "application": {"app_id": "app"}, "user": {"user_id": "u"}},
    "context": {"device_id": "mi-01"},
    "request": {
        "type": 1,
        "request_id": "r-1",
        "timestamp": 1_700_000_000_000,
        "locale": "zh-CN",
        "slot_info": {"intent_name": "play", "slots": [{"name": "artist", "value": "周杰伦"}]},
    },
}
AUDIO = {"type": "audio", "audio_item": {"stream": {"url": "http://m.local/a.mp3", "token": "t"}}}
RESPONSE: dict[str, Any] = {
    "is_session_end": False,
    "response": {"open_mic": True, "to_speak": {"type": 0, "text": "好"}},
}
ACTIVITY: dict[str, Any] = {
    "type": "message",
    "from": {"id": "u"},
    "recipient": {"id": "bot"},
    "conversation": {"id": "s-1"},
    "text": "你好",
    "semanticAction": {"id": "play", "entities": {"artist": "周杰伦"}},
}
BASES = {"miai.request": REQUEST, "miai.response": RESPONSE, "cortana.activity": ACTIVITY}
DELETE = object()


def body(kind: str, **changes: Any) -> tuple[str, dict[str, Any]]:
    """The valid body of ``kind`` with changes at dotted paths (``request__type`` is ``request.type``)."""
    data = copy.deepcopy(BASES[kind])
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
        if value is DELETE:
            del target[last]
        else:
            target[last] = value
    return kind, data


def frame(**fields: Any) -> bytes:
    return json.dumps({"wire": 1, "kind": "miai.request", "body": REQUEST} | fields).encode()


FRAMES: list[tuple[bytes, str]] = [
    (b"{not json", "frame: is not JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
    (b"", "frame: is not JSON: Expecting value at line 1 column 1"),
    (b'\xff\xfe{"wire": 1}', "frame: is not UTF-8 (byte 0)"),
    (b"[1, 2]", "frame: must be a JSON object, got array"),
    (frame(wire=2), "frame: wire: version 2 is not spoken here (this bridge speaks 1)"),
    (frame(wire="1"), "frame: wire: version '1' is not spoken here"),
    (frame(wire=True), "frame: wire: version True is not spoken here"),
    (json.dumps({"kind": "miai.request", "body": {}}).encode(), "frame: wire: is required but missing"),
    (
        frame(kind="miai.event"),
        "frame: kind: must be one of miai.request, miai.response, cortana.activity (got 'miai.event')",
    ),
    (frame(kind=None), "frame: kind: must be one of miai.request, miai.response, cortana.activity (got None)"),
    (frame(signature="abc"), "frame: signature: is not a frame field (allowed: wire, kind, body)"),
    (b'{"wire": 1, "kind": "miai.request"}', "frame: body: is required but missing"),
    (frame(body=[REQUEST]), "frame: body: must be a JSON object (the miai.request message), got array"),
    (b" " * 1_000_001, "frame: is 1,000,001 bytes, more than the 1,000,000 allowed"),
    (b'{"wire": NaN}', "frame: is not JSON a peer can read: NaN is not allowed"),
    (
        b'{"wire": 1, "kind": "miai.request", "body": {"query": 1e999999}}',
        "frame: is not JSON a peer can read: number 1e999999 is out of range",
    ),
    (b'{"wire": ' + b"1" * 5000 + b"}", "frame: is not JSON a peer can read: Exceeds the limit (4300 digits)"),
    (b"[" * 100_000, "frame: is nested too deeply to be a message"),
    (
        frame(body=REQUEST | {"query": "\ud83c"}),
        "miai request: query: holds a lone UTF-16",
    ),
    (
        json.dumps(
            {"wire": 1, "kind": "miai.request", "body": body("miai.request", session__attributes={"k": "\udc00"})[1]}
        ).encode(),
        "miai request: session.attributes.k: holds a lone UTF-16 surrogate escape",
    ),
]

BODIES: list[tuple[tuple[str, dict[str, Any]], str]] = [
    (body("miai.request", session=DELETE), "miai request: session: is required but missing"),
    (body("miai.request", request__request_id=DELETE), "miai request: request.request_id: is required but missing"),
    (
        body("miai.request", session="s-1"),
        "miai request: session: input should be a valid dictionary or instance of Session (got 's-1')",
    ),
    (
        body("miai.request", session__is_new="yes"),
        "miai request: session.is_new: input should be a valid boolean (got 'yes')",
    ),
    (
        body("miai.request", request__type=5),
        "miai request: request.type: must be 0 (start), 1 (intent) or 2 (end) (got 5)",
    ),
    (
        body("miai.request", request__type="intent"),
        "miai request: request.type: must be 0 (start), 1 (intent) or 2 (end) (got 'intent')",
    ),
    (
        body("miai.request", query="长" * 4097),
        "miai request: query: string should have at most 4096 characters (got '长长长",
    ),
    (body("miai.request", version="2.0"), "miai request: version: '2.0' is not spoken here (this bridge speaks '1.0')"),
    (
        body("miai.request", request__locale="chinese"),
        "miai request: request.locale: must be a BCP-47 locale such as en-US or zh-CN (got 'chinese')",
    ),
    (
        body("miai.request", request__timestamp=-1),
        "miai request: request.timestamp: input should be greater than or equal to 0 (got -1)",
    ),
    (
        body("miai.request", request__timestamp=10**16),
        "miai request: request.timestamp: input should be less than or equal to 253402300799999",
    ),
    (
        body("miai.request", request__timestamp=1.5),
        "miai request: request.timestamp: input should be a valid integer (got 1.5)",
    ),
    (
        body("miai.request", request__slots=[]),
        "miai request: request.slots: is not a field of this message (check the spelling)",
    ),
    (
        body("miai.request", request__slot_info__slots__0__name=""),
        "miai request: request.slot_info.slots[0].name: string should have at least 1 character",
    ),
    (
        body("miai.request", context__device_id=7),
        "miai request: context.device_id: input should be a valid string (got 7)",
    ),
    (
        body("miai.request", request__intent={"query": "x", "score": "high"}),
        "miai request: request.intent.score: input should be a valid number (got 'high')",
    ),
    (
        body("miai.request", **{"request__bad\nkey": 1}),
        "miai request: request.'bad\\nkey': is not a field of this message",
    ),
    (body("miai.request", **{"request__" + "k" * 500: 1}), "miai request: request.'kkkkkkkkkk"),
    (
        body("miai.response", response__directives=[AUDIO]),
        "miai response: response: open_mic must be false when an audio directive plays",
    ),
    (
        body("miai.response", response={"open_mic": False, "to_display": {"text": "x"}}),
        "miai response: response: one of to_speak or directives must be present",
    ),
    (
        body("miai.response", response__directives=[{"type": "tts"}]),
        "miai response: response.directives[0]: a tts directive carries tts_item and no audio_item",
    ),
    (
        body("miai.response", response__directives=[AUDIO | {"tts_item": {"text": "x"}}], response__open_mic=False),
        "miai response: response.directives[0]: an audio directive carries audio_item and no tts_item",
    ),
    (
        body("miai.response", response__directives=[{"type": "video"}]),
        "miai response: response.directives[0].type: input should be 'tts' or 'audio' (got 'video')",
    ),
    (body("miai.response", is_session_end=DELETE), "miai response: is_session_end: is required but missing"),
    (body("miai.response", is_session_end=0), "miai response: is_session_end: input should be a valid boolean (got 0)"),
    (
        body("miai.response", response__to_speak__type=1),
        "miai response: response.to_speak.type: input should be 0 (got 1)",
    ),
    (
        body(
            "miai.response",
            response__open_mic=False,
            response__directives=[{"type": "audio", "audio_item": {"stream": {"url": "", "token": "t"}}}],
        ),
        "miai response: response.directives[0].audio_item.stream.url: string should have at least 1 character",
    ),
    (
        body("cortana.activity", inputHint="maybe"),
        "cortana activity: inputHint: input should be 'acceptingInput', 'expectingInput' or 'ignoringInput' "
        "(got 'maybe')",
    ),
    (
        body("cortana.activity", type="typing"),
        "cortana activity: type: input should be 'message', 'conversationUpdate', 'endOfConversation' or 'event' "
        "(got 'typing')",
    ),
    (
        body("cortana.activity", channelId="msteams"),
        "cortana activity: channelId: input should be 'cortana' (got 'msteams')",
    ),
    (body("cortana.activity", **{"from": DELETE}), "cortana activity: from: is required but missing"),
    (body("cortana.activity", from__id=5), "cortana activity: from.id: input should be a valid string (got 5)"),
    (
        body("cortana.activity", locale="zh_CN"),
        "cortana activity: locale: must be a BCP-47 locale such as en-US or zh-CN (got 'zh_CN')",
    ),
    (
        body("cortana.activity", semanticAction__state="maybe"),
        "cortana activity: semanticAction.state: input should be 'start', 'continue' or 'done' (got 'maybe')",
    ),
    (
        body("cortana.activity", semanticAction__entities=["artist"]),
        "cortana activity: semanticAction.entities: input should be a valid dictionary",
    ),
    (
        body(
            "cortana.activity",
            **{"semanticAction__$instance": {"artist": [{"startIndex": -1, "endIndex": 2, "text": "周杰"}]}},
        ),
        "cortana activity: semanticAction.$instance.artist[0].startIndex: "
        "input should be greater than or equal to 0 (got -1)",
    ),
    (body("cortana.activity", listenFor="是"), "cortana activity: listenFor: input should be a valid list (got '是')"),
    (
        body("cortana.activity", speak="x" * 16_385),
        "cortana activity: speak: string should have at most 16384 characters",
    ),
]


def check_one_line(error: EnvelopeError, expected: str) -> None:
    message = str(error)
    assert expected in message
    assert "\n" not in message and len(message) < 300
    assert message == (
        f"{error.where}: {error.path}: {error.problem}" if error.path else f"{error.where}: {error.problem}"
    )
    assert error.__cause__ is None  # no pydantic error chained for a traceback
    assert error.__context__ is None or error.__suppress_context__


@pytest.mark.parametrize(("data", "expected"), FRAMES, ids=[f"frame-{i}" for i in range(len(FRAMES))])
def test_malformed_frames_give_one_specific_error(data: bytes, expected: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        codec.decode(data)
    check_one_line(caught.value, expected)
    assert isinstance(caught.value, WireVersionError) == ("is not spoken here" in expected)


@pytest.mark.parametrize(("kind_body", "expected"), BODIES, ids=[f"{k[0]}-{i}" for i, (k, _) in enumerate(BODIES)])
def test_malformed_envelopes_give_one_specific_error(kind_body: tuple[str, dict[str, Any]], expected: str) -> None:
    kind, data = kind_body
    decoders: list[Callable[[], object]] = [
        lambda: codec.decode(frame(kind=kind, body=data)),
        lambda: codec.KINDS[kind].from_dict(data),
    ]
    for decode in decoders:
        with pytest.raises(EnvelopeError) as caught:
            decode()
        check_one_line(caught.value, expected)
        assert isinstance(caught.value, WireVersionError) == ("is not spoken here" in expected)


def test_there_are_enough_rows() -> None:
    assert len(FRAMES) + len(BODIES) >= 25


def test_a_frame_of_the_wrong_kind_is_refused_where_another_is_expected() -> None:
    request_frame = codec.encode(MiAiRequest.from_dict(REQUEST))
    with pytest.raises(EnvelopeError) as caught:
        codec.decode_as(MiAiResponse, request_frame)
    check_one_line(caught.value, "frame: kind: must be miai.response here (got miai.request)")


def test_the_size_limit_is_the_callers() -> None:
    data = codec.encode(MiAiRequest.from_dict(REQUEST))
    with pytest.raises(EnvelopeError, match=rf"^frame: is {len(data):,} bytes, more than the 100 allowed$"):
        codec.decode(data, max_bytes=100)
    assert codec.decode(data, max_bytes=len(data)) == MiAiRequest.from_dict(REQUEST)


def test_from_dict_wants_an_object() -> None:
    with pytest.raises(EnvelopeError, match=r"^miai response: must be a JSON object, got list$"):
        MiAiResponse.from_dict([RESPONSE])
