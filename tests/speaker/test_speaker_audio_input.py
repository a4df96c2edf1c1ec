"""Every input format is converted to 16 kHz mono or refused with one line that says how to fix it."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import AudioError
from assistant.speaker.audio import FRAME_BYTES, RATE, Resampler, probe_wav, read_pcm16k
from assistant.speaker.sources import WavFileSource


def _tone(rate: int, seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return np.sin(2 * np.pi * freq * t)


def _write(path: Path, samples: np.ndarray, rate: int, width: int, channels: int = 1) -> Path:
    data = (samples * 100 + 128).astype(np.uint8) if width == 1 else (samples * 10000).astype("<i2")
    if channels == 2:
        data = np.repeat(data, 2)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(data.tobytes())
    return path


def _dominant_hz(pcm: bytes) -> float:
    x = np.frombuffer(pcm, dtype="<i2").astype(float)
    spectrum = np.abs(np.fft.rfft(x))
    return float(np.argmax(spectrum) * RATE / x.size)


@pytest.mark.parametrize(
    ("rate", "width", "channels"), [(44_100, 2, 2), (8_000, 1, 1), (48_000, 2, 1), (16_000, 2, 1), (22_050, 2, 2)]
)
def test_formats_are_converted_to_16k_mono_keeping_pitch_and_length(
    tmp_path: Path, rate: int, width: int, channels: int
) -> None:
    path = _write(tmp_path / "in.wav", _tone(rate, 1.0), rate, width, channels)
    pcm = read_pcm16k(path)
    assert abs(len(pcm) / 2 - RATE) <= 2
    assert abs(_dominant_hz(pcm) - 440.0) < 3.0


def test_stream_frames_are_30ms_and_cover_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.wav", _tone(44_100, 2.0), 44_100, 2, 2)
    frames = list(WavFileSource(path).frames())
    assert {len(f) for f in frames} == {FRAME_BYTES}
    assert abs(len(frames) * 0.03 - 2.0) < 0.05


def test_resampler_output_does_not_depend_on_chunk_sizes() -> None:
    x = _tone(44_100, 0.5) * 10000
    whole = Resampler(44_100).process(x)
    r = Resampler(44_100)
    pieces = np.concatenate([r.process(x[i : i + 1234]) for i in range(0, x.size, 1234)])
    assert pieces.size == whole.size
    assert np.allclose(pieces, whole, atol=1e-6)


def test_a_ten_minute_file_streams_without_loading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(RATE * 2 * 600))
    source = WavFileSource(path)
    assert source.format.seconds == 600
    count = sum(1 for _ in source.frames())
    assert count == 600 * 1000 // 30


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"ID3\x03\x00 this is an mp3 really" * 4, "not a WAV file"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "unreadable or unsupported WAV"),
    ],
)
def test_unusable_files_get_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=message) as caught:
        probe_wav(path)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_missing_file_names_the_flag(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"no such file.*--input"):
        probe_wav(tmp_path / "nope.wav")


def test_a_truncated_file_uses_what_is_there(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.wav", _tone(RATE, 1.0), RATE, 2)
    data = path.read_bytes()
    path.write_bytes(data[: 44 + RATE])  # half a second of the promised second
    assert abs(probe_wav(path).seconds - 0.5) < 0.01
    assert abs(len(read_pcm16k(path)) / 2 / RATE - 0.5) < 0.01


def test_a_header_with_no_samples_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.wav", _tone(RATE, 1.0), RATE, 2)
    path.write_bytes(path.read_bytes()[:44])
    with pytest.raises(AudioError, match="holds no samples"):
        probe_wav(path)


def test_float_wav_is_refused_with_the_conversion_command(tmp_path: Path) -> None:
    path = tmp_path / "float.wav"
    fmt = (3).to_bytes(2, "little") + (1).to_bytes(2, "little") + RATE.to_bytes(4, "little")
    fmt += (RATE * 4).to_bytes(4, "little") + (4).to_bytes(2, "little") + (32).to_bytes(2, "little")
    body = b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"data" + (400).to_bytes(4, "little")
    path.write_bytes(b"RIFF" + (len(body) + 400).to_bytes(4, "little") + body + bytes(400))
    with pytest.raises(AudioError, match="sox IN -r 16000"):
        probe_wav(path)
