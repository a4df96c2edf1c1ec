"""The local music catalogue: ~30 songs by a dozen artists, and playlists, streamed as ``sim://catalogue/<id>``.

The music skill looks songs up here by title, artist or playlist name as the NLU gives them (any case, with or
without "the"), by genre ("jazz", "classical music") or by what a playlist is for ("music for sleeping"), builds a
play queue of song ids, and hands the speaker one stream at a time. The data is a YAML file beside this module,
read once on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "catalogue.yml"
URL_PREFIX = "sim://catalogue/"


@dataclass(frozen=True)
class Song:
    id: str
    title: str
    artist: str
    seconds: int
    genre: str = ""

    @property
    def url(self) -> str:
        return URL_PREFIX + self.id

    @property
    def spoken(self) -> str:
        return f"{self.title} by {self.artist}"


@dataclass(frozen=True)
class Playlist:
    id: str
    name: str
    songs: tuple[str, ...]
    moods: tuple[str, ...] = ()
    """What people ask this playlist for: "sleeping", "working out"."""


def _key(name: str) -> str:
    words = re.sub(r"[^\w ]", "", name.lower()).split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1] in ("playlist", "songs", "music"):
        words = words[:-1]
    return " ".join(words)


@dataclass(frozen=True)
class Catalogue:
    songs: tuple[Song, ...]
    playlists: tuple[Playlist, ...]
    genres: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Each genre of the songs, with the other ways people say it ("classical": "classical music", "classic")."""

    @property
    def artists(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.artist for s in self.songs))

    def song(self, song_id: str) -> Song | None:
        return next((s for s in self.songs if s.id == song_id), None)

    def find_song(self, title: object) -> Song | None:
        wanted = _key(title) if isinstance(title, str) else None
        return next((s for s in self.songs if _key(s.title) == wanted), None) if wanted else None

    def find_artist(self, name: object) -> str | None:
        """The artist's catalogue spelling; surnames alone work for the classical composers ("beethoven")."""
        wanted = _key(name) if isinstance(name, str) else ""
        if not wanted:
            return None
        exact = next((a for a in self.artists if _key(a) == wanted), None)
        return exact or next((a for a in self.artists if _key(a).split()[-1] == wanted), None)

    def by_artist(self, artist: str) -> tuple[Song, ...]:
        return tuple(s for s in self.songs if s.artist == artist)

    def find_playlist(self, name: object) -> Playlist | None:
        wanted = _key(name) if isinstance(name, str) else None
        return next((p for p in self.playlists if _key(p.name) == wanted), None) if wanted else None

    def find_genre(self, name: object) -> str | None:
        """The genre a name says: "jazz", "classical music", "rock and roll"; None for anything else."""
        wanted = _key(name) if isinstance(name, str) else ""
        return next((g for g, said in self._genre_words().items() if wanted in said), None) if wanted else None

    def by_genre(self, genre: str) -> tuple[Song, ...]:
        return tuple(s for s in self.songs if s.genre == genre)

    def find_mood(self, name: object) -> Playlist | None:
        """The playlist for what the words ask music for: "sleeping", "the gym"; None when no playlist is for it."""
        wanted = _key(name) if isinstance(name, str) else ""
        return next((p for p in self.playlists if wanted in {_key(m) for m in p.moods}), None) if wanted else None

    def mentioned(self, text: str) -> tuple[str, str] | None:
        """The genre (``("genre", "jazz")``) or a playlist's mood (``("mood", "sleeping")``) the words mention,
        the longest such phrase first: "play some music for working out" -> ("mood", "working out")."""
        said = f" {_key(text)} "
        phrases = [("genre", w) for words in self._genre_words().values() for w in words]
        phrases += [("mood", _key(m)) for p in self.playlists for m in p.moods]
        found = [(kind, words) for kind, words in phrases if words and f" {words} " in said]
        return max(found, key=lambda item: len(item[1])) if found else None

    def _genre_words(self) -> dict[str, set[str]]:
        return {g: {_key(g), *(_key(w) for w in said)} for g, said in self.genres.items()}

    def queue(self, ids: tuple[str, ...]) -> tuple[Song, ...]:
        """The songs of ``ids`` that exist (a stale queue from an old session skips removed songs)."""
        return tuple(song for song in (self.song(i) for i in ids) if song is not None)


def parse_catalogue(text: str) -> Catalogue:
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present: 5x faster
    songs = tuple(
        Song(str(s["id"]), str(s["title"]), str(s["artist"]), int(s["seconds"]), str(s.get("genre", "")))
        for s in raw["songs"]
    )
    playlists = tuple(
        Playlist(str(p["id"]), str(p["name"]), tuple(str(i) for i in p["songs"]), tuple(p.get("moods") or ()))
        for p in raw["playlists"]
    )
    genres = {str(g): tuple(str(w) for w in said or ()) for g, said in (raw.get("genres") or {}).items()}
    known = {s.id for s in songs}
    for playlist in playlists:
        missing = [i for i in playlist.songs if i not in known]
        if missing:
            raise ValueError(f"playlist {playlist.name!r} lists unknown songs {missing}")
    unknown = sorted({s.genre for s in songs if s.genre and s.genre not in genres})
    if unknown:
        raise ValueError(f"songs have genres not listed under genres: {unknown}")
    return Catalogue(songs, playlists, genres)


@functools.cache
def catalogue() -> Catalogue:
    """The built-in catalogue (read from :data:`DATA_FILE` on the first call)."""
    return parse_catalogue(DATA_FILE.read_text(encoding="utf-8"))
