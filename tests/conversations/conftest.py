"""Fixtures for whole-pipeline conversations: the real embedded engine, trained once per test session.

The model is trained into a folder under pytest's session temp dir (never the repo's models/), and every test
builds its own Assistant on it (loading a cached model takes milliseconds) with a simulated clock and its own
data_dir, so tests share nothing but the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import Assistant
from assistant.config import Settings
from assistant.router.factory import training_data
from assistant.router.services.clock import ManualClock


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assistant.router.nlu.embedded import load_or_train

    folder = tmp_path_factory.mktemp("conversation-models")
    load_or_train(training_data(Settings(models_dir=folder)), folder).close()
    return folder


@pytest.fixture
def assistant(models_dir: Path, tmp_path: Path) -> Iterator[Assistant]:
    settings = Settings(models_dir=models_dir)
    with Assistant.build(settings, nlu="embedded", clock=ManualClock(), data_dir=tmp_path / "data") as built:
        yield built
