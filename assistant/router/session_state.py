"""The router's per-session state, carried by the channel in ``channelData.state`` (the router keeps none).

Like a Bot Framework skill whose state lives with the channel, the router reads this at the start of a turn and
returns the new version with its reply. It is small JSON: the last handled intent and slots (for follow-ups),
a pending question (a slot prompt or a confirmation), the skill opened by name, each skill's own state, and the
time of the last turn, from which the session timeout is computed. State from the wire is untrusted: anything
malformed is dropped (logged) and the session starts afresh rather than failing the turn.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)

VERSION = 1


@dataclass(frozen=True)
class Context:
    """The last intent the router handled in this session, with its resolved slots."""

    skill: str
    intent: str
    slots: Mapping[str, Any]
    text: str = ""
    """The words of the request, for "another one" (the same request once more)."""


@dataclass(frozen=True)
class Pending:
    """A question the assistant asked and is waiting for: a slot's value or "confirm" (yes/no)."""

    skill: str
    intent: str
    slots: Mapping[str, Any]
    awaiting: str
    prompt: str
    tries: int = 0


@dataclass(frozen=True)
class SessionState:
    at: float | None = None
    """Epoch seconds of the last turn (None: a new session)."""
    context: Context | None = None
    pending: Pending | None = None
    open_skill: str | None = None
    """The skill opened by name ("open weather"): its intents win close calls."""
    skills: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Each skill's own state, as its last reply left it."""
    said: str | None = None
    """The text of the last reply, for "repeat that"."""
    heard: str | None = None
    """The words of the user's last request, for "what did I just ask"."""

    def skill_state(self, name: str) -> Mapping[str, Any]:
        return self.skills.get(name, {})

    def with_skill_state(self, name: str, value: Mapping[str, Any]) -> SessionState:
        skills = dict(self.skills)
        if value:
            skills[name] = dict(value)
        else:
            skills.pop(name, None)
        return replace(self, skills=skills)

    def to_json(self, now: datetime) -> dict[str, Any]:
        data: dict[str, Any] = {"v": VERSION, "at": round(now.timestamp(), 3)}
        if self.context:
            c = self.context
            data["ctx"] = {"skill": c.skill, "intent": c.intent, "slots": dict(c.slots), "text": c.text}
        if self.pending:
            p = self.pending
            data["pending"] = {
                "skill": p.skill,
                "intent": p.intent,
                "slots": dict(p.slots),
                "awaiting": p.awaiting,
                "prompt": p.prompt,
                "tries": p.tries,
            }
        if self.open_skill:
            data["open"] = self.open_skill
        if self.skills:
            data["skills"] = {k: dict(v) for k, v in self.skills.items()}
        if self.said:
            data["said"] = self.said
        if self.heard:
            data["heard"] = self.heard
        return data


def load_state(raw: object, now: datetime, timeout_s: float) -> tuple[SessionState, bool]:
    """The session state from the wire and whether it was dropped because the session timed out."""
    if not isinstance(raw, dict) or not raw:
        return SessionState(), False
    try:
        state = _parse(raw)
    except (KeyError, TypeError, ValueError) as e:
        log.warning("dropping malformed session state (%s: %s); starting afresh", type(e).__name__, e)
        return SessionState(), False
    if state.at is not None and now.timestamp() - state.at > timeout_s:
        log.info("session idle %.0f s > %.0f s: starting afresh", now.timestamp() - state.at, timeout_s)
        return SessionState(), True
    return state, False


def _parse(raw: dict[str, Any]) -> SessionState:
    if raw.get("v") != VERSION:
        raise ValueError(f"version {raw.get('v')!r}")
    at = raw.get("at")
    if at is not None and not isinstance(at, int | float):
        raise TypeError("at must be a number")
    context = None
    if "ctx" in raw:
        c = raw["ctx"]
        context = Context(_str(c["skill"]), _str(c["intent"]), _map(c["slots"]), _str(c.get("text", "")))
    pending = None
    if "pending" in raw:
        p = raw["pending"]
        tries = p.get("tries", 0)
        if not isinstance(tries, int):
            raise TypeError("tries must be an integer")
        pending = Pending(
            _str(p["skill"]), _str(p["intent"]), _map(p["slots"]), _str(p["awaiting"]), _str(p["prompt"]), tries
        )
    open_skill = raw.get("open")
    said = raw.get("said")
    heard = raw.get("heard")
    skills = raw.get("skills", {})
    if not isinstance(skills, dict) or not all(isinstance(v, dict) for v in skills.values()):
        raise TypeError("skills must map names to objects")
    return SessionState(
        at=float(at) if at is not None else None,
        context=context,
        pending=pending,
        open_skill=_str(open_skill) if open_skill is not None else None,
        skills=skills,
        said=_str(said) if said is not None else None,
        heard=_str(heard) if heard is not None else None,
    )


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _map(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return dict(value)
