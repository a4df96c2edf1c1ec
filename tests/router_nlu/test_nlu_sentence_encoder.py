"""The tuned sentence encoder through real onnxruntime: a tiny ONNX graph with the same inputs, pooling and output as
the exported transformer (word-piece embeddings, mean over the attention mask, L2 norm), so tokenising, running,
loading errors, the engine's dense classifier and its out-of-scope score are exercised without torch."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from router_nlu_sample import config_file, sample_data, unit_vectors

from assistant.cli.main import main
from assistant.errors import NluError
from assistant.router.nlu import model_cache
from assistant.router.nlu.embedded import EmbeddedEngine
from assistant.router.nlu.sentence_encoder import (
    FORMAT_VERSION,
    MAX_PIECES,
    SentenceEncoder,
    encoder_digest,
    encoder_folder,
    load_encoder,
)
from assistant.router.nlu.sentence_vectors import optional_vectors
from assistant.router.nlu.types import OUT_OF_SCOPE
from assistant.router.nlu.wordpiece import basic_words

onnx = pytest.importorskip("onnx", reason="onnx (a dev dependency) builds the test encoder")
DIMS = 24


def _vocabulary() -> list[str]:
    words = {w for e in sample_data().examples for w in basic_words(e.text)}
    fixed = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "zebra", "quantum", "volcano"]
    return [*fixed, *sorted(words - set(fixed))]


def write_tiny_encoder(folder: Path, table: np.ndarray, vocabulary: list[str]) -> Path:
    """An encoder folder as ``encoder_build`` writes it, around a graph that pools ``table`` rows."""
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("Gather", ["table", "input_ids"], ["pieces"]),
        helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask", "last"], ["mask3"]),
        helper.make_node("Mul", ["pieces", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "seq"], ["total"], keepdims=0),
        helper.make_node("ReduceSum", ["mask3", "seq"], ["count"], keepdims=0),
        helper.make_node("Div", ["total", "count"], ["mean"]),
        helper.make_node("LpNormalization", ["mean"], ["embedding"], axis=-1, p=2),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-encoder",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", table.shape[1]])],
        initializer=[
            numpy_helper.from_array(table.astype(np.float32), "table"),
            numpy_helper.from_array(np.array([-1], dtype=np.int64), "last"),
            numpy_helper.from_array(np.array([1], dtype=np.int64), "seq"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.onnx").write_bytes(model.SerializeToString())
    (folder / "vocab.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    digest = encoder_digest((folder / "model.onnx").read_bytes(), vocabulary)
    meta = {"format": FORMAT_VERSION, "source": "test", "tuned_on": "test", "examples": 0, "digest": digest}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def _table(seed: int = 3) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(len(_vocabulary()), DIMS)).astype(np.float32)


@pytest.fixture(scope="module")
def tiny_encoder(tmp_path_factory: pytest.TempPathFactory) -> SentenceEncoder:
    return load_encoder(write_tiny_encoder(tmp_path_factory.mktemp("encoder"), _table(), _vocabulary()))


def test_encoder_runs_the_graph_on_bert_pieces_between_cls_and_sep(tiny_encoder: SentenceEncoder) -> None:
    table, vocabulary = _table(), _vocabulary()
    ids = [vocabulary.index(p) for p in ("[CLS]", "turn", "on", "the", "lights", "[SEP]")]
    expected = table[ids].mean(axis=0)
    vector = tiny_encoder.embed("Turn ON the lights")
    np.testing.assert_allclose(vector, expected / np.linalg.norm(expected), rtol=1e-5, atol=1e-6)
    many = tiny_encoder.embed_many(["turn on the lights", "zebra", "Turn ON the lights"])
    np.testing.assert_allclose(many[0], vector, atol=1e-6)
    assert many.shape == (3, DIMS) and not np.allclose(many[1], vector)
    assert tiny_encoder.dims == DIMS and tiny_encoder.tuned_on == "test"


def test_long_utterances_are_cut_to_the_tuning_length(tiny_encoder: SentenceEncoder) -> None:
    ids = tiny_encoder._ids("zebra " * 200)
    assert len(ids) == MAX_PIECES and ids[0] == tiny_encoder.cls_id and ids[-1] == tiny_encoder.sep_id
    assert tiny_encoder.embed("zebra " * 200).shape == (DIMS,)


def test_missing_or_broken_encoder_is_a_one_line_error_naming_the_build_command(tmp_path: Path) -> None:
    with pytest.raises(NluError, match=r"no NLU sentence encoder.*assistant models build nlu-encoder") as missing:
        load_encoder(tmp_path / "nowhere")
    assert "\n" not in str(missing.value)
    broken = write_tiny_encoder(tmp_path / "broken", _table(), _vocabulary())
    (broken / "model.onnx").write_bytes(b"not a protobuf")
    with pytest.raises(NluError, match=r"unreadable.*assistant models build nlu-encoder") as unreadable:
        load_encoder(broken)
    assert "\n" not in str(unreadable.value)
    future = write_tiny_encoder(tmp_path / "future", _table(), _vocabulary())
    (future / "meta.json").write_text(json.dumps({"format": 99, "digest": "x"}), encoding="utf-8")
    with pytest.raises(NluError, match="unknown format"):
        load_encoder(future)


def test_engine_with_an_encoder_classifies_on_vectors_alone_and_scores_scope(
    tiny_encoder: SentenceEncoder, tmp_path: Path
) -> None:
    engine = EmbeddedEngine(vectors=tiny_encoder)
    engine.train(sample_data())
    known = engine.parse("turn on the lights in the kitchen")
    assert known.intent == "lights_on" and known.scope is not None
    assert [s.entity for s in known.slots] == ["room"]
    stranger = engine.parse("zebra quantum volcano")
    assert stranger.scope is not None and stranger.scope < known.scope
    assert 0.0 < engine.threshold < 1.0
    engine.threshold = 0.999  # every utterance below it: out of scope, whatever the classifier's probability
    assert engine.parse("turn on the lights in the kitchen").intent == OUT_OF_SCOPE
    engine.threshold = 0.0
    engine.save(tmp_path / "model")
    engine.close()
    assert (tmp_path / "model" / "scope.npz").is_file()
    loaded = EmbeddedEngine.load(tmp_path / "model")  # finds the encoder through the folder the model recorded
    again = loaded.parse("turn on the lights in the kitchen")
    assert again.ranking == known.ranking and again.scope == pytest.approx(known.scope, abs=1e-6)
    other = load_encoder(write_tiny_encoder(tmp_path / "other", _table(seed=4), _vocabulary()))
    with pytest.raises(NluError, match=r"trained with NLU sentence vectors .* but the given table"):
        EmbeddedEngine.load(tmp_path / "model", vectors=other)


def test_an_encoder_tuned_without_a_tenth_calibrates_the_scope_on_that_tenth(tmp_path: Path) -> None:
    from assistant.router.nlu.sentence_encoder import held_out_from_tuning

    data = sample_data()
    unseen = [e.text for e in data.examples if held_out_from_tuning(e.text)]
    assert 2 <= len(unseen) < len(data.examples) / 2
    stats = {}
    for held_out in (False, True):
        folder = write_tiny_encoder(tmp_path / str(held_out), _table(), _vocabulary())
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        (folder / "meta.json").write_text(json.dumps({**meta, "held_out": held_out}), encoding="utf-8")
        engine = EmbeddedEngine(vectors=load_encoder(folder))
        engine.train(data)
        assert engine._scope is not None
        stats[held_out] = (engine._scope.mean_p, engine._scope.mean_cos, engine.threshold)
        assert engine.parse("turn on the lights in the kitchen").intent == "lights_on"
        engine.close()
    assert stats[True] != stats[False]  # the same vectors, standardised on another set of utterances


def test_restandardising_moves_the_scope_score_not_the_intent(tiny_encoder: SentenceEncoder) -> None:
    engine = EmbeddedEngine(vectors=tiny_encoder)
    engine.train(sample_data())
    before = engine.parse("switch the bedroom lights off")
    signals = engine.scope_signals(["switch the bedroom lights off"])
    assert signals is not None and 0.0 < float(signals[0][0]) <= 1.0
    engine.restandardise_scope(["zebra quantum", "volcano zebra", "quantum volcano"])  # an odd "validation split"
    after = engine.parse("switch the bedroom lights off")
    assert after.intent == before.intent and after.confidence == before.confidence
    assert after.scope != before.scope
    engine.close()


def test_ngram_engine_has_no_scope_score() -> None:
    engine = EmbeddedEngine()
    engine.train(sample_data())
    assert engine.parse("turn on the lights in the kitchen").scope is None
    assert engine.scope_signals(["turn on the lights"]) is None
    engine.close()


def test_the_encoder_tuned_on_the_skills_is_found_before_the_table(
    tiny_encoder: SentenceEncoder, tmp_path: Path
) -> None:
    write_tiny_encoder(encoder_folder(tmp_path), _table(), _vocabulary())
    found = optional_vectors(tmp_path)
    assert isinstance(found, SentenceEncoder) and found.digest == tiny_encoder.digest
    data = sample_data()
    engine, outcome = model_cache.cached_engine(data, tmp_path)
    assert outcome.trained and engine.vectors is not None and engine.vectors.digest == tiny_encoder.digest
    engine.close()
    _, again = model_cache.cached_engine(data, tmp_path)
    assert not again.trained


def test_models_build_encoder_leaves_a_built_one_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny_encoder(encoder_folder(tmp_path / "models", "clinc150"), _table(), _vocabulary())
    assert main(["--config", config_file(tmp_path), "models", "build", "nlu-encoder", "--tune-on", "clinc150"]) == 0
    assert "already built" in capsys.readouterr().out


def test_models_build_encoder_without_torch_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if importlib.util.find_spec("torch") is not None:
        pytest.skip("torch is installed here: the error cannot happen")
    assert main(["--config", config_file(tmp_path), "models", "build", "nlu-encoder", "--tune-on", "none"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert "needs the package" in err[-1] and "pip install" in err[-1]
    assert not encoder_folder(tmp_path / "models", "none").exists()


def test_scope_closeness_is_the_nearest_example_of_the_likeliest_intents_and_never_itself() -> None:
    from assistant.router.nlu.scope import train_scope

    vectors, label_ids = unit_vectors(40, 4, 8, seed=0)
    held_out = np.full((40, 4), 0.1, dtype=np.float32)
    held_out[np.arange(40), label_ids] = 0.7
    model, confidences = train_scope(vectors, label_ids, 4, held_out, np.ones(40, dtype=bool))
    assert model.top == 5 and confidences.shape == (40,) and ((confidences > 0) & (confidences < 1)).all()
    query = vectors[3]
    probabilities = np.array([0.05, 0.05, 0.1, 0.8], dtype=np.float32)
    brute = max(float(query @ vectors[i]) for i in range(40))  # all 4 intents are among the top 5
    assert model.closeness(query, probabilities) == pytest.approx(brute, abs=2e-3)  # float16 rows
    one = model.__class__(model.neighbours, model.offsets, *(0.5, 0.1, 0.5, 0.1), top=1)
    only_label_0 = max(float(query @ vectors[i]) for i in range(0, 40, 4))
    assert one.closeness(query, np.array([0.9, 0.0, 0.0, 0.1], dtype=np.float32)) == pytest.approx(
        only_label_0, abs=2e-3
    )
    # leave-one-out: an example's held-out closeness is to the others, so it is below 1 (itself)
    twin = vectors.copy()
    twin[1] = twin[0]  # an exact duplicate pair: the two see each other at cosine 1
    _, with_twin = train_scope(twin, label_ids, 4, held_out, np.ones(40, dtype=bool))
    assert with_twin[0] > confidences[0]
    assert one.confidence(0.9, 0.9) > one.confidence(0.5, 0.5) > one.confidence(0.1, 0.1)


def test_neighbours_are_capped_per_intent_evenly_and_out_of_scope_rows_left_out() -> None:
    from assistant.router.nlu.scope import neighbours_by_label

    rows, offsets = neighbours_by_label(np.array([0, 0, 0, 0, 0, 1, -1, 1]), 3, cap=3)
    assert rows.tolist() == [0, 2, 4, 5, 7] and offsets.tolist() == [0, 3, 5, 5]


def test_model_trained_with_a_deleted_encoder_says_how_to_rebuild_it(tmp_path: Path) -> None:
    import shutil

    encoder = load_encoder(write_tiny_encoder(tmp_path / "encoder", _table(), _vocabulary()))
    engine = EmbeddedEngine(vectors=encoder)
    engine.train(sample_data())
    engine.save(tmp_path / "model")
    engine.close()
    shutil.rmtree(tmp_path / "encoder")
    with pytest.raises(NluError, match=r"no NLU sentence encoder.*assistant models build nlu-encoder"):
        EmbeddedEngine.load(tmp_path / "model")
