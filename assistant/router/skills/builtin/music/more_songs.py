"""What plays on when "next" is asked on the last song of the queue: the artist's other songs, then the genre's,
that the queue does not hold yet. The queue grows by them, so "previous" still goes back through what played."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.router.services.catalogue import Catalogue, Song
from assistant.router.skills.builtin.music import playback


@dataclass(frozen=True)
class More:
    """Songs to add after the queue, and what they are as a reply says it ("more by Adele")."""

    songs: tuple[Song, ...]
    what: str

    def state(self, state: Mapping[str, Any]) -> dict[str, Any]:
        """The state with the songs added to the order shuffle keeps too (the queue itself is the caller's)."""
        order = playback.ids(state, "order")
        extra = [song.id for song in self.songs]
        return {**state, "order": [*order, *extra]} if order else dict(state)


def more_like(music: Catalogue, queue: Sequence[Song], song: Song) -> More | None:
    """The songs by ``song``'s artist, then of its genre, that ``queue`` lacks; None when there are none."""
    queued = {s.id for s in queue}
    by_artist = [s for s in music.by_artist(song.artist) if s.id not in queued]
    genre = music.by_genre(song.genre) if song.genre else ()
    of_genre = [s for s in genre if s.id not in queued and s not in by_artist]
    if by_artist:
        return More((*by_artist, *of_genre), f"more by {song.artist}")
    if of_genre:
        return More(tuple(of_genre), f"more {song.genre} music")
    return None
