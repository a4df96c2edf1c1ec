"""The music skill: plays songs, artists, genres and playlists from the local catalogue; pause, resume, next,
previous, shuffle, repeat and volume; says who sings a song and what an artist, a playlist or the library holds.

The play queue (song ids), the position in it, the shuffle and repeat modes and the volume live in the skill's
session state (see :mod:`.playback`), so "next" and "previous" know the neighbours without the router or the speaker
keeping a playlist. Playing sends ``channelData.audio`` with a ``sim://catalogue/<id>`` stream; the other controls
are ``player.*`` actions for the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from assistant.router.services.catalogue import Catalogue, Song, catalogue
from assistant.router.services.spoken_values import number
from assistant.router.skills.builtin.music import playback, requested, volume_words
from assistant.router.skills.builtin.music.library_answers import library_answer
from assistant.router.skills.builtin.music.more_songs import more_like
from assistant.router.skills.builtin.music.request_words import asks_to_play, rest
from assistant.router.skills.builtin.music.requested import Found
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import Action, Audio, ask, say
from assistant.router.skills.turn import STOPPED, Turn
from assistant.router.speech import FALLBACK_START
from bridge.cortana import Activity

NOTHING = "Nothing is playing."
ENDED = "ended"
"""The state's mark of a queue that played to its end: a bare "play" then starts music anew."""


