"""A fan's speed said as words: "max speed", "speed it up", "slow down the fan" (the hub's fan has ``speed`` 1-3).

These read the words and build the reply; the skill decides which fans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.router.services.spoken_values import words_to_number
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.changes import FAN_SPEED_LEVELS

#: Speeds said as words: "max speed", "full speed", "lowest speed".
_SPEED_WORDS = re.compile(r"\b(max|maximum|full|top|highest|fastest|min|minimum|lowest|slowest) speed\b")
#: Words about how fast: "speed up the fan", "make it faster" is not a temperature or a brightness.
_SPEED = re.compile(r"\b(speed|faster|slower|slow)\b")


#: The words a request about a fan's speed is made of, beside rooms, kinds, device names and numbers: any other
#: word is something else to speed up ("speed up the timer", "slow down the music").
_SPEED_REQUEST = frozenset({
    "speed", "speeds", "up", "slow", "down", "the", "it", "them", "its", "my", "make", "go", "spin", "faster",
    "slower", "set", "put", "turn", "switch", "to", "on", "at", "in", "of", "and", "both", "all", "max", "maximum",
    "full", "top", "highest", "fastest", "min", "minimum", "lowest", "slowest", "please", "a", "bit", "little",
    "more", "run", "high", "low", "medium", "percent", "can", "you", "could", "would",
})  # fmt: skip


def stray_word(text: str, known: Iterable[str]) -> str | None:
    """The first word of a speed request that is no part of one, nor a room, kind or device name in ``known``."""
    words = set(_SPEED_REQUEST) | {word for said in known for word in said.split()}
    return next((x for x in t.plain_words(text).split() if x not in words and words_to_number(x) is None), None)


def speed_level_in(text: str) -> float | None:
    """The level of the speed a word gives ("max speed": speed 3, "lowest speed": speed 1), else None."""
    found = _SPEED_WORDS.search(t.plain_words(text))
    if found is None:
        return None
    slowest = found.group(1) in ("min", "minimum", "lowest", "slowest")
    return FAN_SPEED_LEVELS[t.FAN_SPEEDS[0] if slowest else t.FAN_SPEEDS[1]]


def says_speed(text: str) -> bool:
    """ "speed up the fan", "slow it down": a request about a fan's speed."""
    return _SPEED.search(t.plain_words(text)) is not None


def speed_reply(devices: Sequence[t.Device], commands: Sequence[dict[str, Any]], faster: bool) -> str:
    """ "Speeding up the office fan to speed 2 of 3.", "Turning on the bedroom fan at speed 1 of 3." (it was off),
    or that it is already at its top (or lowest) speed."""
    top = t.FAN_SPEEDS[1]
    speeds = {c["device"]: c["set"]["speed"] for c in commands}
    said: list[str] = []
    moved: list[str] = []
    for device in devices:
        state, speed = device.get("state") or {}, speeds[device["id"]]
        if state.get("power") != "on":
            said.append(f"Turning on the {device.get('name')} at speed {speed} of {top}.")
        elif speed != int(state.get("speed", 1)):
            moved.append(f"the {device.get('name')} to speed {speed}")
        else:
            said.append(f"The {device.get('name')} is already at its {'top' if faster else 'lowest'} speed, {speed}.")
    verb = "Speeding up" if faster else "Slowing down"
    return " ".join(([f"{verb} {' and '.join(moved)} of {top}."] if moved else []) + said)
