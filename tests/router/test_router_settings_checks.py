"""Settings only the router can judge fail at its start with one line naming the real config file and key: a home
city no skill knows (it used to act as null: "Which city?"), a skill folder that is not there; a locale the skills
do not speak is warned about once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.errors import ConfigError
from assistant.router.services.clock import ManualClock
from assistant.router.skills.registry import BUILTIN_DIR, build_registry, skill_dirs


def _settings(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "my-config.yml"
    path.write_text(f"data_dir: data\n{text}")
    return load_settings(path)


def _build(settings: Settings) -> None:
    build_registry(settings, ManualClock(), dirs=[BUILTIN_DIR]).close()


@pytest.mark.parametrize(
    ("city", "hint"),
    [("Atlantis", "known cities: Beijing, Berlin"), ("Pariss", "did you mean 'Paris'?")],
)
def test_an_unknown_home_city_stops_the_router_naming_file_and_key(tmp_path: Path, city: str, hint: str) -> None:
    settings = _settings(tmp_path, f"router:\n  home_city: {city}\n")
    with pytest.raises(ConfigError) as caught:
        _build(settings)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'my-config.yml'}: router.home_city: {city!r} is not a city")
    assert hint in message and "\n" not in message
    _build(_settings(tmp_path, "router:\n  home_city: new york\n"))  # a known city, in any case, is fine


def test_a_missing_skill_folder_names_the_config_file_read(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "router:\n  skill_dirs: [nope]\n")
    with pytest.raises(ConfigError) as caught:
        skill_dirs(settings)
    config = tmp_path / "my-config.yml"
    assert str(caught.value) == (
        f"{config}: router.skill_dirs[0]: {tmp_path / 'nope'} does not exist (create it, or remove it from"
        f" router.skill_dirs in {config})"
    )


def test_a_locale_the_skills_do_not_speak_is_warned_about_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="assistant.router"):
        _build(_settings(tmp_path, "locale: zh-CN\n"))
        _build(_settings(tmp_path, "locale: en-GB\n"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings  # for zh-CN only
    assert "locale zh-CN" in warnings[0] and "English only" in warnings[0]
