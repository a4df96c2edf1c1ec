"""Switching devices on and off ("turn on the kitchen lamp", "close the curtains", "start the vacuum") and pausing
the robot vacuum.

When every device meant already is as asked, no command is sent and the reply says so ("The office lamp is already
off."), so a user who thought it was on learns it was not; a request of several parts is done as said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.acting import Acting
from assistant.router.skills.builtin.devices.changes import switched_off, switched_on
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: "resume the vacuum", "continue cleaning": the robot vacuum goes on from where it paused.
_RESUME = re.compile(r"\b(?:resume|continue|unpause)\b", re.IGNORECASE)
#: How a device that needs no change is said, by kind, for on and for off.
_STATES = {"curtains": ("open", "closed"), "vacuum": ("cleaning", "docked")}


def switch(turn: Turn, acting: Acting, word: str) -> Activity:
    """``word``: "on" or "off"."""
    found = acting.resolve(turn)
    if isinstance(found, Activity):
        return found
    change: Callable[[t.Device], dict[str, Any]] = switched_on if word == "on" else switched_off
    as_asked = [d for d in found.devices if already(d, change(d))]
    if len(as_asked) == len(found.devices):  # "no, I meant the office": it was off
        return acting.act(turn, [], already_said(found.devices, word), found)
    changing = [d for d in found.devices if d not in as_asked]  # the reply names what changes, and what already was
    commands = [{"device": d["id"], "set": change(d)} for d in changing]
    text = " ".join([_doing(turn, changing, word), *([already_said(as_asked, word)] if as_asked else [])])
    return acting.act(turn, commands, text, found)


def already(device: t.Device, change: dict[str, Any]) -> bool:
    """Whether the device already has every value ``change`` sets."""
    state = device.get("state") or {}
    return all(state.get(key) == value for key, value in change.items())


def already_said(devices: Sequence[t.Device], word: str) -> str:
    """ "The office lamp is already off.", "The bedroom curtains are already open."."""
    kinds = {d.get("kind") for d in devices}
    on, off = _STATES.get(str(kinds.pop()), ("on", "off")) if len(kinds) == 1 else ("on", "off")
    which = t.names(devices)
    are = "are" if len(devices) > 1 or all(d.get("kind") == "curtains" for d in devices) else "is"
    return f"{which[0].upper()}{which[1:]} {are} already {on if word == 'on' else off}."


def left_off(devices: Sequence[t.Device]) -> str:
    """ "The kitchen lamp is off, so I left it off.": a device that is off is not switched on to be turned down."""
    which = t.names(devices)
    are, it = ("are", "them") if len(devices) > 1 else ("is", "it")
    return f"{which[0].upper()}{which[1:]} {are} off, so I left {it} off."


def _doing(turn: Turn, devices: Sequence[t.Device], word: str) -> str:
    kind = devices[0].get("kind")
    if kind == "vacuum":
        started = "Resuming" if _RESUME.search(turn.text) else "Starting"
        return f"{started} the robot vacuum." if word == "on" else "Sending the robot vacuum back to its dock."
    if kind == "curtains":
        return f"{'Opening' if word == 'on' else 'Closing'} {t.names(devices)}."
    return f"Turning {word} {t.names(devices)}."


def pause(turn: Turn, acting: Acting) -> Activity:
    found = acting.resolve(turn, default_kind="vacuum")
    if isinstance(found, Activity):
        return found
    devices = found.devices
    if any(d.get("kind") != "vacuum" for d in devices):
        return say(turn, "Only the robot vacuum can pause; say turn off for other devices.")
    if all(already(d, {"status": "paused"}) for d in devices):
        return acting.act(turn, [], "The robot vacuum is already paused.", found)
    commands = [{"device": d["id"], "set": {"status": "paused"}} for d in devices]
    return acting.act(turn, commands, "Pausing the robot vacuum.", found)
