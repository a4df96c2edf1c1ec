"""Test support: call a built-in skill's handler as the router does: its manifest, a SkillContext, an Activity."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.router.services.clock import ManualClock
from assistant.router.skill_call import skill_activity
from assistant.router.skills.handler import SkillContext
from assistant.router.skills.loading import create_handler
from assistant.router.skills.manifest import load_manifest
from assistant.router.skills.registry import BUILTIN_DIR
from bridge.cortana import Activity, ChannelAccount, ConversationAccount


class SkillHarness:
    """One skill, a manual clock, the announcements it made, and the state its last reply left."""

    def __init__(self, name: str, data_dir: Path, clock: ManualClock) -> None:
        self.clock = clock
        self.announced: list[str] = []
        self.data_dir = data_dir
        manifest = load_manifest(BUILTIN_DIR / name / "skill.yml")
        settings = Settings(data_dir=data_dir)
        context = SkillContext(manifest, settings, clock, (manifest,), self._announce)
        self.handler = create_handler(context)
        self.manifest = manifest
        self.state: Mapping[str, Any] = {}

    def _announce(self, activity: Activity) -> None:
        self.announced.append(activity.text or "")

    def turn(
        self,
        intent: str,
        slots: Mapping[str, Any] | None = None,
        *,
        text: str = "",
        devices: list[dict[str, Any]] | None = None,
        confirmed: bool = False,
        corrects: Mapping[str, Any] | None = None,
    ) -> Activity:
        """Send one turn with ``intent``; the skill's state carries over from its previous reply. ``corrects``: the
        turn corrects the last request, which had these slots ("no, I meant 10 minutes")."""
        assert intent in {i.name for i in self.manifest.intents}, f"{intent} is not in the manifest"
        channel: dict[str, Any] = {} if devices is None else {"devices": devices}
        incoming = Activity(
            type="message",
            id="turn-1",
            from_=ChannelAccount(id="user", role="user"),
            recipient=ChannelAccount(id="router", role="bot"),
            conversation=ConversationAccount(id="session"),
            locale="en-US",
            text=text or intent,
            channel_data=channel,
        )
        reply = self.handler.handle(
            skill_activity(incoming, intent, dict(slots or {}), self.state, confirmed, corrects)
        )
        self.state = (reply.channel_data or {}).get("state") or {}
        return reply

    def close(self) -> None:
        close = getattr(self.handler, "close", None)
        if callable(close):
            close()


def expecting(reply: Activity) -> str | None:
    """What the reply waits for: a slot name, "confirm", or None."""
    if reply.input_hint != "expectingInput":
        return None
    value = (reply.channel_data or {}).get("expecting")
    return value if isinstance(value, str) else None


def action_of(reply: Activity) -> dict[str, Any] | None:
    value = (reply.channel_data or {}).get("action")
    return value if isinstance(value, dict) else None
