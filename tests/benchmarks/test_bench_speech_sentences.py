"""The speech and wake benchmarks speak the skills' own commands, never the made-up out-of-scope examples."""

from __future__ import annotations

from pathlib import Path

from assistant.benchmarks.speech_clips import command_sentences
from assistant.config import Settings
from assistant.router.factory import training_data
from assistant.router.nlu.types import OUT_OF_SCOPE


def test_benchmark_commands_are_in_scope_examples_of_three_to_seven_words() -> None:
    settings = Settings()
    examples = training_data(settings).examples
    out_of_scope = {e.text.lower() for e in examples if e.intent == OUT_OF_SCOPE}
    in_scope = {e.text.lower() for e in examples if e.intent != OUT_OF_SCOPE}
    commands = command_sentences(settings, 30)
    assert len(commands) == 30 and len(set(commands)) == 30
    assert not set(commands) & out_of_scope
    assert set(commands) <= in_scope
    assert all(3 <= len(c.split()) <= 7 for c in commands)


def test_pipeline_benchmarks_say_which_nlu_the_router_ran(tmp_path: Path) -> None:
    from assistant.benchmarks.registry import router_nlu
    from assistant.router.nlu.sentence_encoder import encoder_folder
    from assistant.router.nlu.sentence_vectors import vectors_path

    settings = Settings(models_dir=tmp_path)
    assert router_nlu(settings) == "embedded, n-grams only (the default: no optional NLU model built)"
    vectors_path(tmp_path).parent.mkdir(parents=True)
    vectors_path(tmp_path).write_bytes(b"")
    assert "static sentence vectors" in router_nlu(settings)
    encoder_folder(tmp_path).mkdir()
    (encoder_folder(tmp_path) / "model.onnx").write_bytes(b"")
    assert "tuned encoder" in router_nlu(settings)
