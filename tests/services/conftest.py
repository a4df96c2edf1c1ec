"""The ``make_skill`` fixture: built-in skills on a manual clock and a temporary data folder, closed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from services_skill_harness import SkillHarness

from assistant.router.services.clock import ManualClock


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
