"""A fan's oscillation: "turn on oscillation", "make the fan oscillate", "stop the fan oscillating", "turn off swing".

The hub's fan has an ``oscillate`` flag. Starting it switches the fan on; stopping it leaves the fan running. A
request of several parts ("turn on the office fan and make it oscillate") is aimed by its own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from assistant.router.skills.builtin.devices import parts
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w
from assistant.router.skills.builtin.devices.finding import Finder
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: The skill's ways to the devices a turn means (or the question that asks which) and to a reply with commands.
Resolve = Callable[..., "t.Targets | Activity"]
Act = Callable[[Turn, Sequence[dict[str, Any]], str, t.Targets], Activity]

#: Words of the fan's swing: "turn on oscillation", "stop the fan oscillating", "turn off swing".
_SWING = re.compile(r"\b(oscillat\w*|swing\w*|swivel\w*)\b")
#: Words that stop it: "turn off swing", "stop oscillating", "don't oscillate".
_STOP = frozenset({"off", "stop", "disable", "don't", "dont", "no", "not", "without", "cancel", "end"})
#: Words of another change than switching on: a part with them beside "make it oscillate" is another request.
_OTHER_CHANGES = frozenset({"off", "set", "make", "dim", "brighten", "open", "close", "stop", "up", "down", "pause",
                            "change", "put", "dock"})  # fmt: skip


def oscillation_in(text: str) -> bool | None:
    """True to oscillate, False to stop, None when the words do not talk about oscillation at all."""
    said = t.plain_words(text)
    if not _SWING.search(said):
        return None
    return not _STOP & set(said.split())


def oscillate(turn: Turn, finder: Finder, resolve: Resolve, act: Act) -> Activity:
    """Start or stop the fans the turn means oscillating. The answer to "Which room?" says only the room: on or
    off is in the state the question left (``remember``)."""
    on = oscillation_in(turn.text)
    on = turn.state.get("oscillate") if on is None else on
    if not isinstance(on, bool):
        return say(turn, "Say turn on oscillation or turn off oscillation, and which fan.")
    if finder.kind_in(turn.text) not in (None, "fan"):  # "turn on the ac swing": no question first
        return say(turn, "Only the fans can oscillate.")
    aimed, undone = swing_parts(turn.text, on)
    if aimed != turn.text:  # several parts: the oscillation's own words say which fan, not the NLU's slots
        room, kind = next(iter(finder.rooms_in(aimed)), None), finder.kind_in(aimed)
        turn = replace(turn, text=aimed, slots={k: v for k, v in (("room", room), ("device", kind)) if v})
    found = resolve(turn, remember={"oscillate": on}, default_kind="fan", implied=True)
    if isinstance(found, Activity):
        return found
    if any(d.get("kind") != "fan" for d in found.devices):
        return say(turn, "Only the fans can oscillate.")
    commands, text = oscillation(found.devices, on)
    return act(turn, commands, text, replace(found, notes=(*found.notes, *undone)))


def swing_parts(text: str, on: bool) -> tuple[str, tuple[str, ...]]:
    """For a request of several parts, the words that say which fans to start or stop oscillating, and what the
    reply says back as not done. "Turn on the office fan and make it oscillate": the office fan (oscillating
    switches it on); "turn off the bedroom fan and stop the office fan oscillating": the office fan, and the
    bedroom fan's part is said back (one change at a time)."""
    said = parts.split(text)
    swing = [p for p in said if oscillation_in(p) is not None]
    others = [p for p in said if oscillation_in(p) is None]
    if len(said) < 2 or not swing:
        return text, ()
    if on and not any(set(p.split()) & _OTHER_CHANGES for p in others):
        return " and ".join(others + [p for p in swing if not w.points_back(p)]), ()
    return " and ".join(swing), tuple(f'I didn\'t do "{p}": one change at a time, please.' for p in others)


def oscillation(devices: Sequence[t.Device], on: bool) -> tuple[list[dict[str, Any]], str]:
    """The commands that start (switching the fan on) or stop each fan oscillating, and the reply; a fan already
    doing it gets no command."""
    commands: list[dict[str, Any]] = []
    done: list[t.Device] = []
    already: list[t.Device] = []
    for device in devices:
        state = device.get("state") or {}
        running = state.get("power") == "on"
        if bool(state.get("oscillate")) == on and (running or not on):
            already.append(device)
            continue
        change: dict[str, Any] = {"power": "on", "oscillate": True} if on else {"oscillate": False}
        commands.append({"device": device["id"], "set": change})
        done.append(device)
    said = [f"Turning {'on' if on else 'off'} oscillation for {t.names(done)}."] if done else []
    if already:
        which = t.names(already)
        are = "are" if len(already) > 1 else "is"
        said.append(f"{which[0].upper()}{which[1:]} {are} {'already oscillating' if on else 'not oscillating'}.")
    return commands, " ".join(said)
