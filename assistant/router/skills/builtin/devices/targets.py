"""Which reported devices a turn is about, and how to say a device's state: pure functions over the hub's report.

The skill is stateless about devices: the speaker's hub reports ``[{id, kind, room, name, state}]`` with each
request. A turn names a kind ("light"), a room ("bedroom"), both, or neither ("turn it off": the devices of the
previous turn, kept in the skill state). The device vocabulary and limits below mirror the hub's (the bridge JSON
is the only contract between the two sides; the skill must not send a command the hub would refuse).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.router.services.spoken_values import spoken_list

KIND_WORDS = {
    "lamp": "lamp", "light": "lamp", "lights": "lamp", "lamps": "lamp", "bulb": "lamp", "light bulb": "lamp",
    "ac": "ac", "air conditioner": "ac", "air conditioning": "ac", "aircon": "ac", "air con": "ac", "a c": "ac",
    "fan": "fan", "fans": "fan", "plug": "plug", "socket": "plug", "outlet": "plug", "smart plug": "plug",
    "vacuum": "vacuum", "robot vacuum": "vacuum", "vacuum cleaner": "vacuum", "robot": "vacuum", "hoover": "vacuum",
    "curtains": "curtains", "curtain": "curtains", "blinds": "curtains", "drapes": "curtains", "shades": "curtains",
}  # fmt: skip
LABELS = {"lamp": "lamp", "ac": "air conditioner", "fan": "fan", "plug": "plug", "vacuum": "robot vacuum",
          "curtains": "curtains"}  # fmt: skip
#: What the Mi Home here can control, said to a user who asked for something else.
CONTROLLABLE = "your Mi Home has lamps, plugs, air conditioners, fans, a robot vacuum and curtains"
LAMP_COLORS = ("warm_white", "white", "cool_white", "daylight", "red", "orange", "yellow", "green", "cyan", "blue",
               "purple", "pink")  # fmt: skip
LAMP_KELVIN = (2700, 6500)
AC_RANGE = (16, 30)
AC_MODES = ("cool", "heat", "auto", "dry", "fan")
FAN_SPEEDS = (1, 3)

Device = Mapping[str, Any]


def snake(text: object) -> str:
    """ "Living Room" -> "living_room": the hub's spelling of rooms and colours."""
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def spaced(room: object) -> str:
    """ "living_room" -> "living room": a room as said."""
    return str(room).replace("_", " ")


def plural(kind: object) -> str:
    """ "fans", "air conditioners", "curtains": a kind's label for more than one."""
    label = LABELS.get(str(kind), "device")
    return label if label.endswith("s") else f"{label}s"


def kind_of(value: object) -> str | None:
    """The hub's device kind for what the user called it; None when it is no kind the hub has."""
    if not isinstance(value, str):
        return None
    words = " ".join(value.lower().replace("_", " ").split()).removeprefix("the ")
    return KIND_WORDS.get(words) or KIND_WORDS.get(words.rstrip("s"))


@dataclass(frozen=True)
class Targets:
    """The devices a turn acts on, or why there are none: ``missing`` names the slot to ask for."""

    devices: tuple[Device, ...] = ()
    missing: str | None = None
    problem: str | None = None
    notes: tuple[str, ...] = ()
    """What was not done beside ``devices`` (a request for several: "There's no fan in the kitchen.")."""
    rooms: tuple[str, ...] = ()
    """With ``missing`` "room": the rooms that have what was asked for, to offer in the question."""


#: Other words for what a device's own name says: "the coffee maker" is the coffee machine plug.
NAME_ALIASES = {"coffee maker": "coffee machine", "television": "tv"}


def plain_words(text: str) -> str:
    """ "Turn on the TV-plug!" -> "turn on the tv plug": lower case words, one space apart."""
    said = " ".join(re.findall(r"[a-z0-9']+", text.lower()))
    for alias, word in NAME_ALIASES.items():
        said = re.sub(rf"\b{alias}\b", word, said)
    return said


def named(reported: Sequence[Device], text: str, kind: str | None) -> tuple[Device, ...]:
    """The devices the words call by their own name: "the tv plug", "the office fan", or the name without its kind
    word, when the words name no other kind (``kind`` None: "turn on the tv") or that one (the NLU read "coffee
    machine" as a plug): "the coffee machine". A name that is only its room and kind ("kitchen lamp") names that
    device too; its room alone ("the kitchen") does not."""
    said = f" {plain_words(text)} "
    found: list[Device] = []
    for device in reported:
        name = plain_words(str(device.get("name") or ""))
        if not name:
            continue
        variants = [name]
        head, _, last = name.rpartition(" ")
        room = str(device.get("room", "")).replace("_", " ")
        if head and kind in (None, device.get("kind")) and kind_of(last) == device.get("kind") and head != room:
            variants.append(head)
        if any(f" {variant} " in said for variant in variants):
            found.append(device)
    return tuple(found)


