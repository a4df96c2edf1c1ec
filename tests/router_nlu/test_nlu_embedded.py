"""The embedded engine on a small smart-home data set: intents, slots, out-of-scope, persistence, fast path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from router_nlu_sample import sample_data

from assistant.errors import NluError
from assistant.router.nlu.embedded import EmbeddedEngine
from assistant.router.nlu.intent_model import IntentParams, train_intent_model
from assistant.router.nlu.scope import choose_threshold
from assistant.router.nlu.text_features import NgramAnalyzer, sublinear_tfidf, tokenize
from assistant.router.nlu.types import OUT_OF_SCOPE, TrainingData


@pytest.fixture(scope="module")
def engine() -> EmbeddedEngine:
    trained = EmbeddedEngine()
    trained.train(sample_data())
    return trained


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("turn on the lights in the kitchen", "lights_on", {"room": "kitchen"}),
        ("switch on the living room lights", "lights_on", {"room": "living_room"}),
        ("make the bedroom lamp blue", "light_color", {"room": "bedroom", "color": "blue"}),
        ("set the light to warm white in the office", "light_color", {"room": "office", "color": "warm_white"}),
        ("set a timer for twenty minutes", "set_timer", {"duration": {"seconds": 1200}}),
        ("start a half an hour timer", "set_timer", {"duration": {"seconds": 1800}}),
        ("what's the weather in madrid", "weather", {"city": "madrid"}),
        ("weather forecast for NYC", "weather", {"city": "New York"}),
        # negative rows: nothing the data knows
        ("book me a hotel in rome", OUT_OF_SCOPE, {}),
        ("what's my credit card balance", OUT_OF_SCOPE, {}),
        ("order some sushi", OUT_OF_SCOPE, {}),
    ],
)
def test_parses_intent_and_normalised_slots(
    engine: EmbeddedEngine, text: str, intent: str, slots: dict[str, object]
) -> None:
    result = engine.parse(text)
    assert result.intent == intent
    assert {s.entity: s.value for s in result.slots} == slots
    assert all(text[s.start : s.end] == s.raw for s in result.slots)
    assert result.engine == "embedded"


def test_confidence_is_a_probability_and_ranking_is_sorted(engine: EmbeddedEngine) -> None:
    result = engine.parse("turn on the kitchen lights")
    scores = [s.confidence for s in result.ranking]
    assert scores == sorted(scores, reverse=True)
    assert 0.0 < result.confidence <= 1.0
    assert abs(sum(scores) - 1.0) < 1e-3  # all five intents are listed
    assert result.ranking[0].name == result.intent


def test_threshold_rejects_low_confidence(engine: EmbeddedEngine) -> None:
    assert 0.0 < engine.threshold < 1.0
    result = engine.parse("asdf qwerty zxcv")
    assert result.out_of_scope
    assert result.slots == ()


def test_save_then_load_gives_equal_parses(engine: EmbeddedEngine, tmp_path: Path) -> None:
    engine.save(tmp_path / "model")
    loaded = EmbeddedEngine.load(tmp_path / "model")
    try:
        for text in ("make the kitchen lights red", "set a timer for 5 minutes", "order a pizza", "weather in NYC"):
            assert loaded.parse(text) == engine.parse(text)
        assert loaded.threshold == engine.threshold
        assert not any(p.suffix in (".pkl", ".pickle", ".joblib") for p in (tmp_path / "model").iterdir())
    finally:
        loaded.close()


def test_load_of_a_missing_or_foreign_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NluError, match="no readable embedded NLU model"):
        EmbeddedEngine.load(tmp_path)
    (tmp_path / "meta.json").write_text('{"engine": "embedded", "format": 0}', encoding="utf-8")
    with pytest.raises(NluError, match="delete the folder and retrain"):
        EmbeddedEngine.load(tmp_path)


def test_parse_before_training_is_a_clear_error() -> None:
    with pytest.raises(NluError, match="no model"):
        EmbeddedEngine().parse("hello")


def test_one_intent_is_a_clear_error() -> None:
    data = sample_data()
    only = TrainingData(examples=tuple(e for e in data.examples if e.intent == "weather"))
    with pytest.raises(NluError, match="at least 2"):
        EmbeddedEngine().train(only)


def test_fast_path_matches_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    data = sample_data()
    texts, labels = [e.text for e in data.examples], [e.intent for e in data.examples]
    model, held_out = train_intent_model(texts, labels, IntentParams())
    assert held_out is not None and held_out.shape == (len(texts), len(model.labels))
    vectorizer = TfidfVectorizer(analyzer=NgramAnalyzer(), sublinear_tf=True, dtype=np.float32)
    svm = LinearSVC(C=IntentParams().c).fit(vectorizer.fit_transform(texts), labels)
    probe = ["turn the bedroom lights on now", "make it purple", "what about tokyo"]
    expected = svm.decision_function(vectorizer.transform(probe))
    ours = np.array([model.scores(t) for t in probe])
    assert np.allclose(ours, expected, atol=1e-4)
    columns, values = sublinear_tfidf(NgramAnalyzer()("lights lights on"), model.vocabulary, model.idf)
    dense = vectorizer.transform(["lights lights on"]).toarray()[0]
    assert np.allclose(dense[columns], values, atol=1e-6)


def test_choose_threshold_sits_between_in_scope_and_out_of_scope() -> None:
    confidence = np.array([0.9, 0.95, 0.8, 0.3, 0.4], dtype=np.float32)
    correct = np.array([True, True, True, False, False])
    is_oos = np.array([False, False, False, True, True])
    assert 0.4 < choose_threshold(confidence, correct, is_oos, 0.01) < 0.8
    no_oos = choose_threshold(confidence[:3], correct[:3], is_oos[:3], 0.5)
    assert no_oos == pytest.approx(0.9)


def test_tokenizer_offsets_and_chinese() -> None:
    tokens = tokenize("set it to 7:30, ok? 打开灯")
    assert [t.text for t in tokens] == ["set", "it", "to", "7:30", ",", "ok", "?", "打", "开", "灯"]
    assert all("set it to 7:30, ok? 打开灯"[t.start : t.end] == t.text for t in tokens)
