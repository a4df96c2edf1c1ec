"""What level a volume request asks for: a number said, "max" or "min", or a step up or down from the current one;
and whether the words only ask what the volume is ("what's the volume", "how loud is it").

A number from 1 to 10 said without "percent" is on the ten-step scale speakers use ("volume 7" is 70); anything
else is a percentage ("volume 30", "7 percent"). The level is left as asked (a number said may be out of range, for
the skill to question); a step past either end is the skill's to clamp.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from assistant.router.nlu.spoken_numbers import parse_words

DEFAULT_VOLUME: Final = 50
VOLUME_STEP: Final = 10
_NEGATIVE = re.compile(r"\b(minus|negative)\b|-\s*\d")
_UP = frozenset({"up", "increase", "raise", "louder"})
_DOWN = frozenset({"down", "decrease", "lower", "reduce", "quieter", "softer"})
_MAX = re.compile(r"\b(max|maximum|full|all the way up)\b")
_MIN = re.compile(r"\b(min|minimum|all the way down)\b")
#: A complaint is a request: "it's too quiet", "I can't hear you" turn it up; "it's too loud" down.
_TOO_QUIET = re.compile(r"\btoo\s+(low|quiet|soft)\b|\b(can't|cannot|can not|cant)\s+hear\b")
_TOO_LOUD = re.compile(r"\btoo\s+loud\b")
_PERCENT = re.compile(r"%|\bper\s?cent\b")
#: The top of the ten-step scale: "volume 1" to "volume 10" are tenths of the full volume.
STEPS: Final = 10
PROMPT: Final = "What volume, from 1 to 10?"
#: How a question opens ("what's the volume", "how loud is it"): asked, not set.
_ASKING = frozenset({"what", "what's", "whats", "how", "which", "is"})
_ABOUT_LEVEL = frozenset({"volume", "loud", "level"})
#: The words a question about the speaker's volume is made of; others ("of a sphere") ask about something else.
_LEVEL_WORDS = frozenset({
    "what", "what's", "whats", "which", "how", "is", "it", "it's", "the", "volume", "loud", "level", "current",
    "currently", "now", "right", "at", "on", "set", "to", "music", "speaker", "sound", "your", "this", "song", "me",
    "tell", "playing",
})  # fmt: skip


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def current_volume(state: Mapping[str, Any]) -> int:
    """The volume the skill's state keeps (a malformed one reads as the default)."""
    kept = state.get("volume")
    return kept if isinstance(kept, int) and not isinstance(kept, bool) else DEFAULT_VOLUME


def asked_level(text: str, said: float | None, change: str, current: int) -> float | None:
    """The level asked for: ``said`` (the number slot, its sign restored when "minus" was said), else max/min,
    else a step from ``current`` for ``change`` ("louder"/"quieter") or words like "up"/"down"; None when the
    words ask for no level ("change the volume")."""
    text = text.lower()
    words = words_of(text)
    if said is not None:
        if _NEGATIVE.search(text):  # "minus 5": the number alone lost its sign
            return -abs(said)
        return said * (100 / STEPS) if 0 < said <= STEPS and not _PERCENT.search(text) else said
    if _MAX.search(text):
        return 100
    if _MIN.search(text):
        return 0
    if _TOO_LOUD.search(text):
        return current - VOLUME_STEP
    if change == "louder" or words & _UP or _TOO_QUIET.search(text):
        return current + VOLUME_STEP
    if change == "quieter" or words & _DOWN:
        return current - VOLUME_STEP
    return None


def _question(text: str) -> list[str] | None:
    """The words of a question about a level ("what's the volume of a sphere" too), or None for anything else."""
    words = re.findall(r"[a-z']+", text.lower())
    if words[:2] == ["tell", "me"]:  # "tell me the volume", not "tell it to set the volume to 30"
        words = words[2:]
    elif not words or words[0] not in _ASKING:
        return None
    about = "loud" in words if words and words[0] == "how" else bool(_ABOUT_LEVEL.intersection(words))
    return words if about else None


def asks_level(text: str) -> bool:
    """Whether the words ask what the speaker's volume is ("what's the volume", "how loud is it", "tell me the
    volume level") rather than set it."""
    words = _question(text)
    return words is not None and all(word in _LEVEL_WORDS for word in words)


def asks_other_level(text: str) -> bool:
    """Whether the words ask about the volume or loudness of something else: "what's the volume of a sphere", "how
    loud is thunder"."""
    words = _question(text)
    return words is not None and not all(word in _LEVEL_WORDS for word in words)


def number_in(text: str) -> float | None:
    """A number the words hold that no slot took: digits, or the longest run of number words ("volume to fifty",
    "seventy five percent"); None when there is none."""
    words = re.findall(r"[a-z0-9.'-]+", text.lower())
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            run = " ".join(words[start : start + size])
            if size == 1 and re.fullmatch(r"\d+(\.\d+)?", run):
                return float(run)
            value = parse_words(run) if not any(c.isdigit() for c in run) else None
            if value is not None:
                return float(value)
    return None
