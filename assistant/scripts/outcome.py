"""What running scripts gave: per step, per conversation, per run. Frozen data the reports are pure functions of."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.scripts.expectations import Mismatch
from assistant.scripts.model import Conversation, Step
from assistant.scripts.observed import Observed


@dataclass(frozen=True)
class StepOutcome:
    step: Step
    observed: Observed | None
    mismatches: tuple[Mismatch, ...] = ()
    error: str | None = None
    """The step could not run at all (an exception in the pipeline), with its one-line cause."""
    ms: float = 0.0

    @property
    def passed(self) -> bool:
        return self.error is None and not self.mismatches


@dataclass(frozen=True)
class ConversationOutcome:
    conversation: Conversation
    steps: tuple[StepOutcome, ...]
    nlu: str
    seconds: float = 0.0
    error: str | None = None
    """The conversation could not start (building or seeding the assistant failed)."""

    @property
    def passed(self) -> bool:
        return self.error is None and all(step.passed for step in self.steps)

    @property
    def failed_steps(self) -> tuple[tuple[int, StepOutcome], ...]:
        """(1-based step number, outcome) of every step that failed."""
        return tuple((i, s) for i, s in enumerate(self.steps, 1) if not s.passed)


@dataclass(frozen=True)
class RunOutcome:
    conversations: tuple[ConversationOutcome, ...]
    nlu: str
    seconds: float
    workers: int = 1

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.conversations)

    @property
    def failed(self) -> tuple[ConversationOutcome, ...]:
        return tuple(c for c in self.conversations if not c.passed)
