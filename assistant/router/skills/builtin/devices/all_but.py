"""Requests that leave something out: "turn off the lights except the bedroom", "close the curtains apart from the
living room's", "turn off everything but the tv plug".

The NLU's room slot may hold the room left out (it tags "bedroom" in "except the bedroom"), so the words are read
here: what comes before "except" says which devices (a kind, maybe rooms), what comes after says which of them to
leave alone (rooms, a kind, a device's own name). What cannot be read is refused, never guessed: acting on the
room the user wanted left alone is the worst mistake there is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.router.skills.builtin.devices import parts
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w

_BUT = re.compile(
    r"\b(?:except(?: for)?|excepting|but not|apart from|other than|besides|save for|(?:but|and) (?:leave|keep)"
    r"|not in)\b"
)
_UNCLEAR = 'I couldn\'t tell what to leave out. Say it like "turn off the lights except the bedroom".'


@dataclass(frozen=True)
class LeftOut:
    """The two sides of a request that leaves something out."""

    wanted: str
    """The words before "except": which devices ("turn off the lights")."""
    left: str
    """The words after it: what to leave alone ("the bedroom")."""


def split(text: str) -> LeftOut | None:
    """The request's two sides, or None when nothing is left out."""
    said = t.plain_words(text)
    found = _BUT.search(said)
    if found is None or not said[: found.start()].strip():  # "keep the bedroom light on" leaves nothing out
        return None
    return LeftOut(said[: found.start()].strip(), said[found.end() :].strip())


def all_but(
    reported: Sequence[t.Device],
    said: LeftOut,
    *,
    rooms: Mapping[str, str],
    kinds: Mapping[str, str],
    any_kind: bool,
) -> t.Targets:
    """The devices of ``said.wanted`` (every room unless it names some) but those ``said.left`` names; with
    ``any_kind``, wanted words that name no kind ("turn off everything") are every device."""
    left_rooms = w.rooms_in(said.left, rooms)
    left_kind = parts.kind_in(said.left, kinds)
    left_named = t.named(reported, said.left, left_kind)
    if not (left_rooms or left_kind or left_named):
        if room := w.other_room(said.left):
            return t.Targets(problem=t.no_such_room(room, reported))
        return t.Targets(problem=_UNCLEAR)
    kind = parts.kind_in(said.wanted, kinds)
    if kind is None and not any_kind:
        return t.Targets(problem='Say which devices, like "the lights except the bedroom".')
    wanted_rooms = w.rooms_in(said.wanted, rooms)
    chosen = [
        d for d in reported if kind in (None, d.get("kind")) and (not wanted_rooms or d.get("room") in wanted_rooms)
    ]

    def left_alone(device: t.Device) -> bool:
        if device in left_named:
            return True
        in_room = not left_rooms or device.get("room") in left_rooms
        return in_room and left_kind in (None, device.get("kind")) and bool(left_rooms or left_kind)

    kept = tuple(d for d in chosen if left_alone(d))
    devices = tuple(d for d in chosen if not left_alone(d))
    if not devices:
        return t.Targets(problem=f"That leaves nothing to change: {t.names(kept) or 'nothing'} is all there is.")
    note = f"I left {t.names(kept)} as {'it was' if len(kept) == 1 else 'they were'}." if kept else ""
    return t.Targets(devices, notes=(note,) if note else ())
