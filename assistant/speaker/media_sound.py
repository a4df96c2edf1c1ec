"""The sound a track makes on this simulator: a few seconds of a melody derived from its title, never real music.

The catalogue's streams (``sim://catalogue/<id>``) lead nowhere, so the speaker plays a stand-in that is
deterministic (the same title always sounds the same, in every run and on every machine: the melody comes from a
SHA-256 of the title, not Python's salted ``hash``), distinct per track, and easy on the ear: notes of a major
pentatonic scale, each a sine with two soft overtones and a plucked envelope, over a quiet bass on the root.
Volume is a plain amplitude gain (0 is silence, 100 the loudest the stand-in gets), so what the listener hears
changes exactly when the player's volume does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
from numpy.typing import NDArray

from assistant.speaker.audio import write_wav

RATE: Final = 22_050
SECONDS: Final = 4.0
PEAK: Final = 0.5 * 32767
"""The loudest sample at volume 100: half of full scale leaves room above it and never clips."""
PENTATONIC: Final = (0, 2, 4, 7, 9, 12, 14, 16)
"""Semitones above the root: any two notes of a major pentatonic sound well together."""
EDGE_S: Final = 0.02
"""Fade at both ends of the clip, so starting, stopping and repeating never click."""

Samples = NDArray[np.float64]


@dataclass(frozen=True)
class Note:
    hz: float
    start_s: float
    length_s: float


def melody(title: str, seconds: float = SECONDS) -> tuple[Note, ...]:
    """The notes ``title`` is played as, filling ``seconds``: key, tempo and tune all come from its digest."""
    digest = hashlib.sha256(title.strip().lower().encode("utf-8")).digest()
    root = 220.0 * 2 ** ((digest[0] % 12) / 12)  # a key between A3 and G#4
    beat = 0.22 + (digest[1] % 5) * 0.04  # 0.22-0.38 s: a relaxed to lively pace
    notes: list[Note] = []
    at, i = 0.0, 2
    while at < seconds - beat / 2:
        byte = digest[i % len(digest)]
        step = PENTATONIC[byte % len(PENTATONIC)]
        length = beat * (2 if byte & 0x80 else 1)  # some notes held for two beats
        notes.append(Note(root * 2 ** (step / 12), at, min(length, seconds - at)))
        at += length
        i += 1
    return tuple(notes)


def render(title: str, volume: int, *, seconds: float = SECONDS, rate: int = RATE) -> NDArray[np.int16]:
    """``title``'s stand-in as 16-bit mono samples at ``volume`` (0-100)."""
    if not 0 <= volume <= 100:
        raise ValueError(f"volume must be 0-100, not {volume}")
    total = round(seconds * rate)
    mix = np.zeros(total)
    notes = melody(title, seconds)
    for note in notes:
        _add(mix, _pluck(note.hz, note.length_s, rate), int(note.start_s * rate))
    if notes:
        _add(mix, 0.35 * _pluck(notes[0].hz / 2, seconds, rate, decay=0.6), 0)  # the bass under it all
    mix *= _edges(total, int(EDGE_S * rate))
    peak = float(np.max(np.abs(mix))) or 1.0
    return np.round(mix / peak * PEAK * volume / 100).astype(np.int16)


def write(path: Path, title: str, volume: int, *, seconds: float = SECONDS, rate: int = RATE) -> Path:
    """Render ``title`` at ``volume`` into the WAV at ``path`` (the shape the speaker's Player plays)."""
    write_wav(path, render(title, volume, seconds=seconds, rate=rate).astype("<i2").tobytes(), rate)
    return path


def _pluck(hz: float, length_s: float, rate: int, *, decay: float = 3.5) -> Samples:
    t = np.arange(int(length_s * rate)) / rate
    tone = np.sin(2 * np.pi * hz * t) + 0.3 * np.sin(4 * np.pi * hz * t) + 0.1 * np.sin(6 * np.pi * hz * t)
    attack = np.minimum(1.0, t / 0.01)
    release = np.minimum(1.0, (length_s - t) / 0.03)  # each note ends at zero: no click into the next
    envelope: Samples = attack * np.exp(-decay * t) * np.clip(release, 0.0, 1.0)
    return tone * envelope


def _add(mix: Samples, sound: Samples, at: int) -> None:
    end = min(mix.size, at + sound.size)
    if end > at:
        mix[at:end] += sound[: end - at]


def _edges(total: int, fade: int) -> Samples:
    ramp = np.ones(total)
    if fade > 0 and total >= 2 * fade:
        ramp[:fade] = np.linspace(0.0, 1.0, fade)
        ramp[-fade:] = np.linspace(1.0, 0.0, fade)
    return ramp
