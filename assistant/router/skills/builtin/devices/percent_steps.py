"""A level changed by some percent from where it is: "brighten the lights by 10 percent", "dim it by 20%", "open
the curtains by 25 percent". Not a level to set: "brighten by 10 percent" must not put the lamp at 10 percent.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.changes import clamp

_BY = re.compile(r"\bby (\d+(?:\.\d+)?) ?(?:%|percent\b|per cent\b)")
_UP = frozenset({"brighten", "brighter", "up", "increase", "raise", "higher", "open", "lighter"})
_DOWN = frozenset({"dim", "dimmer", "down", "decrease", "lower", "reduce", "darker", "close", "darken"})


def step_in(text: str) -> int | None:
    """The signed step "by N percent" with a way ("brighten", "lower"), else None."""
    found = _BY.search(text.lower())
    if found is None:
        return None
    words = set(t.plain_words(text).split())
    up, down = bool(words & _UP), bool(words & _DOWN)
    if up == down:
        return None
    size = round(float(found.group(1)))
    return size if up else -size


def stepped(device: t.Device, step: int) -> dict[str, Any] | None:
    """A lamp's brightness or the curtains' opening moved by ``step`` percent; None for a device without one."""
    state = device.get("state") or {}
    if device.get("kind") == "lamp":
        return {"power": "on", "brightness": clamp(int(state.get("brightness", 50)) + step, 1, 100)}
    if device.get("kind") == "curtains":
        return {"position": clamp(int(state.get("position", 0)) + step, 0, 100)}
    return None


def reply(devices: tuple[t.Device, ...], commands: list[dict[str, Any]], step: int) -> str:
    """ "Turning the bedroom lamp up by 10 percent, to 90." (the new level when one device moved)."""
    way = "up" if step > 0 else "down"
    said = f"Turning {t.names(devices)} {way} by {abs(step)} percent"
    levels = {c["set"].get("brightness", c["set"].get("position")) for c in commands}
    return f"{said}, to {levels.pop()}." if len(levels) == 1 else f"{said}."
