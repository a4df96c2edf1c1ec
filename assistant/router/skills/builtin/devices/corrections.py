"""Undoing the last switch when the user corrects it: "turn on the kitchen lamp" ... "no, I meant the office".

A switch remembers, in the skill's state, what it changed and how each device was before (``undo``). When the
router says the next request corrects it (``turn.corrects``), the devices the correction no longer names are put
back as they were, so the office lamp goes on and the kitchen lamp goes back off, instead of both being on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.turn import Turn

Command = dict[str, Any]


def before(commands: Sequence[Command], devices: Sequence[t.Device]) -> dict[str, dict[str, Any]]:
    """For each device a command changes, the values it had for the properties the command sets."""
    states = {str(d.get("id")): d.get("state") or {} for d in devices}
    return {
        str(c["device"]): {prop: states.get(str(c["device"]), {}).get(prop) for prop in c["set"]}
        for c in commands
        if str(c["device"]) in states
    }


def undone(turn: Turn, keeping: Sequence[t.Device]) -> tuple[list[Command], list[t.Device]]:
    """For a correction: commands that put back the devices the corrected switch changed and this one does not
    name, and those devices; nothing otherwise."""
    if turn.corrects is None:
        return [], []
    record = turn.state.get("undo")
    if not isinstance(record, Mapping):
        return [], []
    kept = set(t.ids(keeping))
    reported = {str(d.get("id")): d for d in turn.devices}
    back = {  # only what the switch really changed: a lamp that was already on stays on
        device: {k: v for k, v in values.items() if v is not None and (reported[device].get("state") or {}).get(k) != v}
        for device, values in record.items()
        if device not in kept and device in reported and isinstance(values, Mapping)
    }
    commands = [{"device": device, "set": values} for device, values in back.items() if values]
    return commands, [reported[c["device"]] for c in commands]


def put_back(devices: Sequence[t.Device]) -> str:
    """ "I put the kitchen lamp back as it was." (empty for none)."""
    return f"I put {t.names(devices)} back as {'it was' if len(devices) == 1 else 'they were'}." if devices else ""
