"""Which of the reported devices a turn means: the NLU's slots, the words themselves, and the previous turn.

The slots give one kind and one room; the words may name a device by its own name ("the tv plug"), several parts
("the kitchen and the bedroom", ``parts``), or point back ("turn them off": the devices of the previous turn, even
when the router carried only the last request's room and kind over). The rooms and kinds come from the manifest.
"""

from __future__ import annotations

from assistant.router.skills.builtin.devices import all_but, parts
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.turn import Turn


class Finder:
    def __init__(self, manifest: SkillManifest) -> None:
        self.rooms = w.room_words(manifest.slot("room").values)
        self.kinds = w.kind_words(manifest.slot("device").values)

    def targets(
        self, turn: Turn, *, default_kind: str | None = "lamp", all_rooms: bool = False, implied: bool = False
    ) -> t.Targets:
        # the words' own kind when the NLU tagged none ("keep the bedroom light on", chosen from context)
        said_kind = self.kind_in(turn.text) or w.activity_kind(turn.text)
        kind = t.kind_of(turn.slot("device")) if turn.has("device") else said_kind
        kind = kind or w.activity_kind(turn.text)
        carried = said_kind is None and self.names_other(turn)
        if carried:  # "turn on the tv" after a lamp: the lamp's kind was the last request's, carried over
            kind = None
        # "turn them off": every device the last turns of one request switched ("the bedroom", "and the kitchen")
        previous = turn.state.get("group" if w.points_back_plural(turn.text) else "last") or turn.state.get("last")
        previous = previous if isinstance(previous, list) else []
        if (left_out := all_but.split(turn.text)) is not None:  # "the lights except the bedroom": never the bedroom
            found = all_but.all_but(turn.devices, left_out, rooms=self.rooms, kinds=self.kinds, any_kind=False)
            return self.switched_on_first(turn, found)
        several = parts.several(
            turn.devices, turn.text, kinds=self.kinds, rooms=self.rooms, fallback_kind=kind or default_kind,
            previous=previous, all_rooms=all_rooms, intent=turn.intent,
        )  # fmt: skip
        if several is not None:  # "the lights in the kitchen and the bedroom"
            return several
        if w.points_back(turn.text) and not self.names_any(turn, rooms=True):  # "turn them off": all of the last
            again = tuple(d for d in turn.devices if d.get("id") in previous)
            again = tuple(d for d in again if not implied or d.get("kind") == default_kind)
            if again:
                return t.Targets(again)
        if turn.has("device") and kind is None and not carried:
            return t.Targets(problem=f"I can't control the {turn.slot('device')}: {t.CONTROLLABLE}.")
        room = t.snake(turn.slot("room")) if turn.has("room") else None
        said_rooms = self.rooms_in(turn.text)
        if len(said_rooms) == 1 and room not in said_rooms:  # a room carried over or not tagged: the one said
            room = said_rooms[0]
        # a device called by its own name ("the tv plug") is that one, whatever the previous turn was about (its
        # room too: a room only carried over is not checked)
        named = tuple(d for d in t.named(turn.devices, turn.text, kind) if kind is None or d.get("kind") == kind)
        if named:
            room = room if said_rooms else None
            there = tuple(d for d in named if room is None or d.get("room") == room)
            where = f"{t.names(named).capitalize()} {'are' if len(named) > 1 else 'is'} not in the {t.spaced(room)}."
            return t.Targets(there) if there else t.Targets(problem=where)
        if kind is None and (unsimulated := w.unsimulated(turn.text)):  # not the kitchen lamp for "the kitchen tv"
            return t.Targets(problem=f"I can't control the {unsimulated}: {t.CONTROLLABLE}.")
        other = w.other_room(turn.text)
        if other and (room is None or not self.rooms_in(turn.text)):  # "the garage light": no other room's lamp
            if not any(d.get("room") == t.snake(other) for d in turn.devices):
                return t.Targets(problem=t.no_such_room(other, turn.devices))
            room = t.snake(other)
        everywhere = all_rooms or (room is None and w.says_all(turn.text))  # "turn on all the lights"
        if not self.rooms_in(turn.text) and w.says_plural_kind(turn.text) and kind is not None:
            # "turn off the lights" (a room the router carried over is not in the words): every lamp
            found = t.find_targets(turn.devices, kind, None, (), default_kind=kind, all_rooms=True)
            return self.switched_on_first(turn, found)
        return t.find_targets(
            turn.devices, kind, room, previous, default_kind=default_kind, all_rooms=everywhere, implied=implied
        )

    @staticmethod
    def switched_on_first(turn: Turn, found: t.Targets) -> t.Targets:
        """Of several devices, those that are on, when some are and the request is no switching on: "turn off the
        lights" is the lamps that are on, "dim the lights" does not switch the others on."""
        on = tuple(d for d in found.devices if t.is_on(d))
        if turn.intent in ("devices.on", "devices.status") or not on or len(on) == len(found.devices):
            return found
        return t.Targets(on, notes=found.notes)

    def names_any(self, turn: Turn, *, rooms: bool = False) -> bool:
        """Whether the words themselves name a kind or a device (or, with ``rooms``, a room): slots the router
        carried over from the previous request are not in them."""
        return (
            self.kind_in(turn.text) is not None
            or bool(t.named(turn.devices, turn.text, None))
            or (rooms and bool(self.rooms_in(turn.text)))
        )

    def names_other(self, turn: Turn) -> bool:
        """Whether the words, naming no kind, name a device by its own name ("the tv": the tv plug) or an appliance
        the home has no kind for ("the oven"): a kind in the slots then is only the last request's, carried over."""
        return bool(t.named(turn.devices, turn.text, None)) or w.unsimulated(turn.text) is not None

    def vocabulary(self, turn: Turn) -> set[str]:
        """Every way the manifest says a room or a kind, and the reported devices' names."""
        names = {t.plain_words(str(d.get("name") or "")) for d in turn.devices}
        return {*self.rooms, *self.kinds, *names}

    def kind_in(self, text: str) -> str | None:
        """The first kind the words name: "which lights are on" -> lamp."""
        return parts.kind_in(t.plain_words(text), self.kinds)

    def rooms_in(self, text: str) -> list[str]:
        return w.rooms_in(text, self.rooms)
