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
    """The wake phrase heard, ``push-to-talk``, ``none`` (input taken as already woken) or ``open_mic``."""
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
    extra: dict[str, Any] = field(default_factory=dict)
    """Fields merged in from outside the speaker (intent, slots, ...)."""

    @property
    def reply(self) -> str | None:
        speak = self.response.response.to_speak
        return speak.text if speak is not None else None

    def merged(self, *, ms: dict[str, float] | None = None, fields: dict[str, Any] | None = None) -> ListenTurn:
        """A copy with more stage timings and fields; the speaker's own timings win on a name clash."""
        return replace(self, ms={**(ms or {}), **self.ms}, extra={**self.extra, **(fields or {})})

    def to_json(self) -> dict[str, Any]:
        t = self.transcript
        own: dict[str, Any] = {
            "woke_by": self.woke_by,
            "end": self.end.value,
            "transcript": t.text if t else "",
            "stt": {"engine": t.engine, "mode": t.mode, "confidence": round(t.confidence, 3)} if t else None,
            "no_speech": t is None,
            "reply": self.reply,
            "open_mic": self.response.response.open_mic,
            "session_end": self.response.is_session_end,
            "reply_wav": self.reply_wav,
            "played": self.played,
            "barged_in": self.barged_in,
        }
        merged = {**self.extra, **own}
        merged.setdefault("intent", None)
        merged.setdefault("slots", {})
        merged["ms"] = {k: round(v, 3) for k, v in self.ms.items()}
        return merged
