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

    def event(self, name: str, properties: dict[str, Any]) -> MiAiResponse: ...


class Observer(Protocol):
    """What a front end (the CLI's live line, a test) sees as the loop runs."""

    def state(self, state: State, detail: str) -> None: ...

    def partial(self, text: str) -> None: ...

    def turn(self, turn: ListenTurn) -> None: ...


Action = Callable[[str, dict[str, Any]], None]
"""Device control or player actions from a response: name and properties (the Mi-Home hub takes them); the
``player.*`` ones have already been applied to the loop's media player when this is called."""


@dataclass(frozen=True)
class LoopOptions:
    wake_mode: str = "phrase"
    """``phrase`` (spoken wake word), ``ptt`` (Enter) or ``none`` (the input starts already woken)."""
    once: bool = False
    """Stop after the first turn."""
    out_dir: Path | None = None
    """Where replies are rendered as WAV; None: no text-to-speech."""
