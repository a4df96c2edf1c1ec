"""What a command sets on one device: pure functions from a device as the hub reports it to the settings to send.

The values and limits mirror the simulated hub's (``targets``); the skill decides which devices, these decide what
each one gets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w

#: A fan's speeds as the levels that give them (as "low", "medium" and "high" do).
FAN_SPEED_LEVELS = {1: 30.0, 2: 60.0, 3: 100.0}


def fan_level(text: str, level: float, devices: Sequence[t.Device]) -> float | str:
    """The level a number said for ``devices`` means, or the reply when it is none: a fan's number 1-3 without
    "percent" ("set the fan to 3", "to speed 2") is that speed, 4-10 (or "speed 5") is no speed it has, and a
    speed for devices that are not fans is a level they do not have. Other numbers are percentages."""
    said = text.lower()
    if not all(d.get("kind") == "fan" for d in devices):
        return "Only the fans have speeds." if w.speed_in(said) is not None else level
    if "speed" not in said and re.search(r"%|\bper ?cent\b", said):
        return level
    if level in FAN_SPEED_LEVELS:
        return FAN_SPEED_LEVELS[int(level)]
    if w.speed_in(said) is not None or 4 <= level <= 10:  # "set the office fan to 4": not 4 percent
        which, have = t.names(devices), "have" if len(devices) > 1 else "has"
        return f"{which[0].upper()}{which[1:]} {have} speeds {t.FAN_SPEEDS[0]} to {t.FAN_SPEEDS[1]}."
    return level


def switched_on(device: t.Device) -> dict[str, Any]:
    kind = device.get("kind")
    return {"position": 100} if kind == "curtains" else {"status": "cleaning"} if kind == "vacuum" else {"power": "on"}


def switched_off(device: t.Device) -> dict[str, Any]:
    kind = device.get("kind")
    return {"position": 0} if kind == "curtains" else {"status": "docked"} if kind == "vacuum" else {"power": "off"}


def clamp(value: float, low: int, high: int) -> int:
    return int(max(low, min(high, round(value))))


def at_level(device: t.Device, level: float) -> dict[str, Any] | None:
    """A percentage as this device takes it: a lamp's brightness, a fan's speed (of three), how far curtains are
    open; None for a device without a level."""
    kind = device.get("kind")
    if kind == "lamp":
        return {"power": "on", "brightness": clamp(level, 1, 100)}
    if kind == "curtains":
        return {"position": clamp(level, 0, 100)}
    if kind == "fan":
        return {"power": "on", "speed": clamp(math.ceil(level / 100 * t.FAN_SPEEDS[1]), *t.FAN_SPEEDS)}
    return None


def adjusted(device: t.Device, direction: str) -> dict[str, Any] | None:
    """The new settings for "warmer", "brighter", "up" ... on this device; None when it makes no sense."""
    state, kind = device.get("state") or {}, device.get("kind")
    if kind == "lamp" and direction in ("warmer", "cooler"):
        step = -600 if direction == "warmer" else 600
        return {
            "power": "on",
            "color_temperature": clamp(int(state.get("color_temperature", 4000)) + step, *t.LAMP_KELVIN),
        }
    if kind == "lamp" and direction in ("brighter", "dimmer", "up", "down"):
        step = 20 if direction in ("brighter", "up") else -20
        return {"power": "on", "brightness": clamp(int(state.get("brightness", 50)) + step, 1, 100)}
    if kind == "ac" and direction in ("warmer", "cooler", "up", "down"):
        step = 1 if direction in ("warmer", "up") else -1
        return {
            "power": "on",
            "target_temperature": clamp(int(state.get("target_temperature", 24)) + step, *t.AC_RANGE),
        }
    if kind == "fan" and direction in ("faster", "slower", "up", "down", "cooler", "warmer"):
        step = 1 if direction in ("faster", "up", "cooler") else -1
        return {"power": "on", "speed": clamp(int(state.get("speed", 1)) + step, *t.FAN_SPEEDS)}
    if kind == "curtains" and direction in ("up", "down", "brighter", "dimmer"):
        step = 25 if direction in ("up", "brighter") else -25
        return {"position": clamp(int(state.get("position", 0)) + step, 0, 100)}
    return None


def extreme(device: t.Device, up: bool) -> dict[str, Any] | None:
    """ "All the way up" (or down) on this device: a lamp's full (or lowest) brightness, a fan's top (or lowest)
    speed, curtains fully open (or closed); None for a device without a level (an air conditioner's is degrees)."""
    kind = device.get("kind")
    if kind == "lamp":
        return {"power": "on", "brightness": 100 if up else 1}
    if kind == "fan":
        return {"power": "on", "speed": t.FAN_SPEEDS[1] if up else t.FAN_SPEEDS[0]}
    if kind == "curtains":
        return {"position": 100 if up else 0}
    return None
