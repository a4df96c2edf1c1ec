"""Settings only one kind of device has: a lamp's colour ("make the bedroom lamp blue"), an air conditioner's
temperature ("set the living room ac to 22") and mode ("switch the ac to heat mode"). Each switches the device on.

A request that names another kind ("make the fan red", "set the lamp to cool mode") is refused at once, before any
"Which room?": whichever room, that kind has no such setting. A bare "cool" (said after a joke) is an
acknowledgement, not a mode: only "cool mode" or "set the ac to cool" change the air conditioner.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.router.skills.builtin.devices import degrees as steps
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.acting import Acting
from assistant.router.skills.replies import ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: Words around a mode word that still make no request of it: "cool", "oh cool", "that's so cool".
_ACKNOWLEDGING = frozenset({"cool", "oh", "that's", "thats", "that", "is", "so", "very", "really", "pretty", "ok",
                            "okay", "how", "super", "too"})  # fmt: skip
#: The skill's state while it waits for the answer to "Which mode?": then "cool" alone is the mode.
ASKED_MODE = "asked_mode"
_NO_TEMPERATURE = "Only the air conditioners have a temperature to set."
_NO_MODES = "Only the air conditioners have modes."


def color(turn: Turn, acting: Acting) -> Activity:
    wanted = t.snake(turn.slot("color", ""))
    if (
        refusal := _other_kind(turn, acting, "lamp", "{kinds} have no colour; only the lamps can change colour.")
    ) is not None:
        return refusal
    if not wanted:
        return ask(turn, "color", "Which colour?")
    if wanted not in t.LAMP_COLORS:
        return say(turn, f"The lamps can't do {wanted.replace('_', ' ')}. Try warm white, red, green or blue.")
    return switch_on_and_set(
        turn, acting, {"color": wanted}, kind="lamp", refusal="Only lamps can change colour.",
        saying=f"Making {{}} {wanted.replace('_', ' ')}.",
    )  # fmt: skip


def temperature(turn: Turn, acting: Acting, degrees: float, unit: object, fahrenheit_here: bool) -> Activity:
    """``degrees`` as said (in Celsius or Fahrenheit, see ``degrees.setting``), with the mode the words also give
    ("set the ac to heat and 25 degrees")."""
    if (refusal := _other_kind(turn, acting, "ac", _NO_TEMPERATURE)) is not None:
        return refusal
    setting = steps.setting(degrees, unit, fahrenheit_here)
    if isinstance(setting, str):
        return say(turn, setting)
    celsius, said = setting
    values: dict[str, Any] = {"target_temperature": celsius}
    tagged = t.snake(turn.slot("ac_mode", ""))  # said now, not carried over from "switch it to heat mode"
    mode = tagged if tagged and tagged in t.plain_words(turn.text) else mode_in(turn.text)
    if mode in t.AC_MODES:
        values["mode"] = mode
    also = f"{mode} mode and " if mode in t.AC_MODES else ""
    return switch_on_and_set(
        turn, acting, values, kind="ac",
        refusal=_NO_TEMPERATURE,
        saying=f"Setting {{}} to {also}{celsius} degrees{said}.", default_kind="ac",
    )  # fmt: skip


#: Other words for the air conditioners' modes.
_MODE_WORDS = {"cooling": "cool", "heating": "heat", "automatic": "auto", "dehumidify": "dry",
               "dehumidifying": "dry", **{m: m for m in t.AC_MODES}}  # fmt: skip
_MODE_IN = re.compile(
    rf"\b(?:to|on|in|into)\s+(?:the\s+)?({'|'.join(_MODE_WORDS)})\b(?!\s+(?:it|the|them)\b)"
    rf"|\b({'|'.join(_MODE_WORDS)})\s+mode\b|\band\s+({'|'.join(_MODE_WORDS)})$"
)


def mode_in(text: str) -> str:
    """The AC mode the words set beside something else ("to heat and 25 degrees", "cool mode at 20"), else ""."""
    found = _MODE_IN.search(t.plain_words(text))
    word = next((g for g in found.groups() if g), "") if found else ""
    return _MODE_WORDS.get(word, "") if word != "fan" or found is None or found.group(2) else ""  # "fan mode" only


def mode(turn: Turn, acting: Acting, fahrenheit_here: bool = False) -> Activity:
    wanted = t.snake(turn.slot("ac_mode", "")) or _mode_said(turn.text)
    if _acknowledges(turn):
        return say(turn, "Okay.")
    if (refusal := _other_kind(turn, acting, "ac", _NO_MODES)) is not None:
        return refusal
    if wanted and wanted not in t.AC_MODES:  # "set the house to vacation mode": no question that would set the AC
        said = wanted.replace("_", " ")
        return say(turn, f"I can't set {said} mode: the air conditioners have cool, heat, dry, fan and auto modes.")
    if wanted not in t.AC_MODES:
        asked = {**turn.state, ASKED_MODE: True}
        return ask(turn, "ac_mode", "Which mode, cool, heat, dry or auto?", state=asked)
    if (degrees := steps.said_in(turn.text)) is not None:  # "set the ac to cool mode at 20": both
        return temperature(turn, acting, *degrees, fahrenheit_here)
    return switch_on_and_set(
        turn, acting, {"mode": wanted}, kind="ac", refusal=_NO_MODES,
        saying=f"Switching {{}} to {wanted} mode.", default_kind="ac",
    )  # fmt: skip


#: "<word> mode" said, where the word may be a mode no air conditioner has ("vacation mode").
_MODE_SAID = re.compile(r"\b([a-z]+) mode\b")
#: Words before "mode" that name no mode: "the ac mode", "which mode", "the mode".
_NO_MODE_WORD = frozenset({"the", "a", "an", "its", "their", "which", "what", "that", "this", "ac", "conditioner",
                           "conditioning", "con", "aircon", "another", "other", "different", "same", "new", "my",
                           "cooling", "heating", "automatic", "dehumidify", "dehumidifying"})  # fmt: skip


def _mode_said(text: str) -> str:
    """The mode the words name when the NLU tagged none: "switch the ac to fan mode", "set the house to vacation
    mode" (no AC mode: said so, not asked which)."""
    found = _MODE_SAID.search(t.plain_words(text))
    word = found.group(1) if found else ""
    return word if word not in _NO_MODE_WORD else ""


