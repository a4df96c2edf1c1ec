"""The devices skill: turns "dim the bedroom light to 30 percent" into ``mihome.control`` commands.

It reads the device list the speaker's hub reported in this turn, decides, and answers with commands for the hub
to apply; it keeps only the ids it acted on (so "turn it off" and "make it warmer" follow up, see ``acting``).
Whole-home actions ("turn off everything") ask for confirmation first. Switching is in ``switching``, colours,
temperatures and modes in ``lamp_and_ac_settings``; levels and steps ("make it dimmer") are here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.router.services.spoken_values import number
from assistant.router.skills.builtin.devices import adjustment, percent_steps, switching
from assistant.router.skills.builtin.devices import degrees as steps
from assistant.router.skills.builtin.devices import fan_controls as fans
from assistant.router.skills.builtin.devices import lamp_and_ac_settings as settings
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w
from assistant.router.skills.builtin.devices.acting import Acting, Command
from assistant.router.skills.builtin.devices.changes import adjusted, at_level, extreme, fan_level
from assistant.router.skills.builtin.devices.finding import Finder
from assistant.router.skills.builtin.devices.oscillation import oscillate, oscillation_in
from assistant.router.skills.builtin.devices.status_answers import StatusAnswers
from assistant.router.skills.builtin.devices.whole_home import all_off
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import ask, say
from assistant.router.skills.turn import Turn
from assistant.router.speech import FALLBACK_START
from bridge.cortana import Activity

#: The kinds a percentage sets (brightness, speed, how far open); an air conditioner's number is degrees.
_LEVELS = ("lamp", "fan", "curtains")
#: Intents that only ask: a time in their words ("what was on at 7 pm") is no schedule to refuse.
#: A request that switches, whatever an engine took it for: "turn on the tv plug", "switch the fan off".
_SWITCH = re.compile(r"^\s*(?:please\s+)?(?:turn|switch)\s+(?:\w+\s+)*?(on|off)\b(?!.*\?\s*$)", re.IGNORECASE)
_QUESTIONS = ("devices.status", "devices.room_temperature", "devices.list")
_LATER = "I can't schedule device changes yet; say it when you want it."
#: Directions that turn a device down: an off device stays off ("turn it down" right after "turn it off").
_LOWERING = ("down", "dimmer", "slower")


class DevicesSkill:
    def __init__(self, context: SkillContext) -> None:
        self._find = Finder(context.manifest)  # the words for rooms and kinds; the devices come with each turn
        self._acting = Acting(self._find)
        self._questions = StatusAnswers(self._find)
        self._fahrenheit = context.settings.locale.lower().endswith("-us")  # "set the ac to 72"

    def handle(self, activity: Activity) -> Activity:
        turn = Turn.of(activity)
        if turn.intent not in _QUESTIONS and w.delayed(turn.text):  # "turn off the light in 10 minutes": not now
            return say(turn, _LATER)
        if turn.intent not in _QUESTIONS and w.not_asked_to_act(turn.text):  # "should i stop at red lights"
            return say(turn, f'{FALLBACK_START} To change a device, say what to do: "turn off the lights".')
        return dispatch(
            turn,
            {
                "devices.on": lambda turn: self._switch(turn, "on"),
                "devices.off": lambda turn: self._switch(turn, "off"),
                "devices.pause": lambda turn: switching.pause(turn, self._acting),
                "devices.all_off": lambda turn: all_off(turn, self._acting.act, self._find),
                "devices.level": self._level,
                "devices.color": lambda turn: settings.color(turn, self._acting),
                "devices.temperature": self._temperature,
                "devices.mode": lambda turn: settings.mode(turn, self._acting, self._fahrenheit),
                "devices.adjust": self._adjust,
                "devices.temperature_step": self._adjust,  # "raise the temperature by 2 degrees"
                "devices.fan_speed": self._fan_speed,
                "devices.room_temperature": self._questions.room_temperature,
                "devices.status": self._status,
                "devices.list": self._questions.inventory,
                "devices.oscillate": self._oscillate,
            },
        )

    def _switch(self, turn: Turn, word: str) -> Activity:
        if oscillation_in(turn.text) is not None:  # "stop the fan oscillating" is not "stop the fan"
            return self._oscillate(turn)
        return switching.switch(turn, self._acting, word)

    def _status(self, turn: Turn) -> Activity:
        switch = _SWITCH.match(turn.text)
        if switch is not None:  # "turn on the tv plug and ...", taken for a question: never answered as one
            state = "on" if switch.group(1).lower() == "on" else "off"
            return self._switch(replace(turn, intent=f"devices.{state}"), state)  # the router hears which
        return self._questions.answer(turn, self._acting.resolve)

    def _level(self, turn: Turn) -> Activity:
        if (step := percent_steps.step_in(turn.text)) is not None:  # "brighten the lights by 10 percent"
            return self._step_percent(turn, step)
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
        # "set the speed to low": the fans', when the words name no device and point at none
        speed = named_speed is not None or not (self._find.names_any(turn) or w.points_back(turn.text))
        speed = speed and fans.says_speed(turn.text)
        found = self._acting.resolve(turn, default_kind="fan", implied=True) if speed else self._acting.resolve(turn)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        if named_speed and any(d.get("kind") != "fan" for d in devices):
            return say(turn, "Only the fans have speeds.")
        if w.bare(turn.text, w.SAYS_LEVEL) and all(d.get("kind") == "ac" for d in devices):  # "set the ac to 21"
            return settings.temperature(turn, self._acting, level, None, self._fahrenheit)
        return self._set_level(turn, level, found)

    def _step_percent(self, turn: Turn, step: int) -> Activity:
        found = self._acting.resolve(turn)
        if isinstance(found, Activity):
            return found
        if step < 0 and not self._find.names_any(turn, rooms=True):  # "dim it by 10 percent": an off lamp stays off
            off = [d for d in found.devices if d.get("kind") == "lamp" and not t.is_on(d)]
            if off and len(off) == len(found.devices):
                return self._acting.act(turn, [], switching.left_off(off), found)
        commands: list[Command] = []
        for d in found.devices:
            change = percent_steps.stepped(d, step)
            if change is None:
                return say(turn, f"The {d.get('name')} has no level to change by percent.")
            commands.append({"device": d["id"], "set": change})
        return self._acting.act(turn, commands, percent_steps.reply(found.devices, commands, step), found)

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
            text = f"Setting {t.names(devices)} to speed {speed} of {t.FAN_SPEEDS[1]}."
            return self._acting.act(turn, commands, text, found)
        return self._acting.act(turn, commands, f"Setting {t.names(devices)} to {level:g} percent.", found)

    def _temperature(self, turn: Turn) -> Activity:
        if steps.is_step(turn.text, turn.slot("direction")):  # "turn the ac down 2 degrees": from its setting
            return self._adjust(turn)
        value = turn.slot("temperature")
        degrees = number(value)
        if degrees is None and (said := steps.said_in(turn.text)) is not None:  # "heat and twenty five degrees"
            degrees, value = said[0], {"value": said[0], "unit": said[1]}
        if degrees is None:
            return ask(turn, "temperature", "To what temperature?")
        if not turn.has("device") and (unsimulated := w.unsimulated(turn.text)):  # "set the oven to 200 degrees"
            return say(turn, f"I can't control the {unsimulated}: {t.CONTROLLABLE}.")
        unit = value.get("unit") if isinstance(value, Mapping) else None
        if unit is None and w.bare(turn.text, w.SAYS_DEGREES) and (turn.has("device") or not turn.has("room")):
            # "set the bedroom fan to 40", or "set it to 40" after the kitchen lamp: a level, not degrees; "set it
            # to 40" with nothing before it could be either; "set the fan to 3" with two fans asks which
            named = self._find.targets(turn)
            level_kind = t.kind_of(turn.slot("device")) in _LEVELS
            if named.missing == "device" or (named.missing and level_kind and 0 <= degrees <= 100):
                asked = self._acting.resolve(turn)  # "Which room?", the number kept for the answer
                if isinstance(asked, Activity):
                    return asked
            if named.devices and all(d.get("kind") in _LEVELS for d in named.devices) and 0 <= degrees <= 100:
                return self._set_level(turn, degrees, named)
        return settings.temperature(turn, self._acting, degrees, unit, self._fahrenheit)

    def _adjust(self, turn: Turn) -> Activity:
        wanted = adjustment.read(turn, self._find.kind_in(turn.text), self._find.vocabulary(turn))
        if wanted.refusal:
            return say(turn, wanted.refusal)
        direction, degrees, target = wanted.direction, wanted.degrees, wanted.target
        found = self._acting.resolve(
            turn, keep=wanted.keep, remember={"setting": target}, default_kind=wanted.kind, implied=wanted.implied
        )
        if isinstance(found, Activity):
            return found
        if target is not None and all(d.get("kind") in (*_LEVELS, "ac") for d in found.devices):
            if all(d.get("kind") == "ac" for d in found.devices):
                return settings.temperature(turn, self._acting, target, None, self._fahrenheit)
            return self._set_level(turn, target, found)
        if degrees is not None:
            return self._step_temperature(turn, degrees, found)
        if fans.says_speed(turn.text) and any(d.get("kind") != "fan" for d in found.devices):
            return say(turn, "Only the fans have speeds.")
        if (direction in _LOWERING or wanted.extreme == -1) and not self._find.names_any(turn, rooms=True):
            # "turn it down" right after "turn it off": not switched back on to be dimmed ("dim the bedroom
            # lights" names the lamp: on, dimmed)
            off = [d for d in found.devices if d.get("kind") in ("lamp", "ac", "fan") and not t.is_on(d)]
            if off and len(off) == len(found.devices):
                return self._acting.act(turn, [], switching.left_off(off), found)
            on = tuple(d for d in found.devices if d not in off)
            found = replace(found, devices=on, notes=(*found.notes, *([switching.left_off(off)] if off else [])))
        if wanted.extreme is not None:
            return self._all_the_way(turn, wanted.extreme > 0, found)
        return self._step(turn, direction, found)

    def _step(self, turn: Turn, direction: str, found: t.Targets) -> Activity:
        devices = found.devices
        commands: list[Command] = []
        for d in devices:
            change = adjusted(d, direction)
            if change is None:
                return say(turn, f"I can't make the {d.get('name')} {direction or 'different'}.")
            commands.append({"device": d["id"], "set": change})
        if all(d.get("kind") == "fan" for d in devices):
            faster = direction in ("faster", "up", "cooler")
            return self._acting.act(turn, commands, fans.speed_reply(devices, commands, faster), found)
        verb = "Turning" if direction in ("up", "down") else "Making"
        return self._acting.act(turn, commands, f"{verb} {t.names(devices)} {direction}.", found)

    def _all_the_way(self, turn: Turn, up: bool, found: t.Targets) -> Activity:
        """ "Turn it all the way up": a lamp's full brightness, a fan's top speed, curtains fully open."""
        commands: list[Command] = []
        for d in found.devices:
            change = extreme(d, up)
            if change is None and d.get("kind") == "ac":
                low, high = t.AC_RANGE
                return say(turn, f"Say a temperature for the air conditioner, from {low} to {high} degrees.")
            if change is None:
                return say(turn, f"The {d.get('name')} has nothing to turn {'up' if up else 'down'}.")
            commands.append({"device": d["id"], "set": change})
        way = "up" if up else "down"
        return self._acting.act(turn, commands, f"Turning {t.names(found.devices)} all the way {way}.", found)

    def _step_temperature(self, turn: Turn, degrees: int, found: t.Targets) -> Activity:
        """ "Raise the temperature by 2 degrees": each air conditioner from its own setting, within its range."""
        if any(d.get("kind") != "ac" for d in found.devices):
            return say(turn, "Only the air conditioners go up or down by degrees.")
        commands, text = steps.moved(found.devices, degrees)
        return self._acting.act(turn, commands, text, found)

    def _oscillate(self, turn: Turn) -> Activity:
        return oscillate(turn, self._find, self._acting.resolve, self._acting.act)

    def _fan_speed(self, turn: Turn) -> Activity:
        """ "Fan on high", "max speed": a speed; "speed up the fan": a step; "speed up the timer": not a fan;
        "what's the fan speed": a question."""
        if w.asks(turn.text):
            return self._status(turn)
        if fans.stray_word(turn.text, self._find.vocabulary(turn)) is not None:
            return say(turn, "I can change the speed of the fans only.")
        if turn.has("percent") or fans.speed_level_in(turn.text) is not None:
            return self._level(turn)
        if not turn.has("direction") and not fans.says_speed(turn.text):  # "max": no speed, no way
            return say(turn, "Say speed up or slow down the fan, or a speed from 1 to 3.")
        return self._adjust(turn)


def create(context: SkillContext) -> DevicesSkill:
    return DevicesSkill(context)