def find_targets(
    reported: Sequence[Device],
    kind: str | None,
    room: str | None,
    previous: Sequence[str],
    *,
    default_kind: str | None = "lamp",
    all_rooms: bool = False,
    implied: bool = False,
) -> Targets:
    """The devices meant by ``kind`` and ``room``; with neither, the ``previous`` turn's devices ("turn it off"),
    or, when the request itself ``implied`` the default kind ("set the temperature to 21" is for an AC), the
    previous turn's devices of that kind, else every device of it (one AC is that one; several ask for a room)."""
    if not reported:
        return Targets(problem="I can't see any Mi Home devices right now. Is the hub connected?")
    if kind is None and room is None:
        again = tuple(d for d in reported if d.get("id") in previous and (not implied or d.get("kind") == default_kind))
        if again or not implied:
            return Targets(again) if again else Targets(missing="device")
    if room is not None and not any(d.get("room") == room for d in reported):
        return Targets(problem=no_such_room(room, reported))
    wanted_kind = kind or default_kind
    chosen = tuple(
        d
        for d in reported
        if (wanted_kind is None or d.get("kind") == wanted_kind) and (room is None or d.get("room") == room)
    )
    if not chosen:
        label = LABELS.get(wanted_kind or "", "device")
        where = f" in the {room.replace('_', ' ')}" if room else ""
        there = "There are" if label == "curtains" else "There's"
        return Targets(problem=f"{there} no {label}{where}.")
    if room is None and len(chosen) > 1 and not all_rooms:
        same = tuple(d for d in chosen if d.get("id") in previous)
        rooms = tuple(dict.fromkeys(str(d.get("room", "")).replace("_", " ") for d in chosen))
        return Targets(same) if same else Targets(missing="room", rooms=tuple(r for r in rooms if r))
    return Targets(chosen)


def describe(device: Device) -> str:
    """One sentence about a device's state, as the speaker says it."""
    state = device.get("state") or {}
    name = str(device.get("name") or device.get("id"))
    kind = device.get("kind")
    if kind == "vacuum":
        return f"The {name} is {state.get('status', 'idle')}, with {state.get('battery', '?')} percent battery."
    if kind == "curtains":
        position = int(state.get("position", 0))
        return f"The {name} are {'closed' if position == 0 else 'open' if position == 100 else f'{position}% open'}."
    if state.get("power") != "on":
        return f"The {name} is off."
    if kind == "lamp":
        color = str(state.get("color", "white")).replace("_", " ")
        return f"The {name} is on at {state.get('brightness')} percent, {color}."
    if kind == "ac":
        return (
            f"The {name} is on, {state.get('mode')} mode, set to {state.get('target_temperature')} degrees "
            f"with the fan on {state.get('fan_speed')}."
        )
    if kind == "fan":
        swing = ", oscillating" if state.get("oscillate") else ""
        return f"The {name} is on at speed {state.get('speed')}{swing}."
    return f"The {name} is on."


def names(devices: Sequence[Device]) -> str:
    """ "the kitchen lamp", "the kitchen lamp and the bedroom lamp", "5 lamps", "4 devices"."""
    labels = [f"the {d.get('name') or d.get('id')}" for d in devices]
    kinds = {d.get("kind") for d in devices}
    if len(labels) > 3 and len(kinds) == 1 and (label := LABELS.get(str(kinds.pop()))) and label != "curtains":
        return f"{len(labels)} {label}s"
    if len(labels) > 3:
        return f"{len(labels)} devices"
    return spoken_list(labels)


def on_now(on: Sequence[Device], kind: str | None, rooms: Sequence[str]) -> str:
    """What is on, every device named: "Only the kitchen lamp is on.", "3 devices are on: the tv plug, ..."."""
    label = LABELS.get(kind or "", "device")
    where = spoken_list([f"the {spaced(r)}" for r in rooms]) if rooms else ""
    if not on:
        nothing = "Everything" if kind is None else f"Every {label}"
        return f"{nothing} in {where} is off." if where else f"{nothing} is off."
    listed = spoken_list([f"the {d.get('name') or d.get('id')}" for d in on])
    said = f"only {listed} is on." if len(on) == 1 else f"{len(on)} {label}s are on: {listed}."
    return f"In {where}, {said}" if where else said[0].upper() + said[1:]


def is_on(device: Device) -> bool:
    state = device.get("state") or {}
    if device.get("kind") == "vacuum":
        return state.get("status") in ("cleaning", "returning")
    return state.get("power") == "on"


def ids(devices: Sequence[Device]) -> list[str]:
    return [str(d.get("id")) for d in devices]


def no_such_room(room: str, reported: Sequence[Device]) -> str:
    """ "There's no garage in your home; its rooms are the bathroom, ...": the rooms the hub reports devices in."""
    rooms = spoken_list(sorted({f"the {str(d.get('room', '')).replace('_', ' ')}" for d in reported}))
    return f"There's no {room.replace('_', ' ')} in your home; its rooms are {rooms}."
