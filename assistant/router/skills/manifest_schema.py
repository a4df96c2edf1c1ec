"""What a skill.yml may hold, as pydantic models: the shape and limits of each key, checked before the manifest's
meaning is (:mod:`assistant.router.skills.manifest` turns a checked file into frozen data)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
INTENT_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ValueEntry(Strict):
    value: str = Field(min_length=1)
    synonyms: list[str] = []


class SlotEntry(Strict):
    type: str | None = Field(default=None, pattern=NAME_PATTERN)
    values: list[str | ValueEntry] = []
    prompt: str | None = Field(default=None, min_length=1)
    keep: bool = False
    open: bool = False


class IntentEntry(Strict):
    examples: list[str] = Field(min_length=1)
    required: list[str] = []
    confirm: str | None = Field(default=None, min_length=1)
    followup: bool = True
    another: str | None = Field(default=None, min_length=1)
    stop: str | None = Field(default=None, min_length=1)


class HandlerEntry(Strict):
    python: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*\.py$")
    url: str | None = Field(default=None, pattern=r"^https?://")
    timeout_s: float = Field(default=5.0, gt=0, le=60)


class SkillFile(Strict):
    name: str = Field(pattern=NAME_PATTERN)
    description: str = Field(min_length=1)
    invocations: list[str] = Field(min_length=1)
    welcome: str | None = None
    samples: list[str] = []
    events: dict[str, str] = {}
    state_outlives_session: bool = False
    handler: HandlerEntry = HandlerEntry(python="handler.py")
    slots: dict[str, SlotEntry] = {}
    intents: dict[str, IntentEntry] = Field(min_length=1)
