"""Test support for the devices skill: the skill and the real simulated hub, wired as the speaker wires them."""

from __future__ import annotations

from typing import Any

from services_skill_harness import SkillHarness, action_of

from assistant.speaker.mihome.hub import MiHomeHub


class Home:
    """The skill and the hub, wired as the speaker would: each turn carries the hub's report."""

    def __init__(self, skill: SkillHarness, hub: MiHomeHub) -> None:
        self.skill, self.hub = skill, hub

    def turn(self, intent: str, slots: dict[str, Any] | None = None, **extra: Any) -> str:
        reply = self.skill.turn(intent, slots, devices=self.hub.report(), **extra)
        action = action_of(reply)
        if action is not None:
            assert action["name"] == "mihome.control"
            self.hub.handle_action(action["name"], action["properties"])
        return reply.text or ""

    def state(self, device_id: str) -> dict[str, Any]:
        device = self.hub.device(device_id)
        assert device is not None
        return dict(device.state)
