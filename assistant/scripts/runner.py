"""Play conversations through the whole assistant (speaker session -> bridge -> router -> skills -> hub).

Each conversation gets a fresh assistant: its own SQLite folder, a frozen clock at the fixtures' time, the
fixtures seeded, so conversations are independent and can run in any order or in parallel. A step that raises is
recorded as that step's error (the rest of the conversation is skipped: its state is unknown); it never stops the
other conversations.
"""

from __future__ import annotations

import inspect
import logging
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from assistant.errors import AssistantError, AudioError, NluError
from assistant.router.nlu.types import NluEngine, NluResult, TrainingData
from assistant.router.services.clock import DEFAULT_START, ManualClock
from assistant.router.skills.registry import load_manifests, skill_dirs
from assistant.router.template_match import precompile
from assistant.router.vocabulary import skill_words
from assistant.scripts.expectations import DevicesMatch, FlagIs, check_all
from assistant.scripts.model import Conversation, Fixtures, Step
from assistant.scripts.observed import Observed, observed_advance, observed_turn
from assistant.scripts.outcome import ConversationOutcome, StepOutcome

if TYPE_CHECKING:
    from datetime import timedelta

    from assistant.config import Settings
    from assistant.speaker.stt import SttEngine
    from assistant.turn import TurnResult

log = logging.getLogger(__name__)


class Pipeline(Protocol):
    """What the runner needs of :class:`assistant.app.Assistant` (``audio_turn`` too, for audio steps)."""

    def seed(self, **fixtures: Any) -> None: ...

    def text_turn(self, text: str) -> TurnResult: ...

    def advance(self, delta: timedelta) -> list[str]: ...

    def devices(self) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...


PipelineFactory = Callable[["Settings", str, ManualClock, Path], Pipeline]
"""Builds a fresh pipeline from (settings, nlu engine name, clock, data folder)."""


class BorrowedEngine:
    """A shared engine lent to one assistant: parses through it; the assistant closing it leaves it running."""

    def __init__(self, inner: NluEngine) -> None:
        self.inner = inner
        self.name = inner.name

    def train(self, data: TrainingData) -> None:
        raise NluError("a shared engine is trained once, by its owner; build the assistant without one to retrain")

    def parse(self, text: str) -> NluResult:
        return self.inner.parse(text)

    def close(self) -> None:
        """The owner (:class:`AssistantFactory`) closes the real engine."""


class AssistantFactory:
    """Fresh assistants, one per conversation, around NLU engines made once per (engine, locale) and shared.

    Making an engine is the costly part (loading a model; for Rasa, starting a server), and an engine's answers
    do not depend on the conversation, so sharing it keeps conversations independent. ``close`` stops them.
    """

    def __init__(self) -> None:
        self._engines: dict[tuple[str, str], NluEngine] = {}
        self._failed: dict[tuple[str, str], AssistantError] = {}
        self._recognizers: dict[tuple[str, str, str], SttEngine] = {}

    def __call__(self, settings: Settings, nlu: str, clock: ManualClock, data_dir: Path) -> Pipeline:
        from assistant.app import Assistant

        if "engine" not in inspect.signature(Assistant.build).parameters:
            log.warning("Assistant.build takes no engine: every conversation makes its own (slow, above all Rasa)")
            built: Pipeline = Assistant.build(settings, nlu=nlu, clock=clock, data_dir=data_dir)
            return built
        engine = BorrowedEngine(self.engine(settings, nlu))
        assistant: Pipeline = Assistant.build(
            settings, nlu=nlu, clock=clock, data_dir=data_dir, engine=engine, recognizer=self.recognizer
        )
        return assistant

    def recognizer(self, settings: Settings) -> SttEngine:
        """The shared speech-to-text engine for audio steps (loading one and its grammar takes seconds); made on
        first use, in the process that decodes (forked workers each make their own)."""
        from assistant.app import make_recognizer

        key = (settings.locale, settings.speaker.stt.engine, settings.speaker.stt.mode)
        if key not in self._recognizers:
            self._recognizers[key] = make_recognizer(settings)
        return self._recognizers[key]

    def engine(self, settings: Settings, nlu: str) -> NluEngine:
        """The shared engine for ``nlu`` in the settings' locale, trained or loaded on first use."""
        key = (nlu, settings.locale)
        if key in self._failed:
            raise self._failed[key]  # once is enough: do not retrain or restart a server per conversation
        if key not in self._engines:
            from assistant.app import make_engine
            from assistant.router.factory import training_data

            router = settings.router.model_copy(update={"nlu": settings.router.nlu.model_copy(update={"engine": nlu})})
            chosen = settings.model_copy(update={"router": router})
            try:
                self._engines[key] = make_engine(chosen, training_data(chosen))
            except AssistantError as e:
                self._failed[key] = e
                raise
        return self._engines[key]

    def prepare(self, conversations: Sequence[Conversation], settings: Settings, nlu: str | None) -> None:
        """Make every engine the conversations need now: a failure (no Rasa environment) is one error before
        anything runs, and the conversations' timings do not include loading models."""
        for conversation in conversations:
            local = conversation_settings(settings, conversation.fixtures, settings.data_dir)
            self.engine(local, engine_for(conversation, nlu, settings))
        manifests = tuple(load_manifests(skill_dirs(settings)))
        precompile(manifests)  # before any fork: the workers share the compiled template patterns
        skill_words(manifests)  # and the skills' words

    def close(self) -> None:
        engines, self._engines = list(self._engines.values()), {}
        for engine in engines:
            engine.close()


