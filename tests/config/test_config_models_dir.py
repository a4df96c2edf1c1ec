"""A models_dir where the NLU model cannot be written is a config error (exit 2) naming the config file actually read
and the fix; it was an NLU error (exit 1) saying "check models_dir in config.yml" whatever the file (QA finding 12)."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.router.nlu import model_cache
from assistant.router.nlu.embedded import EmbeddedEngine
from assistant.router.nlu.types import Example, TrainingData


def test_a_models_dir_that_cannot_be_written_is_a_config_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(EmbeddedEngine, "train", lambda self, data: None)
    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    config = tmp_path / "c.yml"
    config.write_text(f"models_dir: {tmp_path / 'models'}\n", encoding="utf-8")
    data = TrainingData((Example("set a timer", "set_timer"),))
    with pytest.raises(ConfigError) as caught:
        model_cache.make_engine(load_settings(config), data)
    assert caught.value.exit_code == 2
    assert str(caught.value) == (
        f"{config}: models_dir: cannot write the NLU model under {tmp_path / 'models' / 'embedded'} (Permission"
        " denied); make it writable, or set models_dir to a folder you can write"
    )


def test_a_file_in_the_way_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EmbeddedEngine, "train", lambda self, data: None)
    blocker = tmp_path / "models"
    blocker.write_text("not a folder\n")
    with pytest.raises(ConfigError) as caught:
        model_cache.cached_engine(TrainingData((Example("set a timer", "set_timer"),)), blocker, config="c.yml")
    assert str(caught.value) == f"c.yml: models_dir: {blocker} is a file, not a folder; set models_dir to a folder"
