"""The one place a router is put together from settings: skills, training data, an engine, a clock.

The engine is made by whoever owns it (the embedded engine's train-or-load, or the Rasa backend) from the
training data compiled here, then handed in: the router never chooses or trains an engine itself.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.router.nlu.types import NluEngine, TrainingData
from assistant.router.router import Router
from assistant.router.services.clock import Clock
from assistant.router.skills.handler import _no_announce
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.registry import SkillRegistry, build_registry, load_manifests, skill_dirs
from assistant.router.speaker_memory import SpeakerMemory
from assistant.router.training import CompileOptions, compile_training_data, write_nlu_yaml
from bridge.cortana import Activity

log = logging.getLogger(__name__)

#: The grammar's cap on sentences per intent: none in practice (each template draws at most
#: ``CompileOptions.per_template`` wordings), where the NLU trains on at most ``CompileOptions.per_intent``.
GRAMMAR_PER_INTENT = 100_000
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
    wordings: "what's on my shopping list" was not among a sample of lists.read's), and each skill's ``samples``
    (what help and the README tell people to say)."""
    manifests = tuple(load_manifests(skill_dirs(settings)))
    examples = [e.text for e in _compiled(manifests).examples]  # the compile the router's engine already made
    every = [e.text for e in _spoken(manifests).examples]
    # the training examples first: the wake verifier takes its competitors from the head of this list
    return list(dict.fromkeys([*examples, *every, *(s for m in manifests for s in m.samples)]))


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
