"""Slots the NLU engine missed or cut short, recovered from the chosen intent's templates (``template_match``).

Only what the manifest makes certain is taken, and never against the engine where it found something sound:

- a slot the engine did not fill gets the words in its place under the best-matching template: a listed slot's
  canonical value (the words matched one of its values), an ``open`` listed slot's words as said when they are
  mostly words no skill knows ("Atlantis": the handler says it has no weather there, where a tagger trained on
  the listed cities alone finds no city and the user would be asked for the city just named), a built-in typed
  slot's value when the words parse as one ("five minutes" -> 300 s; words that do not parse stay missing, so
  the dialogue asks), a free-text slot the words themselves;
- a free-text slot the engine filled with part of those words ("buy" of "buy flowers", "m late" of "I'm late")
  gets the whole of them, and one it filled with those words and another slot's ("take out the trash tonight",
  "tonight" being the date) gets only its own;
- a typed slot the engine filled with words that do not parse ("minutes" of "five minutes"), or with part of the
  words a whole template puts there ("twenty" of "twenty one degrees": 20, not 21), gets the template's.

So both engines give the skill the same slots for a sentence the templates cover, whatever each one's tagger
happens to miss.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.router.nlu.normalize import normalize
from assistant.router.phrases import normalise
from assistant.router.skills.manifest import IntentSpec, SkillManifest, SlotSpec
from assistant.router.slot_filling import listed_value
from assistant.router.template_match import TemplateMatch, readings
from assistant.router.vocabulary import unfamiliar, words_of

#: The slot type whose value is any words at all (a note, a message).
FREE_TEXT = "text"


def _value(spec: SlotSpec, raw: str, known: frozenset[str] = frozenset()) -> Any:
    """The slot's value for the words in its place, or None when the words are not a value of its type; ``known``
    (the skills' words) lets an open listed slot take a name no skill knows."""
    if spec.listed:
        listed = listed_value(spec, raw)
        return raw if listed is None and spec.open and unfamiliar(raw, known) else listed
    if spec.type == FREE_TEXT:
        return raw
    parsed = normalize(spec.type, raw)
    return None if isinstance(parsed, str) else parsed


def _within(found: Any, words: str) -> bool:
    """The engine's text is (part of) ``words``."""
    return isinstance(found, str) and f" {normalise(found)} " in f" {normalise(words)} "


def _cut_short(found: Any, whole: str) -> bool:
    """The engine's free text is a strict part of the template's words for the slot, cut at word edges or inside a
    word ("m late" of "I'm late": a tagger that splits words at apostrophes)."""
    if not isinstance(found, str):
        return False
    part, full = normalise(found), normalise(whole)
    return bool(part) and part != full and part in full


def _meaning(value: Any) -> Any:
    """A parsed value without the words it was parsed from."""
    return {k: v for k, v in value.items() if k != "value"} if isinstance(value, Mapping) else value


def _weekday(value: Any) -> bool:
    return isinstance(value, Mapping) and "weekday" in value


def _same(found: Any, words: str) -> bool:
    """The engine's text is the template's words before ``_hand_over`` gave some of them to the next slot."""
    return isinstance(found, str) and normalise(found) == normalise(words)


def _hand_over(manifest: SkillManifest, reading: TemplateMatch, values: dict[str, Any], text: str) -> dict[str, Any]:
    """Free text followed straight by a typed slot gives it its last words when they change the typed value ("pay
    the rent next" + "friday" is "pay the rent" + "next friday") or are the "on" of a weekday ("pay the rent on" +
    "friday"); the template reads the free text as long as it can. "turn the heating on" + "tomorrow" stays."""
    out = dict(values)
    said = " ".join(text.split())
    names = list(reading.raw)
    for first, second in itertools.pairwise(names):
        spec = manifest.slot(second)
        own, after = reading.raw[first], reading.raw[second]
        if manifest.slot(first).type != FREE_TEXT or not typed(spec) or out.get(second) is None:
            continue
        if f"{own} {after}" not in said:
            continue
        words, plain = own.split(), out[second]
        for k in range(min(2, len(words) - 1), 0, -1):
            moved = _value(spec, " ".join([*words[-k:], after]))
            if moved is not None and (_meaning(moved) != _meaning(plain) or _weekday(plain)):
                out[first], out[second] = " ".join(words[:-k]), moved
                break
    return out


def _starts_early(found: Any, own: str) -> bool:
    """The engine's free text is the template's fixed words and then the template's words for the slot ("and
    tell her i'm late" where "text {contact} and tell her {message}" reads the message "i'm late")."""
    return isinstance(found, str) and normalise(found).endswith(f" {normalise(own)}")


def _others_words(found: Any, reading: TemplateMatch, name: str) -> bool:
    """The engine's free text is another slot's words under the template ("Mom" as the message of "text mom and
    tell her I'm late")."""
    return any(other != name and _within(found, raw) for other, raw in reading.raw.items())


def _runs_into(found: Any, own: str, reading: TemplateMatch, name: str) -> bool:
    """The engine's free text is the template's words for the slot and then another slot's ("take out the trash
    tonight" where the template reads the reminder "take out the trash" and the date "tonight")."""
    if not isinstance(found, str):
        return False
    text = normalise(found)
    return normalise(own) in text and any(
        other != name and f" {normalise(raw)} " in f" {text} " for other, raw in reading.raw.items()
    )


def typed(spec: SlotSpec) -> bool:
    """A built-in typed slot (time, duration, number, date ...): no listed values and not free text."""
    return not spec.values and spec.type != FREE_TEXT


def unparsed(spec: SlotSpec, found: Any) -> bool:
    """A built-in typed slot the engine filled with words that are no value of its type ("minutes" cut from "five
    minutes" leaves a duration as plain text)."""
    return typed(spec) and isinstance(found, str) and _value(spec, found) is None


@dataclass(frozen=True)
class Recovered:
    slots: dict[str, Any]
    """The engine's slots with missed ones added and cut-short free text completed."""
    fits: bool
    """A template of the intent (or its start) reads the whole utterance, each slot's words a value of its type:
    evidence the engine's intent is right even when it was unsure ("define" alone is ``define {term}``)."""
    unlisted: tuple[str, ...] = ()
    """Open slots' values that are not on their lists: names, not unknown words to doubt the turn by."""


def recover(
    manifest: SkillManifest,
    intent: IntentSpec,
    text: str,
    found: Mapping[str, Any],
    known: frozenset[str] = frozenset(),
    heard: Mapping[str, str] | None = None,
) -> Recovered:
    """The best reading is one whose every slot's words are a value of its type, whole before partial; then the
    one that takes the fewest words as names no skill knows ("play some Metallica" is the artist "Metallica", not
    the song "some Metallica"); then the one that puts words in the slots the engine filled ("play Stairway to
    Heaven" with the engine's song is no artist too); then the one with the most slots ("remind me to buy
    flowers": the reminder "buy flowers", not "buy" on the date "flowers"); then the one whose free text is
    shortest, the other words being the template's own ("text mom and tell her i'm late": the message "i'm late").
    A whole reading that fits also overrules the engine's free text, or unlisted name, made of another slot's words
    ("send a message to mom" is the contact Mom and no message yet, not the message "mom"; "play music by
    Metallica" is the artist Metallica, whatever song a tagger made of it), or started early on the template's own
    words. ``heard``: the words the engine took for each slot it found."""
    best: tuple[tuple[bool, bool, int, int, int, int], TemplateMatch, dict[str, Any]] | None = None
    for reading in _with_shifts(manifest, readings(manifest, intent, text), text):
        values = {name: _value(manifest.slot(name), raw, known) for name, raw in reading.raw.items()}
        valid = {name: value for name, value in values.items() if value is not None}
        agrees = sum(name in found for name in valid)
        guessed = sum(len(words_of(raw)) for name, raw in reading.raw.items() if _is_unlisted(manifest, name, valid))
        free = sum(len(words_of(raw)) for name, raw in reading.raw.items() if manifest.slot(name).type == FREE_TEXT)
        rank = (len(valid) == len(values), reading.complete, -guessed, agrees, len(valid), -free)
        if best is None or rank > best[0]:
            best = (rank, reading, valid)
    slots = dict(found)
    if best is None:
        return Recovered(slots, False, _unlisted(manifest, slots))
    (fits, complete, *_), reading, values = best
    values = _hand_over(manifest, reading, values, text)
    for name, value in values.items():
        spec = manifest.slot(name)
        if (
            name not in slots
            or (spec.type == FREE_TEXT and _cut_short(slots[name], value))
            or (spec.type == FREE_TEXT and fits and _runs_into(slots[name], value, reading, name))
            or (spec.type == FREE_TEXT and fits and complete and _starts_early(slots[name], value))
            or (spec.type == FREE_TEXT and fits and complete and _others_words(slots[name], reading, name))
            or (fits and complete and _is_unlisted(manifest, name, slots) and _cut_short(slots[name], value))
            or (spec.type == FREE_TEXT and value != reading.raw[name] and _same(slots[name], reading.raw[name]))
            or unparsed(spec, slots[name])
            or (fits and complete and typed(spec) and _cut_short((heard or {}).get(name), reading.raw[name]))
        ):
            slots[name] = value
    if fits:  # words a template puts in one slot are not also another's: "text mom" is no message "mom"
        loose = [
            n for n in slots if manifest.slot(n).type == FREE_TEXT or (complete and _is_unlisted(manifest, n, slots))
        ]
        for name in [n for n in loose if n not in reading.raw]:
            if any(_within(slots[name], raw) for raw in reading.raw.values()):
                del slots[name]
    return Recovered(slots, fits, _unlisted(manifest, slots))


def _with_shifts(manifest: SkillManifest, found: list[TemplateMatch], text: str) -> list[TemplateMatch]:
    """``found`` and, where two typed slots stand side by side and one of their words is no value of its type,
    the readings with up to three words moved across the border: a template reads "at {time} {date}" only as
    "six" + "forty five on may fifth" or "six forty five on may" + "fifth", where the words mean "six forty five"
    + "on may fifth"."""
    said = " ".join(text.lower().split())
    out = list(found)
    for reading in found:
        names = list(reading.raw)
        for first, second in itertools.pairwise(names):
            spec_a, spec_b = manifest.slot(first), manifest.slot(second)
            own, after = reading.raw[first], reading.raw[second]
            if not (typed(spec_a) and typed(spec_b)) or f"{own} {after}".lower() not in said:
                continue
            if _value(spec_a, own) is not None and _value(spec_b, after) is not None:
                continue
            words, rest = own.split(), after.split()
            moves = [(words + rest[:k], rest[k:]) for k in range(1, 4)]
            moves += [(words[:-k], words[-k:] + rest) for k in range(1, 4)]
            for left, right in moves:
                if not (left and right) or _value(spec_a, " ".join(left)) is None:
                    continue
                if _value(spec_b, " ".join(right)) is None:
                    continue
                raw = {**reading.raw, first: " ".join(left), second: " ".join(right)}
                if TemplateMatch(raw, reading.complete) not in out:
                    out.append(TemplateMatch(raw, reading.complete))
    return out


def _is_unlisted(manifest: SkillManifest, name: str, slots: Mapping[str, Any]) -> bool:
    """Slot ``name`` is open and holds a value that is not on its list (a name heard, not a listed value)."""
    spec, value = manifest.slot(name), slots.get(name)
    return spec.open and isinstance(value, str) and listed_value(spec, value) is None


def _unlisted(manifest: SkillManifest, slots: Mapping[str, Any]) -> tuple[str, ...]:
    """The open slots' values that are not on their lists, whether the engine or a template found them."""
    return tuple(value for name, value in slots.items() if _is_unlisted(manifest, name, slots))


def literal(
    manifest: SkillManifest,
    intent: IntentSpec,
    text: str,
    *,
    free_text: bool = True,
    known: frozenset[str] = frozenset(),
) -> bool:
    """The words are one of the intent's templates, whole, each slot's words a value of its type ("how are you";
    not "weather for Paris on saturday please now", where "for Paris on saturday please now" is no date); an open
    slot counts only with a listed value, or with ``known`` (the skills' words) a name none of them has;
    ``free_text=False``: nor may a free-text slot hold any words."""
    return any(
        reading.complete
        and all(
            _value(spec, raw, known) is not None and (free_text or spec.type != FREE_TEXT)
            for spec, raw in ((manifest.slot(n), raw) for n, raw in reading.raw.items())
        )
        for reading in readings(manifest, intent, text)
    )
