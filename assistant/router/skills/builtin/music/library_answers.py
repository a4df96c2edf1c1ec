"""What the music skill says about the library rather than playing it: who sings a song, what an artist, a genre or a
playlist holds, which genres there are, and that a genre it lacks is not there ("no hip hop; it has rock, ...")."""

from __future__ import annotations

import re

from assistant.router.services.catalogue import Catalogue
from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.music.genre_words import genre_said
from assistant.router.skills.turn import Turn
from assistant.router.speech import FALLBACK_START

#: Words of a question about the library as a whole: "what artists do you have", "what's in my music library".
_ABOUT_MUSIC = re.compile(r"\b(music|songs?|artists?|bands?|singers?|musicians?|composers?|library|albums?)\b")


def no_genre(music: Catalogue, genre: str) -> str:
    """A genre the library lacks, said with the ones it has."""
    return f"Sorry, your music library has no {genre}. It has {spoken_list(list(music.genres))}."


def library_answer(turn: Turn, music: Catalogue) -> str:  # "who sings Yesterday", "what songs do you have by Queen"
    if turn.has("song"):
        song = music.find_song(turn.slot("song"))
        if song is None:
            return f"Sorry, I can't find the song {turn.slot('song')}."
        return f"{song.title} is by {song.artist}."
    if turn.has("artist"):
        artist = music.find_artist(turn.slot("artist"))
        if artist is None:
            genre = genre_said(turn.slot("artist"))  # "do you have any hip hop"
            return no_genre(music, genre) if genre else f"Sorry, I don't have any music by {turn.slot('artist')}."
        titles = [s.title for s in music.by_artist(artist)]
        count = f"{len(titles)} song{'s' if len(titles) != 1 else ''}"
        return f"I have {count} by {artist}: {spoken_list(titles)}."
    if turn.has("playlist"):
        playlist = music.find_playlist(turn.slot("playlist"))
        if playlist is None:
            return f"Sorry, there's no playlist called {turn.slot('playlist')}."
        songs = [song.spoken for song in music.queue(playlist.songs)]
        return f"The {playlist.name} playlist has {spoken_list(songs)}."
    text = turn.text.lower()
    if other := genre_said(re.sub(r"^.*\b(have|got|is there|are there)\b", "", text)):  # "do you have any rap"
        return no_genre(music, other)  # before the genre: "k-pop" is not the library's pop
    if turn.has("genre") and (genre := music.find_genre(turn.slot("genre"))):  # "do you have any jazz"
        artists = list(dict.fromkeys(s.artist for s in music.by_genre(genre)))
        return f"Yes: {len(music.by_genre(genre))} {genre} songs, by {spoken_list(artists)}."
    if "playlist" in text:  # "playlists" too
        return f"Your playlists: {spoken_list([p.name for p in music.playlists])}."
    if re.search(r"\b(genres?|kinds?|styles?|types?)\b", text):  # "what kinds of music do you have"
        return f"Your music library has {spoken_list(list(music.genres))} music."
    if not _ABOUT_MUSIC.search(text):  # "can you tell me who's calling me", which an engine took for this
        return f'{FALLBACK_START} To hear what your music library has, say "what music do you have".'
    return f"Your music library has songs by {spoken_list(list(music.artists))}."
