"""Run many conversations, in parallel worker processes where that is safe.

Conversations are independent (each has its own assistant, data folder and clock), so they may run in any order.
Safe to fork means: the platform has ``fork`` and every engine involved keeps nothing a child could share by
accident (the embedded engine is plain in-process data; the Rasa backend talks to one server over a connection a
forked child must not reuse, so Rasa conversations run in this process). The parent builds one assistant first
so the trained model is loaded before forking and each child starts warm. Outcomes come back in script order.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.scripts.model import Conversation
from assistant.scripts.outcome import ConversationOutcome, RunOutcome
from assistant.scripts.runner import AssistantFactory, PipelineFactory, engine_for, run_conversation

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)

#: Engines whose conversations may run in forked worker processes.
FORK_SAFE_ENGINES = frozenset({"embedded"})

Progress = Callable[[ConversationOutcome], None]

# What forked workers run; set in the parent just before the pool forks, so children inherit it without pickling.
_job: tuple[Sequence[Conversation], Settings, str | None, PipelineFactory] | None = None


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_conversations(
    conversations: Sequence[Conversation],
    settings: Settings,
    nlu: str | None = None,
    *,
    workers: int = 1,
    factory: PipelineFactory | None = None,
    progress: Progress | None = None,
) -> RunOutcome:
    """Every conversation's outcome, in the order given; ``workers`` > 1 forks where safe.

    Without a ``factory``, one :class:`AssistantFactory` serves the whole run (its engines are made once, before
    any fork, and closed at the end).
    """
    started = time.perf_counter()
    if factory is None:
        own = AssistantFactory()
        try:
            own.prepare(conversations, settings, nlu)
            run = run_conversations(conversations, settings, nlu, workers=workers, factory=own, progress=progress)
        finally:
            own.close()
        return replace(run, seconds=time.perf_counter() - started)
    engines = {engine_for(c, nlu, settings) for c in conversations}
    label = "+".join(sorted(engines)) or (nlu or settings.router.nlu.engine)
    parallel = [i for i, c in enumerate(conversations) if engine_for(c, nlu, settings) in FORK_SAFE_ENGINES]
    can_fork = workers > 1 and len(parallel) > 2 and "fork" in multiprocessing.get_all_start_methods()
    results: dict[int, ConversationOutcome] = {}
    used = 1
    if can_fork:
        used = min(workers, len(parallel) - 1)  # the first one runs here, warming up
        results.update(_forked(conversations, parallel, settings, nlu, factory, used, progress))
    for i, conversation in enumerate(conversations):
        if i not in results:
            results[i] = run_conversation(conversation, settings, nlu, factory=factory)
            if progress is not None:
                progress(results[i])
    ordered = tuple(results[i] for i in range(len(conversations)))
    return RunOutcome(ordered, label, time.perf_counter() - started, used)


def _forked(
    conversations: Sequence[Conversation],
    indices: list[int],
    settings: Settings,
    nlu: str | None,
    factory: PipelineFactory,
    workers: int,
    progress: Progress | None,
) -> dict[int, ConversationOutcome]:
    global _job
    # Warm up: the first conversation runs here, loading the model before the children are forked.
    first = indices[0]
    results = {first: run_conversation(conversations[first], settings, nlu, factory=factory)}
    if progress is not None:
        progress(results[first])
    _job = (conversations, settings, nlu, factory)
    try:
        context = multiprocessing.get_context("fork")
        chunks = [indices[1 + w :: workers] for w in range(workers)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for chunk in pool.map(_run_chunk, [c for c in chunks if c]):
                for index, outcome in chunk:
                    results[index] = outcome
                    if progress is not None:
                        progress(outcome)
    finally:
        _job = None
    return results


def _run_chunk(indices: list[int]) -> list[tuple[int, ConversationOutcome]]:
    """In a worker: run these conversations of the inherited job."""
    if _job is None:
        raise RuntimeError("worker started without a job (the pool must be forked by run_conversations)")
    conversations, settings, nlu, factory = _job
    return [(i, run_conversation(conversations[i], settings, nlu, factory=factory)) for i in indices]
