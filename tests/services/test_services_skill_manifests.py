"""Every built-in skill of this area loads, creates its handler, and compiles into NLU training data."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.router.services.clock import ManualClock
from assistant.router.services.units import find_unit
from assistant.router.skills.manifest import load_manifest
from assistant.router.skills.registry import BUILTIN_DIR, build_registry
from assistant.router.training import compile_training_data

OURS = ("timers", "alarms", "devices", "music", "answers", "calls", "lists")


@pytest.mark.parametrize("name", OURS)
def test_manifest_has_several_intents_with_examples(name: str) -> None:
    manifest = load_manifest(BUILTIN_DIR / name / "skill.yml")
    assert len(manifest.intents) >= 3
    assert all(intent.name.startswith(f"{name}.") for intent in manifest.intents)


def test_all_builtin_skills_load_together_and_compile(tmp_path: Path) -> None:
    registry = build_registry(Settings(data_dir=tmp_path), ManualClock())
    try:
        assert set(OURS) <= {s.name for s in registry.skills}
        data = compile_training_data(registry.manifests)
        intents = set(data.intents)
        for name in OURS:
            assert any(i.startswith(f"{name}.") for i in intents), name
        assert {"room", "device", "color", "percent", "temperature", "artist", "contact", "text", "unit"} <= set(
            data.entity_types
        )
    finally:
        registry.close()


def test_every_unit_in_the_answers_manifest_is_convertible() -> None:
    manifest = load_manifest(BUILTIN_DIR / "answers" / "skill.yml")
    units = [v.value for v in manifest.slot("from_unit").values]
    assert units and all(find_unit(u) is not None for u in units)
