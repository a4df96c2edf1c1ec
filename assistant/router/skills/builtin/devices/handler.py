"""The devices skill: turns "dim the bedroom light to 30 percent" into ``mihome.control`` commands.

It reads the device list the speaker's hub reported in this turn, decides, and answers with commands for the hub
to apply; it keeps only the ids it acted on (so "turn it off" and "make it warmer" follow up). Whole-home actions
("turn off everything") ask for confirmation first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.router.services.spoken_values import number
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w
from assistant.router.skills.builtin.devices.changes import adjusted, at_level, fan_level, switched_off, switched_on
from assistant.router.skills.builtin.devices.finding import Finder
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import Action, ask, confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

Command = dict[str, Any]
_FEELINGS = {"hot": "cooler", "warm": "cooler", "cold": "warmer", "chilly": "warmer", "dark": "brighter",
             "bright": "dimmer"}  # fmt: skip
#: Verbs that are a direction without a level: "dim the bedroom lights".
_VERBS = {"dim": "dimmer", "darken": "dimmer", "brighten": "brighter"}
#: The kinds a percentage sets (brightness, speed, how far open); an air conditioner's number is degrees.
_LEVELS = ("lamp", "fan", "curtains")


class DevicesSkill:
    def __init__(self, context: SkillContext) -> None:
        self._find = Finder(context.manifest)  # the words for rooms and kinds; the devices come with each turn
        self._fahrenheit = context.settings.locale.lower().endswith("-us")  # "set the ac to 72"

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "devices.on": lambda turn: self._each(turn, switched_on, "on"),
                "devices.off": lambda turn: self._each(turn, switched_off, "off"),
                "devices.pause": self._pause,
                "devices.all_off": self._all_off,
                "devices.level": self._level,
                "devices.color": self._color,
                "devices.temperature": self._temperature,
                "devices.mode": self._mode,
                "devices.adjust": self._adjust,
                "devices.status": self._status,
            },
        )

    # --- the devices of a turn ---------------------------------------------------------------------------------

    def _resolve(self, turn: Turn, *, keep: Mapping[str, Any] | None = None, **options: Any) -> t.Targets | Activity:
        """The devices meant (and what of the request was not done), or the reply that says why there are none or
        asks which; ``keep``: what the skill read from the words itself, carried through the question (the answer
        "the bedroom" will not repeat it)."""
        found = self._find.targets(turn, **options)
        if found.problem:
            return say(turn, found.problem)
        if found.missing == "room":
            return ask(turn, "room", "Which room?", slots=keep)
        if found.missing:
            return ask(turn, "device", "Which device?", slots=keep)
        return found

    def _act(self, turn: Turn, commands: Sequence[Command], text: str, found: t.Targets) -> Activity:
        action = Action("mihome.control", {"commands": list(commands)}) if commands else None
        return say(turn, " ".join((text, *found.notes)), action=action, state={"last": t.ids(found.devices)})

    # --- intents ----------------------------------------------------------------------------------------------

    def _each(self, turn: Turn, change: Any, word: str) -> Activity:
        found = self._resolve(turn)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        commands = [{"device": d["id"], "set": change(d)} for d in devices]
        kind = devices[0].get("kind")
        if kind == "vacuum":
            text = "Starting the robot vacuum." if word == "on" else "Sending the robot vacuum back to its dock."
        elif kind == "curtains":
            text = f"{'Opening' if word == 'on' else 'Closing'} {t.names(devices)}."
        else:
            text = f"Turning {word} {t.names(devices)}."
        return self._act(turn, commands, text, found)

    def _pause(self, turn: Turn) -> Activity:
        found = self._resolve(turn, default_kind="vacuum")
        if isinstance(found, Activity):
            return found
        devices = found.devices
        if any(d.get("kind") != "vacuum" for d in devices):
            return say(turn, "Only the robot vacuum can pause; say turn off for other devices.")
        return self._act(
            turn,
            [{"device": d["id"], "set": {"status": "paused"}} for d in devices],
            "Pausing the robot vacuum.",
            found,
        )

    def _all_off(self, turn: Turn) -> Activity:
        kind = t.kind_of(turn.slot("device")) if turn.has("device") else None
        devices = tuple(d for d in turn.devices if t.is_on(d) and (kind is None or d.get("kind") == kind))
        if not devices:
            return say(
                turn, "Everything is already off." if kind is None else f"All the {t.LABELS[kind]}s are already off."
            )
        one = t.names(devices) if len(devices) == 1 else None
        if not turn.confirmed:
            what = "every device in the home" if kind is None else one or f"all {len(devices)} {t.LABELS[kind]}s"
            if one is None:
                count = f"That's {len(devices)} on right now."
            else:
                count = f"It's the only {t.LABELS[kind]} on." if kind else f"Only {one} is on right now."
            return confirm(turn, f"Turn off {what}? {count}")
        commands = [{"device": d["id"], "set": switched_off(d)} for d in devices]
        done = f"OK, I turned off {one or f'{len(devices)} devices'}."
        return self._act(turn, commands, done, t.Targets(devices))

    def _level(self, turn: Turn) -> Activity:
        level = number(turn.slot("percent"))
        level = w.speed_in(turn.text) if level is None else level  # "set it to speed 1": no percent slot
        if level is None and re.search(r"\bhalf(?: ?way)?\b", turn.text.lower()):  # "half brightness", "halfway"
            level = 50
        if level is None and any(word in _VERBS for word in turn.text.lower().split()):
            return self._adjust(turn)  # "dim the bedroom lights": a step down, not a question
        if level is None or not 0 <= level <= 100:
            said = level if level is not None else number(re.sub(r"[^\d.]+", " ", str(turn.slot("percent", ""))))
            out_of_range = "Levels go from 0 to 100 percent. " if said is not None and said > 100 else ""
            return ask(turn, "percent", f"{out_of_range}To what level, in percent?")
        found = self._resolve(turn)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        if w.bare(turn.text, w.SAYS_LEVEL) and all(d.get("kind") == "ac" for d in devices):  # "set the ac to 21"
            return self._set_temperature(turn, level)
        return self._set_level(turn, level, found)

    def _set_level(self, turn: Turn, level: float, found: t.Targets) -> Activity:
        devices = found.devices
        spoken = fan_level(turn.text, level, devices)  # "set the fan to 3", "to speed 2": a speed, not 3 percent
        if isinstance(spoken, str):
            return say(turn, spoken)
        level = spoken
        commands: list[Command] = []
        for d in devices:
            change = at_level(d, level)
            if change is None:
                return say(turn, f"The {d.get('name')} has no level to set.")
            commands.append({"device": d["id"], "set": change})
        if all(d.get("kind") == "fan" for d in devices):  # a fan has speeds, not percentages
            speed = commands[0]["set"]["speed"]
            return self._act(
                turn, commands, f"Setting {t.names(devices)} to speed {speed} of {t.FAN_SPEEDS[1]}.", found
            )
        return self._act(turn, commands, f"Setting {t.names(devices)} to {level:g} percent.", found)

    def _color(self, turn: Turn) -> Activity:
        color = t.snake(turn.slot("color", ""))
        if not color:
            return ask(turn, "color", "Which colour?")
        if color not in t.LAMP_COLORS:
            return say(turn, f"The lamps can't do {color.replace('_', ' ')}. Try warm white, red, green or blue.")
        shown = color.replace("_", " ")
        return self._switch_on_and_set(
            turn, {"color": color}, kind="lamp", refusal="Only lamps can change colour.", saying=f"Making {{}} {shown}."
        )

    def _temperature(self, turn: Turn) -> Activity:
        value = turn.slot("temperature")
        degrees = number(value)
        if degrees is None:
            return ask(turn, "temperature", "To what temperature?")
        if not turn.has("device") and (unsimulated := w.unsimulated(turn.text)):  # "set the oven to 200 degrees"
            return say(turn, f"I can't control the {unsimulated}: {t.CONTROLLABLE}.")
        unit = value.get("unit") if isinstance(value, Mapping) else None
        if unit is None and w.bare(turn.text, w.SAYS_DEGREES) and (turn.has("device") or not turn.has("room")):
            # "set the bedroom fan to 40", or "set it to 40" after the kitchen lamp: a level, not degrees; "set it
            # to 40" with nothing before it could be either
            named = self._find.targets(turn)
            if named.missing == "device":
                return ask(turn, "device", "Which device?")
            if named.devices and all(d.get("kind") in _LEVELS for d in named.devices) and 0 <= degrees <= 100:
                return self._set_level(turn, degrees, named)
        return self._set_temperature(turn, degrees, unit)

    def _set_temperature(self, turn: Turn, degrees: float, unit: object = None) -> Activity:
        """``degrees`` as said: Fahrenheit when the words say so, or, where people use Fahrenheit (en-US), when a
        number without a unit is above the Celsius range and a room temperature in Fahrenheit ("set the ac to 72")."""
        low, high = t.AC_RANGE
        fahrenheit = unit == "fahrenheit" or (unit is None and self._fahrenheit and degrees > high)
        celsius = round((degrees - 32) * 5 / 9) if fahrenheit else round(degrees)
        if not low <= celsius <= high:
            also = f" ({_to_f(low)} to {_to_f(high)} Fahrenheit)" if self._fahrenheit or fahrenheit else ""
            return say(turn, f"The air conditioners go from {low} to {high} degrees Celsius{also}.")
        said = f" Celsius ({degrees:g} Fahrenheit)" if fahrenheit else ""
        return self._switch_on_and_set(
            turn,
            {"target_temperature": celsius},
            kind="ac",
            refusal="Only the air conditioners have a temperature to set.",
            saying=f"Setting {{}} to {celsius} degrees{said}.",
            default_kind="ac",
        )

    def _mode(self, turn: Turn) -> Activity:
        mode = t.snake(turn.slot("ac_mode", ""))
        if mode not in t.AC_MODES:
            return ask(turn, "ac_mode", "Which mode, cool, heat, dry or auto?")
        return self._switch_on_and_set(
            turn,
            {"mode": mode},
            kind="ac",
            refusal="Only the air conditioners have modes.",
            saying=f"Switching {{}} to {mode} mode.",
            default_kind="ac",
        )

    def _switch_on_and_set(
        self,
        turn: Turn,
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
        found = self._resolve(turn, **options)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        if any(d.get("kind") != kind for d in devices):
            return say(turn, refusal)
        commands = [{"device": d["id"], "set": {"power": "on", **values}} for d in devices]
        return self._act(turn, commands, saying.format(t.names(devices)), found)

    def _adjust(self, turn: Turn) -> Activity:
        direction = str(turn.slot("direction", "")).lower()
        words = turn.text.lower().split()
        felt = next((v for k, v in _FEELINGS.items() if k in words), "") if not direction else ""
        direction = direction or felt or next((v for k, v in _VERBS.items() if k in words), "")
        # "it's too cold" is about the air conditioning whatever was used before; "make it warmer" may be a lamp
        kind = "ac" if direction in ("warmer", "cooler") else "lamp"
        keep = {"direction": direction} if direction else None  # "it's too cold" -> "Which room?" -> "the bedroom"
        found = self._resolve(turn, keep=keep, default_kind=kind, implied=felt in ("warmer", "cooler"))
        if isinstance(found, Activity):
            return found
        devices = found.devices
        commands: list[Command] = []
        for d in devices:
            change = adjusted(d, direction)
            if change is None:
                return say(turn, f"I can't make the {d.get('name')} {direction or 'different'}.")
            commands.append({"device": d["id"], "set": change})
        verb = "Turning" if direction in ("up", "down") else "Making"
        return self._act(turn, commands, f"{verb} {t.names(devices)} {direction}.", found)

    def _status(self, turn: Turn) -> Activity:
        if not w.points_back(turn.text) and (w.asks_what_is_on(turn.text) or not self._find.names_any(turn)):
            return self._what_is_on(turn)  # "what's on right now": not only the device of the last turn
        last = [d for d in turn.devices if d.get("id") in (turn.state.get("last") or [])]
        if not self._find.names_any(turn, rooms=True):
            # "is it on": what the last turn was about (a room the router carried over from it is not narrower)
            return say(turn, " ".join(t.describe(d) for d in last)) if last else self._what_is_on(turn)
        found = self._resolve(turn, all_rooms=True)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        return say(turn, " ".join(t.describe(d) for d in devices), state={"last": t.ids(devices)})

    def _what_is_on(self, turn: Turn) -> Activity:
        """The devices that are on, of the kind and in the room the words name (a slot the router carried over
        from the previous request, which the words do not say, does not narrow it)."""
        kind = self._find.kind_in(turn.text)
        rooms = self._find.rooms_in(turn.text)
        if not turn.devices:
            return say(turn, "I can't see any Mi Home devices right now. Is the hub connected?")
        on = [
            d
            for d in turn.devices
            if t.is_on(d) and kind in (None, d.get("kind")) and (not rooms or d.get("room") in rooms)
        ]
        return say(turn, t.on_now(on, kind, rooms), state={"last": t.ids(on)} if on else None)


def _to_f(celsius: int) -> int:
    return round(celsius * 9 / 5 + 32)


def create(context: SkillContext) -> DevicesSkill:
    return DevicesSkill(context)
