"""What the listen loop is made with and reports: its states, the conversation it talks to, who watches it, and its
options (:mod:`assistant.speaker.loop` runs it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from assistant.speaker.listen_turn import ListenTurn
from bridge.miai import MiAiResponse

#: The speaker's event when a stream it played came to its end (Mi-AI ``event_type``).
PLAYBACK_FINISHED = "mediaplayer.playbackfinished"


class State(str, Enum):
    IDLE = "idle"
    LISTENING = "listening"
    THINKING = "thinking"
    SPEAKING = "speaking"
    MEDIA = "media"
    """Not a step of the loop: what the media player does now (the detail says what it plays, how loud...)."""


class Conversation(Protocol):
    def say(self, text: str) -> MiAiResponse: ...

    def no_speech(self) -> MiAiResponse: ...

    def not_caught(self, heard: str) -> MiAiResponse:
        """Speech-to-text doubted the words ``heard`` too much (``Transcript.clear`` is False): they are not sent
        on as a command; the answer is the speaker's own "didn't catch that"."""
        ...

    def event(self, name: str, properties: dict[str, Any]) -> MiAiResponse: ...


class Observer(Protocol):
    """What a front end (the CLI's live line, a test) sees as the loop runs."""

    def state(self, state: State, detail: str) -> None: ...

    def partial(self, text: str) -> None: ...

    def turn(self, turn: ListenTurn) -> None: ...

    def announcement(self, text: str, at_s: float) -> None:
        """Something the assistant says unasked (a timer or an alarm going off), at ``at_s`` seconds into the
        input, as it is announced (not with the next turn)."""
        ...


Action = Callable[[str, dict[str, Any]], None]
"""Device control or player actions from a response: name and properties (the Mi-Home hub takes them); the
``player.*`` ones have already been applied to the loop's media player when this is called."""


@dataclass(frozen=True)
class LoopOptions:
    wake_mode: str = "phrase"
    """``phrase`` (spoken wake word), ``ptt`` (Enter) or ``none``: no wake needed. With ``once`` the input
    starts woken (silence is the no-speech turn); without, the speaker stays awake and every utterance in the input
    is a command (silence between them is no turn)."""
    once: bool = False
    """Stop after the first turn."""
    out_dir: Path | None = None
    """Where replies are rendered as WAV; None: no text-to-speech."""
