"""Moods people ask music for ("something sad", "upbeat songs", "chill music"), so a mood the library has no
playlist for is said back as a mood, with the playlists it does have, never as "no music by something sad".

The catalogue's playlists say which moods they are for (``moods`` in services/data/catalogue.yml); the words here
are only those a request may name without being a song, an artist or a genre. They are read from the text, never
listed as slot values: a long list of values the catalogue cannot play would dilute the speech grammar.
"""

from __future__ import annotations

from assistant.router.services.catalogue import Catalogue
from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.music.request_words import trimmed

#: Moods as people say them (lower case, hyphens as spaces), each as a reply says it back.
_MOODS: dict[str, str] = {
    **dict.fromkeys(("happy", "cheerful", "joyful", "uplifting", "feel good", "feelgood", "fun"), "happy"),
    **dict.fromkeys(("sad", "melancholy", "melancholic", "depressing", "heartbreak", "break up"), "sad"),
    **dict.fromkeys(("upbeat", "energetic", "pumped up", "high energy", "lively", "motivational"), "upbeat"),
    **dict.fromkeys(("chill", "chilled", "chill out", "mellow", "calm", "calming", "soothing", "peaceful"), "chill"),
    **dict.fromkeys(("relaxing", "quiet", "soft", "gentle", "slow", "lazy", "cozy", "cosy", "dreamy"), "relaxing"),
    **dict.fromkeys(("romantic", "love", "sexy", "sensual"), "romantic"),
    **dict.fromkeys(("angry", "aggressive", "intense", "dark", "moody", "emotional", "nostalgic", "epic"), "intense"),
    **dict.fromkeys(("groovy", "funky", "danceable", "dancing", "party"), "party"),
}
#: Words around a mood that name nothing: "something sad", "some happy songs", "a chill vibe".
_AROUND = frozenset({
    "some", "something", "anything", "a", "an", "the", "bit", "of", "little", "more", "music", "songs", "song",
    "tunes", "tune", "track", "tracks", "stuff", "please", "mood", "vibe", "vibes", "kind", "type", "sort", "really",
    "very",
})  # fmt: skip


def mood_said(text: object) -> str | None:
    """The mood the words are, as a reply says it ("something sad" -> "sad", "feel-good songs" -> "happy"); None
    when they are anything more (a name, a sentence) or not a mood."""
    return _MOODS.get(mood_phrase(text)) if isinstance(text, str) else None


def mood_phrase(text: str) -> str:
    """The words of a mood request without what names nothing, for the catalogue's moods: "something chill" ->
    "chill"."""
    return trimmed(text, _AROUND, _AROUND)


def playlists_said(music: Catalogue) -> str:
    """The library's playlists, as a sentence: "Your playlists are workout, sleep and road trip." """
    return f"Your playlists are {spoken_list([p.name for p in music.playlists])}."


def no_mood(music: Catalogue, mood: str) -> str:
    """A mood no playlist is for, said with the playlists there are."""
    return f"Sorry, none of your playlists is for {mood} music. {playlists_said(music)}"


def no_playlist(music: Catalogue, name: str) -> str:
    """A playlist the library lacks; the one for that mood when a playlist is for it ("chill": the sleep playlist),
    else the playlists there are."""
    for_mood = music.find_mood(name)
    if for_mood is not None:
        return f"Sorry, there's no playlist called {name}. For {name} music, there's the {for_mood.name} playlist."
    return f"Sorry, there's no playlist called {name}. {playlists_said(music)}"
