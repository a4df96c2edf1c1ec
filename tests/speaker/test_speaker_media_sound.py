"""The stand-in a track sounds as: its length, its gain following the volume, and the same sound every time."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from assistant.speaker import media_sound

TITLE = "Take Five by Dave Brubeck"


def _peak(samples: np.ndarray) -> int:
    return int(np.max(np.abs(samples.astype(np.int32))))


def test_the_stand_in_lasts_the_seconds_asked_at_the_rate_given() -> None:
    assert media_sound.render(TITLE, 50).size == round(media_sound.SECONDS * media_sound.RATE)
    assert media_sound.render(TITLE, 50, seconds=1.5, rate=16_000).size == 24_000


def test_the_written_wav_is_16_bit_mono_with_the_rendered_samples(tmp_path: Path) -> None:
    path = media_sound.write(tmp_path / "take-five.wav", TITLE, 70, seconds=2.0)
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, media_sound.RATE)
        written = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    assert np.array_equal(written, media_sound.render(TITLE, 70, seconds=2.0))


def test_the_same_title_always_sounds_the_same_and_another_title_differently() -> None:
    first = media_sound.render(TITLE, 50)
    assert np.array_equal(first, media_sound.render(TITLE, 50))
    assert media_sound.melody(TITLE) == media_sound.melody(TITLE)
    other = media_sound.render("So What by Miles Davis", 50)
    assert not np.array_equal(first, other)
    assert [n.hz for n in media_sound.melody(TITLE)] != [n.hz for n in media_sound.melody("So What by Miles Davis")]


def test_the_volume_is_the_gain() -> None:
    quiet, loud = media_sound.render(TITLE, 20), media_sound.render(TITLE, 80)
    assert _peak(loud) > 3 * _peak(quiet) > 0
    assert _peak(media_sound.render(TITLE, 100)) <= 32767 // 2 + 1  # headroom: never clips
    assert _peak(media_sound.render(TITLE, 0)) == 0
    # the same tune, only louder: the two are proportional (to rounding)
    scaled = quiet.astype(np.float64) * 4
    assert np.max(np.abs(scaled - loud)) <= 4


def test_it_is_a_melody_and_starts_and_ends_quietly() -> None:
    notes = media_sound.melody(TITLE)
    assert len(notes) >= 5 and len({n.hz for n in notes}) >= 3
    assert notes[-1].start_s + notes[-1].length_s <= media_sound.SECONDS + 1e-9
    samples = media_sound.render(TITLE, 100)
    edge = int(0.005 * media_sound.RATE)
    assert _peak(samples[:edge]) < _peak(samples) / 4 and _peak(samples[-edge:]) < _peak(samples) / 4


@pytest.mark.parametrize("volume", [-1, 101])
def test_a_volume_outside_0_to_100_is_refused(volume: int) -> None:
    with pytest.raises(ValueError, match="0-100"):
        media_sound.render(TITLE, volume)
