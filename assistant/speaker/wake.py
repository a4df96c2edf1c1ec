"""Waking the speaker: a spoken wake phrase, or push-to-talk (Enter).

Wake phrases are spotted by the recognizer in keyword mode: the voice-activity detector cuts the idle stream into
short speech segments, and the engine's ``spot`` runs its keyword search on each, then verifies a keyword hit by
decoding the segment against the wake phrases competing with the assistant's own sentences and a few common words.
Only a whole wake phrase that wins both stages wakes the speaker; everything else ("turn on the lamp" said without
waking) is ignored. Decoding only segments that contain speech keeps the idle CPU near zero.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from dataclasses import dataclass
from typing import Final, TextIO

from assistant.speaker.audio import FRAME_BYTES, FRAME_MS, RATE, SAMPLE_BYTES
from assistant.speaker.endpointing import VoiceActivity
from assistant.speaker.stt import SttEngine, WakeHit

log = logging.getLogger(__name__)

PREROLL_MS: Final = 300  # audio kept from before speech started, so the first phoneme is not clipped
GAP_MS: Final = 300  # a pause this long ends a wake segment
MAX_SEGMENT_MS: Final = 3000  # a wake phrase is short; longer speech is checked in 3 s slices


@dataclass(frozen=True)
class Wake:
    how: str
    """The wake phrase heard, or ``push-to-talk``."""
    confidence: float
    spotted_ms: float
    """Stream time when the wake was decided."""
    carry: bytes = b""
    """Speech after the wake phrase in the same breath: the start of the command."""


class WakeSpotter:
    """Feed idle frames; ``feed`` returns a Wake when a segment starts with a wake phrase."""

    def __init__(self, engine: SttEngine, vad: VoiceActivity) -> None:
        self._engine = engine
        self._vad = vad
        self._preroll: deque[bytes] = deque(maxlen=PREROLL_MS // FRAME_MS)
        self._segment: list[bytes] = []
        self._silence = 0
        self._elapsed = 0
        self.segments_checked = 0

    def reset(self) -> None:
        self._preroll.clear()
        self._segment = []
        self._silence = 0

    def feed(self, frame: bytes) -> Wake | None:
        self._elapsed += FRAME_MS
        speech = self._vad.is_speech(frame)
        if not self._segment:
            if speech:
                self._segment = [*self._preroll, frame]
                self._silence = 0
            else:
                self._preroll.append(frame)
            return None
        self._segment.append(frame)
        self._silence = 0 if speech else self._silence + FRAME_MS
        length = len(self._segment) * FRAME_MS
        if self._silence < GAP_MS and length < MAX_SEGMENT_MS:
            return None
        segment = b"".join(self._segment)
        self.reset()
        return self._check(segment)

    def finish(self) -> Wake | None:
        """The input ended: check what is left of a segment."""
        if not self._segment:
            return None
        segment = b"".join(self._segment)
        self.reset()
        return self._check(segment)

    def _check(self, segment: bytes) -> Wake | None:
        self.segments_checked += 1
        hit: WakeHit | None = self._engine.spot(segment)
        if hit is None:
            return None
        cut = int(hit.end_ms * RATE / 1000) * SAMPLE_BYTES
        carry = segment[cut:]
        carry = carry[: len(carry) - len(carry) % FRAME_BYTES]
        log.info("wake phrase %r (%.2f) at %d ms", hit.phrase, hit.confidence, self._elapsed)
        return Wake(hit.phrase, hit.confidence, float(self._elapsed), carry)


class PushToTalk:
    """Enter on a terminal wakes the speaker, as the button on top of a real one does."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._pressed = threading.Event()
        self._stream = stream or sys.stdin
        self._thread = threading.Thread(target=self._read, name="push-to-talk", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for _ in self._stream:
            self._pressed.set()

    def pressed(self) -> bool:
        """True once per press."""
        if self._pressed.is_set():
            self._pressed.clear()
            return True
        return False
