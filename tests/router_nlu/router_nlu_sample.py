"""A small smart-home NLU data set written for the tests (Rasa YAML), with out-of-scope examples; and a config.yml
that points the CLI at a test's own folders."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.router.nlu.rasa_yaml import parse_nlu_yaml
from assistant.router.nlu.types import TrainingData

_ROOMS = ["kitchen", "living room", "bedroom", "bathroom", "office", "lounge"]
_COLORS = ["red", "blue", "warm white", "green", "purple"]
_DURATIONS = ["ten minutes", "5 minutes", "an hour", "30 seconds", "two hours", "half an hour"]
_CITIES = ["paris", "london", "berlin", "tokyo", "new york", "NYC"]


def _lines(templates: list[str], **fills: list[str]) -> list[str]:
    out = []
    for template, values in zip(templates, itertools.cycle(itertools.product(*fills.values())), strict=False):
        out.append(template.format(**dict(zip(fills, values, strict=True))))
    return out


def sample_yaml() -> str:
    lights = _lines(
        [
            "turn on the lights in the [{room}](room)",
            "switch on the [{room}](room) lights",
            "lights on in the [{room}](room) please",
            "can you turn the [{room}](room) light on",
            "put the lights on in the [{room}](room)",
        ]
        * 6,
        room=_ROOMS,
    )
    color = _lines(
        [
            "make the [{room}](room) lights [{color}](color)",
            "set the light to [{color}](color) in the [{room}](room)",
            "change the [{room}](room) lamp to [{color}](color)",
            "i want [{color}](color) light in the [{room}](room)",
        ]
        * 8,
        room=_ROOMS,
        color=_COLORS,
    )
    timer = _lines(
        [
            "set a timer for [{d}](duration)",
            "start a [{d}](duration) timer",
            "timer for [{d}](duration) please",
            "remind me in [{d}](duration)",
            "count down [{d}](duration)",
        ]
        * 6,
        d=_DURATIONS,
    )
    weather = _lines(
        [
            "what's the weather in [{c}](city)",
            "will it rain in [{c}](city) tomorrow",
            "how hot is it in [{c}](city)",
            "weather forecast for [{c}](city)",
            "is it cold in [{c}](city) today",
        ]
        * 6,
        c=_CITIES,
    )
    oos = [
        "book a flight to rome",
        "what is my bank balance",
        "order a pizza with extra cheese",
        "translate hello into german",
        "how do i change a tire",
        "what's the stock price of tesla",
        "cancel my credit card",
        "send an email to my boss",
        "track my package",
        "apply for a mortgage",
        "how many calories are in an apple",
        "rent a car at the airport",
    ]

    def block(name: str, rows: list[str]) -> str:
        return f"- intent: {name}\n  examples: |\n" + "".join(f"    - {r}\n" for r in rows)

    return (
        'version: "3.1"\nnlu:\n'
        + block("lights_on", lights)
        + block("light_color", color)
        + block("set_timer", timer)
        + block("weather", weather)
        + block("oos", oos)
        + "- synonym: New York\n  examples: |\n    - NYC\n    - new york\n"
        + "- lookup: city\n  examples: |\n    - paris\n    - london\n    - berlin\n    - tokyo\n    - madrid\n"
    )


def sample_data() -> TrainingData:
    return parse_nlu_yaml(sample_yaml(), "router_nlu_sample.yml")


def config_file(tmp_path: Path) -> str:
    """A config.yml keeping the CLI's data and models under ``tmp_path``."""
    config = tmp_path / "config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {tmp_path / 'models'}\n", encoding="utf-8")
    return str(config)


def unit_vectors(rows: int, labels: int, dims: int, seed: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.intp]]:
    """Random unit-length sentence vectors and their labels (row i has label i % labels), for scope tests."""
    vectors = np.random.default_rng(seed).normal(size=(rows, dims)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, np.arange(rows) % labels
