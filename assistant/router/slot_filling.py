"""From what the NLU found (or the bare words of an answer) to an intent's slots, normalised and canonical.

Entities are typed (``city``, ``date``); an intent's slots are named. An entity goes to the slot named by its
role, else to the intent's first slot of its type. Values listed in a manifest are made canonical ("nyc" ->
"New York"). For answers to a prompt and "and on friday?" follow-ups the NLU may find nothing in so few words,
so listed values are also matched in the text directly, and what remains may fill a built-in-typed slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.router.nlu.normalize import normalize
from assistant.router.nlu.types import Slot
from assistant.router.phrases import as_said, normalise
from assistant.router.skills.manifest import IntentSpec, SkillManifest, SlotSpec
from assistant.router.vocabulary import unfamiliar

_LEADING = re.compile(r"^(?:in|at|for|on the|the|to|is|it's|it is|with)\s+")
_LEADING_AS_SAID = re.compile(_LEADING.pattern, re.IGNORECASE)
_EDGE_PUNCTUATION = re.compile(r"^[\s\"'.,!?]+|[\s\"'.,!?]+$")
_FILLER = frozenset({"please", "thanks", "thank you", "then", "instead", "too", "there"})
_COURTESY_AT_END = re.compile(r"\s+(?:please|thanks|thank you)$")


def intent_slots(
    manifest: SkillManifest, intent: IntentSpec, found: Iterable[Slot], *, heard: bool = False
) -> dict[str, Any]:
    """The NLU's slots that this intent takes, by slot name, values canonical (``heard``: the words instead)."""
    specs = [manifest.slot(name) for name in intent.slots]
    slots: dict[str, Any] = {}
    for slot in found:
        spec = next((s for s in specs if s.name == slot.role), None) or next(
            (s for s in specs if s.type == slot.entity and s.name not in slots), None
        )
        if spec is not None and spec.name not in slots:
            slots[spec.name] = slot.raw if heard else canonical(spec, slot.value)
    return slots


def canonical(spec: SlotSpec, value: Any) -> Any:
    """A listed value's canonical spelling for any of its spellings or synonyms; other values unchanged."""
    found = listed_value(spec, value)
    return value if found is None else found


def listed_value(spec: SlotSpec, value: Any) -> str | None:
    """The canonical value ``value`` spells (itself or a synonym), or None when it is not on the slot's list."""
    if not isinstance(value, str):
        return None
    wanted = normalise(value)
    for listed in spec.values:
        if wanted in (normalise(v) for v in (listed.value, *listed.synonyms)):
            return listed.value
    return None


def _find_listed(spec: SlotSpec, words: str) -> tuple[str, str] | None:
    """The longest listed value or synonym that occurs in ``words`` as whole words: (canonical, surface)."""
    best: tuple[str, str] | None = None
    for listed in spec.values:
        for surface in (listed.value, *listed.synonyms):
            form = normalise(surface)
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", words) and (best is None or len(form) > len(best[1])):
                best = (listed.value, form)
    return best


def slots_from_words(
    manifest: SkillManifest,
    intent: IntentSpec,
    text: str,
    only: str | None = None,
    *,
    listed_only: bool = False,
    known: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Slots read straight from a short answer or follow-up: listed values first, then the rest of the words
    for the one built-in-typed slot when they parse as its type, or for the one free-text slot (``only`` limits
    to one slot, e.g. the one just asked for; ``listed_only`` skips the rest-of-the-words step). The answer to an
    open slot's question that is a name no skill knows (``known``: the skills' words) is that slot's value as said
    ("Which city?" "Atlantis")."""
    words = normalise(text)
    names = [only] if only else list(intent.slots)
    specs = [manifest.slot(n) for n in names]
    found: dict[str, Any] = {}
    for spec in specs:
        if spec.listed:
            hit = _find_listed(spec, words)
            if hit:
                found[spec.name] = hit[0]
                words = re.sub(
                    rf"(?:(?<=\s)|^)(?:(?:in|at|for|to)\s+)?{re.escape(hit[1])}(?!\w)", " ", words, count=1
                ).strip()
            elif only and spec.open and not listed_only:
                said = _LEADING_AS_SAID.sub("", _EDGE_PUNCTUATION.sub("", " ".join(text.split())))
                if unfamiliar(said, known):
                    found[spec.name] = said
    open_specs = [s for s in specs if not s.listed and s.name not in found]
    rest = _COURTESY_AT_END.sub("", _LEADING.sub("", " ".join(words.split())).strip())  # "five minutes please"
    if rest in _FILLER:
        rest = ""
    if len(open_specs) == 1 and rest and not listed_only:
        # typed as the engine's slots are ("6 pm" -> {"hour": 18}); words that do not parse are no value of a typed
        # slot ("channel" is no date), only of a free-text one
        spec = open_specs[0]
        parsed = normalize(spec.type, rest)
        if spec.type == "text":
            found[spec.name] = as_said(text, rest)  # a message keeps the user's capitals
        elif not isinstance(parsed, str):
            found[spec.name] = parsed
    return found


def missing_required(intent: IntentSpec, slots: Mapping[str, Any]) -> str | None:
    for name in intent.required:
        if slots.get(name) in (None, ""):
            return name
    return None


def format_prompt(template: str, slots: Mapping[str, Any]) -> str:
    """A prompt or confirmation with ``{slot}`` replaced by its value (unknown ones left as they are)."""
    return re.sub(r"\{([a-z][a-z0-9_]*)\}", lambda m: str(slots.get(m.group(1), m.group(0))), template)
