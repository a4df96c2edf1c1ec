"""The in-process transport and the Bridge endpoint, driven by a tiny router written here (the transport seam).

The stack is the one the assistant runs: speaker -> wire -> Bridge -> wire -> router, every hop through the real
codec. The tests check the trace of one turn, that the wire really is crossed, proactive pushes, and apologies.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import pytest

from bridge import trace as hops
from bridge import translator
from bridge.cortana import Activity, ChannelAccount, ConversationAccount
from bridge.endpoint import APOLOGY, TOO_SLOW, Bridge
from bridge.errors import BridgeError, EnvelopeError, TranslationError, TransportError
from bridge.miai import Application, Context, MiAiRequest, MiAiResponse, Request, RequestType, Session, Speech, User
from bridge.trace import Trace
from bridge.transport import InProcessTransport

REQUEST = MiAiRequest(
    query="打开客厅灯 💡",
    session=Session(
        is_new=True,
        session_id="s-1",
        application=Application(app_id="app"),
        attributes={"n": 1},
        user=User(user_id="u"),
    ),
    context=Context(device_id="mi-01"),
    request=Request(type=RequestType.INTENT, request_id="r-1", timestamp=1_700_000_000_000, locale="zh-CN"),
)


class EchoRouter:
    """Answers every Activity with what it heard, or with what ``answer`` makes of that (to misbehave)."""

    def __init__(self, answer: Callable[[Activity], Activity] | None = None) -> None:
        self.seen: list[Activity] = []
        self._answer = answer

    def handle(self, activity: Activity) -> Activity:
        self.seen.append(activity)
        echo = self.echo(activity)
        return echo if self._answer is None else self._answer(echo)

    @staticmethod
    def echo(activity: Activity) -> Activity:
        state = dict((activity.channel_data or {}).get("state") or {})
        return Activity(
            type="message",
            from_=activity.recipient,
            recipient=activity.from_,
            conversation=activity.conversation,
            reply_to_id=activity.id,
            text=f"你说: {activity.text}",
            speak=f"<speak>你说<break time='600ms'/>{activity.text}</speak>",
            input_hint="expectingInput",
            channel_data={"state": state | {"turns": 1}, "nlu": {"intent": "echo"}},
        )


class Sink:
    def __init__(self) -> None:
        self.heard: list[MiAiResponse] = []

    def announce(self, response: MiAiResponse) -> None:
        self.heard.append(response)


def stack(
    router: EchoRouter, trace: Trace, *, max_bytes: int = 1_000_000
) -> tuple[InProcessTransport[MiAiRequest, MiAiResponse], Bridge]:
    to_router = InProcessTransport(
        router, Activity, Activity, hop=hops.BRIDGE_TO_ROUTER, side="router", trace=trace, max_bytes=max_bytes
    )
    bridge = Bridge(to_router, trace=trace)
    speaker_wire = InProcessTransport(
        bridge, MiAiRequest, MiAiResponse, hop=hops.SPEAKER_TO_BRIDGE, side="bridge", trace=trace
    )
    return speaker_wire, bridge


def test_one_turn_crosses_every_hop_in_order() -> None:
    router, trace = EchoRouter(), Trace()
    wire, _ = stack(router, trace)
    response = wire.handle(REQUEST)
    assert response.response.to_speak == Speech(text="你说。打开客厅灯 💡")
    assert response.response.to_display == Speech(text="你说: 打开客厅灯 💡")
    assert (response.response.open_mic, response.is_session_end) == (True, False)
    assert response.session_attributes == {"n": 1, "turns": 1}

    records = trace.take()
    assert [(r.hop, r.side) for r in records] == [
        (hops.SPEAKER_TO_BRIDGE, "bridge"),
        (hops.TRANSLATE_REQUEST, "bridge"),
        (hops.BRIDGE_TO_ROUTER, "router"),
        (hops.TRANSLATE_RESPONSE, "bridge"),
    ]
    assert all(r.ms >= 0 for r in records)
    outer, to_cortana, routed, to_miai = records
    assert outer.ms >= max(to_cortana.ms, routed.ms, to_miai.ms)  # the speaker's hop wraps the others
    assert outer.message_in == REQUEST.to_dict() and outer.message_out == response.to_dict()
    assert to_cortana.message_in == REQUEST.to_dict()
    assert to_cortana.message_out == routed.message_in == router.seen[0].to_dict()
    assert routed.message_out == to_miai.message_in
    assert to_miai.message_out == response.to_dict()
    assert router.seen == [translator.request_to_activity(REQUEST)]
    assert trace.take() == []  # take clears for the next turn


def test_the_router_gets_a_decoded_copy_not_the_senders_object() -> None:
    router = EchoRouter()
    sent = translator.request_to_activity(REQUEST)
    reply = InProcessTransport(router, Activity, Activity, hop="h", side="router").handle(sent)
    assert router.seen == [sent] and router.seen[0] is not sent
    assert reply.reply_to_id == "r-1"


def test_a_reply_the_codec_rejects_is_an_error_not_a_delivery() -> None:
    router = EchoRouter(lambda echo: echo.model_copy(update={"text": "长" * 5000}))
    transport = InProcessTransport(router, Activity, Activity, hop="h", side="router")
    with pytest.raises(EnvelopeError, match=r"^cortana activity: text: string should have at most 4096 characters"):
        transport.handle(translator.request_to_activity(REQUEST))


def test_frames_over_the_limit_are_refused() -> None:
    transport = InProcessTransport(EchoRouter(), Activity, Activity, hop="h", side="router", max_bytes=200)
    with pytest.raises(EnvelopeError, match=r"^frame: is [\d,]+ bytes, more than the 200 allowed$"):
        transport.handle(translator.request_to_activity(REQUEST))


def test_a_handler_answering_the_wrong_type_is_a_transport_error() -> None:
    class MiAiSpeakingRouter:
        def handle(self, activity: Activity) -> MiAiResponse:
            return translator.activity_to_response(EchoRouter.echo(activity))

    router = MiAiSpeakingRouter()
    transport = InProcessTransport(router, Activity, Activity, hop="bridge->router", side="router")
    with pytest.raises(TransportError, match=r"^bridge->router: the handler answered MiAiResponse, not Activity$"):
        transport.handle(translator.request_to_activity(REQUEST))


@pytest.mark.parametrize(
    "failure",
    [
        TransportError("router: connection refused"),
        EnvelopeError("frame", "wire", "is required but missing"),
        TranslationError("activity type 'event' is not a reply"),
    ],
)
def test_a_bridge_error_on_the_router_side_becomes_the_spoken_apology(
    failure: BridgeError, caplog: pytest.LogCaptureFixture
) -> None:
    def fail(echo: Activity) -> Activity:
        raise failure

    trace = Trace()
    wire, _ = stack(EchoRouter(fail), trace)
    with caplog.at_level(logging.ERROR, logger="bridge.endpoint"):
        response = wire.handle(REQUEST)
    assert response.response.to_speak == Speech(text=APOLOGY)
    assert response.is_session_end and not response.response.open_mic
    assert response.session_attributes == REQUEST.session.attributes  # the skill's state is not lost
    assert str(failure) in caplog.text
    hops_seen = [r.hop for r in trace.take()]
    assert hops_seen == [hops.SPEAKER_TO_BRIDGE, hops.TRANSLATE_REQUEST, hops.BRIDGE_TO_ROUTER]


def test_a_reply_the_speaker_cannot_take_is_apologised_for() -> None:
    router = EchoRouter(lambda echo: echo.model_copy(update={"speak": "<speak>" + "长" * 5000 + "</speak>"}))
    wire, _ = stack(router, Trace())
    assert wire.handle(REQUEST).response.to_speak == Speech(text=APOLOGY)


def test_a_bug_in_the_router_is_not_hidden_behind_an_apology() -> None:
    def crash(echo: Activity) -> Activity:
        raise ZeroDivisionError("skill bug")

    wire, _ = stack(EchoRouter(crash), Trace())
    with pytest.raises(ZeroDivisionError):
        wire.handle(REQUEST)


def proactive(text: str) -> Activity:
    return Activity(
        type="message",
        from_=ChannelAccount(id="router", role="bot"),
        recipient=ChannelAccount(id="speaker", role="user"),
        conversation=ConversationAccount(id="timers"),
        text=text,
        input_hint="ignoringInput",
    )


def test_a_proactive_push_reaches_the_speakers_sink_from_another_thread() -> None:
    trace, sink = Trace(), Sink()
    _, bridge = stack(EchoRouter(), trace)
    bridge.connect_speaker(sink)
    pusher = threading.Thread(target=bridge.push, args=(proactive("⏰ 你的计时器到了"),))
    pusher.start()
    pusher.join(timeout=5)
    assert not pusher.is_alive()
    assert [(r.response.to_speak, r.is_session_end) for r in sink.heard] == [(Speech(text="⏰ 你的计时器到了"), True)]
    (record,) = trace.take()
    assert (record.hop, record.side, record.ms) == (hops.ROUTER + ":proactive", "router", 0.0)
    assert record.message_out == sink.heard[0].to_dict()


def test_a_push_with_no_speaker_connected_is_dropped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    _, bridge = stack(EchoRouter(), Trace())
    with caplog.at_level(logging.WARNING, logger="bridge.endpoint"):
        bridge.push(proactive("nobody hears this"))
    assert "announcement dropped" in caplog.text and "nobody hears this" in caplog.text


def test_a_push_that_is_not_a_reply_is_refused() -> None:
    _, bridge = stack(EchoRouter(), Trace())
    bridge.connect_speaker(Sink())
    with pytest.raises(TranslationError, match="activity type 'event' is not a reply"):
        bridge.push(proactive("x").model_copy(update={"type": "event"}))


def test_a_router_slower_than_the_timeout_gets_the_speaker_an_apology_in_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    release = threading.Event()

    def slow(echo: Activity) -> Activity:
        release.wait(5.0)
        return echo

    router = EchoRouter(slow)
    bridge = Bridge(router, timeout_s=0.2)
    with caplog.at_level(logging.ERROR, logger="bridge.endpoint"):
        response = bridge.handle(REQUEST)
    release.set()
    assert response.response.to_speak == Speech(text=TOO_SLOW) and response.is_session_end
    assert response.session_attributes == {"n": 1}  # the state as it was: the late answer is not waited for
    assert "did not answer within 0.2 s (bridge.timeout_s)" in caplog.text


def test_within_the_timeout_the_answer_and_the_errors_are_the_routers() -> None:
    assert Bridge(EchoRouter(), timeout_s=5.0).handle(REQUEST).session_attributes == {"n": 1, "turns": 1}

    def broken(echo: Activity) -> Activity:
        raise TransportError("the router side is gone")

    assert Bridge(EchoRouter(broken), timeout_s=5.0).handle(REQUEST).response.to_speak == Speech(text=APOLOGY)


def test_a_late_answer_writes_nothing_into_the_next_turn_s_trace() -> None:
    release, finished = threading.Event(), threading.Event()
    trace = Trace()

    def slow(echo: Activity) -> Activity:
        release.wait(5.0)
        trace.add_record("router", "router", None, None)  # a hop the late router makes
        finished.set()
        return echo

    bridge = Bridge(EchoRouter(slow), trace=trace, timeout_s=0.2)
    assert bridge.handle(REQUEST).response.to_speak == Speech(text=TOO_SLOW)
    assert [r.hop for r in trace.take()] == ["bridge:miai->cortana"]  # this turn's own hops
    release.set()
    assert finished.wait(5.0)
    assert trace.take() == []  # what the next turn's trace starts with
    trace.add_record("next", "router", None, None)  # this thread is not muted
    assert [r.hop for r in trace.take()] == ["next"]
