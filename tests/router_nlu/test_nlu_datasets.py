"""The Snips 2017 and CLINC150 importers read the shared data with the published counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import NluError
from assistant.router.nlu import datasets
from assistant.router.nlu.types import OUT_OF_SCOPE


@pytest.fixture(scope="module")
def shared() -> Path:
    try:
        return datasets.shared_dir()
    except NluError as e:
        pytest.skip(f"shared data not available: {e}")


def test_snips_counts_and_intents(shared: Path) -> None:
    train = datasets.load_snips("train", shared)
    test = datasets.load_snips("validate", shared)
    assert len(train.examples) == 13_784
    assert len(test.examples) == 700
    assert train.intents == tuple(sorted(datasets.SNIPS_INTENTS))
    assert all(len([e for e in test.examples if e.intent == i]) == 100 for i in datasets.SNIPS_INTENTS)


def test_snips_slots_are_exact_spans(shared: Path) -> None:
    train = datasets.load_snips("train", shared)
    spans = [(e.text[s.start : s.end], s.value) for e in train.examples for s in e.entities]
    assert len(spans) > 30_000
    assert all(surface == value and surface == surface.strip() for surface, value in spans)


def test_snips_playmusic_accents_are_not_mojibake(shared: Path) -> None:
    texts = [e.text for e in datasets.load_snips("train", shared).examples if e.intent == "PlayMusic"]
    assert any("Música" in t for t in texts)
    assert not any("Ã" in t for t in texts)


def test_clinc_counts(shared: Path) -> None:
    train = datasets.load_clinc("train", shared)
    test = datasets.load_clinc("test", shared)
    assert sum(e.intent != OUT_OF_SCOPE for e in train.examples) == 15_000
    assert sum(e.intent == OUT_OF_SCOPE for e in train.examples) == 100
    assert sum(e.intent != OUT_OF_SCOPE for e in test.examples) == 4_500
    assert sum(e.intent == OUT_OF_SCOPE for e in test.examples) == 1_000
    assert len(train.intents) == 151
    assert len(datasets.load_clinc("val", shared, include_oos=False).examples) == 3_000


def test_cesu8_is_decoded_into_one_character() -> None:
    cesu = b"x " + "\ud83c\udf55".encode("utf-8", "surrogatepass") + " é".encode()
    assert datasets.decode_lenient(cesu) == "x \U0001f355 é"
    assert datasets.decode_lenient(b"caf\xe9") == "café"


def test_missing_shared_dir_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(datasets.SHARED_DIR_ENV, str(tmp_path / "absent"))
    with pytest.raises(NluError, match="ASSISTANT_SHARED_DIR"):
        datasets.load_snips("train")


def test_unknown_split_is_a_clear_error(shared: Path) -> None:
    with pytest.raises(NluError, match="choose from"):
        datasets.load_clinc("dev", shared)  # type: ignore[arg-type]
