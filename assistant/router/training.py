"""The NLU training data, compiled from every skill's manifest: the one source the embedded and Rasa engines share.

Templates expand into varied annotated examples (values from the slot's list or a built-in type's samples),
custom slot values become lookup tables and their synonyms Rasa synonyms. Each example remembers its template
(``Example.group``), so the embedded engine can calibrate on wordings held out whole. A fixed seed keeps the data
identical from run to run, so a trained model can be cached by the data's hash.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import SkillError
from assistant.router.nlu.types import OUT_OF_SCOPE, EntitySpan, Example, TrainingData
from assistant.router.out_of_scope import out_of_scope_examples
from assistant.router.skills.manifest import IntentSpec, SkillManifest, SlotSpec
from assistant.router.skills.slot_types import BUILTIN_SAMPLES
from assistant.router.skills.templates import fill, placeholders, skeletons

#: Utterances no skill handles, so the engine learns what "out of scope" sounds like on a speaker (hand-written;
#: ``out_of_scope.out_of_scope_examples`` adds generated ones: other domains, remarks, fragments, nonsense).
OUT_OF_SCOPE_EXAMPLES: tuple[str, ...] = (
    "book a flight to paris",
    "book me a hotel room for next week",
    "what's my bank balance",
    "transfer money to my savings account",
    "what is my credit score",
    "order a pizza",
    "get me an uber to the airport",
    "pay my electricity bill",
    "translate good morning into french",
    "reserve a table for two at an italian restaurant",
    "how do I change a car tire",
    "send an email to my boss",
    "what's the stock price of apple",
    "find me a cheap flight",
    "cancel my credit card",
    "how much is my car insurance",
    "track my package",
    "apply for a loan",
    "what is the exchange rate for yen",
    "what's my routing number",
    "rent a car in london",
    "sell my old phone",
    "what's the meaning of life",
    "buy a new laptop online",
    "refund my last purchase",
    "how many calories in a banana",
    "change my password",
    "schedule an oil change",
    "report my card as stolen",
    "where is my order",
)


@dataclass(frozen=True)
class CompileOptions:
    seed: int = 7
    per_template: int = 24
    """How many wordings to draw from one template."""
    per_intent: int = 160
    """The cap on examples per intent (the embedded engine trains in seconds at this size)."""


def compile_training_data(
    manifests: Sequence[SkillManifest], options: CompileOptions = CompileOptions(), *, out_of_scope: bool = True
) -> TrainingData:
    """Every intent's expanded examples plus synonyms and lookups; conflicting synonyms are a SkillError."""
    examples: list[Example] = []
    for manifest in manifests:
        for intent in manifest.intents:
            # one random stream per intent: editing one skill's templates leaves every other intent's examples
            # (and so the speech grammar built from them) exactly as they were
            rng = random.Random(f"{options.seed}:{intent.name}")
            examples += _intent_examples(manifest, intent, rng, options)
    if out_of_scope:
        negatives: dict[str, str | None] = dict.fromkeys(OUT_OF_SCOPE_EXAMPLES)
        for text, template in out_of_scope_examples(options.seed).items():
            negatives.setdefault(text, f"{OUT_OF_SCOPE}: {template}")
        examples += [Example(text, OUT_OF_SCOPE, group=group) for text, group in negatives.items()]
    return TrainingData(
        examples=tuple(examples),
        synonyms=_synonyms(manifests),
        lookups=_lookups(manifests),
    )


def _intent_examples(
    manifest: SkillManifest, intent: IntentSpec, rng: random.Random, options: CompileOptions
) -> list[Example]:
    slots = {name: manifest.slot(name) for name in intent.slots}
    found: dict[str, Example] = {}
    for template in intent.examples:
        wordings = skeletons(template, options.per_template, rng)
        fills = max(1, options.per_template // len(wordings)) if placeholders(template) else 1
        for pieces in wordings:
            for _ in range(fills):
                filled = fill(pieces, lambda place: _pick(slots[place.name], rng, manifest, place.only))
                spans = tuple(
                    EntitySpan(start, end, slots[name].type, value, role=None if name == slots[name].type else name)
                    for start, end, name, value in filled.spans
                )
                example = Example(filled.text, intent.name, spans, group=f"{intent.name}: {template}")
                found.setdefault(filled.text.lower(), example)
    chosen = list(found.values())
    if len(chosen) > options.per_intent:
        chosen = rng.sample(chosen, options.per_intent)
    return chosen


def _pick(slot: SlotSpec, rng: random.Random, manifest: SkillManifest, only: tuple[str, ...]) -> tuple[str, str]:
    """A (surface, canonical) pair for one slot: a value (of ``only``, when the template lists some) or one of its
    synonyms, or a built-in sample."""
    if slot.values:
        value = rng.choice(slot.allowed(only))
        surface = rng.choice((value.value, *value.synonyms)) if value.synonyms and rng.random() < 0.4 else value.value
        return surface, value.value
    samples = BUILTIN_SAMPLES.get(slot.type)
    if samples is None:
        raise SkillError(
            f"skill {manifest.name!r} ({manifest.path}): slots.{slot.name}: type {slot.type!r} has no values; "
            f"list values: or use a built-in type ({', '.join(BUILTIN_SAMPLES)})"
        )
    sample = rng.choice(samples)
    return sample, sample


def _synonyms(manifests: Iterable[SkillManifest]) -> dict[str, str]:
    synonyms: dict[str, str] = {}
    owner: dict[str, SkillManifest] = {}
    for manifest in manifests:
        for slot in manifest.slots:
            for value in slot.values:
                for variant in value.synonyms:
                    key = variant.lower()
                    if key in synonyms and synonyms[key] != value.value:
                        other = owner[key]
                        raise SkillError(
                            f"synonym {variant!r} means {synonyms[key]!r} in skill {other.name!r} ({other.path}) "
                            f"but {value.value!r} in skill {manifest.name!r} ({manifest.path}); make them agree"
                        )
                    synonyms[key] = value.value
                    owner[key] = manifest
    return synonyms


def _lookups(manifests: Iterable[SkillManifest]) -> dict[str, tuple[str, ...]]:
    tables: dict[str, list[str]] = {}
    for manifest in manifests:
        for slot in manifest.slots:
            table = tables.setdefault(slot.type, []) if slot.values else None
            if table is None:
                continue
            for value in slot.values:
                for surface in (value.value, *value.synonyms):
                    if surface not in table:
                        table.append(surface)
    return {name: tuple(values) for name, values in sorted(tables.items())}


def write_nlu_yaml(data: TrainingData, path: Path) -> Path:
    """Write ``data`` in Rasa's NLU YAML (``assistant train`` writes models/nlu/nlu.yml, the Rasa backend reads it)."""
    from assistant.router.nlu.rasa_yaml import dump_nlu_yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_nlu_yaml(data), encoding="utf-8")
    return path
