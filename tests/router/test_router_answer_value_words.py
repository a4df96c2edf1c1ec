"""The answer to "Which room?" is the room, even when a room's name holds a word another intent of the same skill
owns: seen with a Rasa model that took "the living room" for devices.on (0.68), which switched a lamp on instead of
setting the air conditioner the question was about."""

from __future__ import annotations

from pathlib import Path

from router_support import TinyEngine

from assistant.app import Assistant
from assistant.config import Settings
from assistant.router.factory import training_data
from assistant.router.nlu.types import IntentScore, NluResult, Slot
from assistant.router.services.clock import ManualClock


class LeansToSwitching(TinyEngine):
    def parse(self, text: str) -> NluResult:
        if text == "turn the ac up to 25":
            slots = (Slot("device", "ac", "ac", 9, 11), Slot("direction", "up", "up", 12, 14))
            return NluResult(text, "devices.adjust", 0.75, slots, (IntentScore("devices.adjust", 0.75),), "tiny")
        if text == "the living room":
            ranking = (IntentScore("devices.on", 0.68), IntentScore("devices.adjust", 0.2))
            return NluResult(text, "devices.on", 0.68, (Slot("room", "living room", "living_room", 4, 15),), ranking)
        return super().parse(text)


def test_a_room_said_to_which_room_answers_the_question_asked(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "models")
    engine = LeansToSwitching()
    engine.train(training_data(settings))
    with Assistant.build(settings, engine=engine, clock=ManualClock()) as assistant:
        assert assistant.text_turn("turn the ac up to 25").reply_text == "Which room: the living room or the bedroom?"
        answer = assistant.text_turn("the living room")
        assert answer.reply_text == "Setting the living room air conditioner to 25 degrees."
        assert answer.intent == "devices.adjust"
