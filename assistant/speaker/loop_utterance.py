"""One command being heard by the listen loop (:mod:`assistant.speaker.loop`): endpointing plus the recognizer."""

from __future__ import annotations

import dataclasses
from collections import deque
from typing import TYPE_CHECKING

from assistant.speaker.endpointing import Endpoint, Endpointer, EndReason
from assistant.speaker.stt import Recognition, Transcript
from assistant.speaker.wake import Wake

if TYPE_CHECKING:
    from assistant.speaker.loop import ListenLoop


PREROLL_FRAMES = 10  # 300 ms before speech start go to the recognizer too
NEVER_MS = 1 << 62
"""The no-speech timeout of a speaker that stays awake (``--wake none`` without ``--once``): silence is no turn."""


class _Utterance:
    """One command being heard: endpointing plus the recognizer, fed only once speech has begun."""

    def __init__(self, loop: ListenLoop, wake: Wake, *, origin_ms: int, patient: bool) -> None:
        self.loop = loop
        self.wake = wake
        self.origin_ms = origin_ms
        """Where in the input this utterance's first frame is."""
        self.patient = patient
        rules = dataclasses.replace(loop.rules, no_speech_timeout_ms=NEVER_MS) if patient else loop.rules
        self.endpointer = Endpointer(rules)
        self.preroll: deque[bytes] = deque(maxlen=PREROLL_FRAMES)
        self.recognition: Recognition | None = None

    def feed(self, frame: bytes) -> Endpoint | None:
        endpoint = self.endpointer.feed(self.loop.vad.is_speech(frame))
        if self.recognition is None:
            self.preroll.append(frame)
            if self.endpointer.in_speech:
                if self.patient:
                    self.loop.media.hold()
                self.recognition = self.loop.engine.start()
                for early in self.preroll:
                    self._accept(early)
        else:
            self._accept(frame)
        return endpoint

    def _accept(self, frame: bytes) -> None:
        assert self.recognition is not None
        partial = self.recognition.accept(frame)
        if partial:
            self.loop.observer.partial(partial)

    @property
    def waiting(self) -> bool:
        """A patient utterance nobody has begun yet: the speaker is awake, but no command is coming."""
        return self.patient and self.recognition is None

    def end_of_input(self) -> Endpoint:
        """The input ended mid-utterance: what was said so far counts, silence counts as no speech."""
        return self.endpointer.end_of_input()

    def transcript(self, endpoint: Endpoint) -> Transcript | None:
        if endpoint.reason is EndReason.NO_SPEECH or self.recognition is None:
            return None
        return self.recognition.finish()
