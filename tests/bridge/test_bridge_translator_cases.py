"""Table-driven translator cases: offsets, SSML, input hints, the router's reply conventions, and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from bridge import cortana as c
from bridge import miai as m
from bridge import translator
from bridge.errors import BridgeError, TranslationError


def request(
    query: str, *slots: tuple[str, str], kind: m.RequestType = m.RequestType.INTENT, **extra: Any
) -> m.MiAiRequest:
    return m.MiAiRequest(
        query=query,
        session=m.Session(
            is_new=False, session_id="s-1", application=m.Application(app_id="app"), user=m.User(user_id="u")
        ),
        context=m.Context(device_id="mi-01"),
        request=m.Request(
            type=kind,
            request_id="r-1",
            timestamp=1_700_000_000_123,
            slot_info=m.SlotInfo(intent_name="play", slots=[m.Slot(name=n, value=v) for n, v in slots])
            if slots
            else None,
            **extra,
        ),
    )


def reply(**fields: Any) -> c.Activity:
    """A reply as it arrives on the wire from the router (so short hint spellings are normalised)."""
    wire = {"type": "message", "from": {"id": "router"}, "recipient": {"id": "speaker"}, "conversation": {"id": "s-1"}}
    return c.Activity.from_dict(wire | fields)


def test_instances_count_code_points_in_chinese_and_emoji() -> None:
    activity = translator.request_to_activity(
        request("🎵播放周杰伦的晴天", ("artist", "周杰伦"), ("song", "晴天"), ("mood", "开心"))
    )
    action = activity.semantic_action
    assert action is not None and action.instance is not None
    assert action.entities == {"artist": "周杰伦", "song": "晴天", "mood": "开心"}
    artist, song = action.instance["artist"][0], action.instance["song"][0]
    assert (artist.start_index, artist.end_index, artist.text) == (3, 6, "周杰伦")  # UTF-16 would say 4..7
    assert (song.start_index, song.end_index, song.text) == (7, 9, "晴天")
    assert "mood" not in action.instance  # a value the user did not say has no place in the text
    wire = activity.to_dict()["semanticAction"]["$instance"]["artist"][0]
    assert wire == {"startIndex": 3, "endIndex": 6, "text": "周杰伦", "type": "artist"}


@pytest.mark.parametrize(
    ("kind", "no_response", "activity_type", "name"),
    [
        (m.RequestType.START, False, "conversationUpdate", None),
        (m.RequestType.INTENT, False, "message", None),
        (m.RequestType.INTENT, True, "event", "noResponse"),
        (m.RequestType.END, False, "endOfConversation", None),
    ],
)
def test_request_types_become_activity_types(
    kind: m.RequestType, no_response: bool, activity_type: str, name: str | None
) -> None:
    activity = translator.request_to_activity(request("你好", kind=kind, no_response=no_response))
    assert (activity.type, activity.name) == (activity_type, name)
    assert activity.timestamp == "2023-11-14T22:13:20.123Z"
    assert activity.channel_data is not None and activity.channel_data["deviceId"] == "mi-01"


def test_a_media_player_event_is_an_event_activity_and_back() -> None:
    sent = request("", event_type="mediaplayer.playbackfinished", event_property={"token": "sim://catalogue/s01"})
    activity = translator.request_to_activity(sent)
    assert (activity.type, activity.name, activity.value) == (
        "event",
        "mediaplayer.playbackfinished",
        {"token": "sim://catalogue/s01"},
    )
    assert translator.activity_to_request(activity) == sent
    plain = translator.activity_to_request(reply(type="event", name="mediaplayer.playbackfinished", value={"t": 1}))
    assert (plain.request.event_type, plain.request.event_property, plain.request.no_response) == (
        "mediaplayer.playbackfinished",
        {"t": 1},
        False,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"event_property": {"token": "t"}}, "event_property needs an event_type"),
        ({"event_type": "x", "no_response": True}, "without no_response"),
        ({"event_type": "x", "type": m.RequestType.START}, "comes with type 1"),
    ],
)
def test_an_event_only_rides_on_an_ordinary_turn(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        m.Request.model_validate({"type": m.RequestType.INTENT, "request_id": "r", "timestamp": 0, **fields})


@pytest.mark.parametrize(
    "activity",
    [
        {"type": "event", "name": "noResponse", "value": {"a": 1}},
        {"type": "event", "name": "mediaplayer.playbackfinished", "value": [1, 2]},
        {"type": "message", "value": {"a": 1}},
    ],
)
def test_a_value_mi_ai_cannot_carry_is_refused(activity: dict[str, Any]) -> None:
    with pytest.raises(TranslationError, match="value: Mi-AI carries only an object"):
        translator.activity_to_request(reply(**activity))


def test_a_plain_cortana_activity_becomes_a_request_by_its_own_fields() -> None:
    """No channelData.miai (a Cortana-side client): type, newness and no-response come from the Activity itself."""
    event = reply(type="event", name="noResponse", id="e-1", timestamp="2024-01-02T03:04:05.678Z", locale="zh-CN")
    got = translator.activity_to_request(event)
    assert got.request.no_response and got.request.type == m.RequestType.INTENT
    assert (got.request.request_id, got.request.timestamp, got.request.locale) == ("e-1", 1_704_164_645_678, "zh-CN")
    assert got.context.device_id == "router"  # no deviceId: the sender stands in for the device
    start = translator.activity_to_request(reply(type="conversationUpdate"))
    assert start.request.type == m.RequestType.START and start.session.is_new
    assert start.request.request_id == "s-1-0" and start.query == ""


@pytest.mark.parametrize(
    ("speak", "said"),
    [
        ('<speak>好的<break time="600ms"/>马上播放</speak>', "好的。马上播放"),  # full-width marks after Chinese
        ('<speak>好的<break time="300ms"/>马上播放</speak>', "好的，马上播放"),
        ('<speak>one<break strength="strong"/>two</speak>', "one. two"),
        ("<speak>one<break/>two</speak>", "one, two"),
        ('<speak>a<break time="100ms"/>b</speak>', "a b"),
        ("<speak><s>第一句</s><s>第二句</s></speak>", "第一句。第二句。"),
        ('<speak><sub alias="World Wide Web">WWW</sub> rocks</speak>', "World Wide Web rocks"),
        ('<speak>hi<audio src="x.mp3">beep</audio>there</speak>', "hi beep there"),
        ("<speak>a &amp; b &lt;3</speak>", "a & b <3"),
        ("no markup, kept   as is ", "no markup, kept   as is "),
    ],
)
def test_ssml_is_reduced_to_speakable_text(speak: str, said: str) -> None:
    response = translator.activity_to_response(reply(speak=speak, text="shown"))
    assert response.response.to_speak == m.Speech(text=said)
    assert response.response.to_display == m.Speech(text="shown")


@pytest.mark.parametrize(
    ("hint", "open_mic", "session_end"),
    [
        ("expectingInput", True, False),
        ("expecting", True, False),
        ("acceptingInput", False, False),
        ("accepting", False, False),
        ("ignoringInput", False, True),
        ("ignoring", False, True),
        (None, False, False),
    ],
)
def test_input_hint_to_mic_and_session(hint: str | None, open_mic: bool, session_end: bool) -> None:
    activity = reply(text="好", **({"inputHint": hint} if hint else {}))
    assert activity.input_hint in (None, "expectingInput", "acceptingInput", "ignoringInput")
    response = translator.activity_to_response(activity)
    assert (response.response.open_mic, response.is_session_end) == (open_mic, session_end)
    ended = translator.activity_to_response(reply(type="endOfConversation", text="再见", inputHint=hint or "expecting"))
    assert (ended.response.open_mic, ended.is_session_end) == (False, True)


@pytest.mark.parametrize(
    ("open_mic", "session_end", "hint", "miai"),
    [
        (True, False, "expectingInput", None),
        (False, False, "acceptingInput", None),
        (False, True, "ignoringInput", None),
        (True, True, "ignoringInput", {"openMic": True}),  # Cortana has no hint for "listen, but the session ended"
    ],
)
def test_mic_and_session_to_input_hint(
    open_mic: bool, session_end: bool, hint: str, miai: dict[str, Any] | None
) -> None:
    response = m.MiAiResponse(
        is_session_end=session_end, response=m.Response(open_mic=open_mic, to_speak=m.Speech(text="好"))
    )
    activity = translator.response_to_activity(response, conversation_id="s-1", reply_to="r-1")
    assert activity.input_hint == hint
    assert (activity.channel_data or {}).get("miai") == miai
    assert activity.speak == "<speak>好</speak>" and activity.reply_to_id == "r-1"
    assert translator.activity_to_response(activity) == response


def test_the_routers_reply_conventions_become_a_miai_response() -> None:
    routed = reply(
        text="Playing Sunny Day",
        speak="<speak>Playing Sunny Day</speak>",
        inputHint="expectingInput",
        semanticAction={"id": "play_music", "state": "done", "entities": {"song": "晴天"}},
        channelData={
            "state": {"music": {"last": "晴天"}},
            "nlu": {
                "intent": "play_music",
                "confidence": 0.9,
                "engine": "embedded",
                "skill": "music",
                "slots": {},
                "ms": {},
            },
            "action": {"name": "player.play", "properties": {"volume": 40}},
            "audio": {"url": "http://music.local/qingtian.mp3", "token": "song-7", "title": "晴天"},
            "notUnderstood": True,
        },
    )
    got = translator.activity_to_response(routed)
    stream = m.AudioStream(url="http://music.local/qingtian.mp3", token="song-7")
    assert got == m.MiAiResponse(
        session_attributes={"music": {"last": "晴天"}},
        is_session_end=False,
        response=m.Response(
            open_mic=False,  # a stream plays: the microphone stays closed whatever the hint says
            to_speak=m.Speech(text="Playing Sunny Day"),
            to_display=m.Speech(text="Playing Sunny Day"),
            directives=[
                m.Directive(type="tts", tts_item=m.TtsItem(text="Playing Sunny Day")),
                m.Directive(type="audio", audio_item=m.AudioItem(stream=stream, title="晴天")),
            ],
            not_understand=True,
            action="player.play",
            action_property={"volume": 40},
        ),
    )


def test_a_reply_with_nothing_to_say_is_silence() -> None:
    got = translator.activity_to_response(reply(inputHint="ignoringInput"))
    assert got.response.to_speak == m.Speech(text="") and got.response.directives is None and got.is_session_end


@pytest.mark.parametrize(
    ("activity", "message"),
    [
        (reply(type="conversationUpdate"), "activity type 'conversationUpdate' is not a reply"),
        (reply(type="event", name="x"), "activity type 'event' is not a reply"),
        (
            reply(text="x", channelData={"audio": {"title": "no url"}}),
            "channelData.audio: must be an object with a url",
        ),
        (reply(text="x", channelData={"action": "player.play"}), "channelData.action: must be an object with a name"),
        (reply(text="x", channelData={"action": {"name": "a", "properties": [1]}}), "channelData.action.properties"),
        (reply(speak="<speak>" + "长" * 5000 + "</speak>"), "miai response: text: string should have at most 4096"),
        (reply(text="x", timestamp="yesterday"), None),  # fine for a reply: only requests read the timestamp
    ],
)
def test_replies_the_speaker_cannot_take_are_refused_in_one_line(activity: c.Activity, message: str | None) -> None:
    if message is None:
        assert translator.activity_to_response(activity).response.to_speak == m.Speech(text="x")
        with pytest.raises(TranslationError, match="timestamp: 'yesterday' is not ISO 8601"):
            translator.activity_to_request(activity)
        return
    with pytest.raises(TranslationError) as caught:
        translator.activity_to_response(activity)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_action_property_without_an_action_cannot_cross() -> None:
    response = m.MiAiResponse(
        is_session_end=False, response=m.Response(to_speak=m.Speech(text="好"), action_property={"volume": 1})
    )
    with pytest.raises(BridgeError, match=r"^response\.action_property: needs response\.action"):
        translator.response_to_activity(response, conversation_id="s", reply_to=None)
