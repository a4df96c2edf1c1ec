"""The one place a router is put together from settings: skills, training data, an engine, a clock.

The engine is made by whoever owns it (the embedded engine's train-or-load, or the Rasa backend) from the
training data compiled here, then handed in: the router never chooses or trains an engine itself.
"""

from __future__ import annotations

import functools
import logging
import random
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.router import phrases
from assistant.router.nlu.types import NluEngine, TrainingData
from assistant.router.router import Router
from assistant.router.services.clock import Clock
from assistant.router.skills.handler import _no_announce
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.registry import SkillRegistry, build_registry, load_manifests, skill_dirs
from assistant.router.skills.slot_types import BUILTIN_SAMPLES
from assistant.router.skills.templates import Piece, SlotRef, fill, skeletons
from assistant.router.speaker_memory import SpeakerMemory
from assistant.router.training import CompileOptions, compile_training_data, write_nlu_yaml
from bridge.cortana import Activity

log = logging.getLogger(__name__)

#: The grammar's cap on sentences per intent: none in practice (each template draws at most
#: ``CompileOptions.per_template`` wordings), where the NLU trains on at most ``CompileOptions.per_intent``.
GRAMMAR_PER_INTENT = 100_000
#: Wordings a template may have for its plain forms to be the shortest of all of them (the largest has 216).
PLAIN_SKELETONS = 10_000
#: Where ``assistant train`` writes the compiled data, under ``settings.models_dir``.
NLU_FILE = Path("nlu") / "nlu.yml"

EngineFactory = Callable[[Settings, TrainingData], NluEngine]
"""Makes a ready (trained or loaded-from-cache) engine for the given data."""


def training_data(settings: Settings) -> TrainingData:
    """The NLU data of every skill the settings enable (built-in plus ``router.skill_dirs``)."""
    return compile_training_data(load_manifests(skill_dirs(settings)))


def spoken_sentences(settings: Settings) -> list[str]:
    """What the speaker's command grammar is made of: the training examples (out-of-scope ones too), then every
    template's drawn wordings, without the per-intent cap the NLU trains under (which drops whole templates'
    wordings: "what's on my shopping list" was not among a sample of lists.read's), each skill's ``samples``
    (what help and the README tell people to say), the words the router itself answers at any turn ("cancel",
    "yes", "never mind") and every template's plain forms with each slot value ("turn off the lights")."""
    manifests = tuple(load_manifests(skill_dirs(settings)))
    examples = [e.text for e in _compiled(manifests).examples]  # the compile the router's engine already made
    every = [e.text for e in _spoken(manifests).examples]
    samples = [s for m in manifests for s in m.samples]
    plain = [s for m in manifests for s in _plain_forms(m)]
    # the training examples first: the wake verifier takes its competitors from the head of this list
    return list(dict.fromkeys([*examples, *every, *samples, *ROUTER_PHRASES, *plain]))


#: What the router answers before any skill (``phrases``): said alone, so they must be sentences of the grammar.
ROUTER_PHRASES: tuple[str, ...] = tuple(
    sorted(
        phrases.CANCEL
        | phrases.REFUSAL
        | phrases.REPEAT
        | phrases.ANOTHER
        | phrases.HELP
        | phrases.ASKED
        | set(phrases.YES)
        | set(phrases.NO)
    )
)


def _words(pieces: list[Piece]) -> int:
    return sum(1 if isinstance(p, SlotRef) else len(p.split()) for p in pieces)


def _surfaces(manifest: SkillManifest, place: SlotRef) -> tuple[str, ...]:
    slot = manifest.slot(place.name)
    if slot.values:
        return tuple(s for v in slot.allowed(place.only) for s in (v.value, *v.synonyms))
    return BUILTIN_SAMPLES.get(slot.type, ())


def _unfilled(place: SlotRef) -> tuple[str, str]:
    raise AssertionError(f"no slot to fill, got {place}")


def _in_turn(values: list[str]) -> Callable[[SlotRef], tuple[str, str]]:
    """A ``fill`` pick that gives ``values`` to the places in order."""
    said = iter(values)
    return lambda _: (next(said), "")


@functools.lru_cache(maxsize=8)
def _plain_forms(manifest: SkillManifest) -> tuple[str, ...]:
    """Each template's shortest wording (optional words left out: "turn off the {device}"), with every value and
    synonym of each slot in turn (the other slots at their first value). The drawn wordings are a random sample:
    they had "turn off the bedroom lights" and "switch off the lamp" but never "turn off the lights". Cheap: these
    share prefixes and suffixes with the rest, so the grammar's automaton grows by a few percent."""
    out: list[str] = []
    for intent in manifest.intents:
        for template in intent.examples:
            wordings = skeletons(template, PLAIN_SKELETONS, random.Random(0))
            pieces = min(wordings, key=_words)  # the first of the shortest: all of them cost 13 MB more
            places = [p for p in pieces if isinstance(p, SlotRef)]
            values = [_surfaces(manifest, p) for p in places]
            if not places:
                out.append(fill(pieces, _unfilled).text)
            for i, choices in enumerate(values):
                for value in choices:
                    said = [*(v[0] for v in values[:i]), value, *(v[0] for v in values[i + 1 :])]
                    out.append(fill(pieces, _in_turn(said)).text)
    return tuple(out)


def compile_nlu_file(settings: Settings) -> Path:
    """Compile the skills' data and write it as Rasa YAML to ``models/nlu/nlu.yml``; returns the path."""
    path = write_nlu_yaml(training_data(settings), settings.models_dir / NLU_FILE)
    log.info("wrote %s", path)
    return path


def build_router(
    settings: Settings,
    clock: Clock,
    make_engine: EngineFactory,
    *,
    announce: Callable[[Activity], None] = _no_announce,
) -> Router:
    """Load the skills, compile their data, get an engine for it and assemble the router."""
    registry: SkillRegistry = build_registry(settings, clock, announce=announce)
    engine = make_engine(settings, _compiled(registry.manifests))
    memory = SpeakerMemory.for_skills(registry.manifests, settings.data_dir, settings.source, clock.now())
    return Router(registry, engine, settings.router, clock, memory)


@functools.lru_cache(maxsize=8)
def _spoken(manifests: tuple[SkillManifest, ...]) -> TrainingData:
    return compile_training_data(manifests, CompileOptions(per_intent=GRAMMAR_PER_INTENT), out_of_scope=False)


@functools.lru_cache(maxsize=8)
def _compiled(manifests: tuple[SkillManifest, ...]) -> TrainingData:
    """Compiling is pure in the (frozen) manifests: built once per process, not once per assistant."""
    return compile_training_data(manifests)
