"""An utterance read against its intent's own example templates, as a check on what the NLU engine found.

A statistical engine can miss or cut short an entity ("remind me to buy flowers" with the reminder ``buy``, the
target unit of "convert 5 miles to kilometers" not found at all), and engines differ in which they miss. The
manifest knows more than any engine's guess: the fixed words of each template around a slot ("remind me to
{reminder} at {time}") and the values a listed slot can take. Each template becomes a regular expression:
its fixed words literally, a listed slot as any of its values or synonyms (an ``open`` one also as "some words",
which ``slot_recovery`` takes only when no skill knows them), any other slot as "some words". An
utterance may also stop before or after any top-level slot ("define" is the start of "define {term}"; "remind me
to buy flowers" of "remind me to {reminder} at {time}"), which is a *partial* match. Courtesy around a request
("can you ... please", "I need you to ... for me") is read past when the words with it match no template.

Compiled once per intent; matching is a handful of regular expressions per turn.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.router.skills.manifest import IntentSpec, SkillManifest, SlotSpec
from assistant.router.skills.templates import PLACEHOLDER, slot_ref

_TRAILING = re.compile(r"[\s?!.,;]+$")
_COURTESY_START = re.compile(
    r"^(?:(?:please|(?:can|could|would|will) (?:you|u)(?: please)?|(?:i want|i need|i'd like) you to|go ahead and)"
    r"[\s,]+)+",
    re.IGNORECASE,
)
_COURTESY_END = re.compile(r"(?:[\s,]+(?:please|for me|thanks|thank you))+$", re.IGNORECASE)
_GAP = r"[\s,]*"
_WORDS = r"(?<![\w'])\S.*?(?<=\S)(?![\w'])"
"""Some words: at least one character, starting and ending at a word edge (as few as will do)."""
_MOST_WORDS = _WORDS.replace(".*?", ".*")
"""The same, as many as will do: with two slots side by side ("remind me to {reminder} {date} at {time}") the
first takes all it can ("call mom" + "tomorrow"), where the few-words form gives the second slot the rest
("call" + "mom tomorrow"); both readings go to the caller to judge."""


@dataclass(frozen=True)
class TemplateMatch:
    """The words the utterance has in each slot's place (by slot name) under one template."""

    raw: dict[str, str]
    complete: bool
    """The whole template matched, not just its start up to a slot the user left out."""


@dataclass(frozen=True)
class _Compiled:
    pattern: re.Pattern[str]
    groups: tuple[str, ...]
    """Slot name of group ``g<i>`` (a template may use one slot twice: "{number} times {number}")."""
    complete: bool


def _value_pattern(spec: SlotSpec, only: tuple[str, ...], words: str = _WORDS) -> str:
    if not spec.listed:
        return words
    surfaces = {s for v in spec.allowed(only) for s in (v.value, *v.synonyms)}
    spelled = (r"\s+".join(re.escape(w) for w in s.split()) for s in sorted(surfaces, key=len, reverse=True))
    listed = rf"(?<![\w'])(?:{'|'.join(spelled)})(?![\w'])"
    return f"(?:{listed}|{words})" if spec.open and not only else listed


def _compile(manifest: SkillManifest, template: str, partial: bool, words: str = _WORDS) -> _Compiled:
    """One template as a regular expression; ``partial``: the utterance may end before or after any top-level
    slot (an optional group opens at each, all closed at the end); ``words``: how a slot's "some words" match."""
    out: list[str] = []
    groups: list[str] = []
    depth = opened = 0
    pos = 0
    while pos < len(template):
        ch = template[pos]
        slot = PLACEHOLDER.match(template, pos)
        if slot:
            place = slot_ref(slot)
            name = place.name
            if partial and depth == 0:
                out.append("(?:")
                opened += 1
            out.append(f"(?P<g{len(groups)}>{_value_pattern(manifest.slot(name), place.only, words)})")
            groups.append(name)
            if partial and depth == 0:
                out.append("(?:")
                opened += 1
            pos = slot.end()
            continue
        if ch in "([":
            depth += 1
            out.append("(?:")
        elif ch == ")":
            depth -= 1
            out.append(")")
        elif ch == "]":
            depth -= 1
            out.append(")?")
        elif ch == "|":
            out.append("|")
        elif ch.isspace():
            if not out or out[-1] != _GAP:
                out.append(_GAP)
        else:
            out.append(re.escape(ch))
        pos += 1
    out.append(")?" * opened)
    return _Compiled(re.compile("".join(out), re.IGNORECASE), tuple(groups), not partial)


def precompile(manifests: Iterable[SkillManifest]) -> None:
    """Compile every intent's template patterns now (they are cached): a run that forks its workers afterwards
    compiles them once, not once per worker."""
    for manifest in manifests:
        for intent in manifest.intents:
            _patterns(manifest, intent)


@functools.lru_cache(maxsize=512)
def _patterns(manifest: SkillManifest, intent: IntentSpec) -> tuple[_Compiled, ...]:
    """Every template of the intent whole, then every template's partial form; a template with more than one slot
    also in its as-many-words form."""
    out: list[_Compiled] = []
    for partial in (False, True):
        for template in intent.examples:
            slots = len(PLACEHOLDER.findall(template))
            if partial and not slots:
                continue
            for words in (_WORDS, _MOST_WORDS) if slots > 1 else (_WORDS,):
                out.append(_compile(manifest, template, partial, words))
    return tuple(out)


def readings(manifest: SkillManifest, intent: IntentSpec, text: str) -> list[TemplateMatch]:
    """Every template's reading of ``text`` (whole ones first); empty when no template fits the words at all.
    Which reading is best depends on whether the words in each slot's place are values of its type: the caller
    judges (``slot_recovery``)."""
    cleaned = _TRAILING.sub("", " ".join(text.split()))
    plain = _COURTESY_END.sub("", _COURTESY_START.sub("", cleaned))
    variants = [cleaned, plain] if plain and plain != cleaned else [cleaned]
    found: list[TemplateMatch] = []
    for compiled in _patterns(manifest, intent):
        for words in variants:  # with its courtesy, then without: "play X please" may read "X please" as a name
            match = compiled.pattern.fullmatch(words)
            if match is None:
                continue
            raw: dict[str, str] = {}
            for i, name in enumerate(compiled.groups):
                value = match.group(f"g{i}")
                if value and name not in raw:
                    raw[name] = value.strip()
            reading = TemplateMatch(raw, compiled.complete)
            if reading not in found:
                found.append(reading)
    return found
