"""The ``rasa:`` block of config.yml: the optional Rasa Open Source NLU backend."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, field_validator

from assistant.config.section import Section

#: The project's pipeline: DIET on word and bounded character n-gram counts with one small transformer layer.
#: Rasa's default (two 256-wide layers over unbounded char n-grams, 100 epochs) took 16 minutes and 7.7 GB on 2 cores
#: for Snips' 2,100 utterances. This one trained the skills' 4,327 examples (40 epochs) in about 8.5 CPU-minutes with a
#: 2.2 GB peak (16 minutes wall on 2 cores shared with other work), and Snips' 420-example sample in 2 minutes.
#: DIET is seeded: unseeded, two trainings on the same data answered edge cases of the shipped scripts differently.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "WhitespaceTokenizer",
    "RegexFeaturizer",
    "LexicalSyntacticFeaturizer",
    "CountVectorsFeaturizer",
    "CountVectorsFeaturizer analyzer=char_wb min_ngram=2 max_ngram=3 max_features=3000",
    "DIETClassifier number_of_transformer_layers=1 transformer_size=64 constrain_similarities=true random_seed=7",
    "EntitySynonymMapper",
)

_COMPONENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\s+[A-Za-z_][A-Za-z0-9_]*=\S+)*$")


class RasaSettings(Section):
    python: Path | None = None
    """A Python 3.8-3.10 interpreter for Rasa's own virtualenv; None = find python3.10 on PATH or pyenv."""
    venv: Path | None = None
    """Where Rasa's virtualenv lives; None = mi-cortana-assistant/rasa-3.6-py3.10 in $XDG_CACHE_HOME or ~/.cache."""
    model: Path | None = None
    """A trained Rasa NLU model (.tar.gz) to serve as is; None = train on the skills' data (cached by its hash)."""
    port: int = Field(default=5905, ge=1024, le=65535)
    """Loopback port of the Rasa server."""
    token: str | None = None
    """Auth token for the Rasa server's API; None = a random one per run."""
    epochs: int = Field(default=40, ge=1, le=500)
    """DIET training epochs: more is slower to train and rarely more accurate on small data."""
    threads: int = Field(default=2, ge=1, le=64)
    """TensorFlow threads inside Rasa while training and parsing; keep it at or below the machine's cores."""
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    """Rasa NLU pipeline, one component per entry: `Name key=value ...`; DIET takes `epochs` unless it sets them.
    DIET's random_seed makes every machine train the same model from the same data."""
    startup_timeout_s: float = Field(default=180.0, gt=0, le=1800)
    """How long to wait for the Rasa server to become healthy."""

    @field_validator("pipeline")
    @classmethod
    def _components(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("must list at least one component")
        for entry in value:
            if not _COMPONENT.match(entry.strip()):
                raise ValueError(f"{entry!r} is not `ComponentName key=value ...`")
        return value
