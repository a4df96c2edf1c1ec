"""The Rasa ``config.yml`` (language and pipeline) written from the ``rasa:`` settings.

The pipeline is kept in the project's own config.yml as one line per component (``Name key=value ...``) so a user
tunes Rasa in the same file as everything else; this module turns those lines into the YAML ``rasa train`` reads.
"""

from __future__ import annotations

from typing import Any

import yaml

from assistant.config.rasa import RasaSettings
from assistant.errors import ConfigError

_DIET = "DIETClassifier"
_EPOCH_COMPONENTS = frozenset({_DIET, "ResponseSelector", "TEDPolicy"})


def parse_component(entry: str) -> dict[str, Any]:
    """``"Name a=1 b=x"`` -> ``{"name": "Name", "a": 1, "b": "x"}``; values are read as YAML scalars."""
    name, *options = entry.split()
    component: dict[str, Any] = {"name": name}
    for option in options:
        key, _, raw = option.partition("=")
        try:
            component[key] = yaml.safe_load(raw)
        except yaml.YAMLError as e:
            raise ConfigError(f"config.yml: rasa.pipeline: {entry!r}: value of {key} is not readable ({e})") from e
    return component


def pipeline_components(settings: RasaSettings) -> list[dict[str, Any]]:
    """The pipeline as Rasa's list of dicts, with ``epochs`` and quiet training defaults filled in for DIET."""
    components = [parse_component(entry) for entry in settings.pipeline]
    for component in components:
        if component["name"] in _EPOCH_COMPONENTS:
            component.setdefault("epochs", settings.epochs)
        if component["name"] == _DIET:
            # No checkpoints or held-out evaluation: both cost time and memory and the model is rebuilt from data.
            component.setdefault("checkpoint_model", False)
            component.setdefault("evaluate_on_number_of_examples", 0)
    return components


def pipeline_yaml(settings: RasaSettings, language: str = "en") -> str:
    """The text of the Rasa ``config.yml`` for ``rasa train nlu``; it is part of the trained model's cache key."""
    document = {
        "recipe": "default.v1",
        "language": language,
        "assistant_id": "mi-cortana-assistant",
        "pipeline": pipeline_components(settings),
        "policies": [],
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def language_of(locale: str) -> str:
    """Rasa's language code for a BCP-47 locale (``zh-CN`` -> ``zh``)."""
    return locale.split("-", 1)[0]
