"""Every input format is converted to 16 kHz mono or refused with one line that says how to fix it."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from speaker_synth import speech

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


GUID_TAIL = bytes.fromhex("000000001000800000aa00389b71")


def _riff(path: Path, tag: int, channels: int, rate: int, width: int, data: bytes, *, extensible: bool = False) -> Path:
    """A WAV written byte by byte, as sox, arecord, ffmpeg and Audacity write the layouts ``wave`` cannot."""
    block = channels * width
    head = (0xFFFE if extensible else tag).to_bytes(2, "little") + channels.to_bytes(2, "little")
    head += rate.to_bytes(4, "little") + (rate * block).to_bytes(4, "little")
    head += block.to_bytes(2, "little") + (8 * width).to_bytes(2, "little")
    if extensible:
        mask = (1 << channels) - 1
        head += (22).to_bytes(2, "little") + (8 * width).to_bytes(2, "little") + mask.to_bytes(4, "little")
        head += tag.to_bytes(2, "little") + GUID_TAIL
    body = b"WAVE" + b"fmt " + len(head).to_bytes(4, "little") + head
    body += b"LIST" + (4).to_bytes(4, "little") + b"INFO"  # a chunk before the samples, as sox and ffmpeg add
    body += b"data" + len(data).to_bytes(4, "little") + data
    path.write_bytes(b"RIFF" + len(body).to_bytes(4, "little") + body)
    return path


def _encode(samples: np.ndarray, kind: str, channels: int) -> tuple[int, int, bytes]:
    """Samples in -1..1 as (format tag, bytes per sample, interleaved data)."""
    x = np.repeat(samples, channels)
    if kind == "f32":
        return 3, 4, x.astype("<f4").tobytes()
    if kind == "f64":
        return 3, 8, x.astype("<f8").tobytes()
    if kind == "s24":
        v = np.round(x * 8_388_607).astype("<i4")
        return 1, 3, np.frombuffer(v.tobytes(), dtype=np.uint8).reshape(-1, 4)[:, :3].tobytes()
    if kind == "s32":
        return 1, 4, np.round(x * 2_147_483_647).astype("<i4").tobytes()
    return 1, 2, np.round(x * 32767).astype("<i2").tobytes()


@pytest.mark.parametrize(
    ("kind", "channels", "extensible"),
    [
        ("s16", 2, True),  # sox/ffmpeg for more than 2 channels, arecord for S16 stereo with -f S16_LE -c 2 at times
        ("s24", 1, True),  # sox, arecord and ffmpeg for anything over 16 bits
        ("s32", 4, True),
        ("f32", 1, False),  # Audacity's "32-bit float" export
        ("f64", 2, False),
        ("f32", 2, True),
    ],
)
def test_extensible_and_float_wavs_are_converted_to_16k_mono(
    tmp_path: Path, kind: str, channels: int, extensible: bool
) -> None:
    tag, width, data = _encode(_tone(44_100, 1.0) * 0.3, kind, channels)
    path = _riff(tmp_path / "in.wav", tag, channels, 44_100, width, data, extensible=extensible)
    fmt = probe_wav(path)
    assert (fmt.channels, fmt.sample_width, fmt.frames) == (channels, width, 44_100)
    pcm = b"".join(WavFileSource(path).frames())
    assert abs(len(pcm) / 2 - RATE) <= FRAME_BYTES
    assert abs(_dominant_hz(pcm) - 440.0) < 3.0
    peak = np.abs(np.frombuffer(pcm, dtype="<i2")).max()
    assert abs(peak - 0.3 * 32768) < 0.02 * 32768, "the level is kept: float 1.0 is int16 full scale"


def test_a_float_rendering_of_speech_streams_as_the_16_bit_one_does(tmp_path: Path) -> None:
    """espeak-ng speech written as Audacity's float export and as sox's 24-bit extensible file: the frames a
    microphone would deliver are the 16-bit file's, to within rounding."""
    pcm16 = speech("what time is it")
    samples = np.frombuffer(pcm16, dtype="<i2").astype(np.float64) / 32768.0
    reference = _riff(tmp_path / "s16.wav", 1, 1, RATE, 2, pcm16)
    want = np.frombuffer(b"".join(WavFileSource(reference).frames()), dtype="<i2").astype(float)
    for kind, extensible in (("f32", False), ("s24", True), ("f32", True)):
        tag, width, data = _encode(samples, kind, 1)
        path = _riff(tmp_path / f"{kind}{extensible}.wav", tag, 1, RATE, width, data, extensible=extensible)
        got = np.frombuffer(b"".join(WavFileSource(path).frames()), dtype="<i2").astype(float)
        assert got.size == want.size
        assert np.abs(got - want).max() <= 2, kind


@pytest.mark.parametrize(
    ("tag", "extensible", "named"),
    [(6, False, "A-law"), (7, True, "mu-law"), (2, False, "Microsoft ADPCM"), (0x55, False, "MP3")],
)
def test_compressed_wavs_are_named_and_get_a_fix_without_sox(
    tmp_path: Path, tag: int, extensible: bool, named: str
) -> None:
    path = _riff(tmp_path / "codec.wav", tag, 1, 8_000, 1, bytes(800), extensible=extensible)
    with pytest.raises(AudioError, match=f"holds {named} audio, not PCM") as caught:
        probe_wav(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "ffmpeg -i IN -ar 16000 -ac 1 -c:a pcm_s16le OUT.wav" in message
    assert "16-bit PCM" in message
    assert "sox" not in message, "run.sh installs no sox"


def test_unusual_float_and_integer_widths_are_named(tmp_path: Path) -> None:
    path = _riff(tmp_path / "f16.wav", 3, 1, RATE, 2, bytes(800))
    with pytest.raises(AudioError, match="16-bit float samples are not supported"):
        probe_wav(path)
