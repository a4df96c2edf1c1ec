"""What a request to change a device relative to now asks: "make it warmer", "it's too cold", "raise the temperature
by 2 degrees", "turn the ac up to 25", "speed up the fan". Read from the slots, the words and the skill's state, before
the skill knows which devices: the way, how far, a setting named after "to", and the kind of device it implies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.router.services.spoken_values import number
from assistant.router.skills.builtin.devices import degrees as steps
from assistant.router.skills.builtin.devices import fan_controls as fans
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w
from assistant.router.skills.turn import Turn

#: Words of a forecast, not of a request to the home: "will it be warmer tomorrow".
_FORECAST = re.compile(r"\b(will it be|going to be|tomorrow|tonight|next week|weekend|forecast)\b")

#: "Turn it all the way up": the top of the range, not a step.
_ALL_THE_WAY = re.compile(r"\ball the way (up|down)\b")
#: The directions each kind of device can go (``changes.adjusted``): "dim the ac" is refused, not asked about.
_WAYS = {
    "lamp": {"warmer", "cooler", "brighter", "dimmer", "up", "down"},
    "ac": {"warmer", "cooler", "up", "down"},
    "fan": {"faster", "slower", "up", "down", "warmer", "cooler"},
    "curtains": {"up", "down", "brighter", "dimmer"},
}

_FORECAST_REPLY = "That sounds like a forecast: ask me the weather in a city. Here I change the air conditioners."


@dataclass(frozen=True)
class Adjustment:
    direction: str
    """A direction slot value ("warmer", "up", "dimmer"), or "" when nothing says one."""
    degrees: int | None = None
    """A step in whole degrees Celsius ("by 2 degrees", "lower the temperature": 1), signed."""
    target: float | None = None
    """A setting the words name after "to" ("turn the ac up to 25"), or kept from before "Which room?"."""
    kind: str = "lamp"
    """The kind meant when the words name none: "it's too cold" is the air conditioning, "speed up" a fan."""
    implied: bool = False
    """The request itself says the kind (not only a guess): the previous turn's devices of another kind are not it."""
    keep: dict[str, Any] = field(default_factory=dict)
    """Slots read from the words, kept through "Which room?"."""
    extreme: int | None = None
    """+1 for "all the way up", -1 for "all the way down": the highest or lowest level, not a step."""
    refusal: str | None = None
    """The reply when the request cannot be done whatever the devices: "speed up the ac", a step of 50 degrees."""


def read(turn: Turn, kind_named: str | None, known: Iterable[str]) -> Adjustment:
    """``kind_named``: the kind the words themselves name (not a slot carried over from before); ``known``: the
    words for rooms, kinds and devices."""
    direction, felt = w.direction_in(turn.text, turn.slot("direction"))
    if kind_named is None and (unsimulated := w.unsimulated(turn.text)):  # "raise the oven's temperature"
        return Adjustment(direction, refusal=f"I can't control the {unsimulated}: {t.CONTROLLABLE}.")
    way = steps.way(turn.text, direction)  # "raise the temperature by 2": a way, and how far
    degrees = steps.step(turn.text, turn.slot("temperature"), direction)
    climate = bool(felt) or degrees is not None or not w.bare(turn.text, w.SAYS_DEGREES)
    if (climate or direction in ("warmer", "cooler")) and _FORECAST.search(t.plain_words(turn.text)):
        return Adjustment(direction, refusal=_FORECAST_REPLY)  # "will it be 2 degrees warmer tomorrow"
    if not direction and way and climate:  # "lower the temperature": one degree
        degrees = way if degrees is None else degrees
    direction = direction or {1: "up", -1: "down", None: ""}[way]
    if degrees is not None and (too_far := steps.too_far(degrees)):
        return Adjustment(direction, refusal=too_far)
    speed = fans.says_speed(turn.text)
    if speed and kind_named not in (None, "fan"):
        return Adjustment(direction, refusal="Only the fans have speeds.")  # "speed up the ac": not its temperature
    if speed and fans.stray_word(turn.text, known) is not None:  # "slow down the music"
        return Adjustment(direction, refusal="I can change the speed of the fans only.")
    if kind_named is not None and direction and direction not in _WAYS.get(kind_named, set()):
        return Adjustment(direction, refusal=_cannot(kind_named, direction))  # "dim the ac", "brighten the fan"
    # "it's too cold" is about the air conditioning whatever was used before; "make it warmer" may be a lamp
    kind = "ac" if climate or direction in ("warmer", "cooler") else "fan" if speed else "lamp"
    target = steps.setting_in(turn.text)  # "turn the ac up to 25": a setting, not a step
    if target is None and not w.direction_in(turn.text, None)[0] and steps.way(turn.text) is None:
        target = number(turn.state.get("setting"))  # the answer to "Which room?" names only the room
    keep: dict[str, Any] = {"direction": direction} if direction else {}
    if degrees and not turn.has("temperature"):
        keep["temperature"] = {"value": abs(degrees), "unit": None}
    extreme = _ALL_THE_WAY.search(t.plain_words(turn.text))
    way_all = None if extreme is None else 1 if extreme.group(1) == "up" else -1
    return Adjustment(direction, degrees, target, kind, climate or kind == "fan", keep, extreme=way_all)


def _cannot(kind: str, direction: str) -> str:
    """ "Air conditioners don't dim or brighten; only the lamps do.": a kind asked a direction it cannot go."""
    kinds = t.plural(kind).capitalize()
    if direction in ("dimmer", "brighter"):
        return f"{kinds} don't dim or brighten; only the lamps do."
    if direction in ("faster", "slower"):
        return "Only the fans have speeds."
    return f"{kinds} can't be {'turned' if direction in ('up', 'down') else 'made'} {direction}."
