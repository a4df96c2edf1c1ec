"""The ``make_skill`` fixture: built-in skills on a manual clock and a temporary data folder, closed afterwards; and
``home``: the devices skill wired to a real simulated hub."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from devices_home import Home
from services_skill_harness import SkillHarness

from assistant.router.services.clock import ManualClock
from assistant.speaker.mihome.hub import MiHomeHub


@pytest.fixture
def make_skill(tmp_path: Path) -> Iterator[Callable[..., SkillHarness]]:
    made: list[SkillHarness] = []

    def make(name: str, clock: ManualClock | None = None, data_dir: Path | None = None) -> SkillHarness:
        harness = SkillHarness(name, data_dir or tmp_path, clock or ManualClock())
        made.append(harness)
        return harness

    yield make
    for harness in made:
        harness.close()


@pytest.fixture
def home(make_skill: Callable[..., SkillHarness], tmp_path: Path) -> Iterator[Home]:
    hub = MiHomeHub.in_dir(tmp_path / "speaker")
    yield Home(make_skill("devices"), hub)
    hub.close()
