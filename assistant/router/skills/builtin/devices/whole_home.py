"""Whole-home requests: "turn off everything", "turn off all the lights": confirmed first, since they reach devices
in every room (the answer says how many are on, so a "yes" knows what it agrees to)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.changes import switched_off
from assistant.router.skills.replies import confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: The skill's way to answer with commands: (turn, commands, text, the devices acted on) -> the reply.
Act = Callable[[Turn, Sequence[dict[str, Any]], str, t.Targets], Activity]


def all_off(turn: Turn, act: Act) -> Activity:
    kind = t.kind_of(turn.slot("device")) if turn.has("device") else None
    devices = tuple(d for d in turn.devices if t.is_on(d) and (kind is None or d.get("kind") == kind))
    if not devices:
        return say(
            turn, "Everything is already off." if kind is None else f"All the {t.LABELS[kind]}s are already off."
        )
    one = t.names(devices) if len(devices) == 1 else None
    if not turn.confirmed:
        what = "every device in the home" if kind is None else one or f"all {len(devices)} {t.LABELS[kind]}s"
        if one is None:
            count = f"That's {len(devices)} on right now."
        else:
            count = f"It's the only {t.LABELS[kind]} on." if kind else f"Only {one} is on right now."
        return confirm(turn, f"Turn off {what}? {count}")
    commands = [{"device": d["id"], "set": switched_off(d)} for d in devices]
    done = f"OK, I turned off {one or f'{len(devices)} devices'}."
    return act(turn, commands, done, t.Targets(devices))
