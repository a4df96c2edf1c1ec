"""The ``speaker:`` block of config.yml: the Mi-AI-style front end (audio, wake word, STT, TTS)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from assistant.config.section import Section


class WakeSettings(Section):
    phrases: tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)], ...] = (
        "xiao ai",
        "hey cortana",
    )
    """Wake phrases, spotted by the recognizer in keyword mode."""
    sensitivity: float = Field(default=0.5, ge=0.0, le=1.0)
    """0 = only clear wake phrases, 1 = wake on near misses too (sets the keyword-search thresholds and how strict
    the verification is)."""

    @field_validator("phrases")
    @classmethod
    def _non_empty(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        if not phrases:
            raise ValueError("must list at least one wake phrase")
        return phrases


class SttSettings(Section):
    engine: Literal["auto", "vosk", "pocketsphinx"] = "auto"
    """``auto`` uses Vosk when its model is installed, else PocketSphinx."""
    mode: Literal["grammar", "dictation"] = "grammar"
    """``grammar`` constrains recognition to the assistant's own commands (falls back to dictation)."""


class TtsSettings(Section):
    voice: str | None = None
    """pyttsx3 voice id or name fragment (e.g. ``en-us``); None = the system default."""
    rate: int = Field(default=175, ge=50, le=400)
    """Words per minute."""
    volume: float = Field(default=1.0, ge=0.0, le=1.0)


class SpeakerSettings(Section):
    device_id: str = Field(default="mi-speaker-01", min_length=1)
    """The speaker's Mi-AI device id, sent in every request's context."""
    input_device: str | int | None = None
    """Microphone: a sounddevice index or name fragment; None = the default input."""
    wake: WakeSettings = WakeSettings()
    stt: SttSettings = SttSettings()
    tts: TtsSettings = TtsSettings()
    end_silence_ms: int = Field(default=700, ge=100, le=5000)
    """Trailing silence that ends an utterance."""
    max_utterance_s: float = Field(default=10.0, gt=0, le=60)
    """Longest command; recording stops here."""
    no_speech_timeout_s: float = Field(default=5.0, gt=0, le=60)
    """Silence after the wake word that ends the turn with the no-speech answer."""
    track_s: float = Field(default=180.0, gt=0, le=3600)
    """How long each song plays: the catalogue's streams are simulated, so the speaker plays a stand-in melody over
    and over for this long, then reports the song ended and the queue goes on."""
