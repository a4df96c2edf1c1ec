"""What one spoken turn did: what woke the speaker, what was heard, what came back, and per-stage milliseconds.

Designed to be extended from outside the speaker: whoever composes speaker, bridge and router merges the bridge's
view (intent, slots, NLU and skill timings) in with :meth:`ListenTurn.merged`, without the speaker knowing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from assistant.speaker.endpointing import EndReason
from assistant.speaker.stt import Transcript
from bridge.miai import MiAiResponse


@dataclass(frozen=True)
class ListenTurn:
    woke_by: str
    """Always a string: the wake phrase heard, ``push-to-talk``, ``none`` (no wake needed: ``--wake none``) or
    ``open_mic`` (the previous reply left the microphone open)."""
    end: EndReason
    transcript: Transcript | None
    """None when nobody spoke (the no-speech turn)."""
    response: MiAiResponse
    reply_wav: str | None = None
    """Where the spoken reply was rendered."""
    played: bool = False
    """Whether the reply reached a sound device (False on a machine without one)."""
    barged_in: bool = False
    """The wake word interrupted the reply."""
    ms: dict[str, float] = field(default_factory=dict)
    start_s: float | None = None
    """Where in the input the command's speech began (seconds from the input's start); for the no-speech turn,
    where listening began."""
    end_s: float | None = None
    """Where its speech ended (for the no-speech turn, where the wait for it ended)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Fields merged in from outside the speaker (intent, slots, ...)."""

    @property
    def heard(self) -> str:
        """The words heard, "" when nobody spoke."""
        return self.transcript.text if self.transcript is not None else ""

    @property
    def reply(self) -> str | None:
        speak = self.response.response.to_speak
        return speak.text if speak is not None else None

    def merged(self, *, ms: dict[str, float] | None = None, fields: dict[str, Any] | None = None) -> ListenTurn:
        """A copy with more stage timings and fields; the speaker's own timings win on a name clash."""
        return replace(self, ms={**(ms or {}), **self.ms}, extra={**self.extra, **(fields or {})})

    def to_json(self) -> dict[str, Any]:
        t = self.transcript
        stt = (
            {"engine": t.engine, "mode": t.mode, "confidence": round(t.confidence, 3), "clear": t.clear} if t else None
        )
        own: dict[str, Any] = {
            "query": self.heard,
            "speech": self.reply,
            "woke_by": self.woke_by,
            "start_s": _seconds(self.start_s),
            "end_s": _seconds(self.end_s),
            "end": self.end.value,
            "transcript": self.heard,
            "stt": stt,
            "no_speech": t is None,
            "reply": self.reply,
            "open_mic": self.response.response.open_mic,
            "session_end": self.response.is_session_end,
            "reply_wav": self.reply_wav,
            "played": self.played,
            "barged_in": self.barged_in,
        }
        merged = {**own, **{k: v for k, v in self.extra.items() if k not in own}}
        merged.setdefault("intent", None)
        merged.setdefault("slots", {})
        merged.setdefault("not_understood", self.response.response.not_understand)
        merged["ms"] = {k: round(v, 3) for k, v in self.ms.items()}
        return merged


def _seconds(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None
