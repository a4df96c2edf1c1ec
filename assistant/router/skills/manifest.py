"""A skill's manifest (``skill.yml``) parsed into frozen data: what the skill is called, what it understands.

The manifest is the one source of truth for a skill's language: the NLU training data, the invocation names the
router listens for ("ask weather ..."), the slot prompts and the confirmations are all derived from it. Parsing
is strict: every mistake is one line of a :class:`ManifestError`, naming the file and line, the key path and the fix
(read by :mod:`~assistant.router.skills.manifest_yaml`, which refuses a key given twice; checked by
:mod:`~assistant.router.skills.manifest_checks`; worded in :mod:`~assistant.router.skills.manifest_errors`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from assistant.errors import ManifestError
from assistant.router.skills.manifest_checks import manifest_mistakes
from assistant.router.skills.manifest_errors import report, schema_mistakes
from assistant.router.skills.manifest_schema import SkillFile
from assistant.router.skills.manifest_yaml import read_manifest_yaml
from assistant.router.skills.templates import placeholders

MANIFEST_NAME = "skill.yml"


@dataclass(frozen=True)
class SlotValueSpec:
    """One value a custom slot type knows, with the other ways people say it."""

    value: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlotSpec:
    """A slot: its entity type (shared across skills, e.g. ``date``), known values and the question for it."""

    name: str
    type: str
    values: tuple[SlotValueSpec, ...] = ()
    prompt: str | None = None
    keep: bool = False
    """Whether a later request to the same skill that leaves this slot unsaid keeps its value ("will it rain
    tomorrow" after the weather in Paris is still about Paris)."""
    open: bool = False
    """Whether words no skill knows, in this slot's place in a template, are a value the list lacks ("the weather in
    Atlantis": the handler hears "Atlantis" and says it has no weather there) rather than no value at all."""

    @property
    def listed(self) -> bool:
        """Its values are the only ones it takes; a free-text (``text``) slot's values are only examples."""
        return bool(self.values) and self.type != "text"

    def allowed(self, only: tuple[str, ...] = ()) -> tuple[SlotValueSpec, ...]:
        """The values a template place takes: ``only`` those (a ``{slot=v1,v2}`` place), else all of them."""
        return tuple(v for v in self.values if v.value in only) if only else self.values


@dataclass(frozen=True)
class IntentSpec:
    """An intent: example templates, the slots it uses, which must be filled, and an optional confirmation."""

    name: str
    examples: tuple[str, ...]
    slots: tuple[str, ...]
    required: tuple[str, ...] = ()
    confirm: str | None = None
    """A question asked before a destructive action, e.g. ``Delete the {list} list?``; None = act at once."""
    followup: bool = True
    """Whether "and tomorrow?"-style follow-ups may re-run this intent with new slot values."""
    another: str | None = None
    """The intent of the same skill that "another one" runs after this one (after "play jazz", the next song);
    None: this request once more, in its own words (the next joke, a second timer)."""
    stop: str | None = None
    """The intent of the same skill a bare "stop" runs right after this one, for what goes on after it was asked
    (after "call mom", the hang-up); None: "stop" pauses what plays, or ends the conversation."""


@dataclass(frozen=True)
class HandlerSpec:
    """Where the skill's code runs: a Python file in the skill folder, or a Bot-Framework-style HTTP endpoint."""

    kind: Literal["python", "http"]
    target: str
    """The Python file name (``handler.py``) or the bot URL."""
    timeout_s: float = 5.0


@dataclass(frozen=True)
class SkillManifest:
    name: str
    description: str
    invocations: tuple[str, ...]
    intents: tuple[IntentSpec, ...]
    slots: tuple[SlotSpec, ...]
    handler: HandlerSpec
    path: Path
    """The skill.yml this came from (errors name it)."""
    welcome: str | None = None
    """What the skill says when opened by name ("open weather")."""
    samples: tuple[str, ...] = ()
    """A few things to say, read out by the help skill."""
    events: tuple[tuple[str, str], ...] = ()
    """Speaker events the skill listens to, each with the intent it runs (``mediaplayer.playbackfinished``:
    ``music.next``): :mod:`assistant.router.speaker_events`."""
    state_outlives_session: bool = False
    """The skill's state is kept per speaker beyond the session (the music queue plays on after "bye"); the router
    recalls it into a new session (:mod:`assistant.router.speaker_memory`)."""

    @property
    def folder(self) -> Path:
        return self.path.parent

    def slot(self, name: str) -> SlotSpec:
        for spec in self.slots:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def intent(self, name: str) -> IntentSpec:
        for spec in self.intents:
            if spec.name == name:
                return spec
        raise KeyError(name)


def load_manifest(path: Path) -> SkillManifest:
    """Read and validate one skill.yml; raises :class:`ManifestError` naming the file and key on any mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ManifestError(f"{path}: cannot be read: {e}") from None
    return _parse_cached(text, path)


@functools.lru_cache(maxsize=256)
def _parse_cached(text: str, path: Path) -> SkillManifest:
    """Parsing is pure in (text, path) and the result frozen: a process building many assistants (scripted
    tests) parses each manifest once instead of once per assistant."""
    return parse_manifest(text, path)


def parse_manifest(text: str, path: Path) -> SkillManifest:
    """Validate manifest text; ``path`` is where it came from (for messages and the handler's folder). Every
    mistake found is one line of the :class:`ManifestError`, in the order of the file."""
    raw, mistakes = read_manifest_yaml(text, path)
    if not isinstance(raw, dict):
        raise ManifestError(f"{path}: must be a mapping with name, description, invocations and intents")
    try:
        model = SkillFile.model_validate(raw)
    except ValidationError as e:
        raise ManifestError(
            report(raw.get("name", "?"), path, text, mistakes + schema_mistakes(text, e, SkillFile))
        ) from None
    mistakes += manifest_mistakes(model, path)
    if mistakes:
        raise ManifestError(report(model.name, path, text, mistakes))
    return _convert(model, path)


def _convert(model: SkillFile, path: Path) -> SkillManifest:
    """The checked file as frozen data (:func:`manifest_mistakes` found nothing wrong)."""
    slots = tuple(
        SlotSpec(
            name,
            slot.type or name,
            tuple(
                SlotValueSpec(v) if isinstance(v, str) else SlotValueSpec(v.value, tuple(v.synonyms))
                for v in slot.values
            ),
            slot.prompt,
            slot.keep,
            slot.open,
        )
        for name, slot in model.slots.items()
    )
    intents: list[IntentSpec] = []
    for name, intent in model.intents.items():
        used: list[str] = []
        for slot_name in [*(n for t in intent.examples for n in placeholders(t)), *intent.required]:
            if slot_name not in used:
                used.append(slot_name)
        intents.append(
            IntentSpec(
                name,
                tuple(intent.examples),
                tuple(used),
                tuple(intent.required),
                intent.confirm,
                intent.followup,
                intent.another,
                intent.stop,
            )
        )
    handler = (
        HandlerSpec("python", model.handler.python, model.handler.timeout_s)
        if model.handler.python
        else HandlerSpec("http", str(model.handler.url), model.handler.timeout_s)
    )
    return SkillManifest(
        name=model.name,
        description=model.description,
        invocations=tuple(" ".join(i.lower().split()) for i in model.invocations),
        intents=tuple(intents),
        slots=slots,
        handler=handler,
        path=path,
        welcome=model.welcome,
        samples=tuple(model.samples),
        events=tuple(model.events.items()),
        state_outlives_session=model.state_outlives_session,
    )