def scratch_folder() -> str | None:
    """Where conversations keep their SQLite data: memory-backed ``/dev/shm`` when the machine has it (each
    conversation creates and drops several databases, and disk syncs would dominate), else the temp folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def engine_for(conversation: Conversation, chosen: str | None, settings: Settings) -> str:
    """The command line's ``--nlu`` wins, then the script's ``fixtures.nlu``, then config.yml."""
    return chosen or conversation.fixtures.nlu or settings.router.nlu.engine


def conversation_settings(settings: Settings, fixtures: Fixtures, data_dir: Path) -> Settings:
    """The settings with the fixtures' locale and time zone, and a private data folder."""
    router = settings.router
    if fixtures.timezone is not None:
        router = router.model_copy(update={"timezone": fixtures.timezone})
    update: dict[str, Any] = {"data_dir": data_dir, "router": router}
    if fixtures.locale is not None:
        update["locale"] = fixtures.locale
    return settings.model_copy(update=update)


def start_time(fixtures: Fixtures, settings: Settings) -> datetime:
    """``fixtures.now`` made aware in the conversation's time zone; a fixed default so every run agrees."""
    if fixtures.now is None:
        return DEFAULT_START
    if fixtures.now.tzinfo is not None:
        return fixtures.now
    return fixtures.now.replace(tzinfo=ZoneInfo(fixtures.timezone or settings.router.timezone))


def seed_arguments(fixtures: Fixtures) -> dict[str, Any]:
    """The fixtures ``Assistant.seed`` takes, leaving out the empty ones."""
    given: dict[str, Any] = {
        "devices": {k: dict(v) for k, v in fixtures.devices.items()},
        "timers": [dict(t) for t in fixtures.timers],
        "alarms": [dict(a) for a in fixtures.alarms],
        "reminders": [dict(r) for r in fixtures.reminders],
        "lists": {k: list(v) for k, v in fixtures.lists.items()},
    }
    return {k: v for k, v in given.items() if v}


def run_conversation(
    conversation: Conversation,
    settings: Settings,
    nlu: str | None = None,
    *,
    factory: PipelineFactory | None = None,
) -> ConversationOutcome:
    """Play one conversation against a fresh pipeline and compare every step with its expectations.

    Without a ``factory`` a private :class:`AssistantFactory` is made and closed: fine for one conversation;
    pass a shared one to run many.
    """
    if factory is None:
        own = AssistantFactory()
        try:
            return run_conversation(conversation, settings, nlu, factory=own)
        finally:
            own.close()
    engine = engine_for(conversation, nlu, settings)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="assistant-script-", dir=scratch_folder()) as folder:
        local = conversation_settings(settings, conversation.fixtures, Path(folder))
        clock = ManualClock(start_time(conversation.fixtures, local))
        try:
            pipeline = factory(local, engine, clock, Path(folder))
        except Exception as e:
            log.debug("building the assistant for %s failed", conversation.where, exc_info=True)
            return ConversationOutcome(conversation, (), engine, time.perf_counter() - started, _cause(e))
        try:
            seeded = seed_arguments(conversation.fixtures)
            if seeded:
                pipeline.seed(**seeded)
            steps = _play(pipeline, conversation.steps)
        except Exception as e:
            log.debug("seeding the fixtures of %s failed", conversation.where, exc_info=True)
            return ConversationOutcome(conversation, (), engine, time.perf_counter() - started, _cause(e))
        finally:
            pipeline.close()
    return ConversationOutcome(conversation, steps, engine, time.perf_counter() - started)


def _play(pipeline: Pipeline, steps: Sequence[Step]) -> tuple[StepOutcome, ...]:
    outcomes: list[StepOutcome] = []
    for step in steps:
        started = time.perf_counter()
        try:
            observed = _do(pipeline, step)
        except Exception as e:
            log.debug("step at line %d raised", step.line, exc_info=True)
            outcomes.append(StepOutcome(step, None, error=_cause(e), ms=_ms(started)))
            break
        failed = _unexpected_skill_error(step, observed)  # a broken skill fails its step unless the step expects it
        outcomes.append(StepOutcome(step, observed, check_all(step.expectations, observed), failed, _ms(started)))
    return tuple(outcomes)


def _unexpected_skill_error(step: Step, observed: Observed) -> str | None:
    expected = any(isinstance(e, FlagIs) and e.field == "skill_error" for e in step.expectations)
    if observed.skill_error is None or expected:
        return None
    return f"{observed.skill_error} (add `skill_error: true` to the step if this script tests that failure)"


def _do(pipeline: Pipeline, step: Step) -> Observed:
    wants_devices = any(isinstance(e, DevicesMatch) for e in step.expectations)
    if step.kind == "advance":
        assert step.advance is not None  # the loader guarantees it
        spoken = pipeline.advance(step.advance)
        return observed_advance(spoken, pipeline.devices() if wants_devices else ())
    if step.kind == "audio":
        audio_turn = getattr(pipeline, "audio_turn", None)
        if audio_turn is None:
            raise AudioError("this build of the assistant has no audio_turn(): audio steps cannot run")
        result = audio_turn(step.audio)
    else:
        assert step.text is not None
        result = pipeline.text_turn(step.text)
    return observed_turn(result, pipeline.devices() if wants_devices else ())


def _cause(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def by_engine(conversations: Sequence[Conversation], chosen: str | None, settings: Settings) -> Mapping[str, int]:
    """How many conversations each engine will run (for the report's header)."""
    counts: dict[str, int] = {}
    for conversation in conversations:
        engine = engine_for(conversation, chosen, settings)
        counts[engine] = counts.get(engine, 0) + 1
    return counts
