"""When an utterance starts and ends: voice activity per 30 ms frame, and a small state machine over it.

The state machine is pure (booleans in, decisions out) so its timing rules are tested without audio; the voice
activity detector is PocketSphinx's WebRTC-style VAD, which ships with the wheel and needs no model.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from assistant.config.speaker import SpeakerSettings
from assistant.speaker.audio import FRAME_BYTES, FRAME_MS, RATE


class EndReason(str, Enum):
    SILENCE = "silence"  # trailing silence after speech: the normal end
    MAX_LENGTH = "max_length"  # the speaker talked past max_utterance_s
    NO_SPEECH = "no_speech"  # nobody spoke before no_speech_timeout_s: the Mi-AI no_response case


@dataclass(frozen=True)
class EndpointRules:
    end_silence_ms: int
    max_utterance_ms: int
    no_speech_timeout_ms: int
    start_ms: int = 150
    """Speech must last this long to count as started (a click does not)."""
    min_speech_ms: int = 300
    """Shorter bursts followed by silence are noise (a cough, a door): keep waiting for the command."""

    @classmethod
    def from_settings(cls, speaker: SpeakerSettings) -> EndpointRules:
        return cls(
            end_silence_ms=speaker.end_silence_ms,
            max_utterance_ms=int(speaker.max_utterance_s * 1000),
            no_speech_timeout_ms=int(speaker.no_speech_timeout_s * 1000),
        )


@dataclass(frozen=True)
class Endpoint:
    reason: EndReason
    speech_start_ms: int | None
    """When speech began, from the start of listening; None when nobody spoke."""
    speech_end_ms: int
    """When the last speech frame ended (for NO_SPEECH: when the timeout hit)."""
    decided_ms: int
    """When the endpointer decided: speech end plus the trailing silence it waited for."""


class Endpointer:
    """Feed one is-speech flag per 30 ms frame; ``feed`` returns an Endpoint once the utterance is over."""

    def __init__(self, rules: EndpointRules) -> None:
        self.rules = rules
        self._elapsed = 0
        self._run = 0  # consecutive speech frames while not yet started
        self._start: int | None = None
        self._last_speech_end = 0
        self.done: Endpoint | None = None

    @property
    def in_speech(self) -> bool:
        return self._start is not None

    def feed(self, is_speech: bool) -> Endpoint | None:
        if self.done is not None:
            return self.done
        self._elapsed += FRAME_MS
        now, rules = self._elapsed, self.rules
        if self._start is None:
            self._run = self._run + FRAME_MS if is_speech else 0
            if self._run >= rules.start_ms:
                self._start = now - self._run
                self._last_speech_end = now
            elif now >= rules.no_speech_timeout_ms:
                return self._finish(EndReason.NO_SPEECH, None, now)
            return None
        if is_speech:
            self._last_speech_end = now
        if now - self._start >= rules.max_utterance_ms:
            return self._finish(EndReason.MAX_LENGTH, self._start, self._last_speech_end)
        if now - self._last_speech_end >= rules.end_silence_ms:
            if self._last_speech_end - self._start < rules.min_speech_ms:
                self._start, self._run = None, 0
                return None
            return self._finish(EndReason.SILENCE, self._start, self._last_speech_end)
        return None

    def end_of_input(self) -> Endpoint:
        """The input ended before an endpoint: speech so far counts as the utterance, silence as no speech."""
        if self.done is not None:
            return self.done
        if self._start is not None:
            return self._finish(EndReason.SILENCE, self._start, self._last_speech_end)
        return self._finish(EndReason.NO_SPEECH, None, self._elapsed)

    def _finish(self, reason: EndReason, start: int | None, end: int) -> Endpoint:
        self.done = Endpoint(reason, start, end, self._elapsed)
        return self.done


class VoiceActivity:
    """Speech or not, per 30 ms frame of 16 kHz PCM; ``aggressiveness`` 0 (loose) to 3 (strict)."""

    def __init__(self, aggressiveness: int = 3) -> None:
        from pocketsphinx import Vad

        self._vad = Vad(aggressiveness, RATE, FRAME_MS / 1000)
        if self._vad.frame_bytes != FRAME_BYTES:
            raise RuntimeError(f"VAD frame is {self._vad.frame_bytes} bytes, expected {FRAME_BYTES}")

    def is_speech(self, frame: bytes) -> bool:
        return bool(self._vad.is_speech(frame))
