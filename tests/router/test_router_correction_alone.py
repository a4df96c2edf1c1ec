"""A few words after "no, I meant" that are a request of their own are that request, not a new value for the last
request's free text, even when the engine reads the whole sentence as the last intent: seen with a Rasa model that
took "no, I meant play some jazz" after "add eggs" for lists.add (0.85) and added "play some jazz"."""

from __future__ import annotations

from pathlib import Path

from router_support import Conversation, TinyEngine, make_router

from assistant.router.nlu.types import IntentScore, NluResult


class ReadsTheLeadIn(TinyEngine):
    def parse(self, text: str) -> NluResult:
        if text == "no, I meant hello there":
            return NluResult(text, "notes.add", 0.85, (), (IntentScore("notes.add", 0.85),), "tiny")
        if text == "hello there":
            return NluResult(text, "chat.greet", 0.97, (), (IntentScore("chat.greet", 0.97),), "tiny")
        return super().parse(text)


def test_the_correcting_words_read_alone_tell_a_request_of_their_own(skills_root: Path) -> None:
    router, clock, _ = make_router(skills_root, skills_root.parent / "data", engine=ReadsTheLeadIn())
    talk = Conversation(router, clock)
    assert "buy milk" in (talk.say("take a note buy milk").text or "")
    assert talk.say("no, I meant hello there").text == "Hello there!"
