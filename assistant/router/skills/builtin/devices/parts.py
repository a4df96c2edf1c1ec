"""Requests for several devices at once: "the lights in the kitchen and the bedroom", "the lamp and the office fan".

The NLU gives one device kind and one room; the words may give more, joined by "and" or commas. Each part is read
on its own (its kind, its rooms, a device's own name) and a part that says no kind takes its neighbour's ("the
kitchen and bedroom lights"). A part that cannot be done is said back, never dropped: the devices of the other
parts are acted on and the reply names what was left ("There's no fan in the kitchen.").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.builtin.devices import words as w

_JOINS = re.compile(r"\s*(?:,|;|&|\band\b|\bplus\b|\bas well as\b)\s*")
#: Words of a request that say what to do: a later part with its own ("and the fan off") is another request.
_ACTIONS = frozenset({"turn", "switch", "set", "make", "dim", "brighten", "open", "close", "start", "stop", "on",
                      "off", "up", "down", "pause", "change", "put", "dock"})  # fmt: skip
#: Words that say the other way from an intent: a part of a devices.on request that says "off" is not turned on.
_OPPOSITE = {
    "devices.on": frozenset({"off", "close", "stop", "dock"}),
    "devices.off": frozenset({"on", "open", "start"}),
}
#: Intents whose change switches a device on (a level, a colour, a temperature, a speed): a part that only says
#: "turn on" is done by it ("turn on the bedroom fan and speed it up"), and a part that says "off" is not.
_SWITCHING_ON = frozenset({"devices.level", "devices.color", "devices.temperature", "devices.mode", "devices.adjust",
                           "devices.temperature_step", "devices.fan_speed"})  # fmt: skip
_ONLY_ON = frozenset({"turn", "switch", "on", "start"})
#: Words around a request that name nothing: ", please", "and then".
_FILLER = frozenset({"please", "thanks", "thank", "you", "now", "right", "then", "too", "also", "as", "well", "the",
                     "a", "ok", "okay", "both", "in", "of"})  # fmt: skip


#: A part that is a setting of the request, not a device: "... to heat and twenty five degrees", "and 50 percent".
_SETTING = re.compile(
    r"^(?:(?:to|at|in|on)\s+)?(?:[a-z0-9.]+\s+){0,3}(?:degrees?|percent|per cent|mode)(?:\s+(?:celsius|fahrenheit))?$"
    r"|^(?:(?:to|at|in|on)\s+)?(?:cool|cooling|heat|heating|dry|auto|automatic)$"
)


@dataclass(frozen=True)
class _Part:
    said: str
    kind: str | None
    rooms: tuple[str, ...]


def split(text: str) -> list[str]:
    """The parts of a request, filler and settings left out: "turn off the lamp and the fan, please" -> two parts,
    "set the ac to heat and twenty five degrees" -> one."""
    parts = [p.strip() for p in _JOINS.split(t.plain_words(text))]
    return [p for p in parts if p and not set(p.split()) <= _FILLER and not _SETTING.match(p)]


def several(
    reported: Sequence[t.Device],
    text: str,
    *,
    kinds: Mapping[str, str],
    rooms: Mapping[str, str],
    fallback_kind: str | None,
    previous: Sequence[str],
    all_rooms: bool = False,
    intent: str = "",
) -> t.Targets | None:
    """The devices of every part of a request of several parts; None for a request of one part."""
    said = split(text)
    if len(said) < 2 or not reported:
        return None
    parts = [_Part(s, kind_in(s, kinds), tuple(w.rooms_in(s, rooms))) for s in said]
    done = _to_do(parts, intent)
    naming = [bool(p.kind or p.rooms or t.named(reported, p.said, p.kind)) for p in parts]
    devices: list[t.Device] = []
    notes: list[str] = []
    for index, part in enumerate(parts):
        if not done[index]:
            notes.append(f'I didn\'t do "{part.said}": one change at a time, please.')
            continue
        if not naming[index] and w.points_back(part.said) and any(naming):  # "turn on the fan and speed it up"
            continue  # "it" is what the other parts name, not the previous turn's devices
        found = _one(
            reported,
            parts,
            index,
            fallback_kind,
            previous,
            all_rooms or w.says_all(part.said) or w.says_plural_kind(part.said),
        )
        devices.extend(d for d in found.devices if d not in devices)
        notes.extend(note for note in (found.problem,) if note and note not in notes)
    if not devices:
        return t.Targets(problem=" ".join(notes))
    return t.Targets(tuple(devices), notes=tuple(notes))


def _to_do(parts: Sequence[_Part], intent: str) -> list[bool]:
    """Which parts the turn's ``intent`` does: a part whose words say the other way ("turn off the kitchen light and
    turn on the bedroom light" read as devices.on), or another change than the part done first, is said back, never
    given a verb it did not say. A part without words of its own ("the bedroom light") goes with the part before; a
    part that only says "turn on" goes with a change that switches devices on."""
    switching_on = intent in _SWITCHING_ON
    against = _OPPOSITE.get(intent, _OPPOSITE["devices.on"] if switching_on else frozenset())
    said: list[set[str]] = []
    for part in parts:
        said.append(set(part.said.split()) & _ACTIONS or (said[-1] if said else set()))
    only_on = [switching_on and bool(words) and words <= _ONLY_ON for words in said]
    first = next((words for words, on in zip(said, only_on, strict=True) if not words & against and not on), set())
    return [not words & against and (on or not words - first) for words, on in zip(said, only_on, strict=True)]


def _one(
    reported: Sequence[t.Device],
    parts: Sequence[_Part],
    index: int,
    fallback_kind: str | None,
    previous: Sequence[str],
    all_rooms: bool,
) -> t.Targets:
    """One part's devices, or its ``problem`` (what the reply says about the part)."""
    part = parts[index]
    named = tuple(d for d in t.named(reported, part.said, part.kind) if part.kind in (None, d.get("kind")))
    if named:
        there = tuple(d for d in named if not part.rooms or d.get("room") in part.rooms)
        if there:  # a part with no room ("the tv plug") is every device it names
            return t.Targets(there)
        where = spoken_list([f"the {t.spaced(r)}" for r in part.rooms])
        return t.Targets(problem=f"{t.names(named).capitalize()} {'are' if len(named) > 1 else 'is'} not in {where}.")
    elsewhere = w.other_room(part.said) if not part.rooms else None
    if elsewhere and (part.kind is not None or not w.unsimulated(part.said)):  # "the garage light": not a guess
        if not any(d.get("room") == t.snake(elsewhere) for d in reported):
            return t.Targets(problem=t.no_such_room(elsewhere, reported))
        part = replace(part, rooms=(t.snake(elsewhere),))
    if part.kind is None and not part.rooms:
        if unsimulated := w.unsimulated(part.said):
            return t.Targets(problem=f"I can't control the {unsimulated}.")
        if w.points_back(part.said):
            return t.Targets(tuple(d for d in reported if d.get("id") in previous))
        return t.Targets(problem=f'I didn\'t understand "{part.said}".')
    kind = part.kind or _neighbour_kind(parts, index) or fallback_kind
    found: list[t.Device] = []
    problems: list[str] = []
    for room in part.rooms or (None,):
        one = t.find_targets(reported, kind, room, (), default_kind=kind, all_rooms=all_rooms)
        if one.missing == "room":  # "the lamp and the fan in the office": the room the other parts name
            other = {r for p in parts for r in p.rooms}
            guess = t.find_targets(reported, kind, other.pop(), (), default_kind=kind) if len(other) == 1 else one
            one = guess if guess.devices else one
        if one.missing == "room":
            places = sorted({f"the {t.spaced(d.get('room'))}" for d in reported if d.get("kind") == kind})
            label = t.LABELS.get(kind or "", "device")
            problems.append(f"For the {label}, say which room: {spoken_list(places).replace(' and ', ' or ')}.")
        found.extend(one.devices)
        problems.extend(p for p in (one.problem,) if p)
    return t.Targets(tuple(found), problem=" ".join(problems) or None)


def kind_in(said: str, kinds: Mapping[str, str]) -> str | None:
    """The kind the words of one part name: "the bedroom lights" -> lamp, "the coffee machine" -> plug."""
    padded = f" {said} "
    hits = [(padded.find(f" {words} "), kind) for words, kind in kinds.items() if f" {words} " in padded]
    return min(hits)[1] if hits else None


def _neighbour_kind(parts: Sequence[_Part], index: int) -> str | None:
    """The kind of the nearest part before, else after, that names one: "the kitchen and bedroom lights"."""
    before = [p.kind for p in parts[:index] if p.kind]
    after = [p.kind for p in parts[index + 1 :] if p.kind]
    return before[-1] if before else after[0] if after else None
