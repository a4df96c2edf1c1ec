"""A loudspeaker for tests: stands in for the ``sounddevice`` module the speaker's Player imports when it plays.

Installed with ``monkeypatch.setitem(sys.modules, "sounddevice", loudspeaker.module())``, it lets the real
``Player.play`` run unchanged: every output stream opened is kept with the samples written to it, and writing
takes as long as the audio lasts (times ``pace``), as a real device's blocking write does, so a stop can land
mid-clip. Music and speech builders can also reply in a Mi-AI response as the bridge produces it.
"""

from __future__ import annotations

import threading
import time
import types
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bridge import translator
from bridge.cortana import Activity
from bridge.miai import MiAiResponse


class PortAudioError(Exception):
    pass


class Stream:
    """One output stream the player opened: its format and everything written to it until it was closed."""

    def __init__(self, samplerate: int, channels: int, pace: float) -> None:
        self.rate = samplerate
        self.channels = channels
        self.pace = pace
        self.blocks: list[NDArray[np.int16]] = []
        self.closed = threading.Event()

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed.set()

    def write(self, block: NDArray[np.int16]) -> None:
        self.blocks.append(np.array(block, dtype=np.int16).reshape(-1))
        if self.pace:
            time.sleep(len(block) / self.rate * self.pace)

    @property
    def samples(self) -> NDArray[np.int16]:
        blocks = list(self.blocks)
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int16)

    def starts_with(self, sound: NDArray[np.int16]) -> bool:
        """Whether this stream began with ``sound`` (as far as it got)."""
        got = self.samples
        return got.size > 0 and np.array_equal(got, sound[: got.size])


class FakeLoudspeaker:
    def __init__(self, *, pace: float = 0.0) -> None:
        """``pace``: real seconds per second of audio written (0: at once; 1: as a real device)."""
        self.pace = pace
        self.streams: list[Stream] = []
        self._changed = threading.Condition()

    def module(self) -> types.ModuleType:
        fake = types.ModuleType("sounddevice")
        fake.OutputStream = self._open  # type: ignore[attr-defined]
        fake.PortAudioError = PortAudioError  # type: ignore[attr-defined]
        return fake

    def _open(self, samplerate: int, channels: int, dtype: str) -> Stream:
        assert dtype == "int16"
        stream = Stream(samplerate, channels, self.pace)
        with self._changed:
            self.streams.append(stream)
            self._changed.notify_all()
        return stream

    def wait_for(self, found: Callable[[list[Stream]], bool], timeout: float = 10.0) -> bool:
        """Until ``found(streams)`` holds (checked as streams open and every 20 ms), False after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not found(list(self.streams)):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.02))
        return True


def playing(title: str, url: str, token: str, said: str) -> MiAiResponse:
    """A skill's "play" reply (text plus ``channelData.audio``) as the bridge hands it to the speaker."""
    return _bridged(said, {"audio": {"url": url, "token": token, "title": title}})


def acting(name: str, said: str, properties: dict[str, Any] | None = None) -> MiAiResponse:
    """A skill's reply with a ``channelData.action`` (``player.pause`` ...) as the bridge hands it to the speaker."""
    action: dict[str, Any] = {"name": name} | ({"properties": properties} if properties is not None else {})
    return _bridged(said, {"action": action})


def _bridged(said: str, channel_data: dict[str, Any]) -> MiAiResponse:
    wire = {"type": "message", "from": {"id": "router"}, "recipient": {"id": "speaker"}, "conversation": {"id": "c"}}
    activity = Activity.from_dict(wire | {"text": said, "speak": said, "channelData": channel_data})
    return translator.activity_to_response(activity)
