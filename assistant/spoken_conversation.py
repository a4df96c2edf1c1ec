"""The listen loop's side of an :class:`~assistant.app.Assistant`: its transcripts and events become the assistant's
turns, and an observer that shows nothing for scripted and programmatic audio turns."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError
from bridge.miai import MiAiResponse

if TYPE_CHECKING:
    from assistant.app import Assistant
    from assistant.speaker.listen_turn import ListenTurn
    from assistant.speaker.loop_parts import State
    from assistant.turn import TurnResult


class SpokenConversation:
    """The listen loop's conversation over the assistant: each transcript becomes a text turn, kept for the caller
    (``assistant listen`` shows the last one; ``audio_turn`` returns it)."""

    def __init__(self, assistant: Assistant) -> None:
        self._assistant = assistant
        self.results: list[TurnResult] = []

    def say(self, text: str) -> MiAiResponse:
        return self._keep(self._assistant.text_turn(text))

    def no_speech(self) -> MiAiResponse:
        return self._keep(self._assistant.no_speech_turn())

    def not_caught(self, heard: str) -> MiAiResponse:
        """The words were too doubtful to act on: the speaker's own answer, kept as a turn that went nowhere (no
        intent, ``not_understood``; the bridge and router never see it)."""
        from assistant.turn import turn_result

        started = time.perf_counter()
        response = self._assistant.session.not_caught(heard)
        taken = self._assistant.take_announcements()
        total = (time.perf_counter() - started) * 1000
        return self._keep(turn_result(heard, response, [], total_ms=total, announcements=taken))

    def event(self, name: str, properties: dict[str, Any]) -> MiAiResponse:
        return self._keep(self._assistant.event_turn(name, properties))

    @property
    def last(self) -> TurnResult | None:
        return self.results[-1] if self.results else None

    def _keep(self, result: TurnResult) -> MiAiResponse:
        self.results.append(result)
        if result.response is None:
            raise AssistantError("the bridge returned no Mi-AI response for this turn (see --log-level debug)")
        return result.response


class QuietObserver:
    """A listen-loop observer that shows nothing (scripted and programmatic audio turns)."""

    def state(self, state: State, detail: str) -> None:
        pass

    def partial(self, text: str) -> None:
        pass

    def turn(self, turn: ListenTurn) -> None:
        pass

    def announcement(self, text: str, at_s: float) -> None:
        pass
