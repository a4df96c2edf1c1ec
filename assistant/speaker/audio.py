"""Audio in the one format the speaker works in: 16 kHz, mono, signed 16-bit little-endian PCM.

Everything that comes in (a microphone at its native rate, a WAV file of any common integer or float layout) is
converted here, chunk by chunk, so a 10-minute file or an hour of microphone input never sits in memory at once. The
resampler keeps its filter state and fractional position between chunks, so chunk boundaries leave no clicks for the
recognizer.
WAV headers are read here too (Python's ``wave`` module reads neither WAVE_FORMAT_EXTENSIBLE nor float files).
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

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
FIX_HINT: Final = (
    "convert it to 16-bit PCM WAV, e.g. ffmpeg -i IN -ar 16000 -ac 1 -c:a pcm_s16le OUT.wav "
    "(or export it from an audio editor as WAV, signed 16-bit PCM)"
)

Floats = npt.NDArray[np.float64]

PCM: Final = 1
FLOAT: Final = 3
EXTENSIBLE: Final = 0xFFFE
#: the rest of a WAVE_FORMAT_EXTENSIBLE sub-format GUID after its first two bytes, which are the plain format tag
_GUID_TAIL: Final = bytes.fromhex("000000001000800000aa00389b71")
#: format tags seen in .wav files that hold compressed or companded audio, named for the error message
_CODECS: Final = {
    2: "Microsoft ADPCM",
    6: "A-law",
    7: "mu-law",
    0x11: "IMA ADPCM",
    0x31: "GSM 6.10",
    0x50: "MPEG audio",
    0x55: "MP3",
    0x161: "Windows Media Audio",
    0x2000: "AC-3",
}


@dataclass(frozen=True)
class WavFormat:
    """What a WAV file's header says, checked against what the file really holds."""

    channels: int
    sample_width: int
    """Bytes per sample of one channel."""
    rate: int
    frames: int
    is_float: bool = False
    """IEEE float samples (32- or 64-bit) rather than integers."""
    data_offset: int = 44
    """Where the samples begin in the file."""

    @property
    def seconds(self) -> float:
        return self.frames / self.rate

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.sample_width

    @property
    def is_native(self) -> bool:
        return self.channels == 1 and self.sample_width == SAMPLE_BYTES and self.rate == RATE and not self.is_float


def probe_wav(path: Path) -> WavFormat:
    """Check a WAV file can be read; refuse what cannot be converted with one line that says how to fix it."""
    shown = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(12)
            chunks = _chunks(f, size) if len(head) == 12 else {}
    except FileNotFoundError:
        raise AudioError(f"{shown}: no such file (pass an existing .wav file to --input)") from None
    except OSError as e:
        raise AudioError(f"{shown}: cannot be read: {e.strerror}") from None
    if size == 0:
        raise AudioError(f"{shown}: the file is empty (record or synthesise the command again)")
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise AudioError(f"{shown}: not a WAV file (RIFF/WAVE header missing); {FIX_HINT}")
    fmt_chunk, data = chunks.get(b"fmt "), chunks.get(b"data")
    if fmt_chunk is None or len(fmt_chunk[1]) < 16 or data is None:
        missing = "fmt" if fmt_chunk is None or len(fmt_chunk[1]) < 16 else "data"
        raise AudioError(f"{shown}: unreadable or unsupported WAV (no {missing} chunk: header cut short); {FIX_HINT}")
    fmt = _format(fmt_chunk[1], shown)
    offset, declared = data
    if not 4_000 <= fmt.rate <= 192_000:
        raise AudioError(f"{shown}: a sample rate of {fmt.rate} Hz is not usable; {FIX_HINT}")
    present = max(0, size - offset) // fmt.frame_bytes
    promised = int.from_bytes(declared, "little") // fmt.frame_bytes
    if present == 0:
        raise AudioError(f"{shown}: the WAV holds no samples (the recording is empty or cut off)")
    if present < promised:
        # streaming writers (espeak-ng --stdout, arecord) leave a placeholder length; a cut file looks the same
        log.warning("%s: header promises %d frames, %d are present; using those", shown, promised, present)
    frames = min(present, promised) if promised else present
    return WavFormat(fmt.channels, fmt.sample_width, fmt.rate, frames, fmt.is_float, offset)


