"""What a skill reads from the Activity the router hands it: the intent, the slots, its own state, the devices.

The router fills ``semanticAction`` (intent and normalised slots) before calling a skill, so a skill never parses
language itself. ``channelData`` carries the skill's own state from its last reply (``state``), the hub's device
list (``devices``), ``confirmed`` once the user said yes to the skill's confirmation, and ``corrects`` when the
user corrected the last request ("no, I meant the office"): the slots it had.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bridge.cortana import Activity

#: Set by the router on a player's state saved before it started (``state_outlives_session``): the speaker has no
#: stream any more, so resuming must send it again.
STOPPED = "stopped"


@dataclass(frozen=True)
class Turn:
    """A read-only view of one incoming Activity, as a skill needs it."""

    activity: Activity
    intent: str
    slots: Mapping[str, Any]
    state: Mapping[str, Any]
    """The skill's own state, exactly as its previous reply in this session left it ({} at first)."""
    devices: tuple[Mapping[str, Any], ...]
    device_id: str | None
    confirmed: bool
    """True when the user just answered yes to this intent's confirmation question."""
    text: str
    locale: str
    corrects: Mapping[str, Any] | None = None
    """For a correction ("no, I meant the office"), the slots of the request it corrects: replace what that did."""
    event: Mapping[str, Any] | None = None
    """For a speaker event the skill listens to (``events:`` in skill.yml), ``{"name": ..., "value": ...}``: the
    intent runs because of what happened, not of what was said."""

    @classmethod
    def of(cls, activity: Activity) -> Turn:
        data = activity.channel_data or {}
        action = activity.semantic_action
        state = data.get("state")
        devices = data.get("devices")
        device_id = data.get("deviceId")
        return cls(
            activity=activity,
            intent=action.id if action else "",
            slots=dict(action.entities) if action else {},
            state=dict(state) if isinstance(state, dict) else {},
            devices=tuple(d for d in devices if isinstance(d, dict)) if isinstance(devices, list) else (),
            device_id=device_id if isinstance(device_id, str) else None,
            confirmed=data.get("confirmed") is True,
            text=activity.text or "",
            locale=activity.locale or "en-US",
            corrects=dict(corrects) if isinstance(corrects := data.get("corrects"), dict) else None,
            event=dict(event) if isinstance(event := data.get("event"), dict) else None,
        )

    def slot(self, name: str, default: Any = None) -> Any:
        """A slot's normalised value, or ``default`` when the user did not give it."""
        value = self.slots.get(name)
        return default if value is None or value == "" else value

    def has(self, name: str) -> bool:
        return self.slot(name) is not None

    def said(self, name: str) -> bool:
        """Whether this turn's words say the slot's value (its words, as a normalised value keeps them in
        ``"value"``), not only the context the router carried over from the last turn ("on monday")."""
        value = self.slot(name)
        words = value.get("value") if isinstance(value, Mapping) else value
        return isinstance(words, str) and bool(words) and words.lower() in self.text.lower()
