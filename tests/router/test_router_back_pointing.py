"""A middling guess with no slots of its own is doubted, unless its words point back ("turn it off") at what the
last turn of the same skill named: then what that turn carries counts as said (Rasa gives "turn them off" 0.71)."""

from __future__ import annotations

from pathlib import Path

from router_support import Conversation, TinyEngine, make_router

from assistant.router.nlu.types import IntentScore, NluResult


class Middling(TinyEngine):
    """The tiny engine, but sure of nothing for the words in ``unsure``: lamp.off at 0.7 and no slots."""

    unsure = ("switch it off again", "switch blorf off again")

    def parse(self, text: str) -> NluResult:
        if text in self.unsure:
            ranking = (IntentScore("lamp.off", 0.7), IntentScore("lamp.on", 0.2))
            return NluResult(text, "lamp.off", 0.7, (), ranking, "tiny")
        return super().parse(text)


def test_words_that_point_back_take_the_last_turns_slots(skills_root: Path) -> None:
    router, clock, _ = make_router(skills_root, skills_root.parent / "data", engine=Middling())
    talk = Conversation(router, clock)
    assert talk.say("turn on the kitchen lamp").text == "Turning on the kitchen lamp."
    assert talk.say("switch it off again").text == "Turning off the kitchen lamp."


def test_a_middling_guess_that_does_not_point_back_is_still_doubted(skills_root: Path) -> None:
    router, clock, _ = make_router(skills_root, skills_root.parent / "data", engine=Middling())
    talk = Conversation(router, clock)
    talk.say("turn on the kitchen lamp")
    reply = talk.say("switch blorf off again")
    assert reply.channel_data is not None and reply.channel_data["notUnderstood"] is True
