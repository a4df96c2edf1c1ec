"""Calling one skill for one intent: the Activity it receives, timing, and turning its failures into apologies.

A skill that raises, times out or answers nonsense must not take the router down with it: the error is logged
with the skill's name and file, and the user hears an apology while every other skill keeps working.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError, to_jsonable_python

from assistant.errors import AssistantError
from assistant.router.skills.registry import Skill
from bridge.cortana import Activity

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SkillAnswer:
    """A skill's reply, or None with the failure logged; ``ms`` is how long the skill took."""

    reply: Activity | None
    ms: float
    error: str | None = None
    """Why there is no reply, in one line naming the skill (reported with the turn: ``channelData.nlu``)."""

    @property
    def channel_data(self) -> Mapping[str, Any]:
        return (self.reply.channel_data or {}) if self.reply else {}

    @property
    def expecting(self) -> str | None:
        value = self.channel_data.get("expecting")
        expecting_input = self.reply is not None and self.reply.input_hint == "expectingInput"
        return value if isinstance(value, str) and value and expecting_input else None

    @property
    def skill_state(self) -> Mapping[str, Any]:
        value = self.channel_data.get("state")
        return value if isinstance(value, dict) else {}

    def answered_as(self, skill: Skill, sent: str) -> str:
        """The intent the skill answered as: another of its own when it handed the turn on (its reply's
        semanticAction names it: "remind me to buy flowers" that an engine took for the reminders question), else
        the one it was sent."""
        action = self.reply.semantic_action if self.reply else None
        own = {i.name for i in skill.manifest.intents}
        return action.id if action is not None and action.id in own else sent

    def resolved_slots(self, sent: Mapping[str, Any]) -> dict[str, Any]:
        """The slots as the skill resolved them (its semanticAction entities) over what it was sent."""
        action = self.reply.semantic_action if self.reply else None
        return {**sent, **(action.entities if action else {})}


def skill_activity(
    incoming: Activity,
    intent: str,
    slots: Mapping[str, Any],
    skill_state: Mapping[str, Any],
    confirmed: bool,
    corrects: Mapping[str, Any] | None = None,
) -> Activity:
    """The Activity a skill receives: the user's turn with the intent, slots and the skill's own state (and, for a
    correction, the slots of the request it corrects)."""
    data = incoming.to_dict()
    channel = incoming.channel_data or {}
    forwarded: dict[str, Any] = {"state": dict(skill_state), "confirmed": confirmed}
    if corrects is not None:
        forwarded["corrects"] = dict(corrects)
    for key in ("devices", "deviceId"):
        if key in channel:
            forwarded[key] = channel[key]
    if incoming.type == "event":  # something that happened on the speaker (speaker_events)
        forwarded["event"] = {"name": incoming.name, "value": incoming.value}
    data["type"] = "message"
    data["semanticAction"] = {"id": intent, "state": "done" if confirmed else "start", "entities": dict(slots)}
    data["channelData"] = forwarded
    data.pop("name", None)
    data.pop("value", None)
    return Activity.from_dict(data)


def call_skill(skill: Skill, activity: Activity) -> SkillAnswer:
    """Run the skill's handler; an exception, a reply that is not an Activity, or one whose channelData JSON cannot
    carry is logged in one line (the traceback at debug level) and yields no reply, with the reason."""
    where = f"skill {skill.name!r} ({skill.manifest.folder / skill.manifest.handler.target})"
    if skill.manifest.handler.kind == "http":
        where = f"skill {skill.name!r} ({skill.manifest.handler.target}, declared in {skill.manifest.path})"
    started = time.perf_counter()
    intent = activity.semantic_action.id if activity.semantic_action else "?"
    try:
        reply = skill.handler.handle(activity)
    except Exception as e:  # a known cause (AssistantError) has its own one-line message; a bug shows where it is
        if isinstance(e, AssistantError) and str(e).startswith(f"skill {skill.name!r}"):  # a remote skill's own
            return _failed(f"{e} (intent {intent})", started, exc_info=e)
        cause = str(e) if isinstance(e, AssistantError) else f"{type(e).__name__}: {e}{_raised_at(e, skill)}"
        return _failed(f"{where} failed on intent {intent}: {cause}", started, exc_info=e)
    if not isinstance(reply, Activity):
        return _failed(f"{where} returned {type(reply).__name__} for intent {intent}, not an Activity", started)
    problem = unjsonable(reply.channel_data or {}, "channelData")
    if problem is not None:
        return _failed(f"{where} replied to intent {intent} with {problem}", started)
    return SkillAnswer(reply, (time.perf_counter() - started) * 1000)


def _failed(error: str, started: float, exc_info: BaseException | None = None) -> SkillAnswer:
    log.error("%s", error)
    if exc_info is not None and not isinstance(exc_info, AssistantError):
        log.debug("the traceback", exc_info=exc_info)
    return SkillAnswer(None, (time.perf_counter() - started) * 1000, error)


def _raised_at(error: BaseException, skill: Skill) -> str:
    """ " (skills/coffee/handler.py:3)": the last line of the skill's own files the error passed through."""
    folder = skill.manifest.folder.resolve()
    frames = [f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).resolve().is_relative_to(folder)]
    return f" ({frames[-1].filename}:{frames[-1].lineno})" if frames else ""


def unjsonable(value: Any, path: str) -> str | None:
    """ "channelData['state']['machine'], an object JSON cannot hold (...)": the first value under ``value`` the
    bridge's JSON cannot carry, or None when all of it can."""
    try:
        to_jsonable_python(value)
        return None
    except (PydanticSerializationError, ValueError, TypeError):
        pass
    parts = value.items() if isinstance(value, Mapping) else enumerate(value) if isinstance(value, list | tuple) else ()
    for key, item in parts:
        found = unjsonable(item, f"{path}[{key!r}]")
        if found is not None:
            return found
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    return f"{path}, {article} {kind} JSON cannot hold: keep text, numbers, true/false, null, lists and objects there"
