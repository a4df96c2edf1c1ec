"""What a step actually produced, in one neutral shape the expectations compare against.

A turn's :class:`assistant.turn.TurnResult` and an ``advance`` step's spoken announcements both become an
:class:`Observed`, together with the Mi-Home hub's device list read right after the step, so checking is a pure
function of (expectation, observed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.router.nlu.types import OUT_OF_SCOPE

if TYPE_CHECKING:
    from assistant.turn import TurnResult


@dataclass(frozen=True)
class Observed:
    """One step's outcome. For ``advance`` steps only ``announcements`` and ``devices`` are filled."""

    query: str | None = None
    intent: str | None = None
    """The intent the router reported (None: the router handled the words itself, e.g. "cancel")."""
    confidence: float | None = None
    slots: Mapping[str, Any] = field(default_factory=dict)
    skill: str | None = None
    reply: str | None = None
    speech: str | None = None
    open_mic: bool = False
    session_end: bool = False
    not_understood: bool = False
    skill_error: str | None = None
    """What went wrong with the skill (it raised, or sent what the bridge or the speaker refused)."""
    directives: tuple[Mapping[str, Any], ...] = ()
    action: Mapping[str, Any] | None = None
    announcements: tuple[str, ...] = ()
    devices: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Device id -> the hub's record of it (id, kind, room, name, state)."""
    raw: Mapping[str, Any] = field(default_factory=dict)
    """The full machine-readable turn (TurnResult.to_json()) for the JSON report."""

    @property
    def effective_intent(self) -> str | None:
        """What the assistant acted on: ``oos`` when it said it did not understand, whatever the NLU guessed."""
        return OUT_OF_SCOPE if self.not_understood else (self.intent or None)

    def intent_shown(self) -> str:
        """The effective intent with what the NLU said, for a diff line."""
        effective = self.effective_intent
        said = f"{self.intent} {self.confidence:.2f}" if self.intent and self.confidence is not None else self.intent
        if effective == OUT_OF_SCOPE and self.intent and self.intent != OUT_OF_SCOPE:
            return f"{OUT_OF_SCOPE} (not understood; the NLU said {said})"
        if effective is None:
            return "none (the router answered by itself)"
        return f"{effective} ({self.confidence:.2f})" if self.confidence is not None else effective


def devices_by_id(devices: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {str(d.get("id")): d for d in devices}


def observed_turn(result: TurnResult, devices: Sequence[Mapping[str, Any]]) -> Observed:
    """A turn's result plus the devices as the hub reports them after it."""
    return Observed(
        query=result.query,
        intent=result.intent or None,
        confidence=result.confidence,
        slots=dict(result.slots),
        skill=result.skill or None,
        reply=result.reply_text,
        speech=result.speech,
        open_mic=result.open_mic,
        session_end=result.session_end,
        not_understood=result.not_understood,
        skill_error=result.skill_error,
        directives=tuple(result.directives),
        action=result.action,
        announcements=tuple(result.announcements),
        devices=devices_by_id(devices),
        raw=result.to_json(),
    )


def observed_advance(spoken: Sequence[str], devices: Sequence[Mapping[str, Any]]) -> Observed:
    """Simulated time passed: what was announced meanwhile, and the devices afterwards."""
    return Observed(announcements=tuple(spoken), devices=devices_by_id(devices), raw={"announcements": list(spoken)})
