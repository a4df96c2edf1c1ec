"""Audio made in the test: espeak-ng speech, silence with a little noise, written as 16 kHz mono WAV."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from assistant.speaker.audio import RATE, Resampler, float_to_pcm, pcm_to_float, write_wav

#: espeak-ng voice variants PocketSphinx's model hears well (the plain default male voice decodes poorly)
VOICES = (("en-us+klatt", 160), ("en-us+f2", 130), ("en+klatt4", 175), ("en-us+klatt2", 145))


def need_espeak() -> str:
    path = shutil.which("espeak-ng")
    if path is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    return path


def speech(text: str, voice: str = "en-us+klatt", speed: int = 160) -> bytes:
    """``text`` spoken by espeak-ng, as 16 kHz mono PCM."""
    out = subprocess.run(
        [need_espeak(), "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True, check=True
    ).stdout
    # espeak-ng writes a 44-byte header with a placeholder length, then 16-bit mono PCM at 22050 Hz
    rate = int.from_bytes(out[24:28], "little")
    return float_to_pcm(Resampler(rate).process(pcm_to_float(out[44:], 2, 1)))


def silence(seconds: float, *, seed: int = 0) -> bytes:
    """Quiet room noise rather than digital zeros, which no microphone produces."""
    noise = np.random.default_rng(seed).normal(0.0, 30.0, int(RATE * seconds))
    return float_to_pcm(noise)


def wav(path: Path, *parts: bytes) -> Path:
    write_wav(path, b"".join(parts))
    return path
