"""The devices skill's answers to questions: "is the kitchen lamp on", "what's on right now", "is it on", and
"what's the temperature in the bedroom" (its air conditioner's setting: the home has no room thermometer).

Questions never change a device; they keep the devices they talked about, so "turn it off" follows up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.devices import room_temperature
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w
from assistant.router.skills.builtin.devices.finding import Finder
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

Resolve = Callable[..., "t.Targets | Activity"]
#: A place named after "in the": a room of the home, or something else ("what's in the fridge").
_IN_PLACE = re.compile(r"\bin (?:the|my) ((?!home\b|house\b)[\w ]+?)[?.!]*$", re.IGNORECASE)


class StatusAnswers:
    def __init__(self, finder: Finder) -> None:
        self._find = finder

    def answer(self, turn: Turn, resolve: Resolve) -> Activity:
        """``resolve``: the skill's way to the devices a turn names (or the reply that asks which)."""
        if room_temperature.asks_temperature(turn.text) and not self._find.names_any(turn):
            return self.room_temperature(turn)  # "what's the temperature in the bedroom"
        if not w.points_back(turn.text) and (w.asks_what_is_on(turn.text) or not self._find.names_any(turn)):
            return self.what_is_on(turn)  # "what's on right now": not only the device of the last turn
        last = [d for d in turn.devices if d.get("id") in (turn.state.get("last") or [])]
        if not self._find.names_any(turn, rooms=True):
            # "is it on": what the last turn was about (a room the router carried over from it is not narrower)
            return say(turn, " ".join(t.describe(d) for d in last)) if last else self.what_is_on(turn)
        kind = self._find.kind_in(turn.text)
        same = [d for d in last if d.get("kind") == kind]
        only_one = not (w.says_plural_kind(turn.text) or self._find.rooms_in(turn.text))  # not "are the lights on"
        if same and only_one and not t.named(turn.devices, turn.text, kind):
            return say(turn, " ".join(t.describe(d) for d in same))  # "what's the fan speed": the fan just used
        found = resolve(turn, all_rooms=True)
        if isinstance(found, Activity):
            return found
        devices = found.devices
        return say(turn, " ".join(t.describe(d) for d in devices), state={"last": t.ids(devices)})

    def room_temperature(self, turn: Turn) -> Activity:
        """ "What's the temperature in the bedroom": the rooms the words name (never a room carried over from the
        last request, nor a city: that is the weather's question)."""
        rooms = self._find.rooms_in(turn.text)
        if self._find.kind_in(turn.text) not in (None, "ac"):  # "how hot is the bedroom lamp": no thermometer
            return say(turn, "I can only say what the air conditioners are set to.")
        if not rooms:
            return say(turn, "I can say what the air conditioners are set to: ask about a room, like the bedroom.")
        acs = room_temperature.air_conditioners(turn.devices, rooms)
        state: dict[str, Any] | None = {"last": t.ids(acs)} if acs else None
        return say(turn, room_temperature.answer(turn.devices, rooms), state=state)

    def what_is_on(self, turn: Turn) -> Activity:
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

    def inventory(self, turn: Turn) -> Activity:
        """ "What devices do I have", "what's in the kitchen": every device, room by room (only the rooms the words
        name, when they name some), on or off; nothing changes."""
        rooms = self._find.rooms_in(turn.text)
        place = _IN_PLACE.search(turn.text)
        if not rooms and place is not None:  # "what's in the fridge": no room of the home
            hint = 'I can list your Mi Home devices: say "what devices do I have".'
            return say(turn, f"I don't know what's in the {place.group(1)}. {hint}")
        if not turn.devices:
            return say(turn, "I can't see any Mi Home devices right now. Is the hub connected?")
        shown = [d for d in turn.devices if not rooms or d.get("room") in rooms]
        by_room: dict[str, list[str]] = {}
        for device in shown:
            room = str(device.get("room", "")).replace("_", " ")
            name = str(device.get("name") or device.get("id")).removeprefix(f"{room} ")
            by_room.setdefault(room, []).append(f"the {name}" if rooms else name)
        if rooms:
            said = [f"In the {room}: {spoken_list(names)}." for room, names in by_room.items()]
            return say(turn, " ".join(said) or "There are no devices there.")
        listed = [f"{room.capitalize()}: {spoken_list(names)}." for room, names in by_room.items()]
        return say(turn, f"You have {len(shown)} devices. {' '.join(listed)}")
