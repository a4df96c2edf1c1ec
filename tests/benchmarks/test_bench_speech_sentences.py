"""The speech and wake benchmarks speak the skills' own commands, never the made-up out-of-scope examples."""

from __future__ import annotations

from assistant.benchmarks.speech import command_sentences
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
