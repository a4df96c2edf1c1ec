"""The music skill: plays songs, artists and playlists from the local catalogue; pause, resume, next, volume; says
who sings a song and what an artist, a playlist or the whole library holds.

The play queue (song ids), the position in it and the volume live in the skill's session state, so "next" knows
what comes after without the router or the speaker keeping a playlist. Playing sends ``channelData.audio`` with a
``sim://catalogue/<id>`` stream; the other controls are ``player.*`` actions for the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.router.services.catalogue import Catalogue, Song, catalogue
from assistant.router.services.spoken_values import number, spoken_list
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import Action, Audio, ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

_KINDS = ("song", "playlist", "artist")
#: Words that say what a name is: "the song X", "my X playlist", "music by X" / "some X".
_KIND_WORDS = {"song": ("song", "track"), "playlist": ("playlist",), "artist": ("by", "some", "artist", "band")}
DEFAULT_VOLUME = 50
VOLUME_STEP = 10
_NEGATIVE = re.compile(r"\b(minus|negative)\b|-\s*\d")
_UP = frozenset({"up", "increase", "raise", "louder"})
_DOWN = frozenset({"down", "decrease", "lower", "reduce", "quieter", "softer"})


#: Words before and after a request that name nothing: "can you play some music for me please".
_LEADING = frozenset({
    "can", "could", "would", "will", "you", "please", "i", "want", "wanna", "to", "hear", "listen", "like", "i'd",
    "let's", "lets", "start", "just", "play", "playing", "put", "on", "some", "something", "anything", "any", "music",
    "songs", "song", "tunes", "tune", "track", "tracks", "a", "an", "the", "me", "us", "else", "random", "little",
    "bit", "of", "good", "nice", "my",
})  # fmt: skip
_TRAILING = frozenset({"please", "now", "for", "me", "us", "right", "thanks", "thank", "you", "music", "songs", "song",
                       "tunes", "track", "tracks", "too", "on", "playlist"})  # fmt: skip
#: The most words a request without slots may have for a genre or mood in it to be what it asks for.
_MENTION_WORDS = 4
_PREPOSITIONS = frozenset({"by", "from", "for", "like", "with", "in", "about", "while"})


def _rest(text: str) -> str:
    """The words of a play request once what names nothing is taken off both ends: "play something by coldplay
    please" -> "by coldplay", "play some music" -> ""."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    while words and words[0] in _LEADING:
        words.pop(0)
    while words and words[-1] in _TRAILING:
        words.pop()
    return " ".join(words)


