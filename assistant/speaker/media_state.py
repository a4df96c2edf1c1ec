"""What the speaker's media player holds, and how each music-skill instruction changes it: pure, no sound, no I/O.

The music skill starts a track with an ``audio`` directive and controls it with ``player.*`` actions (the bridge
carries them in the Mi-AI response's ``action`` / ``action_property``):

==================  =====================  ============================================================
action              properties             effect
==================  =====================  ============================================================
``player.pause``    none                   the track pauses ("pause", "mute the music", after the last song)
``player.resume``   none                   the track plays again (after a natural end too: from its start)
``player.volume``   ``level``: 0-100       the loudness the track is played at
``player.repeat``   ``on``: true / false   the track starts again when it ends, until repeat is off
==================  =====================  ============================================================

Any other ``player.*`` name is reported as unknown and changes nothing: a newer skill must not crash an older
speaker. :class:`MediaPlayer` (``media_player.py``) keeps a :class:`MediaState` and makes the loudspeaker follow it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Final

PREFIX: Final = "player."
PAUSE: Final = "player.pause"
RESUME: Final = "player.resume"
VOLUME: Final = "player.volume"
REPEAT: Final = "player.repeat"
KNOWN: Final = frozenset({PAUSE, RESUME, VOLUME, REPEAT})
DEFAULT_VOLUME: Final = 50
"""The music skill's own default, so both sides agree before anyone changes it."""


class Status(str, Enum):
    PLAYING = "playing"
    PAUSED = "paused"
    STOPPED = "stopped"
    """Nothing started yet, or the track came to its end (without repeat)."""


@dataclass(frozen=True)
class Track:
    title: str
    """What the skill called it ("Take Five by Dave Brubeck"); the stream url when it gave no title."""
    url: str
    token: str


@dataclass(frozen=True)
class MediaState:
    track: Track | None = None
    status: Status = Status.STOPPED
    volume: int = DEFAULT_VOLUME
    """0-100, applied to the sound as a gain."""
    repeat: bool = False

    def describe(self) -> str:
        """One line for a log or a status line: ``playing Take Five by Dave Brubeck · volume 60 · repeat``."""
        if self.track is None:
            return f"nothing to play · volume {self.volume}"
        what = "finished" if self.status is Status.STOPPED else self.status.value
        return f"{what} {self.track.title} · volume {self.volume}" + (" · repeat" if self.repeat else "")

    def to_json(self) -> dict[str, Any]:
        track = self.track
        return {
            "status": self.status.value,
            "title": track.title if track else None,
            "url": track.url if track else None,
            "volume": self.volume,
            "repeat": self.repeat,
        }


@dataclass(frozen=True)
class Change:
    """A state after one instruction, and what happened in words (for the speaker's log and status line)."""

    state: MediaState
    said: str
    problem: str | None = None
    """Why the instruction changed nothing it should have: an unknown action, a property out of shape."""


def is_player_action(name: str) -> bool:
    return name.startswith(PREFIX)


def play(state: MediaState, track: Track) -> Change:
    """An ``audio`` directive: this track from its start; volume and repeat stay as they were."""
    return Change(replace(state, track=track, status=Status.PLAYING), f"playing {track.title}")


def act(state: MediaState, name: str, properties: Mapping[str, Any]) -> Change:
    """One ``player.*`` action applied to ``state``."""
    if name == VOLUME:
        level = properties.get("level")
        if isinstance(level, bool) or not isinstance(level, (int, float)):
            return Change(state, "volume unchanged", f"{VOLUME} needs a numeric level, got {level!r}")
        volume = max(0, min(100, round(level)))
        return Change(replace(state, volume=volume), f"volume {volume}")
    if name == REPEAT:
        on = properties.get("on")
        if not isinstance(on, bool):
            return Change(state, "repeat unchanged", f"{REPEAT} needs on: true or false, got {on!r}")
        return Change(replace(state, repeat=on), f"repeat {'on' if on else 'off'}")
    if name not in (PAUSE, RESUME):
        return Change(state, "nothing changed", f"unknown player action {name!r}; this speaker knows {_known()}")
    if state.track is None:
        return Change(state, f"nothing to {'pause' if name == PAUSE else 'resume'}")
    if name == PAUSE:
        if state.status is not Status.PLAYING:
            return Change(state, f"{state.track.title} is not playing")
        return Change(replace(state, status=Status.PAUSED), f"paused {state.track.title}")
    return Change(replace(state, status=Status.PLAYING), f"playing {state.track.title}")


def instruction(name: str, properties: Mapping[str, Any]) -> str:
    """What a ``player.*`` action asks of the player, in words and whatever plays (for a transcript): ``pause``,
    ``volume 60``, ``repeat on``; for one the player cannot follow, why."""
    if name in (PAUSE, RESUME):
        return name.removeprefix(PREFIX)
    change = act(MediaState(), name, properties)
    return change.problem or change.said


def finished(state: MediaState) -> Change:
    """The track's sound came to its end: it starts again on repeat, else the player stops."""
    if state.track is None or state.status is not Status.PLAYING:
        return Change(state, "nothing was playing")
    if state.repeat:
        return Change(state, f"repeating {state.track.title}")
    return Change(replace(state, status=Status.STOPPED), f"finished {state.track.title}")


def _known() -> str:
    return ", ".join(sorted(KNOWN))