def _acknowledges(turn: Turn) -> bool:
    """ "cool" or "oh cool" with no "mode", device or room, when no "Which mode?" is waiting: an acknowledgement."""
    said = t.plain_words(turn.text).split()
    return bool(said) and "cool" in said and set(said) <= _ACKNOWLEDGING and not turn.state.get(ASKED_MODE)


def _other_kind(turn: Turn, acting: Acting, kind: str, refusal: str) -> Activity | None:
    """``refusal`` when the words name another kind of device than ``kind`` ("make the fan red"), else None."""
    named = acting.find.kind_in(turn.text)
    if named is None or named == kind:
        return None
    return say(turn, refusal.format(kinds=t.plural(named).capitalize()))


def switch_on_and_set(
    turn: Turn,
    acting: Acting,
    values: dict[str, Any],
    *,
    kind: str,
    refusal: str,
    saying: str,
    default_kind: str | None = None,
) -> Activity:
    """Switch the targeted devices on with ``values`` set, when they are all of ``kind``; ``saying`` has a {}
    for the devices' names."""
    options: dict[str, Any] = {"default_kind": default_kind, "implied": True} if default_kind else {}
    found = acting.resolve(turn, **options)
    if isinstance(found, Activity):
        return found
    devices = found.devices
    if any(d.get("kind") != kind for d in devices):
        return say(turn, refusal)
    commands = [{"device": d["id"], "set": {"power": "on", **values}} for d in devices]
    return acting.act(turn, commands, saying.format(t.names(devices)), found)