def _asks_for_music(text: str) -> bool:
    """Whether a genre or mood in the words is what they ask to hear: a short request ("jazz please") or one that
    opens as a play request ("play something for working out"), not "working" somewhere in a long question."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    return len(_rest(text).split()) <= _MENTION_WORDS or bool(words and words[0] in _LEADING)


def _said_kind(text: str, kind: str) -> bool:
    words = text.lower().split()
    return any(word in words for word in _KIND_WORDS[kind])


class MusicSkill:
    def __init__(self, context: SkillContext, music: Catalogue | None = None) -> None:
        del context
        self._music = music or catalogue()

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "music.play": self._play,
                "music.pause": lambda turn: self._control(turn, "player.pause", "Paused.", paused=True),
                "music.resume": self._resume,
                "music.next": self._next,
                "music.volume": self._volume,
                "music.now_playing": self._now_playing,
                "music.info": self._info,
            },
        )

    def _queue_for(self, turn: Turn) -> tuple[tuple[Song, ...], str] | str:
        """The songs to play and how to introduce them, or what to say when nothing matches. A name the words did
        not say what it is ("play Yesterday", which a template may read as an artist) is looked up as a song, a
        playlist and an artist, in the order the words suggest, then as a genre or what a playlist is for ("play
        some jazz" read as an artist). Only a request that names nothing plays the default."""
        playlist = _said_kind(turn.text, "playlist")  # "my gym playlist" is a playlist's name, not a mood
        for kind in ("genre",) if playlist else ("genre", "mood"):
            if turn.has(kind) and _asks_for_music(turn.text) and (found := self._lookup(kind, str(turn.slot(kind)))):
                return found
        named = next(((kind, str(turn.slot(kind))) for kind in _KINDS if turn.has(kind)), None)
        if named is None:
            return self._unnamed(turn)
        kind, name = named
        said = _said_kind(turn.text, kind)
        also = ("genre", "mood") if kind == "artist" or not said else ()  # "play some jazz" read as an artist
        for other in ((kind,) if said else (kind, *(k for k in _KINDS if k != kind))) + also:
            found = self._lookup(other, name)
            if found is not None:
                return found
        if not said:
            return f"Sorry, I can't find {name} in your music."
        return {
            "song": f"Sorry, I can't find the song {name}.",
            "playlist": f"Sorry, there's no playlist called {name}.",
            "artist": f"Sorry, I don't have any music by {name}.",
        }[kind]

    def _unnamed(self, turn: Turn) -> tuple[tuple[Song, ...], str] | str:
        """No slot: the words may still name something the NLU did not tag ("play something by coldplay", "music
        for sleeping"); never a random song for a name the catalogue lacks."""
        rest = _rest(turn.text)
        if not rest:
            return self._music.songs, f"Here's some music: {self._music.songs[0].spoken}."
        if _said_kind(turn.text, "playlist"):
            return self._lookup("playlist", rest) or f"Sorry, there's no playlist called {rest}."
        mentioned = self._music.mentioned(rest) if _asks_for_music(turn.text) else None
        if mentioned is not None and (found := self._lookup(*mentioned)):
            return found
        if rest.startswith("by "):
            found = self._lookup("artist", rest[3:])
            return found or f"Sorry, I don't have any music {rest}."
        for kind in _KINDS:
            if found := self._lookup(kind, rest):
                return found
        if rest.split()[0] in _PREPOSITIONS:
            return f"Sorry, I don't have any music {rest}."
        return f"Sorry, I can't find {rest} in your music."

    def _lookup(self, kind: str, name: str) -> tuple[tuple[Song, ...], str] | None:
        music = self._music
        if kind == "song":
            song = music.find_song(name)
            return None if song is None else ((song,), f"Playing {song.spoken}.")
        if kind in ("playlist", "mood"):
            playlist = music.find_playlist(name) if kind == "playlist" else music.find_mood(name)
            if playlist is None:
                return None
            songs = music.queue(playlist.songs)
            return songs, f"Playing the {playlist.name} playlist, starting with {songs[0].spoken}."
        if kind == "genre":
            genre = music.find_genre(name)
            songs = music.by_genre(genre) if genre else ()
            return (songs, f"Here's some {genre} music: {songs[0].spoken}.") if songs else None
        artist = music.find_artist(name)
        if artist is None:
            return None
        songs = music.by_artist(artist)
        return songs, f"Playing {artist}, starting with {songs[0].title}."

    def _play(self, turn: Turn) -> Activity:
        found = self._queue_for(turn)
        if isinstance(found, str):
            return say(turn, found)
        songs, text = found
        return self._start(turn, songs, 0, text)

    def _start(self, turn: Turn, songs: Sequence[Song], index: int, text: str) -> Activity:
        song = songs[index]
        state = {**turn.state, "queue": [s.id for s in songs], "index": index, "paused": False}
        return say(turn, text, audio=Audio(song.url, song.id, song.spoken), state=state)

    def _queue(self, turn: Turn) -> tuple[Song, ...]:
        ids = turn.state.get("queue")
        return self._music.queue(tuple(str(i) for i in ids)) if isinstance(ids, list) else ()

    def _control(self, turn: Turn, name: str, text: str, *, paused: bool) -> Activity:
        if not self._queue(turn):
            return say(turn, "Nothing is playing.")
        return say(turn, text, action=Action(name), state={**turn.state, "paused": paused})

    def _now_playing(self, turn: Turn) -> Activity:
        songs = self._queue(turn)
        if not songs:
            return say(turn, "Nothing is playing.")
        song = songs[min(int(turn.state.get("index", 0)), len(songs) - 1)]
        paused = " (paused)" if turn.state.get("paused") else ""
        return say(turn, f"This is {song.spoken}{paused}.")

    def _info(self, turn: Turn) -> Activity:  # "who sings Yesterday", "what songs do you have by Queen"
        music = self._music
        if turn.has("song"):
            song = music.find_song(turn.slot("song"))
            if song is None:
                return say(turn, f"Sorry, I can't find the song {turn.slot('song')}.")
            return say(turn, f"{song.title} is by {song.artist}.")
        if turn.has("artist"):
            artist = music.find_artist(turn.slot("artist"))
            if artist is None:
                return say(turn, f"Sorry, I don't have any music by {turn.slot('artist')}.")
            titles = [s.title for s in music.by_artist(artist)]
            count = f"{len(titles)} song{'s' if len(titles) != 1 else ''}"
            return say(turn, f"I have {count} by {artist}: {spoken_list(titles)}.")
        if turn.has("playlist"):
            playlist = music.find_playlist(turn.slot("playlist"))
            if playlist is None:
                return say(turn, f"Sorry, there's no playlist called {turn.slot('playlist')}.")
            songs = [song.spoken for song in music.queue(playlist.songs)]
            return say(turn, f"The {playlist.name} playlist has {spoken_list(songs)}.")
        if "playlist" in turn.text.lower():  # "playlists" too
            return say(turn, f"Your playlists: {spoken_list([p.name for p in music.playlists])}.")
        return say(turn, f"Your music library has songs by {spoken_list(list(music.artists))}.")

    def _resume(self, turn: Turn) -> Activity:
        return self._control(turn, "player.resume", "Resuming.", paused=False)

    def _next(self, turn: Turn) -> Activity:
        songs = self._queue(turn)
        if not songs:
            return say(turn, "Nothing is playing.")
        index = int(turn.state.get("index", 0)) + 1
        if index >= len(songs):
            return say(
                turn, "That was the last song.", action=Action("player.pause"), state={**turn.state, "paused": True}
            )
        return self._start(turn, songs, index, f"Next up: {songs[index].spoken}.")

    def _volume(self, turn: Turn) -> Activity:  # "increase the volume", "turn it down", "volume 30"
        current = int(turn.state.get("volume", DEFAULT_VOLUME))
        level = number(turn.slot("volume")) if turn.has("volume") else None
        change = str(turn.slot("volume_change", "")).lower()
        words = set(turn.text.lower().split())
        if level is None and (change == "louder" or words & _UP):
            level = current + VOLUME_STEP
        elif level is None and (change == "quieter" or words & _DOWN):
            level = current - VOLUME_STEP
        if level is not None and turn.has("volume") and _NEGATIVE.search(turn.text.lower()):
            level = -abs(level)  # "minus 5": the number alone lost its sign
        if level is None:
            return ask(turn, "volume", "What volume, from 0 to 100?")
        if turn.has("volume") and not 0 <= level <= 100:  # a step past either end stops there; a number is said
            return ask(turn, "volume", f"The volume goes from 0 to 100, not {level:g}. What volume?")
        new = max(0, min(100, round(level)))
        action = Action("player.volume", {"level": new})
        return say(turn, f"Volume {new}.", action=action, state={**turn.state, "volume": new})


def create(context: SkillContext) -> MusicSkill:
    return MusicSkill(context)
