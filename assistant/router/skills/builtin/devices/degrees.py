"""Degrees as the air conditioners take them: a setting said in Celsius or Fahrenheit ("set the ac to 72"), and a
step from the current setting ("raise the temperature by 2 degrees", "make it 2 degrees warmer", "turn it down 2").

For a step, the direction slot or the words say which way; the temperature slot (or "by 3" in the words) says how
many degrees. "Turn the ac up to 24" is a setting, not a step: a number after "to" is where to go. Each air
conditioner moves from its own setting, within the range the hub accepts, and the reply says where each one ended.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.router.services.spoken_values import number, spoken_list
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.changes import clamp

_UP = frozenset({"raise", "increase", "up", "warmer", "hotter", "higher"})
_DOWN = frozenset({"lower", "decrease", "reduce", "down", "cooler", "colder"})
#: The direction slot's values that move a temperature.
_SLOT_WAYS = {"up": 1, "warmer": 1, "down": -1, "cooler": -1}


def setting(degrees: float, unit: object, fahrenheit_here: bool) -> tuple[int, str] | str:
    """The whole degrees Celsius to set and how the reply says what was heard (" Celsius (72 Fahrenheit)"), or the
    reply when it is out of range. Fahrenheit when the words say so, or, where people use Fahrenheit
    (``fahrenheit_here``: en-US), when a number without a unit is above the Celsius range ("set the ac to 72")."""
    low, high = t.AC_RANGE
    fahrenheit = unit == "fahrenheit" or (unit is None and fahrenheit_here and degrees > high)
    celsius = round((degrees - 32) * 5 / 9) if fahrenheit else round(degrees)
    if not low <= celsius <= high:
        also = f" ({_to_f(low)} to {_to_f(high)} Fahrenheit)" if fahrenheit_here or fahrenheit else ""
        return f"The air conditioners go from {low} to {high} degrees Celsius{also}."
    return celsius, f" Celsius ({degrees:g} Fahrenheit)" if fahrenheit else ""


def _to_f(celsius: int) -> int:
    return round(celsius * 9 / 5 + 32)


def way(text: str, direction: object = None) -> int | None:
    """+1 (warmer) or -1 (cooler) as the direction slot or the words say it; None when they say neither (or both)."""
    if isinstance(direction, str) and direction.lower() in _SLOT_WAYS:
        return _SLOT_WAYS[direction.lower()]
    words = set(t.plain_words(text).split())
    up, down = bool(words & _UP), bool(words & _DOWN)
    return 1 if up and not down else -1 if down and not up else None


def setting_in(text: str) -> float | None:
    """A number after "to" ("up to 24", "down to twenty two"): where to go, not how far; else None."""
    for after in re.findall(r"\bto ((?:[a-z]+ )?[a-z0-9.]+)", t.plain_words(text)):
        value = number(after) if number(after) is not None else number(after.split()[0])
        if value is not None:
            return value
    return None


def said_in(text: str) -> tuple[float, str | None] | None:
    """A setting the words give in degrees when the NLU tagged none ("heat and twenty five degrees", "cool mode
    at 20") and its unit ("fahrenheit" or None); None when they give none."""
    said = t.plain_words(text)
    unit = "fahrenheit" if re.search(r"\bfahrenheit\b", said) else None
    for found in re.finditer(r"((?:[a-z0-9.]+ ){1,3})degrees?\b|\bat ((?:[a-z0-9.]+ ?){1,3})", said):
        words = (found.group(1) or found.group(2)).split()
        # before "degrees" the number ends the words ("and twenty five"); after "at" it starts them ("at 20 please")
        tries = (
            [words[n:] for n in range(len(words))] if found.group(1) else [words[:n] for n in range(len(words), 0, -1)]
        )
        value = next((v for part in tries if (v := number(" ".join(part))) is not None), None)
        if value is not None:
            return value, unit
    return None


def is_step(text: str, direction: object = None) -> bool:
    """The words ask for a change by some degrees from the current setting: "by 2", "2 degrees warmer"."""
    said = t.plain_words(text)
    return way(said, direction) is not None and setting_in(said) is None


def step(text: str, temperature: object, direction: object = None) -> int | None:
    """The signed change in whole degrees Celsius, or None when the words give no number of degrees."""
    sign = way(text, direction)
    if sign is None:
        return None
    degrees = number(temperature)
    unit = temperature.get("unit") if isinstance(temperature, Mapping) else None
    if degrees is None:  # "lower the bedroom ac by 3": the NLU may not have tagged the number
        degrees, unit = _by(t.plain_words(text))
    if degrees is None:
        return None
    celsius = degrees * 5 / 9 if unit == "fahrenheit" else degrees  # a difference: no 32 to take off
    return sign * max(1, round(abs(celsius)))


def _by(said: str) -> tuple[float | None, str | None]:
    """The number of degrees after "by" ("by 3", "by twenty two degrees", "by 5 degrees fahrenheit") and its unit;
    (None, None) for none, or for a percentage ("by 20 percent" is a level, not degrees)."""
    found = re.search(r"\bby ((?:[a-z0-9.]+ ?){1,3})", said)
    if found is None or re.search(r"\bper ?cent\b", said[found.start() :]):
        return None, None
    words = found.group(1).split()
    unit = "fahrenheit" if "fahrenheit" in said[found.start() :] else None
    counted = (number(" ".join(words[:n])) for n in range(len(words), 0, -1))
    return next((value for value in counted if value is not None), None), unit


def too_far(degrees: int) -> str | None:
    """The reply for a step wider than the whole range (most likely a setting misheard), else None."""
    low, high = t.AC_RANGE
    return f"The air conditioners go from {low} to {high} degrees Celsius." if abs(degrees) > high - low else None


def moved(devices: Sequence[t.Device], degrees: int) -> tuple[list[dict[str, Any]], str]:
    """The commands that move each air conditioner ``degrees`` from its own setting, and the reply: the new value
    of each, and that a limit stopped it ("to 30 degrees, the highest it goes")."""
    verb, edge = ("Raising", "highest") if degrees > 0 else ("Lowering", "lowest")
    commands: list[dict[str, Any]] = []
    went: dict[tuple[int, bool], list[str]] = {}  # (new setting, stopped at a limit) -> the devices' names
    stuck: list[str] = []
    for device in devices:
        old = int((device.get("state") or {}).get("target_temperature", 24))
        new = clamp(old + degrees, *t.AC_RANGE)
        name = f"the {device.get('name') or device.get('id')}"
        if new == old:
            stuck.append(f"{name[0].upper()}{name[1:]} is already at {old} degrees, the {edge} it goes.")
            continue
        commands.append({"device": device["id"], "set": {"power": "on", "target_temperature": new}})
        went.setdefault((new, new != old + degrees), []).append(name)
    free = [f"{spoken_list(names)} to {new} degrees" for (new, limited), names in went.items() if not limited]
    said = [f"{verb} {' and '.join(free)}."] if free else []
    for (new, limited), names in went.items():
        if limited:
            they = "they go" if len(names) > 1 else "it goes"
            said.append(f"{verb} {spoken_list(names)} to {new} degrees, the {edge} {they}.")
    return commands, " ".join(said + stuck)
