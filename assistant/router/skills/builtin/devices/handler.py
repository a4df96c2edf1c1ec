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
from assistant.router.skills.builtin.devices import adjustment, corrections
from assistant.router.skills.builtin.devices import degrees as steps
from assistant.router.skills.builtin.devices import fan_controls as fans
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w
from assistant.router.skills.builtin.devices.changes import adjusted, at_level, fan_level, switched_off, switched_on
from assistant.router.skills.builtin.devices.finding import Finder
from assistant.router.skills.builtin.devices.oscillation import oscillate, oscillation_in
from assistant.router.skills.builtin.devices.status_answers import StatusAnswers
from assistant.router.skills.builtin.devices.whole_home import all_off
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import Action, ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

Command = dict[str, Any]
#: What the skill keeps in its state for the answer to its "Which room?" only: each question sets it anew.
_PENDING = ("oscillate", "setting")
#: "resume the vacuum", "continue cleaning": the robot vacuum goes on from where it paused.
_RESUME = re.compile(r"\b(?:resume|continue|unpause)\b", re.IGNORECASE)
#: The kinds a percentage sets (brightness, speed, how far open); an air conditioner's number is degrees.
_LEVELS = ("lamp", "fan", "curtains")


class DevicesSkill:
    def __init__(self, context: SkillContext) -> None:
        self._find = Finder(context.manifest)  # the words for rooms and kinds; the devices come with each turn
        self._questions = StatusAnswers(self._find)
        self._fahrenheit = context.settings.locale.lower().endswith("-us")  # "set the ac to 72"

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "devices.on": lambda turn: self._each(turn, switched_on, "on"),
                "devices.off": lambda turn: self._each(turn, switched_off, "off"),
                "devices.pause": self._pause,
                "devices.all_off": lambda turn: all_off(turn, self._act),
                "devices.level": self._level,
                "devices.color": self._color,
                "devices.temperature": self._temperature,
                "devices.mode": self._mode,
                "devices.adjust": self._adjust,
                "devices.temperature_step": self._adjust,  # "raise the temperature by 2 degrees"
                "devices.fan_speed": self._fan_speed,
                "devices.room_temperature": self._questions.room_temperature,
                "devices.status": lambda turn: self._questions.answer(turn, self._resolve),
                "devices.oscillate": self._oscillate,
            },
        )

    # --- the devices of a turn ---------------------------------------------------------------------------------

    def _resolve(
        self,
        turn: Turn,
        *,
        keep: Mapping[str, Any] | None = None,
        remember: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> t.Targets | Activity:
        """The devices meant (and what of the request was not done), or the reply that says why there are none or
        asks which; ``keep``: slots the skill read from the words itself, carried through the question (the answer
        "the bedroom" will not repeat it); ``remember``: the same for what no slot holds, in the skill's state."""
        found = self._find.targets(turn, **options)
        if found.problem:
            return say(turn, found.problem)
        state = {**{k: v for k, v in turn.state.items() if k not in _PENDING}, **(remember or {})}
        if found.missing:
            which = "Which room?" if found.missing == "room" else "Which device?"
            return ask(turn, found.missing, which, slots=keep, state=state)
        return found

    def _act(
        self, turn: Turn, commands: Sequence[Command], text: str, found: t.Targets, *, undo: Any = None
    ) -> Activity:
        """``undo``: how the changed devices were before (``corrections``), kept for "no, I meant ..."."""
        action = Action("mihome.control", {"commands": list(commands)}) if commands else None
        state: dict[str, Any] = {"last": t.ids(found.devices), **({"undo": undo} if undo else {})}
        return say(turn, " ".join((text, *found.notes)), action=action, state=state)

    # --- intents ----------------------------------------------------------------------------------------------

    def _each(self, turn: Turn, change: Any, word: str) -> Activity:
        if oscillation_in(turn.text) is not None:  # "stop the fan oscillating" is not "stop the fan"
            return self._oscillate(turn)
        found = self._resolve(turn)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        commands = [{"device": d["id"], "set": change(d)} for d in devices]
        kind = devices[0].get("kind")
        if kind == "vacuum":
            started = "Resuming" if _RESUME.search(turn.text) else "Starting"
            text = f"{started} the robot vacuum." if word == "on" else "Sending the robot vacuum back to its dock."
        elif kind == "curtains":
            text = f"{'Opening' if word == 'on' else 'Closing'} {t.names(devices)}."
        else:
            text = f"Turning {word} {t.names(devices)}."
        reverted, restored = corrections.undone(turn, devices)  # "no, I meant the office": the kitchen lamp back
        text = " ".join(filter(None, (text, corrections.put_back(restored))))
        undo = corrections.before(commands, devices)
        return self._act(turn, [*commands, *reverted], text, found, undo=undo)

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

    def _level(self, turn: Turn) -> Activity:
        level = number(turn.slot("percent"))
        percent = re.search(r"\b(\d+(?:\.\d+)?)\s*(?:%|percent\b)", turn.text.lower())  # a tagger's "and": no level
        level = float(percent.group(1)) if level is None and percent else level
        level = w.speed_in(turn.text) if level is None else level  # "set it to speed 1": no percent slot
        named_speed = fans.speed_level_in(turn.text)  # "max speed": a fan's, whatever was said before
        level = named_speed if level is None else level
        if level is None and re.search(r"\bhalf(?: ?way)?\b", turn.text.lower()):  # "half brightness", "halfway"
            level = 50
        if level is None and any(word in w.VERBS for word in turn.text.lower().split()):
            return self._adjust(turn)  # "dim the bedroom lights": a step down, not a question
        if level is None or not 0 <= level <= 100:
            said = level if level is not None else number(re.sub(r"[^\d.]+", " ", str(turn.slot("percent", ""))))
            out_of_range = "Levels go from 0 to 100 percent. " if said is not None and said > 100 else ""
            return ask(turn, "percent", f"{out_of_range}To what level, in percent?")
        found = self._resolve(turn, default_kind="fan", implied=True) if named_speed else self._resolve(turn)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        if named_speed and any(d.get("kind") != "fan" for d in devices):
            return say(turn, "Only the fans have speeds.")
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
        if steps.is_step(turn.text, turn.slot("direction")):  # "turn the ac down 2 degrees": from its setting
            return self._adjust(turn)
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
        """``degrees`` as said (in Celsius or Fahrenheit, see ``degrees.setting``)."""
        setting = steps.setting(degrees, unit, self._fahrenheit)
        if isinstance(setting, str):
            return say(turn, setting)
        celsius, said = setting
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
        wanted = adjustment.read(turn, self._find.kind_in(turn.text), self._find.vocabulary(turn))
        if wanted.refusal:
            return say(turn, wanted.refusal)
        direction, degrees, target = wanted.direction, wanted.degrees, wanted.target
        found = self._resolve(
            turn, keep=wanted.keep, remember={"setting": target}, default_kind=wanted.kind, implied=wanted.implied
        )
        if isinstance(found, Activity):
            return found
        devices = found.devices
        if target is not None and all(d.get("kind") in (*_LEVELS, "ac") for d in devices):
            ac = all(d.get("kind") == "ac" for d in devices)
            return self._set_temperature(turn, target) if ac else self._set_level(turn, target, found)
        if degrees is not None:
            return self._step_temperature(turn, degrees, found)
        if fans.says_speed(turn.text) and any(d.get("kind") != "fan" for d in devices):
            return say(turn, "Only the fans have speeds.")
        commands: list[Command] = []
        for d in devices:
            change = adjusted(d, direction)
            if change is None:
                return say(turn, f"I can't make the {d.get('name')} {direction or 'different'}.")
            commands.append({"device": d["id"], "set": change})
        if all(d.get("kind") == "fan" for d in devices):
            faster = direction in ("faster", "up", "cooler")
            return self._act(turn, commands, fans.speed_reply(devices, commands, faster), found)
        verb = "Turning" if direction in ("up", "down") else "Making"
        return self._act(turn, commands, f"{verb} {t.names(devices)} {direction}.", found)

    def _step_temperature(self, turn: Turn, degrees: int, found: t.Targets) -> Activity:
        """ "Raise the temperature by 2 degrees": each air conditioner from its own setting, within its range."""
        if any(d.get("kind") != "ac" for d in found.devices):
            return say(turn, "Only the air conditioners go up or down by degrees.")
        commands, text = steps.moved(found.devices, degrees)
        return self._act(turn, commands, text, found)

    def _oscillate(self, turn: Turn) -> Activity:
        return oscillate(turn, self._find, self._resolve, self._act)

    def _fan_speed(self, turn: Turn) -> Activity:
        """ "Fan on high", "max speed": a speed; "speed up the fan": a step; "speed up the timer": not a fan."""
        if fans.stray_word(turn.text, self._find.vocabulary(turn)) is not None:
            return say(turn, "I can change the speed of the fans only.")
        if turn.has("percent") or fans.speed_level_in(turn.text) is not None:
            return self._level(turn)
        if not turn.has("direction") and not fans.says_speed(turn.text):  # "max": no speed, no way
            return say(turn, "Say speed up or slow down the fan, or a speed from 1 to 3.")
        return self._adjust(turn)


def create(context: SkillContext) -> DevicesSkill:
    return DevicesSkill(context)
