"""Fixtures for the router tests (helpers live in router_support.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from router_support import Conversation, make_router, sample_skills


@pytest.fixture
def skills_root(tmp_path: Path) -> Path:
    return sample_skills(tmp_path / "skills")


@pytest.fixture
def talk(skills_root: Path, tmp_path: Path) -> Conversation:
    router, clock, _ = make_router(skills_root, tmp_path / "data")
    return Conversation(router, clock)


@pytest.fixture
def routed(skills_root: Path, tmp_path: Path) -> Any:
    return make_router(skills_root, tmp_path / "data")
