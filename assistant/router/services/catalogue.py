"""The local music catalogue: ~30 songs by a dozen artists, and playlists, streamed as ``sim://catalogue/<id>``.

The music skill looks songs up here by title, artist or playlist name as the NLU gives them (any case, with or
without "the"), builds a play queue of song ids, and hands the speaker one stream at a time. The data is a YAML
file beside this module, read once on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
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

    def queue(self, ids: tuple[str, ...]) -> tuple[Song, ...]:
        """The songs of ``ids`` that exist (a stale queue from an old session skips removed songs)."""
        return tuple(song for song in (self.song(i) for i in ids) if song is not None)


def parse_catalogue(text: str) -> Catalogue:
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present: 5x faster
    songs = tuple(Song(str(s["id"]), str(s["title"]), str(s["artist"]), int(s["seconds"])) for s in raw["songs"])
    playlists = tuple(
        Playlist(str(p["id"]), str(p["name"]), tuple(str(i) for i in p["songs"])) for p in raw["playlists"]
    )
    known = {s.id for s in songs}
    for playlist in playlists:
        missing = [i for i in playlist.songs if i not in known]
        if missing:
            raise ValueError(f"playlist {playlist.name!r} lists unknown songs {missing}")
    return Catalogue(songs, playlists)


@functools.cache
def catalogue() -> Catalogue:
    """The built-in catalogue (read from :data:`DATA_FILE` on the first call)."""
    return parse_catalogue(DATA_FILE.read_text(encoding="utf-8"))
