"""The bridge itself: a Mi-AI handler for the speaker that is a Cortana channel for the router.

The speaker calls :meth:`Bridge.handle` with Mi-AI requests; the bridge translates each into an Activity, hands it
to the router's :class:`~bridge.handler.ActivityHandler`, and translates the reply back. Proactive Activities from
the router (a timer firing) come in through :meth:`Bridge.push` and go out to the speaker's announcement sink.
Neither side knows the other exists.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from bridge import translator
from bridge.cortana import Activity
from bridge.errors import BridgeError
from bridge.handler import ActivityHandler, AnnouncementSink
from bridge.miai import MiAiRequest, MiAiResponse, Response, Speech
from bridge.trace import ROUTER, TRANSLATE_REQUEST, TRANSLATE_RESPONSE, Trace

log = logging.getLogger(__name__)

APOLOGY = "Sorry, I couldn't reach your skills just now. Please try again."
TOO_SLOW = "Sorry, that took too long. Please try again."


class Bridge:
    def __init__(self, router: ActivityHandler, *, trace: Trace | None = None, timeout_s: float | None = None) -> None:
        """``timeout_s``: how long the speaker waits for the router's answer before it hears an apology (None: as
        long as it takes). The router's late answer is dropped; what its skill did stays done."""
        self._router = router
        self.trace = trace if trace is not None else Trace()
        self._sink: AnnouncementSink | None = None
        self._timeout_s = timeout_s

    def connect_speaker(self, sink: AnnouncementSink) -> None:
        """Where proactive announcements go."""
        self._sink = sink

    def handle(self, request: MiAiRequest) -> MiAiResponse:
        with self.trace.hop(TRANSLATE_REQUEST, "bridge", request.to_dict()) as box:
            activity = translator.request_to_activity(request)
            box["out"] = activity.to_dict()
        try:
            reply = self._answer(activity)
            if reply is None:
                log.error(
                    "the router did not answer within %g s (bridge.timeout_s); the speaker apologised", self._timeout_s
                )
                return _apology(request, TOO_SLOW)
            with self.trace.hop(TRANSLATE_RESPONSE, "bridge", reply.to_dict()) as box:
                response = translator.activity_to_response(reply)
                box["out"] = response.to_dict()
        except BridgeError as e:  # unreachable, or a reply the speaker cannot take: the user hears why-not, not silence
            log.error("the router side failed: %s", e)
            return _apology(request)
        return response

    def _answer(self, activity: Activity) -> Activity | None:
        """The router's reply, or None when it takes longer than the timeout (it runs on in the background)."""
        if self._timeout_s is None:
            return self._router.handle(activity)
        box: dict[str, Any] = {}
        done, started = threading.Event(), threading.Event()

        def run() -> None:
            with self.trace.late_work() as given_up:
                box["given_up"] = given_up
                started.set()
                try:
                    box["reply"] = self._router.handle(activity)
                except BaseException as e:  # handed to the waiting caller, which raises it as its own
                    box["error"] = e
                finally:
                    done.set()

        threading.Thread(target=run, name="bridge-router", daemon=True).start()
        if not done.wait(self._timeout_s):
            started.wait()
            box["given_up"].set()  # its hops, when they come, are not the next turn's
            return None
        if "error" in box:
            raise box["error"]
        reply: Activity = box["reply"]
        return reply

    def push(self, activity: Activity) -> None:
        """A proactive Activity from the router: translated and announced by the speaker."""
        response = translator.activity_to_response(activity)
        self.trace.add_record(ROUTER + ":proactive", "router", activity.to_dict(), response.to_dict())
        if self._sink is None:
            log.warning("announcement dropped, no speaker connected: %s", activity.text)
            return
        self._sink.announce(response)


def _apology(request: MiAiRequest, text: str = APOLOGY) -> MiAiResponse:
    return MiAiResponse(
        session_attributes=dict(request.session.attributes),
        is_session_end=True,
        response=Response(open_mic=False, to_speak=Speech(text=text), not_understand=False),
    )
