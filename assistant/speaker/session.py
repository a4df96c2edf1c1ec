"""The speaker's side of a conversation: what the user said, as Mi-AI requests; the session carried across turns.

Text chat and spoken commands both go through :class:`SpeakerSession`, so a typed turn and a transcribed one
reach the bridge identically. A session lasts until a response ends it (``is_session_end``); the next utterance
opens a new one (``is_new``, a fresh ``session_id``). Session attributes come back exactly as the skill left them.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from assistant.config import Settings
from assistant.errors import AssistantError
from bridge.handler import MiAiHandler
from bridge.miai import (
    Application,
    Context,
    Intent,
    MiAiRequest,
    MiAiResponse,
    Request,
    RequestType,
    Response,
    Session,
    Speech,
    User,
)
from bridge.wire_model import MAX_TEXT

#: "open weather" / "打开天气" start a skill session (Mi-AI request type 0).
_OPEN = re.compile(r"^\s*(open|launch|start talking to|打开)\s*\S", re.IGNORECASE)
#: What silences a ring, as a speaker does on its own while an alarm or a timer rings: not sent on, so "stop" right
#: after the alarm does not also pause the music, hang up a call or end anything else.
_SILENCE = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|alright)[\s,]+)?(?:stop|stop it|stop that|stop (?:the )?(?:alarm|timer|ringing|ring)|"
    r"dismiss(?: it| the (?:alarm|timer))?|silence|quiet|be quiet|shut up|"
    r"(?:turn|shut) (?:it|the (?:alarm|timer)) off|(?:turn|shut) off the (?:alarm|timer)|停止|别响了)[\s.!]*$",
    re.IGNORECASE,
)
RING_S = 60.0
"""How long after an announcement (a timer or an alarm going off) the speaker takes "stop" as silencing it."""
NOTHING_HEARD = "Sorry, I didn't hear anything."
"""Said by the speaker itself when it was woken and nobody spoke (the router ends such a session without a word)."""
NOT_CAUGHT = "Sorry, I didn't catch that."
"""Said by the speaker itself when speech-to-text doubts its words too much to act on them (nothing is sent)."""

log = logging.getLogger(__name__)

DeviceReport = Callable[[], list[dict[str, Any]]]


class SpeakerSession:
    def __init__(
        self,
        settings: Settings,
        handler: MiAiHandler,
        *,
        devices: DeviceReport | None = None,
        user_id: str = "local-user",
        now_ms: Callable[[], int] = lambda: int(time.time() * 1000),
    ) -> None:
        self._settings = settings
        self._handler = handler
        self._devices = devices
        self._user_id = user_id
        self._now_ms = now_ms
        self._session_id: str | None = None
        self._attributes: dict[str, Any] = {}
        self._rang_ms: int | None = None
        self._missed = False
        """The last turn was not caught (see :meth:`not_caught`) and nothing was sent since."""
        self.open_mic = False
        """Whether the last response asked for an answer (the microphone stays open)."""

    def rang(self) -> None:
        """A timer or an alarm just went off (the speaker announced it): a bare "stop" soon after silences it."""
        self._rang_ms = self._now_ms()

    @property
    def session_id(self) -> str | None:
        return self._session_id

    def say(self, text: str) -> MiAiResponse:
        """Send what the user said; the request type is START for "open <skill>" in a new session. Longer than the
        Mi-AI protocol carries: :class:`AssistantError` before anything is sent (the session is as it was)."""
        if len(text) > MAX_TEXT:
            raise AssistantError(
                f"that message is {len(text):,} characters and the Mi-AI protocol carries at most {MAX_TEXT:,}; "
                "say it in fewer words"
            )
        if self._rang_ms is not None and self._now_ms() - self._rang_ms <= RING_S * 1000 and _SILENCE.match(text):
            self._rang_ms = None  # the ring is silenced here, on the speaker: nothing is sent on
            return MiAiResponse(
                session_attributes=dict(self._attributes),
                is_session_end=self._session_id is None,
                response=Response(open_mic=False, to_speak=Speech(text="OK."), to_display=Speech(text="OK.")),
            )
        starting = self._session_id is None and bool(_OPEN.match(text))
        kind = RequestType.START if starting else RequestType.INTENT
        return self._send(self._request(text, kind, no_response=False))

    def no_speech(self) -> MiAiResponse:
        """The user said nothing after the wake word or a question: Mi-AI's ``no_response``. When no conversation
        was going on (the speaker was just woken), and the router ends it without a word, the speaker says
        :data:`NOTHING_HEARD` itself, so a wake with nothing after it is never silent; after a question, or right
        after :meth:`not_caught`, the session ends as the router says (quietly)."""
        woken = self._session_id is None and not self._missed
        response = self._send(self._request("", RequestType.INTENT, no_response=True))
        if woken and not _says_anything(response):
            line = Speech(text=NOTHING_HEARD)
            response = response.model_copy(
                update={"response": response.response.model_copy(update={"to_speak": line, "to_display": line})}
            )
        return response

    def not_caught(self, heard: str = "") -> MiAiResponse:
        """Speech-to-text heard words too doubtful to act on: nothing is sent, the session is left as it is, and
        the speaker says :data:`NOT_CAUGHT` (``not_understand``). The microphone stays open for the user to say
        it again, once: a second doubtful turn in a row, or silence then, ends the exchange without another
        apology."""
        log.info("not acting on doubtful words %r: asking again", heard)
        again = not self._missed
        self._missed = True
        self.open_mic = again
        line = Speech(text=NOT_CAUGHT)
        return MiAiResponse(
            session_attributes=dict(self._attributes),
            is_session_end=self._session_id is None and not again,
            response=Response(open_mic=again, to_speak=line, to_display=line, not_understand=True),
        )

    def event(self, name: str, properties: dict[str, Any]) -> MiAiResponse:
        """Something that happened on the speaker (``mediaplayer.playbackfinished`` with the audio item's token),
        as a Mi-AI event. It rides in the open session; with none open, in one of its own that ends with it, so the
        user's next words still start a new conversation."""
        was_open = self._session_id is not None
        response = self._send(self._request("", RequestType.INTENT, no_response=False, event=(name, properties)))
        if not was_open:
            self._reset()
        return response

    def end(self) -> MiAiResponse | None:
        """Close the session (type END), e.g. when the user walks away; None when none is open."""
        if self._session_id is None:
            return None
        response = self._send(self._request("", RequestType.END, no_response=False))
        self._reset()
        return response

    def _request(
        self, text: str, kind: RequestType, *, no_response: bool, event: tuple[str, dict[str, Any]] | None = None
    ) -> MiAiRequest:
        is_new = self._session_id is None
        if is_new:
            self._session_id = uuid.uuid4().hex
            self._attributes = {}
        assert self._session_id is not None
        context: dict[str, Any] = {"device_id": self._settings.speaker.device_id}
        if self._devices is not None:
            context["devices"] = self._devices()
        return MiAiRequest(
            query=text,
            session=Session(
                is_new=is_new,
                session_id=self._session_id,
                application=Application(app_id=self._settings.bridge.app_id),
                attributes=dict(self._attributes),
                user=User(user_id=self._user_id, is_user_login=False),
            ),
            context=Context.model_validate(context),
            request=Request(
                type=kind,
                request_id=uuid.uuid4().hex,
                timestamp=self._now_ms(),
                locale=self._settings.locale,
                intent=Intent(query=text, is_direct_wakeup=is_new) if text else None,
                no_response=no_response,
                event_type=event[0] if event else None,
                event_property=event[1] if event else None,
            ),
        )

    def _send(self, request: MiAiRequest) -> MiAiResponse:
        self._missed = False
        response = self._handler.handle(request)
        self._attributes = dict(response.session_attributes)
        self.open_mic = response.response.open_mic and not response.is_session_end
        if response.is_session_end:
            self._reset()
        return response

    def _reset(self) -> None:
        self._session_id = None
        self._attributes = {}
        self.open_mic = False


def _says_anything(response: MiAiResponse) -> bool:
    r = response.response
    if r.to_speak is not None and r.to_speak.text.strip():
        return True
    return any(d.type == "tts" and d.tts_item is not None and d.tts_item.text.strip() for d in r.directives or ())
