"""The two steps every devices request shares: which devices it means (or the question that asks which), and the
reply that changes them, remembering what it did for the next turn.

The skill's state after a change: ``last`` (the devices of this turn: "turn it off"), ``group`` (the devices the
recent turns of the same request switched: "turn on the bedroom light", "and the kitchen", then "turn them off" is
both), ``intent`` (that request) and ``undo`` (how the changed devices were before, for "no, I meant ...": see
``corrections``). A correction puts back what it no longer names, whatever the change was: a switch, a level, a
temperature or a mode.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.devices import corrections
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices.finding import Finder
from assistant.router.skills.replies import Action, ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

Command = dict[str, Any]
MAX_OFFERED = 4
"""More rooms than this are not read out in the question: a list that long is harder to hear than to guess."""
#: What the skill keeps in its state for the answer to its "Which room?" only: each question sets it anew.
_PENDING = ("oscillate", "setting", "asked_mode")


class Acting:
    def __init__(self, finder: Finder) -> None:
        self.find = finder

    def resolve(
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
        found = self.find.targets(turn, **options)
        if found.problem:
            return say(turn, found.problem)
        state = {**{k: v for k, v in turn.state.items() if k not in _PENDING}, **(remember or {})}
        if found.missing:
            which = which_room(found.rooms) if found.missing == "room" else "Which device?"
            return ask(turn, found.missing, which, slots=keep, state=state)
        return found

    def act(self, turn: Turn, commands: Sequence[Command], text: str, found: t.Targets) -> Activity:
        """Send ``commands`` for ``found``'s devices and say ``text`` (with the notes of what was not done). For a
        correction, the devices the corrected request changed and this one does not name are put back too."""
        reverted, restored = corrections.undone(turn, found.devices)  # "no, I meant the office": the kitchen back
        text = " ".join(filter(None, (text, corrections.put_back(restored), *found.notes)))
        every = [*commands, *reverted]
        action = Action("mihome.control", {"commands": every}) if every else None
        return say(turn, text, action=action, state=self.remembered(turn, found.devices, commands))

    def remembered(self, turn: Turn, devices: Sequence[t.Device], commands: Sequence[Command]) -> dict[str, Any]:
        """The state after acting on ``devices``: the group grows while the same request goes on ("and the
        kitchen"), and starts again with another one."""
        last = t.ids(devices)
        going_on = turn.state.get("intent") == turn.intent and turn.corrects is None  # a correction replaces
        group = turn.state.get("group") if going_on else None
        grown = [*(g for g in group if g not in last), *last] if isinstance(group, list) else last
        undo = corrections.before(commands, devices)
        return {"last": last, "group": grown, "intent": turn.intent, **({"undo": undo} if undo else {})}


def which_room(rooms: Sequence[str]) -> str:
    """ "Which room: the office or the bedroom?"; a plain "Which room?" when the rooms are many or unknown."""
    if not 1 < len(rooms) <= MAX_OFFERED:
        return "Which room?"
    return f"Which room: {spoken_list([f'the {r}' for r in rooms], 'or')}?"