class MusicSkill:
    def __init__(self, context: SkillContext, music: Catalogue | None = None) -> None:
        self._clock = context.clock
        self._music = music or catalogue()

    def handle(self, activity: Activity) -> Activity:
        turn = Turn.of(activity)  # the router recalls the queue into a new session (state_outlives_session)
        return dispatch(
            turn,
            {
                "music.play": self._play,
                "music.pause": self._pause,
                "music.resume": self._resume,
                "music.next": self._next,
                "music.previous": self._previous,
                "music.shuffle": self._shuffle,
                "music.repeat": self._repeat,
                "music.volume": self._volume,
                "music.now_playing": self._now_playing,
                "music.info": lambda turn: say(turn, library_answer(turn, self._music)),
            },
        )

    def _play(self, turn: Turn) -> Activity:
        names = {str(turn.slot(k)).lower() for k in (*requested.KINDS, "genre", "mood") if turn.has(k)}
        if turn.corrects is None and not asks_to_play(turn.text, names):  # "go back to sleep": not "no, abba"
            return _not_a_request(turn, 'To hear music, say "play" and what: "play some jazz".')
        held = turn.state.get("paused") is True or turn.state.get(STOPPED) is True
        if not names and held and playback.bare_play(turn.text) and self._queue(turn) and not turn.state.get(ENDED):
            return self._resume(turn)  # "play" after "pause": the same songs, not the default
        if not names and requested.names_nobody(turn.text):  # "play by"
            return ask(turn, "artist", requested.whom(self._music))
        found = requested.queue_for(self._music, turn)
        if isinstance(found, str):
            return say(turn, found)
        if turn.state.get("shuffle") is True:  # shuffle stays on for what is asked next
            return self._play_shuffled(turn, found)
        return self._start(turn, found.songs, 0, found.text, playback.in_order_state(turn.state))

    def _play_shuffled(self, turn: Turn, found: Found) -> Activity:
        if len(found.songs) == 1:
            return self._start(turn, found.songs, 0, found.text, {**turn.state, "order": [found.songs[0].id]})
        state = playback.shuffle_state(turn.state, [s.id for s in found.songs], self._clock.now(), None)
        songs = self._music.queue(playback.ids(state))
        return self._start(turn, songs, 0, f"Shuffling {found.what}, starting with {songs[0].spoken}.", state)

    def _start(
        self, turn: Turn, songs: Sequence[Song], index: int, text: str, base: Mapping[str, Any] | None = None
    ) -> Activity:
        song = songs[index]
        kept = {k: v for k, v in (turn.state if base is None else base).items() if k != ENDED}
        state = {**kept, "queue": [s.id for s in songs], "index": index}
        audio = Audio(song.url, song.id, song.spoken)
        return say(turn, text, audio=audio, state={**state, "paused": False})

    def _queue(self, turn: Turn) -> tuple[Song, ...]:
        return self._music.queue(playback.ids(turn.state))

    def _playing(self, turn: Turn) -> tuple[tuple[Song, ...], int] | None:
        """The queue and the index of the song playing (or paused), or None when nothing is."""
        songs = self._queue(turn)
        return (songs, playback.position(turn.state, len(songs))) if songs else None

    def _control(self, turn: Turn, name: str, text: str, *, paused: bool) -> Activity:
        if not self._queue(turn):
            return say(turn, NOTHING)
        kept = turn.state if paused else {k: v for k, v in turn.state.items() if k != ENDED}  # resumed: plays again
        return say(turn, text, action=Action(name), state={**kept, "paused": paused})

    def _now_playing(self, turn: Turn) -> Activity:
        playing = self._playing(turn)
        if playing is None:
            return say(turn, NOTHING)
        songs, index = playing
        modes = [m for m, on in (("paused", turn.state.get("paused")), ("on repeat", turn.state.get("repeat"))) if on]
        said = ", ".join(modes)
        album = "The library doesn't say which album it's from. " if _ALBUM.search(turn.text) else ""
        return say(turn, f"{album}This is {songs[index].spoken}{f' ({said})' if said else ''}.")

    def _resume(self, turn: Turn) -> Activity:
        if playback.names_other_than_music(turn.text):  # "unmute my phone", "print my resume"
            return _not_a_request(turn, 'To play the music again, say "resume the music".')
        playing = self._playing(turn)
        if playing is not None and _AGAIN.search(turn.text):  # "play it again": the song from its start
            songs, index = playing
            kept = {k: v for k, v in turn.state.items() if k not in (STOPPED, ENDED)}
            return self._start(turn, songs, index, f"Playing {songs[index].spoken} again.", kept)
        if playing is not None and turn.state.get(STOPPED):  # after a restart the speaker has no stream: send it
            songs, index = playing
            kept = {k: v for k, v in turn.state.items() if k != STOPPED}
            return self._start(turn, songs, index, f"Resuming {songs[index].spoken}.", kept)
        return self._control(turn, "player.resume", "Resuming.", paused=False)

    def _next(self, turn: Turn) -> Activity:
        if turn.event is not None:  # the speaker says the song ended (skill.yml events)
            return self._song_ended(turn)
        asks = playback.asks_how(turn.text)  # "how do I skip all of the advertisements"
        if asks and not playback.says_only(turn.text, playback.NEXT_WORDS):
            return _not_a_request(turn, 'To hear the next song, say "next song".')
        playing = self._playing(turn)
        if playing is None:
            return say(turn, NOTHING)
        songs, index = playing
        if index + 1 >= len(songs):  # more by the artist, or of the genre; else what plays goes on
            more = more_like(self._music, songs, songs[index])
            if more is None:
                return say(turn, "That was the last song.")
            text = f"That was the last song in the queue, so here's {more.what}: {more.songs[0].spoken}."
            return self._start(turn, (*songs, *more.songs), index + 1, text, more.state(turn.state))
        return self._start(turn, songs, index + 1, f"Next up: {songs[index + 1].spoken}.")

    def _song_ended(self, turn: Turn) -> Activity:
        """The next song, quietly, or the same one on repeat; after the last, the queue stays, paused. The end of a
        song that is no longer the one playing (skipped while it ended) changes nothing."""
        playing = self._playing(turn)
        value = (turn.event or {}).get("value")
        token = value.get("token") if isinstance(value, dict) else None
        if playing is None or turn.state.get("paused") or playing[0][playing[1]].id != token:
            return say(turn, "")
        songs, index = playing
        if turn.state.get("repeat") is True or index + 1 < len(songs):
            return self._start(turn, songs, index if turn.state.get("repeat") is True else index + 1, "")
        return say(turn, "", state={**turn.state, "paused": True, ENDED: True})

    def _previous(self, turn: Turn) -> Activity:  # "previous song", "go back", "play the last song again"
        playing = self._playing(turn)
        asks = playback.asks_which(turn.text)  # "what was the last song": said, not played
        if not playback.says_only(turn.text, playback.PREVIOUS_WORDS):  # "go back to sleep"
            return _not_a_request(turn, 'To hear the song before this one, say "previous song".')
        if playing is None:
            return say(turn, NOTHING)
        songs, index = playing
        if asks:
            before = f"The song before it was {songs[index - 1].spoken}." if index else "It's the first in the queue."
            return say(turn, f"This is {songs[index].spoken}. {before}")
        if index == 0:
            return say(turn, f"{songs[0].title} is the first song in the queue, so there's nothing before it.")
        return self._start(turn, songs, index - 1, f"Going back to {songs[index - 1].spoken}.")

    def _shuffle(self, turn: Turn) -> Activity:  # "shuffle my music", "shuffle the workout playlist", "stop shuffling"
        playing = self._playing(turn)
        current = None if playing is None else playing[0][playing[1]].id
        if playback.turns_off(turn.text):
            if turn.state.get("shuffle") is not True:
                return say(turn, "Shuffle isn't on.")
            return say(turn, "Shuffle is off.", state=playback.unshuffle_state(turn.state, current))
        said = {name: value for name, value in turn.slots.items() if turn.said(name)}  # not carried from before
        request = replace(turn, text=playback.without_shuffle_words(turn.text), slots=said)
        named = any(request.has(kind) for kind in (*requested.KINDS, "genre", "mood")) or bool(rest(request.text))
        if named or playing is None:  # "shuffle the workout playlist"; "shuffle" with nothing playing: everything
            found = requested.queue_for(self._music, request)
            if isinstance(found, str) and playback.asks_how(turn.text):  # "how do I shuffle cards"
                return _not_a_request(turn, 'To hear your music in a random order, say "shuffle my music".')
            return say(turn, found) if isinstance(found, str) else self._play_shuffled(turn, found)
        if turn.state.get("shuffle") is True:
            return say(turn, "Shuffle is already on.")
        state = playback.shuffle_state(turn.state, [s.id for s in playing[0]], self._clock.now(), current)
        after = self._music.queue(playback.ids(state))[1:2]
        return say(turn, "Shuffle is on." + (f" Next up: {after[0].spoken}." if after else ""), state=state)

    def _repeat(self, turn: Turn) -> Activity:  # "repeat this song", "play this song on repeat", "stop repeating"
        if not playback.says_only(turn.text, playback.REPEAT_WORDS):  # "repeat after me"
            return _not_a_request(turn, 'To hear a song over and over, say "repeat this song".')
        if playback.turns_off(turn.text):
            if turn.state.get("repeat") is not True:
                return say(turn, "Repeat isn't on.")
            state = {k: v for k, v in turn.state.items() if k != "repeat"}
            return say(turn, "Repeat is off.", action=Action("player.repeat", {"on": False}), state=state)
        playing = self._playing(turn)
        if playing is None:
            return say(turn, NOTHING)
        songs, index = playing
        action = Action("player.repeat", {"on": True})
        return say(turn, f"Repeating {songs[index].spoken}.", action=action, state={**turn.state, "repeat": True})

    def _pause(self, turn: Turn) -> Activity:
        """ "pause"; "mute" pauses too (the player has no mute), and the reply says so, not only "Paused."."""
        muted = "mute" in volume_words.words_of(turn.text)
        said = 'Muted: the music is paused until you say "unmute".' if muted else "Paused."
        return self._control(turn, "player.pause", said, paused=True)

    def _volume(self, turn: Turn) -> Activity:  # "increase the volume", "turn it down", "volume 30"
        words = volume_words.words_of(turn.text)
        if "unmute" in words:  # as "mute the music" pauses
            return self._resume(turn)
        if "mute" in words:
            return self._pause(turn)
        if volume_words.asks_level(turn.text):  # "what's the volume", "how loud is it": said, not changed
            return say(turn, f"The volume is {volume_words.current_volume(turn.state)}.")
        if volume_words.asks_other_level(turn.text):  # "what's the volume of a sphere", "how loud is thunder"
            return _not_a_request(turn, "To hear the speaker's volume, say \"what's the volume\".")
        said = number(turn.slot("volume")) if turn.has("volume") else volume_words.number_in(turn.text)
        change = str(turn.slot("volume_change", "")).lower()
        level = volume_words.asked_level(turn.text, said, change, volume_words.current_volume(turn.state))
        if level is None:
            return ask(turn, "volume", volume_words.PROMPT)
        if said is not None and not 0 <= level <= 100:  # a step past either end stops there; a number is said
            return ask(turn, "volume", f"The volume goes from 0 to 100, not {level:g}. What volume?")
        new = max(0, min(100, round(level)))
        action = Action("player.volume", {"level": new})
        return say(turn, f"Volume {new}.", action=action, state={**turn.state, "volume": new})


_ALBUM = re.compile(r"\balbums?\b", re.I)
#: Words that ask for the song from its start rather than on from where it paused.
_AGAIN = re.compile(
    r"\b(?:again|from the (?:start|beginning|top)|restart|start (?:it|this song|the song) over)\b", re.I
)


def _not_a_request(turn: Turn, hint: str) -> Activity:
    """Words that share one with a music request but are not one ("go back to sleep", "repeat after me"): the
    router's "I can't help" opening, and how to ask the music skill, never an action."""
    return say(turn, f"{FALLBACK_START} {hint}")


def create(context: SkillContext) -> MusicSkill:
    return MusicSkill(context)
