"""A skill may answer as another of its own intents (its reply's semanticAction names it), and the router follows:
the question it asks is that intent's. "remind me to buy flowers", which a Rasa model took for the reminders
question "is buy on my reminders" (alarms.list 0.53, reminder "buy"), is answered as the reminder it asks for, and
the time said next sets it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import Assistant
from assistant.config import Settings
from assistant.router.factory import training_data
from assistant.router.nlu.embedded import load_or_train
from assistant.router.nlu.types import IntentScore, NluEngine, NluResult, Slot, TrainingData

MISREAD = "remind me to buy flowers"


class MisreadsOne:
    """The embedded engine, except for one sentence, read as a Rasa model read it."""

    name = "misreads"

    def __init__(self, engine: NluEngine) -> None:
        self._engine = engine

    def train(self, data: TrainingData) -> None:
        self._engine.train(data)

    def parse(self, text: str) -> NluResult:
        if text != MISREAD:
            return self._engine.parse(text)
        ranking = (IntentScore("alarms.list", 0.53), IntentScore("alarms.remind", 0.31))
        return NluResult(text, "alarms.list", 0.53, (Slot("text", "buy", "buy", 13, 16),), ranking, self.name)

    def close(self) -> None:
        self._engine.close()


@pytest.fixture
def assistant(models_dir: Path, tmp_path: Path) -> Iterator[Assistant]:
    settings = Settings(models_dir=models_dir)
    engine = MisreadsOne(load_or_train(training_data(settings), models_dir))
    with Assistant.build(settings, nlu="embedded", data_dir=tmp_path / "data", engine=engine) as built:
        yield built


def test_a_request_answered_as_another_intent_of_its_skill_asks_that_intents_question(assistant: Assistant) -> None:
    asked = assistant.text_turn(MISREAD)
    assert (asked.intent, asked.reply_text, asked.open_mic) == (
        "alarms.remind",
        "When should I remind you to buy flowers?",
        True,
    )
    done = assistant.text_turn("at 6 pm")
    assert done.intent == "alarms.remind" and done.reply_text is not None
    assert done.reply_text.startswith("OK, I'll remind you to buy flowers at 6:00 PM")
