"""The composition root: the one place the speaker, the bridge and the router are put together.

    speaker session ──MiAiRequest──▶ [in-process wire] ──▶ Bridge ──Activity──▶ [in-process wire] ──▶ Router
    speaker session ◀─MiAiResponse── [in-process wire] ◀── Bridge ◀─Activity─── [in-process wire] ◀── Router
    Mi-Home hub ◀── action "mihome.control"            scheduler ──proactive Activity──▶ Bridge.push ──▶ speaker

The speaker side and the router side never import each other; this module imports both.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.errors import AssistantError, DeviceError
from assistant.fixtures import seed_world
from assistant.router.factory import build_router
from assistant.router.nlu.types import NluEngine, TrainingData
from assistant.router.services.clock import Clock, ManualClock, SystemClock
from assistant.speaker.mihome.hub import MiHomeHub
from assistant.speaker.session import SpeakerSession
from assistant.turn import TurnResult, turn_result
from bridge import trace as hops
from bridge.cortana import Activity
from bridge.endpoint import Bridge
from bridge.miai import MiAiRequest, MiAiResponse
from bridge.trace import Trace
from bridge.transport import InProcessTransport

if TYPE_CHECKING:  # the audio path (PocketSphinx, scipy, PortAudio) is imported only when a WAV is decoded
    from assistant.speaker.stt import SttEngine

log = logging.getLogger(__name__)


def make_recognizer(settings: Settings) -> SttEngine:
    """The speaker's speech-to-text engine, constrained to the skills' sentences in grammar mode."""
    from assistant.router.factory import spoken_sentences
    from assistant.speaker.grammar import compile_grammar
    from assistant.speaker.stt import make_engine as make_stt

    engine = make_stt(settings)
    if settings.speaker.stt.mode == "grammar":
        engine.use_grammar(compile_grammar(spoken_sentences(settings), engine.vocabulary()))
    return engine


def make_engine(settings: Settings, data: TrainingData, *, progress: bool = False) -> NluEngine:
    """The NLU engine ``router.nlu.engine`` names, trained on ``data`` or loaded from its cache."""
    name = settings.router.nlu.engine
    if name == "embedded":
        from assistant.router.nlu.model_cache import cached_engine

        notice = _training_notice if progress else None
        return cached_engine(data, settings.models_dir, on_training=notice, config=settings.source)[0]
    from assistant.router.nlu.rasa.rasa_factory import make_rasa_engine

    return make_rasa_engine(settings, data)


def _training_notice() -> None:
    """Said while the user waits: the skills changed since the engine was last trained, so it trains now."""
    print("training the NLU on the skills' examples (they changed since last time; about 15 s, once)", file=sys.stderr)


class Assistant:
    """A running simulator: text or audio turns in, :class:`TurnResult` out; announcements as they happen."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock,
        progress: bool = False,
        engine: NluEngine | None = None,
        recognizer: Callable[[Settings], SttEngine] = make_recognizer,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.trace = Trace()
        self._announced: list[str] = []
        self._listeners: list[Callable[[str], None]] = []
        self._lock = threading.Lock()
        self._early: list[Activity] | None = []
        self.hub = MiHomeHub.in_dir(settings.data_dir, config=settings.source)
        self._stt: SttEngine | None = None
        self._make_recognizer = recognizer
        self.router = build_router(
            settings,
            clock,
            lambda s, data: engine if engine is not None else make_engine(s, data, progress=progress),
            announce=self._proactive,
        )
        self.bridge = Bridge(
            InProcessTransport(
                self.router, Activity, Activity, hop=hops.BRIDGE_TO_ROUTER, side="router", trace=self.trace
            ),
            trace=self.trace,
            timeout_s=settings.bridge.timeout_s,
        )
        self.bridge.connect_speaker(self)
        self._connected()
        speaker_wire = InProcessTransport(
            self.bridge,
            MiAiRequest,
            MiAiResponse,
            hop=hops.SPEAKER_TO_BRIDGE,
            side="bridge",
            trace=self.trace,
            max_bytes=settings.bridge.max_message_bytes,
        )
        self.session = SpeakerSession(
            settings, speaker_wire, devices=self.hub.report, now_ms=lambda: int(self.clock.now().timestamp() * 1000)
        )

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        nlu: str | None = None,
        clock: Clock | None = None,
        data_dir: Path | None = None,
        progress: bool = False,
        engine: NluEngine | None = None,
        recognizer: Callable[[Settings], SttEngine] = make_recognizer,
    ) -> Assistant:
        """Settings with command-line overrides applied, then the whole pipeline. ``engine``: a ready engine to
        use instead of making one (scripted tests share one across many assistants; the router closes it);
        ``recognizer``: makes the speech-to-text engine for audio turns (scripted tests hand out a shared one)."""
        router = settings.router
        if nlu is not None:
            router = router.model_copy(update={"nlu": router.nlu.model_copy(update={"engine": nlu})})
        changes: dict[str, Any] = {"router": router}
        if data_dir is not None:
            changes["data_dir"] = data_dir
        settings = settings.model_copy(update=changes)
        return cls(settings, clock=clock or SystemClock(), progress=progress, engine=engine, recognizer=recognizer)

    # ------------------------------------------------------------------ turns

    def text_turn(self, text: str) -> TurnResult:
        """One typed (or already transcribed) utterance through the whole pipeline."""
        self.trace.take()
        start = time.perf_counter()
        response = self.session.say(text)
        return self._finish(text, response, start)

    def audio_turn(self, path: Path) -> TurnResult:
        """A spoken command in a WAV file, through the speaker's own audio path: conversion to 16 kHz mono,
        endpointing, speech-to-text (grammar mode over the skills' sentences), then the turn exactly as typed."""
        from assistant.speaker.loop import ListenLoop
        from assistant.speaker.loop_parts import LoopOptions
        from assistant.speaker.sources import WavFileSource
        from assistant.spoken_conversation import QuietObserver, SpokenConversation

        spoken = SpokenConversation(self)
        loop = ListenLoop(
            self.settings.speaker,
            self._recognizer(),
            spoken,
            QuietObserver(),
            options=LoopOptions(wake_mode="none", once=True, out_dir=None),
        )
        source = WavFileSource(path, realtime=False)
        try:
            heard = loop.run(source)
        finally:
            source.close()
        if not heard or not spoken.results:
            raise AssistantError(f"{path}: no turn came out of this audio (is it empty?)")
        result, listened = spoken.results[-1], heard[-1]
        transcript = listened.transcript
        return replace(result, query=transcript.text if transcript else "", ms={**result.ms, **listened.ms})

    def _recognizer(self) -> SttEngine:
        """The speech-to-text engine, made on first use and kept (it costs seconds to load)."""
        if self._stt is None:
            self._stt = self._make_recognizer(self.settings)
        return self._stt

    def no_speech_turn(self) -> TurnResult:
        """The user said nothing after the wake word (Mi-AI ``no_response``)."""
        self.trace.take()
        start = time.perf_counter()
        return self._finish("", self.session.no_speech(), start)

    def event_turn(self, name: str, properties: dict[str, Any]) -> TurnResult:
        """Something that happened on the speaker, not said (``mediaplayer.playbackfinished``): Mi-AI's event."""
        self.trace.take()
        start = time.perf_counter()
        return self._finish("", self.session.event(name, properties), start)

    def _finish(self, text: str, response: MiAiResponse, start: float) -> TurnResult:
        refused: str | None = None
        try:
            changes = self._act(response)
        except DeviceError as e:  # a skill's bad command: refused whole, logged, and the conversation goes on
            changes, refused = [], str(e)
        total = (time.perf_counter() - start) * 1000
        result = turn_result(
            text,
            response,
            self.trace.take(),
            total_ms=total,
            device_changes=changes,
            announcements=self.take_announcements(),
            refused=refused,
        )
        if refused is not None:
            log.error("%s", result.skill_error)
        return result

    def _act(self, response: MiAiResponse) -> list[dict[str, Any]]:
        """What the speaker does besides speaking: device control goes to the Mi-Home hub (a command it cannot
        apply raises :class:`DeviceError`, and none of the action is applied)."""
        r = response.response
        if r.action is None:
            return []
        changes = self.hub.handle_action(r.action, r.action_property or {})
        if changes is None:
            return []
        names = {d.id: d.name for d in self.hub.devices()}
        return [{**c.to_dict(), "name": names.get(c.device, c.device)} for c in changes]

    # ------------------------------------------------------------------ announcements

    def announce(self, response: MiAiResponse) -> None:
        """The speaker's sink for proactive speech (a timer firing), called from the scheduler's thread."""
        text = response.response.to_speak.text if response.response.to_speak else ""
        session = getattr(self, "session", None)  # early announcements come before the session is made
        if session is not None:
            session.rang()
        with self._lock:
            listeners = list(self._listeners)
            if not listeners:  # kept for the next turn's result (chat --once, scripts); listeners have it at once
                self._announced.append(text)
        for listener in listeners:
            listener(text)

    def _proactive(self, activity: Activity) -> None:
        """A skill speaks unasked. Timers that fell due while nothing ran fire while the router is being built,
        before the bridge exists: those wait and go out once the speaker is connected."""
        with self._lock:
            if self._early is not None:
                self._early.append(activity)
                return
        self.bridge.push(activity)

    def _connected(self) -> None:
        with self._lock:
            early, self._early = self._early or [], None
        for activity in early:
            self.bridge.push(activity)

    def on_announcement(self, listener: Callable[[str], None]) -> None:
        """Call ``listener`` with every announcement from now on, and at once with any not yet taken (which then no
        turn's result repeats)."""
        with self._lock:
            self._listeners.append(listener)
            waiting, self._announced = self._announced, []
        for text in waiting:
            listener(text)

    def take_announcements(self) -> list[str]:
        with self._lock:
            taken, self._announced = self._announced, []
        return taken

    def advance(self, delta: timedelta) -> list[str]:
        """Move simulated time forward (a ManualClock only); returns what was announced meanwhile."""
        if not isinstance(self.clock, ManualClock):
            raise AssistantError("advance() needs a simulated clock (build the assistant with a ManualClock)")
        self.clock.advance(delta)
        return self.take_announcements()

    # ------------------------------------------------------------------ state

    def seed(self, **fixtures: Any) -> None:
        """Set up the world before a scripted conversation (see :func:`assistant.fixtures.seed_world`)."""
        seed_world(
            hub=self.hub,
            data_dir=self.settings.data_dir,
            now=self.clock.now(),
            timezone=self.settings.router.timezone,
            **fixtures,
        )

    def devices(self) -> list[dict[str, Any]]:
        return self.hub.report()

    def new_session(self) -> None:
        self.session.end()

    def close(self) -> None:
        self.router.close()
        self.hub.close()

    def __enter__(self) -> Assistant:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
