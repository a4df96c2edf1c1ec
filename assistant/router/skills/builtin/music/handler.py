"""The music skill: plays songs, artists, genres and playlists from the local catalogue; pause, resume, next,
previous, shuffle, repeat and volume; says who sings a song and what an artist, a playlist or the library holds.

The play queue (song ids), the position in it, the shuffle and repeat modes and the volume live in the skill's
session state (see :mod:`.playback`), so "next" and "previous" know the neighbours without the router or the speaker
keeping a playlist. Playing sends ``channelData.audio`` with a ``sim://catalogue/<id>`` stream; the other controls
are ``player.*`` actions for the speaker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from assistant.router.services.catalogue import Catalogue, Song, catalogue
from assistant.router.services.spoken_values import number
from assistant.router.skills.builtin.music import playback, volume_words
from assistant.router.skills.builtin.music.genre_words import genre_said
from assistant.router.skills.builtin.music.library_answers import library_answer, no_genre
from assistant.router.skills.builtin.music.request_words import (
    PREPOSITIONS,
    asks_for_music,
    asks_to_play,
    rest,
    said_kind,
)
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import Action, Audio, ask, say
from assistant.router.skills.turn import STOPPED, Turn
from assistant.router.speech import FALLBACK_START
from bridge.cortana import Activity

_KINDS = ("song", "playlist", "artist")
NOTHING = "Nothing is playing."


class Found(NamedTuple):
    """Songs a request names, how playing them is introduced, and what they are ("the workout playlist")."""

    songs: tuple[Song, ...]
    text: str
    what: str


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
                "music.pause": lambda turn: self._control(turn, "player.pause", "Paused.", paused=True),
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

    def _queue_for(self, turn: Turn) -> Found | str:
        """The songs to play and how to introduce them, or what to say when nothing matches. A name the words did
        not say what it is ("play Yesterday", which a template may read as an artist) is looked up as a song, a
        playlist and an artist, in the order the words suggest, then as a genre or what a playlist is for ("play
        some jazz" read as an artist). Only a request that names nothing plays the default."""
        playlist = said_kind(turn.text, "playlist")  # "my gym playlist" is a playlist's name, not a mood
        lacking = None if playlist or said_kind(turn.text, "song") else genre_said(rest(turn.text))
        if lacking:  # "play some k-pop", where an engine may tag "pop"
            return no_genre(self._music, lacking)
        for kind in ("genre",) if playlist else ("genre", "mood"):
            if turn.has(kind) and asks_for_music(turn.text) and (found := self._lookup(kind, str(turn.slot(kind)))):
                return found
        named = next(((kind, str(turn.slot(kind))) for kind in _KINDS if turn.has(kind)), None)
        if named is None:
            return self._unnamed(turn)
        kind, name = named
        said = said_kind(turn.text, kind)
        also = ("genre", "mood") if kind == "artist" or not said else ()  # "play some jazz" read as an artist
        for other in ((kind,) if said else (kind, *(k for k in _KINDS if k != kind))) + also:
            found = self._lookup(other, name)
            if found is not None:
                return found
        if (kind == "artist" or not said) and (genre := genre_said(name)):  # "play hip hop": not an artist
            return no_genre(self._music, genre)
        if not said:
            return f"Sorry, I can't find {name} in your music."
        return {
            "song": f"Sorry, I can't find the song {name}.",
            "playlist": f"Sorry, there's no playlist called {name}.",
            "artist": f"Sorry, I don't have any music by {name}.",
        }[kind]

    def _unnamed(self, turn: Turn) -> Found | str:
        """No slot: the words may still name something the NLU did not tag ("play something by coldplay", "music
        for sleeping"); never a random song for a name the catalogue lacks."""
        words = rest(turn.text)
        if not words:
            songs = self._music.songs
            return Found(songs, f"Here's some music: {songs[0].spoken}.", "your music")
        if said_kind(turn.text, "playlist"):
            return self._lookup("playlist", words) or f"Sorry, there's no playlist called {words}."
        mentioned = self._music.mentioned(words) if asks_for_music(turn.text) else None
        if mentioned is not None and (found := self._lookup(*mentioned)):
            return found
        if genre := genre_said(words):
            return no_genre(self._music, genre)
        if words.startswith("by "):
            found = self._lookup("artist", words[3:])
            return found or f"Sorry, I don't have any music {words}."
        for kind in _KINDS:
            if found := self._lookup(kind, words):
                return found
        if words.split()[0] in PREPOSITIONS:
            return f"Sorry, I don't have any music {words}."
        return f"Sorry, I can't find {words} in your music."

    def _lookup(self, kind: str, name: str) -> Found | None:
        music = self._music
        if kind == "song":
            song = music.find_song(name)
            return None if song is None else Found((song,), f"Playing {song.spoken}.", song.spoken)
        if kind in ("playlist", "mood"):
            playlist = music.find_playlist(name) if kind == "playlist" else music.find_mood(name)
            if playlist is None:
                return None
            songs = music.queue(playlist.songs)
            what = f"the {playlist.name} playlist"
            return Found(songs, f"Playing {what}, starting with {songs[0].spoken}.", what)
        if kind == "genre":
            genre = music.find_genre(name)
            songs = music.by_genre(genre) if genre else ()
            return Found(songs, f"Here's some {genre} music: {songs[0].spoken}.", f"{genre} music") if songs else None
        artist = music.find_artist(name)
        if artist is None:
            return None
        songs = music.by_artist(artist)
        return Found(songs, f"Playing {artist}, starting with {songs[0].title}.", artist)

    def _play(self, turn: Turn) -> Activity:
        names = {str(turn.slot(k)).lower() for k in (*_KINDS, "genre", "mood") if turn.has(k)}
        if turn.corrects is None and not asks_to_play(turn.text, names):  # "go back to sleep": not "no, abba"
            return _not_a_request(turn, 'To hear music, say "play" and what: "play some jazz".')
        found = self._queue_for(turn)
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
        state = {**(turn.state if base is None else base), "queue": [s.id for s in songs], "index": index}
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
        return say(turn, text, action=Action(name), state={**turn.state, "paused": paused})

    def _now_playing(self, turn: Turn) -> Activity:
        playing = self._playing(turn)
        if playing is None:
            return say(turn, NOTHING)
        songs, index = playing
        modes = [m for m, on in (("paused", turn.state.get("paused")), ("on repeat", turn.state.get("repeat"))) if on]
        said = ", ".join(modes)
        return say(turn, f"This is {songs[index].spoken}{f' ({said})' if said else ''}.")

    def _resume(self, turn: Turn) -> Activity:
        if playback.names_other_than_music(turn.text):  # "unmute my phone", "print my resume"
            return _not_a_request(turn, 'To play the music again, say "resume the music".')
        playing = self._playing(turn)
        if playing is not None and turn.state.get(STOPPED):  # after a restart the speaker has no stream: send it
            songs, index = playing
            kept = {k: v for k, v in turn.state.items() if k != STOPPED}
            return self._start(turn, songs, index, f"Resuming {songs[index].spoken}.", kept)
        return self._control(turn, "player.resume", "Resuming.", paused=False)

    def _next(self, turn: Turn) -> Activity:
        asks = playback.asks_how(turn.text)  # "how do I skip all of the advertisements"
        if asks and not playback.says_only(turn.text, playback.NEXT_WORDS):
            return _not_a_request(turn, 'To hear the next song, say "next song".')
        playing = self._playing(turn)
        if playing is None:
            return say(turn, NOTHING)
        songs, index = playing
        if index + 1 >= len(songs):
            return say(
                turn, "That was the last song.", action=Action("player.pause"), state={**turn.state, "paused": True}
            )
        return self._start(turn, songs, index + 1, f"Next up: {songs[index + 1].spoken}.")

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
        named = any(request.has(kind) for kind in (*_KINDS, "genre", "mood")) or bool(rest(request.text))
        if named or playing is None:  # "shuffle the workout playlist"; "shuffle" with nothing playing: everything
            found = self._queue_for(request)
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

    def _volume(self, turn: Turn) -> Activity:  # "increase the volume", "turn it down", "volume 30"
        words = volume_words.words_of(turn.text)
        if "unmute" in words:  # as "mute the music" pauses
            return self._resume(turn)
        if "mute" in words:
            return self._control(turn, "player.pause", "Paused.", paused=True)
        said = number(turn.slot("volume")) if turn.has("volume") else None
        change = str(turn.slot("volume_change", "")).lower()
        level = volume_words.asked_level(turn.text, said, change, volume_words.current_volume(turn.state))
        if level is None:
            return ask(turn, "volume", "What volume, from 0 to 100?")
        if said is not None and not 0 <= level <= 100:  # a step past either end stops there; a number is said
            return ask(turn, "volume", f"The volume goes from 0 to 100, not {level:g}. What volume?")
        new = max(0, min(100, round(level)))
        action = Action("player.volume", {"level": new})
        return say(turn, f"Volume {new}.", action=action, state={**turn.state, "volume": new})


def _not_a_request(turn: Turn, hint: str) -> Activity:
    """Words that share one with a music request but are not one ("go back to sleep", "repeat after me"): the
    router's "I can't help" opening, and how to ask the music skill, never an action."""
    return say(turn, f"{FALLBACK_START} {hint}")


def create(context: SkillContext) -> MusicSkill:
    return MusicSkill(context)
