"""Where audio comes from: the microphone (sounddevice / PortAudio) or a WAV file, behind one interface.

Both yield 30 ms frames of 16 kHz mono PCM, so the listen loop cannot tell them apart: tests and demos that feed a
WAV file run exactly the code path a microphone does. A file can be paced in real time (a demo, or measuring
latency as a user would feel it) or read as fast as the machine allows (tests).
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import AudioError
from assistant.speaker.audio import FRAME_MS, Framer, Resampler, decode, float_to_pcm, pcm_to_float, probe_wav

log = logging.getLogger(__name__)

READ_FRAMES = 4096  # frames read from a file at a time, before conversion


class AudioSource(Protocol):
    """A stream of 30 ms, 16 kHz mono PCM frames; ends when the input ends (a file) or is closed."""

    name: str

    def frames(self) -> Iterator[bytes]: ...

    def close(self) -> None: ...


class WavFileSource:
    """A WAV file of any common integer or float format, converted on the fly and streamed in 30 ms frames."""

    def __init__(self, path: Path, *, realtime: bool = False) -> None:
        self.path = path
        self.name = str(path)
        self.realtime = realtime
        self.format = probe_wav(path)  # refuses unusable files before the loop starts
        self._closed = False

    def frames(self) -> Iterator[bytes]:
        fmt = self.format
        resampler = Resampler(fmt.rate)
        framer = Framer()
        started = time.monotonic()
        sent = 0
        with self.path.open("rb") as f:
            f.seek(fmt.data_offset)
            left = fmt.frames
            while left > 0 and not self._closed:
                raw = f.read(min(READ_FRAMES, left) * fmt.frame_bytes)
                if len(raw) < fmt.frame_bytes:
                    break
                left -= len(raw) // fmt.frame_bytes
                pcm = float_to_pcm(resampler.process(decode(raw, fmt)))
                for frame in framer.push(pcm):
                    if self.realtime:
                        _sleep_until(started + sent * FRAME_MS / 1000)
                    sent += 1
                    yield frame
        yield from framer.flush()

    def close(self) -> None:
        self._closed = True


def _sleep_until(deadline: float) -> None:
    delay = deadline - time.monotonic()
    if delay > 0:
        time.sleep(delay)


class MicrophoneSource:
    """The microphone at its native rate, converted to 16 kHz mono; PortAudio calls back, we hand frames on."""

    def __init__(self, device: str | int | None, *, max_queue: int = 200) -> None:
        import sounddevice as sd  # PortAudio is loaded only when a microphone is really wanted

        self._sd = sd
        index = find_input_device(device)
        info: dict[str, Any] = sd.query_devices(index, "input")
        self.name = str(info["name"])
        self.rate = int(info["default_samplerate"])
        self._channels = 1
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=max_queue)
        self._resampler = Resampler(self.rate)
        self._framer = Framer()
        self._dropped = 0
        try:
            self._stream = sd.RawInputStream(
                device=index,
                samplerate=self.rate,
                channels=self._channels,
                dtype="int16",
                blocksize=int(self.rate * FRAME_MS / 1000),
                callback=self._on_audio,
            )
            self._stream.start()
        except sd.PortAudioError as e:
            raise AudioError(f"microphone {self.name!r} cannot be opened: {e} (check speaker.input_device)") from None

    def _on_audio(self, data: Any, frames: int, when: Any, status: Any) -> None:
        try:
            self._queue.put_nowait(bytes(data))
        except queue.Full:  # the loop fell behind: drop audio rather than grow without bound
            self._dropped += 1

    def frames(self) -> Iterator[bytes]:
        while self._stream.active or not self._queue.empty():
            try:
                raw = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            pcm = float_to_pcm(self._resampler.process(pcm_to_float(raw, 2, self._channels)))
            yield from self._framer.push(pcm)
        if self._dropped:
            log.warning("dropped %d microphone blocks because processing fell behind", self._dropped)

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()


def find_input_device(device: str | int | None) -> int:
    """The sounddevice index for ``speaker.input_device``: an index, a name fragment, or None for the default."""
    import sounddevice as sd

    try:
        devices = list(sd.query_devices())
    except sd.PortAudioError as e:
        raise AudioError(f"cannot list audio devices: {e}") from None
    inputs = [(i, str(d["name"])) for i, d in enumerate(devices) if int(d["max_input_channels"]) > 0]
    if not inputs:
        raise AudioError("no microphone found (sounddevice lists no input device); use --input FILE.wav instead")
    if device is None:
        default = sd.default.device[0]
        return int(default) if default is not None and int(default) >= 0 else inputs[0][0]
    if isinstance(device, int):
        if any(i == device for i, _ in inputs):
            return device
    else:
        matches = [i for i, name in inputs if device.lower() in name.lower()]
        if matches:
            return matches[0]
    listed = "; ".join(f"{i}: {name}" for i, name in inputs)
    raise AudioError(f"speaker.input_device {device!r} matches no microphone; choose one of: {listed}")
