"""Speech-to-text behind one interface: stream frames in, see partial text, get a final transcript with confidence.

Two engines implement it (PocketSphinx, whose wheel ships an English model, and Vosk, whose model is downloaded).
Both decode in grammar mode (only the assistant's own sentences) with free dictation as the fallback for anything
outside the grammar, and both spot wake phrases in short speech segments the same way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from assistant.config import Settings
from assistant.errors import ModelError
from assistant.speaker.grammar import Grammar, Vocabulary

log = logging.getLogger(__name__)

Mode = Literal["grammar", "dictation"]


@dataclass(frozen=True)
class Transcript:
    text: str
    confidence: float
    """0-1; the engine's own estimate (PocketSphinx's per-frame path score, Vosk's mean word confidence)."""
    engine: str
    mode: Mode
    """``grammar`` when the text is one of the grammar's sentences, ``dictation`` when it fell back."""
    audio_ms: float
    decode_ms: float
    """Time spent decoding after the last frame arrived (what the user waits for)."""
    clear: bool = True
    """False when the engine doubts its own words too much to act on them: the speaker then says it did not catch
    that, instead of sending a guess on to the router."""


@dataclass(frozen=True)
class WakeHit:
    phrase: str
    confidence: float
    end_ms: float
    """Where the wake phrase ends inside the segment; audio after it may already be the command."""


class Recognition(Protocol):
    """One utterance being decoded."""

    def accept(self, frame: bytes) -> str | None:
        """Decode one frame; return the partial transcript when it changed, else None."""
        ...

    def finish(self) -> Transcript: ...


class SttEngine(Protocol):
    name: str

    def vocabulary(self) -> Vocabulary: ...

    def use_grammar(self, grammar: Grammar | None) -> None:
        """Constrain recognition to these sentences (None: free dictation only)."""
        ...

    def set_wake_phrases(self, phrases: tuple[str, ...], sensitivity: float) -> None: ...

    def start(self) -> Recognition: ...

    def spot(self, segment: bytes) -> WakeHit | None:
        """Whether a short speech segment starts with a wake phrase."""
        ...


def vosk_model_dir(settings: Settings) -> Path:
    """Where the Vosk model for the configured locale lives (``assistant models download`` puts it there)."""
    from assistant.speaker.models import model_for_locale

    return settings.models_dir / model_for_locale(settings.locale).folder


def make_engine(settings: Settings, engine: str | None = None) -> SttEngine:
    """The engine ``speaker.stt.engine`` (or ``engine``) names; ``auto`` picks Vosk when its model is installed."""
    choice = engine or settings.speaker.stt.engine
    if choice == "auto":
        from assistant.speaker.models import missing_files, model_for_locale

        spec = model_for_locale(settings.locale)
        choice = "vosk" if not missing_files(settings.models_dir / spec.folder) else "pocketsphinx"
        log.info("stt engine auto -> %s", choice)
    if choice == "vosk":
        from assistant.speaker.stt_vosk import VoskEngine

        return VoskEngine(vosk_model_dir(settings), settings.locale)
    if choice == "pocketsphinx":
        if not settings.locale.startswith("en"):
            raise ModelError(
                f"PocketSphinx ships only an English model, locale is {settings.locale}; "
                "install Vosk's model with: assistant models download vosk-cn"
            )
        from assistant.speaker.stt_pocketsphinx import PocketSphinxEngine

        return PocketSphinxEngine()
    raise ModelError(f"unknown speech-to-text engine {choice!r}; choose auto, vosk or pocketsphinx")
