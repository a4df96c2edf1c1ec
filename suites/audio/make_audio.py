"""Make the shipped suite's audio turns with espeak-ng: ``python suites/audio/make_audio.py``.

Each phrase below becomes ``<name>.wav`` beside this file, 16 kHz mono 16-bit (the speaker's input format),
so the audio turns are reproducible from text rather than recordings committed by hand. Needs espeak-ng
(``sudo apt-get install espeak-ng``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

RATE = 16000
WORDS_PER_MINUTE = 140

#: file name -> (what is said, espeak-ng voice). Voices were picked per phrase so that the offline recogniser
#: (PocketSphinx in grammar mode) hears the phrase: synthetic speech is far from what its acoustic model knows.
PHRASES = {
    "set_a_timer_for_five_minutes": ("set a timer for five minutes", "en-us"),
    "what_time_is_it": ("what time is it", "en-us+f3"),
    "start_the_vacuum": ("start the vacuum", "en-us"),
    "play_some_queen": ("play some queen", "en-us"),
    "whats_the_date_today": ("what's the date today", "en-us+f3"),
}


def synthesise(text: str, voice: str) -> bytes:
    """16 kHz mono 16-bit PCM of ``text`` spoken by espeak-ng."""
    done = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(WORDS_PER_MINUTE), "--stdout", text],
        check=True,
        capture_output=True,
    )
    with wave.open(io.BytesIO(done.stdout), "rb") as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    samples = np.frombuffer(frames, dtype=np.int16).astype(np.float64)
    count = int(len(samples) * RATE / rate)
    resampled = np.interp(np.linspace(0, len(samples) - 1, count), np.arange(len(samples)), samples)
    return np.clip(np.round(resampled), -32768, 32767).astype(np.int16).tobytes()


def main() -> int:
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed: sudo apt-get install espeak-ng", file=sys.stderr)
        return 1
    folder = Path(__file__).resolve().parent
    for old in folder.glob("*.wav"):
        old.unlink()
    for name, (text, voice) in PHRASES.items():
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(synthesise(text, voice))
        print(f"wrote {path} ({text!r})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
