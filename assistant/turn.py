"""What one turn did, seen from outside: the reply, what the NLU understood, what the speaker does, and timings.

Assembled from the Mi-AI response the speaker got and the bridge's trace of the turn (the router's reply Activity
carries ``semanticAction`` and ``channelData.nlu``), so it reports what really crossed the bridge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bridge import trace as hops
from bridge.miai import MiAiResponse
from bridge.trace import TraceRecord


@dataclass(frozen=True)
class TurnResult:
    query: str
    reply_text: str | None
    speech: str | None
    intent: str | None
    confidence: float | None
    slots: dict[str, Any]
    skill: str | None
    engine: str | None
    open_mic: bool
    session_end: bool
    not_understood: bool
    directives: list[dict[str, Any]]
    action: dict[str, Any] | None
    device_changes: list[dict[str, Any]] = field(default_factory=list)
    announcements: list[str] = field(default_factory=list)
    skill_error: str | None = None
    """What went wrong with the skill this turn, in one line: it raised or answered what the bridge cannot carry
    (the user heard an apology), or it sent an action the speaker refused (nothing was changed)."""
    ms: dict[str, float] = field(default_factory=dict)
    trace: list[TraceRecord] = field(default_factory=list, repr=False)
    response: MiAiResponse | None = field(default=None, repr=False)
    """The Mi-AI response the speaker acted on."""

    def to_json(self) -> dict[str, Any]:
        """The machine-readable form ``assistant chat --once ... --json`` prints."""
        return {
            "query": self.query,
            "reply": self.reply_text,
            "speech": self.speech,
            "intent": self.intent,
            "confidence": self.confidence,
            "slots": self.slots,
            "skill": self.skill,
            "engine": self.engine,
            "open_mic": self.open_mic,
            "session_end": self.session_end,
            "not_understood": self.not_understood,
            "directives": self.directives,
            "action": self.action,
            "device_changes": self.device_changes,
            "announcements": self.announcements,
            "skill_error": self.skill_error,
            "ms": {k: round(v, 3) for k, v in self.ms.items()},
        }


def turn_result(
    query: str,
    response: MiAiResponse,
    trace: list[TraceRecord],
    *,
    total_ms: float,
    extra_ms: dict[str, float] | None = None,
    device_changes: list[dict[str, Any]] | None = None,
    announcements: list[str] | None = None,
    refused: str | None = None,
) -> TurnResult:
    """``refused``: why the speaker refused the reply's action, when it did."""
    reply = _router_reply(trace)
    nlu: dict[str, Any] = dict((reply.get("channelData") or {}).get("nlu") or {}) if reply else {}
    action_data = (reply.get("channelData") or {}) if reply else {}
    semantic = (reply.get("semanticAction") or {}) if reply else {}
    r = response.response
    ms = _stage_ms(trace, nlu, total_ms)
    ms.update(extra_ms or {})
    return TurnResult(
        query=query,
        reply_text=r.to_display.text if r.to_display else None,
        speech=r.to_speak.text if r.to_speak else None,
        intent=nlu.get("intent") or semantic.get("id"),
        confidence=nlu.get("confidence"),
        slots=dict(nlu.get("slots") or semantic.get("entities") or {}),
        skill=nlu.get("skill") or None,
        engine=nlu.get("engine") or None,
        open_mic=r.open_mic,
        session_end=response.is_session_end,
        not_understood=r.not_understand or bool(action_data.get("notUnderstood")),
        directives=[d.to_dict() for d in r.directives or ()],
        action={"name": r.action, "properties": r.action_property or {}} if r.action else None,
        device_changes=list(device_changes or ()),
        announcements=list(announcements or ()),
        skill_error=nlu.get("skillError") or _refusal(refused, nlu.get("skill")),
        ms=ms,
        trace=trace,
        response=response,
    )


def _refusal(refused: str | None, skill: object) -> str | None:
    if refused is None:
        return None
    who = f"skill {skill!r}" if isinstance(skill, str) and skill else "the router"
    return f"{who} sent an action the speaker refused, so nothing was changed: {refused}"


def _router_reply(trace: list[TraceRecord]) -> dict[str, Any] | None:
    for record in reversed(trace):
        if record.hop == hops.TRANSLATE_RESPONSE and record.message_in is not None:
            return record.message_in
    return None


def _stage_ms(trace: list[TraceRecord], nlu: dict[str, Any], total_ms: float) -> dict[str, float]:
    by_hop: dict[str, float] = {}
    for record in trace:
        by_hop[record.hop] = by_hop.get(record.hop, 0.0) + record.ms
    router_ms = by_hop.get(hops.BRIDGE_TO_ROUTER, 0.0)
    inner = {str(k): float(v) for k, v in (nlu.get("ms") or {}).items()}
    ms = {
        "bridge": by_hop.get(hops.TRANSLATE_REQUEST, 0.0) + by_hop.get(hops.TRANSLATE_RESPONSE, 0.0),
        "router": router_ms,
        "wire": max(
            0.0,
            by_hop.get(hops.SPEAKER_TO_BRIDGE, 0.0)
            - by_hop.get(hops.TRANSLATE_REQUEST, 0.0)
            - by_hop.get(hops.TRANSLATE_RESPONSE, 0.0)
            - router_ms,
        ),
        "total": total_ms,
    }
    ms.update(inner)
    return ms
