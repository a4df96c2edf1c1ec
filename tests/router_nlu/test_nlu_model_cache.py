"""Train-or-load: a cache hit does not retrain; any data change does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from router_nlu_sample import sample_data

from assistant.router.nlu import model_cache
from assistant.router.nlu.embedded import EmbeddedEngine, EmbeddedParams, load_or_train
from assistant.router.nlu.types import Example


def test_cache_hit_loads_and_data_change_retrains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = sample_data()
    first, outcome = model_cache.cached_engine(data, tmp_path)
    assert outcome.trained and (outcome.folder / "meta.json").exists()

    def no_training(self: EmbeddedEngine, data: object) -> None:
        raise AssertionError("a cache hit must not retrain")

    with monkeypatch.context() as patch:
        patch.setattr(EmbeddedEngine, "train", no_training)
        second, hit = model_cache.cached_engine(data, tmp_path)
    assert not hit.trained and hit.key == outcome.key
    assert second.parse("set a timer for ten minutes") == first.parse("set a timer for ten minutes")

    changed = replace(data, examples=(*data.examples, Example("dim the hallway lights", "lights_on")))
    _, retrained = model_cache.cached_engine(changed, tmp_path)
    assert retrained.trained and retrained.key != outcome.key
    for engine in (first, second):
        engine.close()


def test_load_or_train_returns_a_ready_engine(tmp_path: Path) -> None:
    engine = load_or_train(sample_data(), tmp_path)
    assert engine.parse("set a timer for ten minutes").intent == "set_timer"
    assert len(list((tmp_path / model_cache.CACHE_FOLDER).iterdir())) == 1
    engine.close()


def test_key_depends_on_data_and_params() -> None:
    data = sample_data()
    key = model_cache.data_key(data, EmbeddedParams())
    assert key == model_cache.data_key(sample_data(), EmbeddedParams())
    assert key != model_cache.data_key(replace(data, synonyms={"nyc": "New York City"}), EmbeddedParams())
    assert key != model_cache.data_key(replace(data, lookups={}), EmbeddedParams())
    assert key != model_cache.data_key(data, EmbeddedParams(oos_threshold=0.5))


def test_a_corrupt_cached_model_is_retrained(tmp_path: Path) -> None:
    data = sample_data()
    _, outcome = model_cache.cached_engine(data, tmp_path)
    (outcome.folder / "intent.npz").write_bytes(b"not a model")
    engine, again = model_cache.cached_engine(data, tmp_path)
    assert again.trained
    assert engine.parse("lights on in the kitchen").intent == "lights_on"
    engine.close()


def test_a_waiting_user_is_told_when_the_engine_trains_and_not_when_it_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.app import make_engine
    from assistant.config import Settings

    settings = Settings(models_dir=tmp_path / "models", data_dir=tmp_path / "data")
    make_engine(settings, sample_data(), progress=True).close()
    assert "training the NLU on the skills' examples" in capsys.readouterr().err
    make_engine(settings, sample_data(), progress=True).close()  # cached now
    make_engine(settings, replace(sample_data()), progress=False).close()
    assert capsys.readouterr().err == ""
