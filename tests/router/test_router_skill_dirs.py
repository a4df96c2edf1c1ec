"""router.skill_dirs set up wrong says so, with the fix: a skill's own folder listed instead of its parent, a
manifest named skill.yaml, the same folder twice are errors; a folder with no skill in it is a warning (all of them
loaded nothing, without a word)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.config.router import RouterSettings
from assistant.errors import ConfigError, ManifestError
from assistant.router.skills.registry import BUILTIN_DIR, load_manifests, skill_dirs

MANIFEST = "name: coffee\ndescription: Coffee.\ninvocations: [coffee]\nintents:\n  coffee.make:\n    examples: [brew]\n"


def settings(tmp_path: Path, *dirs: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "models", router=RouterSettings(skill_dirs=dirs))


@pytest.fixture
def skills(tmp_path: Path) -> Path:
    folder = tmp_path / "skills" / "coffee"
    folder.mkdir(parents=True)
    (folder / "skill.yml").write_text(MANIFEST)
    (folder / "handler.py").write_text("def create(context):\n    return None\n")
    return folder.parent


def test_a_folder_of_skills_loads(tmp_path: Path, skills: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert skill_dirs(settings(tmp_path, skills)) == (BUILTIN_DIR, skills)
    assert "coffee" in [m.name for m in load_manifests([skills])] and not caplog.records


def test_a_skills_own_folder_is_refused_naming_its_parent(tmp_path: Path, skills: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        skill_dirs(settings(tmp_path, skills / "coffee"))
    assert str(caught.value) == (
        f"config.yml: router.skill_dirs[0]: {skills / 'coffee'} holds a skill's skill.yml itself; list the folder"
        f" that holds skill folders ({skills})"
    )


def test_a_manifest_named_skill_yaml_is_refused(tmp_path: Path, skills: Path) -> None:
    (skills / "coffee" / "skill.yml").rename(skills / "coffee" / "skill.yaml")
    with pytest.raises(ManifestError) as caught:
        load_manifests([skills])
    assert str(caught.value) == f"{skills / 'coffee' / 'skill.yaml'}: the manifest must be named skill.yml; rename it"
    with pytest.raises(ConfigError, match=r"holds a skill's skill.yaml itself; .*, and rename skill.yaml to skill.yml"):
        skill_dirs(settings(tmp_path, skills / "coffee"))


def test_a_folder_listed_twice_is_refused(tmp_path: Path, skills: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"router.skill_dirs\[1\]: .* is listed twice \(also router.skill_dirs\[0\]\)"
    ):
        skill_dirs(settings(tmp_path, skills, tmp_path / "skills" / "coffee" / ".."))
    with pytest.raises(ConfigError, match="is the built-in skills' folder, which is always loaded"):
        skill_dirs(settings(tmp_path, BUILTIN_DIR))


@pytest.mark.parametrize("nested", [False, True])
def test_a_folder_with_no_skill_is_warned_about_once(
    tmp_path: Path, skills: Path, caplog: pytest.LogCaptureFixture, nested: bool
) -> None:
    empty = tmp_path if nested else tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):  # an assistant per conversation in a test run: one line
            skill_dirs(settings(tmp_path, empty))
    [record] = caplog.records
    fix = (
        f"{skills / 'coffee' / 'skill.yml'} is one level deeper: list {skills} instead"
        if nested
        else f"put each skill in a folder of its own: {empty}/<skill>/skill.yml"
    )
    assert record.getMessage() == (
        f"config.yml: router.skill_dirs[0]: {empty} has no <skill>/skill.yml, so no skill is loaded from it; {fix}"
    )
