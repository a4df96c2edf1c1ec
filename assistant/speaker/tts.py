"""Text-to-speech and playback: pyttsx3 (espeak-ng on Linux) renders a WAV, sounddevice plays it.

Rendering to a WAV first and playing it ourselves (instead of pyttsx3's ``say``, which shells out to ``aplay``)
gives three things: playback can be stopped mid-sentence when the wake word is heard (barge-in), the moment the
first audio is ready is measurable, and a machine with no sound card still gets the WAV and a one-line notice.
"""

from __future__ import annotations

import contextlib
import io
import logging
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any, Final

import numpy as np

from assistant.config.speaker import TtsSettings
from assistant.errors import AudioError

log = logging.getLogger(__name__)

WAV_READY_TIMEOUT_S: Final = 10.0


class Pyttsx3Voice:
    """One pyttsx3 engine for the whole run (creating one per sentence is slow and leaks on some drivers)."""

    def __init__(self, settings: TtsSettings) -> None:
        import pyttsx3

        try:
            self._engine = pyttsx3.init()
        except (RuntimeError, OSError) as e:
            raise AudioError(
                f"text-to-speech unavailable ({e}); install espeak-ng: apt-get install espeak-ng"
            ) from None
        self._engine.setProperty("rate", settings.rate)
        self._engine.setProperty("volume", settings.volume)
        if settings.voice:
            self._engine.setProperty("voice", _voice_id(self._engine, settings.voice))
        self._lock = threading.Lock()

    def render(self, text: str, path: Path) -> Path:
        """Write ``text`` as a WAV at ``path`` and return only once the file is complete and readable. ``text``
        must have words (pyttsx3 fails an assertion on empty text): callers skip the silent replies."""
        if not text.strip():
            raise ValueError("text-to-speech was given no text to say")
        path.unlink(missing_ok=True)
        with self._lock, contextlib.redirect_stdout(io.StringIO()):  # the espeak driver prints "Audio saved to"
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
        _wait_complete(path)
        return path


def _voice_id(engine: Any, wanted: str) -> str:
    voices = engine.getProperty("voices")
    for voice in voices:
        if wanted == voice.id or wanted.lower() in f"{voice.id} {voice.name}".lower():
            return str(voice.id)
    sample = ", ".join(str(v.id) for v in voices[:8])
    raise AudioError(f"speaker.tts.voice {wanted!r} matches no installed voice; e.g. {sample}")


def _wait_complete(path: Path) -> None:
    """pyttsx3 drivers may return before the file is closed: wait until the header and size agree."""
    deadline = time.monotonic() + WAV_READY_TIMEOUT_S
    while True:
        try:
            with wave.open(str(path), "rb") as w:
                expected = 44 + w.getnframes() * w.getsampwidth() * w.getnchannels()
                if w.getnframes() > 0 and path.stat().st_size >= expected:
                    return
        except (FileNotFoundError, EOFError, wave.Error):
            pass
        if time.monotonic() > deadline:
            raise AudioError(f"text-to-speech produced no complete WAV at {path} (is espeak-ng installed?)")
        time.sleep(0.01)


NO_OUTPUT_NOTICE: Final = "replies are shown as text only"


class Player:
    """Plays WAVs on the default output; stoppable from another thread. No device: one notice, then silence."""

    def __init__(self, enabled: bool = True, *, notice: str | None = NO_OUTPUT_NOTICE) -> None:
        """``notice``: what the one warning given when there is no audio output says happens instead (it must be
        true for the caller: whether reply WAVs are kept, and where); None: no warning, as nothing spoken was
        asked for (the notice is logged at info level)."""
        self.enabled = enabled
        self.notice = notice
        self._notice_given = False
        self._stop = threading.Event()

    def play(self, path: Path) -> bool:
        """Play to the end or until ``stop()``; True when it really played."""
        if not self.enabled:
            return False
        with wave.open(str(path), "rb") as w:
            rate, channels = w.getframerate(), w.getnchannels()
            data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, channels)
        try:
            import sounddevice as sd
        except (ImportError, OSError) as e:  # no PortAudio library on this machine
            self._no_device(str(e))
            return False
        self._stop.clear()
        try:
            with sd.OutputStream(samplerate=rate, channels=channels, dtype="int16") as stream:
                block = rate // 20
                for i in range(0, len(data), block):
                    if self._stop.is_set():
                        return True
                    stream.write(np.ascontiguousarray(data[i : i + block]))
            return True
        except (sd.PortAudioError, OSError, ValueError) as e:  # no output device, or it refused the format
            self._no_device(str(e))
            return False

    def stop(self) -> None:
        self._stop.set()

    def _no_device(self, reason: str) -> None:
        if not self._notice_given:
            if self.notice is None:
                log.info("no audio output (%s)", reason)
            else:
                log.warning("no audio output (%s); %s", reason, self.notice)
            self._notice_given = True
        self.enabled = False


def earcon_wav(directory: Path) -> Path:
    """The short rising two-tone 'I'm listening' sound, written once per run."""
    rate = 16_000
    t = np.arange(int(rate * 0.08)) / rate
    tone = np.concatenate([np.sin(2 * np.pi * 660 * t), np.sin(2 * np.pi * 880 * t)])
    fade = np.minimum(1.0, np.minimum(np.arange(tone.size), tone.size - np.arange(tone.size)) / 160)
    pcm = (tone * fade * 8000).astype("<i2").tobytes()
    path = directory / "earcon.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return path


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="assistant-tts-"))
