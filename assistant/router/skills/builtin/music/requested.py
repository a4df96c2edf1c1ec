"""What a play request asks for, found in the catalogue: the songs, how playing them is introduced, and what they
are; or what to say when the catalogue lacks it (never a random song for a name it does not have)."""

from __future__ import annotations

from typing import NamedTuple

from assistant.router.services.catalogue import Catalogue, Song
from assistant.router.skills.builtin.music.genre_words import genre_said
from assistant.router.skills.builtin.music.library_answers import no_genre
from assistant.router.skills.builtin.music.mood_words import mood_phrase, mood_said, no_mood, no_playlist
from assistant.router.skills.builtin.music.request_words import PREPOSITIONS, asks_for_music, rest, said_kind
from assistant.router.skills.turn import Turn

KINDS = ("song", "playlist", "artist")
"""What a request can name to play, in the order a name is looked up."""
_ARTISTS_SAID = 6
"""How many artists "Music by whom?" names."""


class Found(NamedTuple):
    """Songs a request names, how playing them is introduced, and what they are ("the workout playlist")."""

    songs: tuple[Song, ...]
    text: str
    what: str


def queue_for(music: Catalogue, turn: Turn) -> Found | str:
    """The songs to play and how to introduce them, or what to say when nothing matches. A name the words did
    not say what it is ("play Yesterday", which a template may read as an artist) is looked up as a song, a
    playlist and an artist, in the order the words suggest, then as a genre or what a playlist is for ("play
    some jazz" read as an artist). Only a request that names nothing plays the default."""
    playlist = said_kind(turn.text, "playlist")  # "my gym playlist" is a playlist's name, not a mood
    lacking = None if playlist or said_kind(turn.text, "song") else genre_said(rest(turn.text))
    if lacking:  # "play some k-pop", where an engine may tag "pop"
        return no_genre(music, lacking)
    for kind in ("genre",) if playlist else ("genre", "mood"):
        if turn.has(kind) and asks_for_music(turn.text) and (found := _lookup(music, kind, str(turn.slot(kind)))):
            return found
    named = next(((kind, str(turn.slot(kind))) for kind in KINDS if turn.has(kind)), None)
    if named is None:
        return _unnamed(music, turn)
    kind, name = named
    said = said_kind(turn.text, kind)
    also = ("genre", "mood") if kind == "artist" or not said else ()  # "play some jazz" read as an artist
    for other in ((kind,) if said else (kind, *(k for k in KINDS if k != kind))) + also:
        found = _lookup(music, other, name)
        if found is not None:
            return found
    if (kind == "artist" or not said) and (genre := genre_said(name)):  # "play hip hop": not an artist
        return no_genre(music, genre)
    if (kind == "artist" or not said) and (mood := _mood(music, name)):  # "play something sad": not an artist
        return mood
    if not said:
        return f"Sorry, I can't find {name} in your music."
    return {
        "song": f"Sorry, I can't find the song {name}.",
        "playlist": no_playlist(music, name),
        "artist": f"Sorry, I don't have any music by {name}.",
    }[kind]


def names_nobody(text: str) -> bool:
    """Whether the words end before the name they lead up to: "play by", "play some music from"."""
    words = rest(text).split()
    return bool(words) and all(word in PREPOSITIONS for word in words)


def whom(music: Catalogue) -> str:
    """The question for a request that left out whose music: a few of the artists there are."""
    artists = list(music.artists)
    some = ", ".join(artists[:_ARTISTS_SAID]) + (" and others" if len(artists) > _ARTISTS_SAID else "")
    return f"Music by whom? You have {some}."


def _unnamed(music: Catalogue, turn: Turn) -> Found | str:
    """No slot: the words may still name something the NLU did not tag ("play something by coldplay", "music
    for sleeping"); never a random song for a name the catalogue lacks."""
    words = rest(turn.text)
    if not words:
        songs = music.songs
        return Found(songs, f"Here's some music: {songs[0].spoken}.", "your music")
    if said_kind(turn.text, "playlist"):
        return _lookup(music, "playlist", words) or no_playlist(music, words)
    mentioned = music.mentioned(words) if asks_for_music(turn.text) else None
    if mentioned is not None and (found := _lookup(music, *mentioned)):
        return found
    if genre := genre_said(words):
        return no_genre(music, genre)
    if words.startswith("by "):
        found = _lookup(music, "artist", words[3:])
        return found or f"Sorry, I don't have any music {words}."
    for kind in KINDS:
        if found := _lookup(music, kind, words):
            return found
    if mood := _mood(music, words):
        return mood
    if words.split()[0] in PREPOSITIONS:
        return f"Sorry, I don't have any music {words}."
    return f"Sorry, I can't find {words} in your music."


def _mood(music: Catalogue, name: str) -> Found | str | None:
    """The playlist for the mood the words are ("something chill": the sleep playlist), what to say for a mood
    no playlist is for ("something sad"), or None when the words are no mood."""
    found = _lookup(music, "mood", mood_phrase(name))
    if found is not None:
        return found
    mood = mood_said(name)
    return None if mood is None else no_mood(music, mood)


def _lookup(music: Catalogue, kind: str, name: str) -> Found | None:
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
