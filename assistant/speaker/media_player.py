"""The Mi-AI speaker's own media player: keeps what the speaker plays and makes the loudspeaker follow it.

The music skill says what to play (an ``audio`` directive) and how (``player.*`` actions); :mod:`.media_state`
turns each of those into a new :class:`MediaState`, and this module makes the sound match the state: the track's
stand-in (:mod:`.media_sound`) plays on a background thread through the same :class:`Player` that speaks the
replies, so a machine without a sound device stays silent here too, and a test's fake output device hears it.

A track lasts ``track_s`` seconds: its stand-in clip is played again and again until then, and only then does the
track end (the next in the queue, or the same one on repeat). One player cannot say two things at once: while a
reply is spoken the music is held (:meth:`MediaPlayer.hold`) and the clip cut short plays again from its top once
the reply is over (:meth:`MediaPlayer.release`), the clips already heard still counted. A volume change restarts the
clip at the new gain; a pause stops it and a resume starts it again.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.speaker import media_sound, media_state
from assistant.speaker.media_state import Change, MediaState, Status, Track
from assistant.speaker.tts import Player
from bridge.miai import AudioItem, MiAiResponse

log = logging.getLogger(__name__)

STOP_POLL_S = 0.05
"""How often a stop is repeated while the sound thread winds down (a stop can land between two clips)."""


@dataclass(frozen=True)
class _Wanted:
    """What should be sounding: a new play of the same track (``start``) sounds again from its beginning."""

    track: Track
    volume: int
    start: int


@dataclass(frozen=True)
class _Sound:
    wanted: _Wanted
    thread: threading.Thread
    halt: threading.Event


class MediaPlayer:
    def __init__(
        self,
        player: Player,
        *,
        folder: Path | None = None,
        seconds: float = media_sound.SECONDS,
        track_s: float | None = None,
    ) -> None:
        """``folder``: where the stand-ins are rendered (default: a temporary folder removed by :meth:`close`);
        ``seconds``: how long each track's stand-in clip lasts; ``track_s``: how long a track plays (the clip
        repeated, at least once; default: one clip)."""
        self._player = player
        self._folder = folder
        self._scratch: Path | None = None
        self._seconds = seconds
        self._clips = max(1, round((track_s or seconds) / seconds))
        self._heard = (0, 0)  # (start, clips of it heard to their end): a track ends after ``_clips`` of them
        self._state = MediaState()
        self._starts = 0
        self._holds = 0
        self._closing = False
        self._closed = False
        self._lock = threading.Lock()  # the state and the counters above, held only briefly
        self._sound_lock = threading.Lock()  # starting and stopping the sound thread, one caller at a time
        self._sound: _Sound | None = None
        self.ended: queue.SimpleQueue[Track] = queue.SimpleQueue()
        """Tracks whose sound came to its end (not on repeat), for the speaker to report (``playbackfinished``)."""

    @property
    def state(self) -> MediaState:
        with self._lock:
            return self._state

    @property
    def sounding(self) -> bool:
        """Whether the track's stand-in is coming out of the player right now."""
        sound = self._sound
        return sound is not None and sound.thread.is_alive()

    def apply(self, response: MiAiResponse) -> list[Change]:
        """What a Mi-AI response tells the player: its ``audio`` directives, then a ``player.*`` action."""
        r = response.response
        changes = [self.play(d.audio_item) for d in r.directives or () if d.type == "audio" and d.audio_item]
        if r.action is not None and media_state.is_player_action(r.action):
            changes.append(self.act(r.action, r.action_property or {}))
        return changes

    def play(self, item: AudioItem) -> Change:
        track = Track(item.title or item.stream.url, item.stream.url, item.stream.token)
        return self._change(lambda state: media_state.play(state, track), new_start=True)

    def act(self, name: str, properties: Mapping[str, Any]) -> Change:
        return self._change(lambda state: media_state.act(state, name, properties))

    def hold(self) -> None:
        """Something else is about to play through the same player (a reply): the music makes way."""
        with self._sound_lock:
            with self._lock:
                self._holds += 1
            self._sync()

    def release(self) -> None:
        """What was held for is over: the music, if the state says it plays, sounds again."""
        with self._sound_lock:
            with self._lock:
                self._holds = max(0, self._holds - 1)
            self._sync()

    @contextmanager
    def held(self) -> Iterator[None]:
        self.hold()
        try:
            yield
        finally:
            self.release()

    def wait(self, timeout: float | None = None) -> bool:
        """Until the sound playing now has ended; False when it still plays after ``timeout`` seconds."""
        sound = self._sound
        if sound is not None:
            sound.thread.join(timeout)
        return not self.sounding

    def close(self, *, play_out: bool = False) -> None:
        """Stop the sound and remove the rendered stand-ins; ``play_out``: let the clip playing now end first
        (not repeated). The state is kept; nothing sounds after this."""
        sound = self._sound
        if play_out and sound is not None:
            with self._lock:
                self._closing = True
            sound.thread.join()
        with self._sound_lock:
            with self._lock:
                self._closed = True
            self._sync()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _change(self, step: Callable[[MediaState], Change], *, new_start: bool = False) -> Change:
        with self._sound_lock:
            with self._lock:
                change = step(self._state)
                self._state = change.state
                self._starts += new_start
            self._sync()
        if change.problem:
            log.warning("media player: %s", change.problem)
        else:
            log.info("media player: %s (%s)", change.said, change.state.describe())
        return change

    def _sync(self) -> None:
        """Make the sound match the state; called with ``_sound_lock`` held."""
        with self._lock:
            state, held, stopped = self._state, self._holds > 0, self._closed
            wanted = _Wanted(state.track, state.volume, self._starts) if state.track is not None else None
        if state.status is not Status.PLAYING or held or stopped or not self._player.enabled:
            wanted = None
        sound = self._sound
        if sound is not None and (sound.wanted != wanted or not sound.thread.is_alive()):
            self._silence(sound)
            self._sound = None
        if wanted is not None and self._sound is None:
            self._sound = self._start(wanted)

    def _start(self, wanted: _Wanted) -> _Sound | None:
        try:
            path = self._rendered(wanted.track, wanted.volume)
        except OSError as e:
            log.warning("media player: cannot render %s (%s); it plays silently", wanted.track.title, e)
            return None
        halt = threading.Event()
        thread = threading.Thread(target=self._run, args=(wanted, path, halt), name="media-player", daemon=True)
        thread.start()
        return _Sound(wanted, thread, halt)

    def _run(self, wanted: _Wanted, path: Path, halt: threading.Event) -> None:
        """The sound thread: the stand-in clip until the track has lasted its length (again on repeat), until it
        ends or is halted."""
        while not halt.is_set():
            if not self._player.play(path) or halt.is_set():  # no device (the player said so once), or stopped
                return
            with self._lock:
                if self._state.track != wanted.track or self._starts != wanted.start:
                    return  # another track took over meanwhile: its own sound decides
                start, heard = self._heard
                heard = heard + 1 if start == wanted.start else 1
                self._heard = (wanted.start, heard % self._clips)
                if heard < self._clips:
                    if self._closing:
                        return  # closed mid-track: it did not end
                    continue  # the track goes on: its clip again
                change = media_state.finished(self._state)
                self._state = change.state
                again = change.state.status is Status.PLAYING and not self._closing
            log.info("media player: %s", change.said)
            if not again:
                if change.state.status is Status.STOPPED and not self._closing:
                    self.ended.put(wanted.track)
                return

    def _silence(self, sound: _Sound) -> None:
        sound.halt.set()
        while sound.thread.is_alive():
            self._player.stop()
            sound.thread.join(STOP_POLL_S)

    def _rendered(self, track: Track, volume: int) -> Path:
        folder = self._folder or self._scratch_folder()
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(f"{track.token}\n{track.title}".encode()).hexdigest()[:10]
        slug = re.sub(r"[^a-z0-9]+", "-", track.token.lower()).strip("-")[:40] or "track"
        path = folder / f"track-{slug}-{digest}-v{volume}.wav"
        if not path.exists():
            media_sound.write(path, track.title, volume, seconds=self._seconds)
        return path

    def _scratch_folder(self) -> Path:
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="assistant-media-"))
        return self._scratch
