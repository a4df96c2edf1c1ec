"""The base of every settings section: frozen, strict about unknown keys, one docstring line per field."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A block of config.yml. Unknown keys are errors (the loader adds a "did you mean")."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, use_attribute_docstrings=True)
