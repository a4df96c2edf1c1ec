"""Whole-home requests: "turn off everything", "turn off all the lights": confirmed first, since they reach devices
in every room (the answer says how many are on, so a "yes" knows what it agrees to)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from assistant.router.skills.builtin.devices import all_but
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.changes import switched_off
from assistant.router.skills.builtin.devices.finding import Finder
from assistant.router.skills.replies import confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: The skill's way to answer with commands: (turn, commands, text, the devices acted on) -> the reply.
Act = Callable[[Turn, Sequence[dict[str, Any]], str, t.Targets], Activity]


#: The skill's state while it waits for "yes": the devices the question named.
_AGREED = "turning_off"


def all_off(turn: Turn, act: Act, finder: Finder) -> Activity:
    """The question names what a "yes" agrees to, and keeps those devices in the skill's state: the "yes" has no
    words of the request left ("except the bedroom")."""
    said = set(t.plain_words(turn.text).split())
    if not turn.confirmed and "on" in said and "off" not in said:  # "turn on everything except the kitchen"
        return say(turn, "I only turn everything off at once. To switch devices on, say which, like the lights.")
    kind = t.kind_of(turn.slot("device")) if turn.has("device") else None
    devices = tuple(d for d in turn.devices if t.is_on(d) and (kind is None or d.get("kind") == kind))
    agreed = turn.state.get(_AGREED)
    if turn.confirmed and isinstance(agreed, list):
        devices = tuple(d for d in turn.devices if t.is_on(d) and d.get("id") in agreed)
    left_out = None if turn.confirmed else all_but.split(turn.text)
    if left_out is not None:  # "turn off everything except the bedroom"
        kind = finder.kind_in(left_out.wanted)
        found = all_but.all_but(turn.devices, left_out, rooms=finder.rooms, kinds=finder.kinds, any_kind=True)
        if found.problem:
            return say(turn, found.problem)
        devices = tuple(d for d in found.devices if t.is_on(d))
    if not devices:
        every = "Everything" if kind is None else f"All the {t.LABELS[kind]}s"
        return say(turn, f"{every} but {left_out.left} is already off." if left_out else f"{every} are already off."
                   .replace("Everything are", "Everything is"))  # fmt: skip
    one = t.names(devices) if len(devices) == 1 else None
    if not turn.confirmed:
        what = "every device in the home" if kind is None else one or f"all {len(devices)} {t.LABELS[kind]}s"
        if one is None:
            count = f"That's {len(devices)} on right now."
        else:
            count = f"It's the only {t.LABELS[kind]} on." if kind else f"Only {one} is on right now."
        if left_out is not None:
            what, count = f"{one or t.names(devices)} and leave {left_out.left} as is", ""
        question = " ".join(filter(None, (f"Turn off {what}?", count)))
        return confirm(turn, question, state={**turn.state, _AGREED: t.ids(devices)})
    commands = [{"device": d["id"], "set": switched_off(d)} for d in devices]
    done = f"OK, I turned off {one or f'{len(devices)} devices'}."
    return act(turn, commands, done, t.Targets(devices))
