"""Reading a play request's words where the slots do not say it all: what is left once courtesy and filler are taken
off ("play something by coldplay please" -> "by coldplay"), whether a genre or mood in them is what they ask to hear,
and which kind of name the words say ("the song X", "my X playlist", "music by X")."""

from __future__ import annotations

import re

#: Words that say what a name is: "the song X", "my X playlist", "music by X" / "some X".
_KIND_WORDS = {"song": ("song", "track"), "playlist": ("playlist",), "artist": ("by", "some", "artist", "band")}
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
PREPOSITIONS = frozenset({"by", "from", "for", "like", "with", "in", "about", "while"})


def rest(text: str) -> str:
    """The words of a play request once what names nothing is taken off both ends: "play something by coldplay
    please" -> "by coldplay", "play some music" -> ""."""
    return trimmed(text, _LEADING, _TRAILING)


def trimmed(text: str, leading: frozenset[str], trailing: frozenset[str]) -> str:
    """The lower-case words of ``text`` without the ``leading`` ones at its start and the ``trailing`` at its end."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    while words and words[0] in leading:
        words.pop(0)
    while words and words[-1] in trailing:
        words.pop()
    return " ".join(words)


def asks_for_music(text: str) -> bool:
    """Whether a genre or mood in the words is what they ask to hear: a short request ("jazz please") or one that
    opens as a play request ("play something for working out"), not "working" somewhere in a long question."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    return len(rest(text).split()) <= _MENTION_WORDS or bool(words and words[0] in _LEADING)


def said_kind(text: str, kind: str) -> bool:
    """Whether the words say what kind of name they give: "the song", "playlist", "by"."""
    words = text.lower().split()
    return any(word in words for word in _KIND_WORDS[kind])


#: Words that make a request about playing music wherever they stand: "how about some queen", "queen songs".
_MUSIC_WORDS = frozenset({
    "play", "playing", "put", "listen", "hear", "music", "song", "songs", "track", "tracks", "tunes", "playlist",
    "some", "album", "sing",
})  # fmt: skip


def asks_to_play(text: str, names: set[str]) -> bool:
    """Whether the words ask to hear something: they open as a request ("play", "I want", "some"), have a music
    word, or are only a name the slots hold ("dancing queen please"); not "go back to sleep", which an engine may read
    as the sleep playlist."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    if not words:
        return False
    return words[0] in _LEADING or not _MUSIC_WORDS.isdisjoint(words) or rest(text) in names
