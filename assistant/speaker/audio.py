"""Audio in the one format the speaker works in: 16 kHz, mono, signed 16-bit little-endian PCM.

Everything that comes in (a microphone at its native rate, a WAV file of any common PCM layout) is converted here,
chunk by chunk, so a 10-minute file or an hour of microphone input never sits in memory at once. The resampler keeps
its filter state and fractional position between chunks, so chunk boundaries leave no clicks for the recognizer.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy.signal import butter, sosfilt, sosfilt_zi

from assistant.errors import AudioError

log = logging.getLogger(__name__)

RATE: Final = 16_000
"""Samples per second of every chunk the speaker passes on."""
SAMPLE_BYTES: Final = 2
FRAME_MS: Final = 30
"""One chunk: the voice-activity detector's frame, and real-time-sized for streaming."""
FRAME_SAMPLES: Final = RATE * FRAME_MS // 1000
FRAME_BYTES: Final = FRAME_SAMPLES * SAMPLE_BYTES
FIX_HINT: Final = "convert it with: sox IN -r 16000 -c 1 -b 16 OUT.wav"

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class WavFormat:
    """What a WAV file's header says, checked against what the file really holds."""

    channels: int
    sample_width: int
    rate: int
    frames: int

    @property
    def seconds(self) -> float:
        return self.frames / self.rate

    @property
    def is_native(self) -> bool:
        return self.channels == 1 and self.sample_width == SAMPLE_BYTES and self.rate == RATE


def probe_wav(path: Path) -> WavFormat:
    """Check a WAV file can be read; refuse what cannot be converted with one line that says how to fix it."""
    shown = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(12)
    except FileNotFoundError:
        raise AudioError(f"{shown}: no such file (pass an existing .wav file to --input)") from None
    except OSError as e:
        raise AudioError(f"{shown}: cannot be read: {e.strerror}") from None
    if size == 0:
        raise AudioError(f"{shown}: the file is empty (record or synthesise the command again)")
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise AudioError(f"{shown}: not a WAV file (RIFF/WAVE header missing); {FIX_HINT}")
    try:
        with wave.open(str(path), "rb") as w:
            fmt = WavFormat(w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes())
    except (wave.Error, EOFError) as e:
        reason = str(e) or "header cut short"
        raise AudioError(f"{shown}: unreadable or unsupported WAV ({reason}); {FIX_HINT}") from None
    if fmt.sample_width not in (1, 2, 3, 4):
        raise AudioError(f"{shown}: {8 * fmt.sample_width}-bit samples are not supported; {FIX_HINT}")
    if not 4_000 <= fmt.rate <= 192_000:
        raise AudioError(f"{shown}: a sample rate of {fmt.rate} Hz is not usable; {FIX_HINT}")
    present = max(0, size - _data_offset(path)) // (fmt.channels * fmt.sample_width)
    if present == 0:
        raise AudioError(f"{shown}: the WAV holds no samples (the recording is empty or cut off)")
    if present < fmt.frames:
        # streaming writers (espeak-ng --stdout, arecord) leave a placeholder length; a cut file looks the same
        log.warning("%s: header promises %d frames, %d are present; using those", shown, fmt.frames, present)
        fmt = WavFormat(fmt.channels, fmt.sample_width, fmt.rate, present)
    return fmt


def _data_offset(path: Path) -> int:
    """Where the samples begin: walk the RIFF chunks to ``data`` (the wave module does not say)."""
    with path.open("rb") as f:
        offset = 12
        while True:
            f.seek(offset)
            header = f.read(8)
            if len(header) < 8:
                return offset
            size = int.from_bytes(header[4:], "little")
            if header[:4] == b"data":
                return offset + 8
            offset += 8 + size + (size & 1)


def pcm_to_float(raw: bytes, sample_width: int, channels: int) -> Floats:
    """Decode interleaved PCM of any width to mono floats in int16 units (8-bit WAV is unsigned, the rest signed)."""
    usable = len(raw) - len(raw) % (sample_width * channels)
    raw = raw[:usable]
    if sample_width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) * 256.0
    elif sample_width == 2:
        samples = np.frombuffer(raw, dtype="<i2").astype(np.float64)
    elif sample_width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        value = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        value = np.where(value >= 1 << 23, value - (1 << 24), value)
        samples = value.astype(np.float64) / 256.0
    elif sample_width == 4:
        samples = np.frombuffer(raw, dtype="<i4").astype(np.float64) / 65536.0
    else:
        raise AudioError(f"{8 * sample_width}-bit samples are not supported; {FIX_HINT}")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples


def float_to_pcm(samples: Floats) -> bytes:
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()


class Resampler:
    """Streaming conversion of one rate to 16 kHz: anti-alias low-pass (stateful) then linear interpolation.

    Linear interpolation after a steep low-pass is plenty for speech recognition and costs almost nothing, which
    matters on a 2-core machine; the state carried between chunks makes the output independent of chunk sizes.
    """

    def __init__(self, rate_in: int, rate_out: int = RATE) -> None:
        self.rate_in = rate_in
        self.rate_out = rate_out
        self._step = rate_in / rate_out
        self._sos = butter(8, 0.45 * rate_out, fs=rate_in, output="sos") if rate_in > rate_out else None
        self._zi = sosfilt_zi(self._sos) * 0.0 if self._sos is not None else None
        self._last = 0.0
        self._pos = 1.0  # next output time, in samples of [last, *chunk]

    def process(self, samples: Floats) -> Floats:
        if self.rate_in == self.rate_out or samples.size == 0:
            return samples
        if self._sos is not None:
            samples, self._zi = sosfilt(self._sos, samples, zi=self._zi)
        buf = np.concatenate(([self._last], samples))
        end = buf.size - 1
        count = int(np.floor((end - self._pos) / self._step)) + 1 if self._pos <= end else 0
        times = self._pos + self._step * np.arange(count)
        out: Floats = np.interp(times, np.arange(buf.size), buf)
        self._pos = (self._pos + self._step * count) - end
        self._last = float(buf[-1])
        return out


class Framer:
    """Cuts a stream of arbitrary-length PCM pieces into exact 30 ms frames; the rest waits for the next piece."""

    def __init__(self, frame_bytes: int = FRAME_BYTES) -> None:
        self.frame_bytes = frame_bytes
        self._pending = b""

    def push(self, pcm: bytes) -> list[bytes]:
        data = self._pending + pcm
        whole = len(data) - len(data) % self.frame_bytes
        self._pending = data[whole:]
        return [data[i : i + self.frame_bytes] for i in range(0, whole, self.frame_bytes)]

    def flush(self) -> list[bytes]:
        """The last partial frame, padded with silence so nothing said at the very end is lost."""
        if not self._pending:
            return []
        frame = self._pending.ljust(self.frame_bytes, b"\0")
        self._pending = b""
        return [frame]


def read_pcm16k(path: Path) -> bytes:
    """A whole (short) WAV file as 16 kHz mono PCM: for tests, benchmarks and rendered replies."""
    fmt = probe_wav(path)
    with wave.open(str(path), "rb") as w:
        raw = w.readframes(fmt.frames)
    samples = pcm_to_float(raw, fmt.sample_width, fmt.channels)
    return float_to_pcm(Resampler(fmt.rate).process(samples))


def write_wav(path: Path, pcm: bytes, rate: int = RATE) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(SAMPLE_BYTES)
        w.setframerate(rate)
        w.writeframes(pcm)