def _chunks(f: BinaryIO, size: int) -> dict[bytes, tuple[int, bytes]]:
    """The RIFF chunks up to ``data``: for ``fmt `` its body, for ``data`` where it starts and its 4-byte length."""
    found: dict[bytes, tuple[int, bytes]] = {}
    offset = 12
    while offset + 8 <= size:
        f.seek(offset)
        header = f.read(8)
        if len(header) < 8:
            break
        name, length = header[:4], int.from_bytes(header[4:], "little")
        if name == b"data":
            found[name] = (offset + 8, header[4:])
            break
        if name == b"fmt ":
            found[name] = (offset + 8, f.read(min(length, 64)))
        offset += 8 + length + (length & 1)
    return found


def _format(body: bytes, shown: str) -> WavFormat:
    """The sample layout from a ``fmt `` chunk: integer PCM or IEEE float, plain or WAVE_FORMAT_EXTENSIBLE."""
    tag = int.from_bytes(body[0:2], "little")
    channels = int.from_bytes(body[2:4], "little")
    rate = int.from_bytes(body[4:8], "little")
    block = int.from_bytes(body[12:14], "little")
    bits = int.from_bytes(body[14:16], "little")
    if tag == EXTENSIBLE and len(body) >= 40 and body[26:40] == _GUID_TAIL:
        tag = int.from_bytes(body[24:26], "little")  # the sub-format GUID starts with the plain tag
    if channels == 0 or block == 0 or block % channels:
        raise AudioError(f"{shown}: unreadable or unsupported WAV (bad channel count or block size); {FIX_HINT}")
    width = block // channels  # the container: 24 valid bits may sit in 32, left-justified
    if tag == PCM and width in (1, 2, 3, 4):
        return WavFormat(channels, width, rate, 0)
    if tag == FLOAT and width in (4, 8):
        return WavFormat(channels, width, rate, 0, is_float=True)
    if tag in (PCM, FLOAT):
        kind = "float" if tag == FLOAT else "integer"
        raise AudioError(f"{shown}: {bits or 8 * width}-bit {kind} samples are not supported; {FIX_HINT}")
    name = _CODECS.get(tag, f"format tag {tag}" if tag != EXTENSIBLE else "an unknown WAVE_FORMAT_EXTENSIBLE format")
    raise AudioError(f"{shown}: the WAV holds {name} audio, not PCM; {FIX_HINT}")


def decode(raw: bytes, fmt: WavFormat) -> Floats:
    """Raw samples of a WAV's layout as mono floats in int16 units."""
    if not fmt.is_float:
        return pcm_to_float(raw, fmt.sample_width, fmt.channels)
    usable = len(raw) - len(raw) % fmt.frame_bytes
    values = np.frombuffer(raw[:usable], dtype="<f4" if fmt.sample_width == 4 else "<f8").astype(np.float64)
    samples = np.nan_to_num(values, nan=0.0, posinf=1.0, neginf=-1.0) * 32768.0
    if fmt.channels > 1:
        samples = samples.reshape(-1, fmt.channels).mean(axis=1)
    return samples


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
    with path.open("rb") as f:
        f.seek(fmt.data_offset)
        raw = f.read(fmt.frames * fmt.frame_bytes)
    return float_to_pcm(Resampler(fmt.rate).process(decode(raw, fmt)))


def write_wav(path: Path, pcm: bytes, rate: int = RATE) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(SAMPLE_BYTES)
        w.setframerate(rate)
        w.writeframes(pcm)
