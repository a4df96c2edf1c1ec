"""The music skill's play queue as its session state keeps it, and the moves on it: back, shuffle, repeat.

The state is small JSON the router hands back on the next turn of the session::

    {"queue": ["s05", "s06"], "index": 0, "paused": false, "volume": 50,
     "shuffle": true, "order": ["s06", "s05"], "repeat": true}

``queue`` is the play order and ``index`` the song playing in it. While shuffle is on, ``order`` keeps the order
the songs came in, so "stop shuffling" plays the rest in that order again. ``repeat`` is the speaker's repeat mode
(the song playing, and each song after it, plays over until repeat is turned off). State from the wire is
untrusted: a malformed index or queue reads as the start or as nothing playing, never as an error.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

#: Words that turn a mode off: "stop shuffling", "turn off shuffle", "repeat off", "don't repeat".
_OFF = frozenset({"off", "stop", "stopping", "disable", "unshuffle", "cancel", "don't", "dont", "no", "quit", "end"})
#: Words of a shuffle request that name nothing to play: "turn on shuffle", "put it on shuffle".
_SHUFFLE_WORDS = frozenset({"shuffle", "shuffled", "shuffling", "turn", "switch", "enable", "mode", "it", "on"})


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def turns_off(text: str) -> bool:
    """Whether a shuffle or repeat request asks to stop it ("stop shuffling", "turn repeat off")."""
    return bool(_OFF.intersection(_words(text)))


def without_shuffle_words(text: str) -> str:
    """The words of a shuffle request left to name what to play: "shuffle the workout playlist" -> "the workout
    playlist", "turn on shuffle" -> ""."""
    return " ".join(w for w in _words(text) if w not in _SHUFFLE_WORDS)


def ids(state: Mapping[str, Any], key: str = "queue") -> tuple[str, ...]:
    value = state.get(key)
    return tuple(str(i) for i in value) if isinstance(value, list) else ()


def position(state: Mapping[str, Any], length: int) -> int:
    """The index of the song playing, within a queue of ``length`` songs (0 for anything malformed)."""
    value = state.get("index")
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return max(0, min(value, length - 1))


def shuffled(songs: Sequence[str], now: datetime, first: str | None = None) -> list[str]:
    """``songs`` in a random order seeded by the time and the songs, so a frozen clock always gives the same
    order; ``first`` (the song playing) stays first."""
    rest = [s for s in songs if s != first]
    random.Random(f"{now.isoformat()}|{','.join(songs)}").shuffle(rest)  # a str seed hashes the same in every run
    return ([first] if first is not None and first in songs else []) + rest


def shuffle_state(state: Mapping[str, Any], order: Sequence[str], now: datetime, playing: str | None) -> dict[str, Any]:
    """The state with ``order`` shuffled into the queue, ``playing`` (if any) kept first at index 0."""
    queue = shuffled(order, now, playing)
    return {**state, "queue": queue, "index": 0, "shuffle": True, "order": list(order)}


def unshuffle_state(state: Mapping[str, Any], playing: str | None) -> dict[str, Any]:
    """The state with the songs back in the order they came in, the playing song where it was in that order."""
    order = list(ids(state, "order")) or list(ids(state))
    index = order.index(playing) if playing in order else 0
    new = {k: v for k, v in state.items() if k not in ("shuffle", "order")}
    return {**new, "queue": order, "index": index}


def in_order_state(state: Mapping[str, Any]) -> dict[str, Any]:
    """The state for a new queue that comes in order: the shuffle of the old one forgotten."""
    return {k: v for k, v in state.items() if k != "order"}


#: The words "previous song" requests are made of; anything else ("go back to sleep") is not one.
PREVIOUS_WORDS = frozenset({
    "previous", "last", "song", "track", "tune", "one", "play", "replay", "again", "go", "back", "skip", "jump", "a",
    "the", "to", "that", "please", "can", "could", "you", "now", "before", "this", "music", "what", "what's", "whats",
    "which", "who", "was", "is", "sang", "played", "playing", "called", "we", "i", "want", "let's", "lets", "hear",
    "listen", "just", "one's", "song's", "more", "time", "wanna",
})  # fmt: skip
#: The words "repeat this song" requests are made of; anything else ("repeat after me") is not one.
REPEAT_WORDS = frozenset({
    "repeat", "repeating", "loop", "looping", "keep", "this", "the", "current", "song", "track", "tune", "music", "on",
    "off", "put", "play", "it", "turn", "switch", "mode", "stop", "don't", "dont", "no", "please", "can", "you",
    "could", "now", "one", "i", "want", "to", "hear", "over", "and", "again", "let's", "lets", "just", "set",
})  # fmt: skip
#: The words of a bare "play" ("play", "play it", "play the music please"): with a queue, it plays on.
_BARE_PLAY_WORDS = frozenset({"play", "it", "the", "music", "song", "track", "please", "now", "again"})
#: What may follow "unmute" in a request: "unmute the music", not "unmute my phone".
UNMUTE_WORDS = frozenset(
    {"the", "music", "song", "track", "player", "sound", "volume", "it", "please", "now", "again", "speaker"}
)
#: "resume" as a noun: "print my resume" is no request to the player.
_RESUME_NOUN = re.compile(r"\b(my|your|a|his|her|their|our)\s+resume\b")
#: What may follow "skip" or "next" in a question that is still a request: "how do I skip this song".
NEXT_WORDS = frozenset({
    "next", "skip", "song", "track", "tune", "this", "that", "one", "it", "the", "a", "play", "go", "to", "forward",
    "please", "can", "could", "you", "now", "music", "how", "do", "i", "what", "is",
})  # fmt: skip


def says_only(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether every word is one of ``vocabulary``: a request of the kind, not a sentence that shares a word."""
    return all(word in vocabulary for word in _words(text))


def bare_play(text: str) -> bool:
    """Whether the words are "play" and nothing that names what ("play", "play it please"): the queue plays on."""
    return "play" in _words(text) and says_only(text, _BARE_PLAY_WORDS)


def names_other_than_music(text: str) -> bool:
    """Whether a resume or unmute request is about something else: "print my resume", "unmute my phone"."""
    words = _words(text)
    after = words[words.index("unmute") + 1 :] if "unmute" in words else []
    return bool(_RESUME_NOUN.search(text.lower())) or any(w not in UNMUTE_WORDS for w in after)


def asks_how(text: str) -> bool:
    """A question about doing something ("how do I shuffle cards"), not a request to the player."""
    words = _words(text)
    return bool(words) and words[0] in ("how", "why", "when", "where", "what", "what's", "do", "does", "is", "should")


def asks_which(text: str) -> bool:
    """A question about a song ("what was the last song"), not a request to play it."""
    words = _words(text)
    return bool(words) and words[0] in ("what", "what's", "which", "who", "who's", "whats")
