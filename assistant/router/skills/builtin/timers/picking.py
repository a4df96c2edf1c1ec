"""Which running timers a request or an answer means, and how timers are named to the user.

A timer is named by its label ("eggs timer") or its length ("10 minute timer"). A request names timers by a
label said in its words (the longest label wins: "the second eggs timer" is not the first "eggs" one), by length
("the 90 second one", "the 5 minute timer"), by "all" or "both", by place in the list the question read out
("the first one"), or by pointing at the one just set ("cancel it").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.router.phrases import normalise
from assistant.router.services.schedule_store import Entry
from assistant.router.services.spoken_values import duration_in, spoken_duration

#: Words that mean every timer the request or question is about.
ALL = re.compile(r"\b(?:all|both|every|everything|each)\b")
#: "cancel my timers", "cancel the timers": several meant, so "all of them?" is the question, not "which one?".
PLURAL = re.compile(r"\btimers\b")
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "last": -1}
#: Names given to a second, third ... timer with a label already running ("second eggs").
_NTH = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def a(words: str) -> str:
    """``words`` with "a" or "an" before them, as said: "an eggs timer", "an 8 minute timer", "a 10 minute timer"."""
    spoken_vowel = re.match(r"[aeiou]|8|11\b|18\b", words, re.IGNORECASE)
    return f"{'an' if spoken_vowel else 'a'} {words}"


def length_words(seconds: float) -> str:
    """ "10 minute", "1 minute 30 second": a timer's length as it names the timer."""
    length = re.sub(r",? and |, ", " ", spoken_duration(seconds))
    return re.sub(r"\b(hour|minute|second)s\b", r"\1", length)


def timer_words(entry: Entry) -> str:
    """ "pasta timer" or "10 minute timer": how to name a timer to the user."""
    if entry.label:
        return f"{entry.label} timer"
    return f"{length_words(entry.duration_s or 0)} timer"


def listed(timers: Sequence[Entry]) -> str:
    """ "a 5 minute timer and an eggs timer": the timers one after another."""
    names = [a(timer_words(t)) for t in timers]
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


def by_label(timers: Sequence[Entry], name: str, text: str) -> tuple[Entry, ...]:
    """The timers whose label the words say (the longest label said wins), else those labelled ``name``."""
    words = f" {normalise(text)} "
    said = [t for t in timers if t.label and f" {normalise(t.label)} " in words]
    if said:
        longest = max(len(t.label) for t in said)
        return tuple(t for t in said if len(t.label) == longest)
    return tuple(t for t in timers if name and t.label == name)


def picked(timers: Sequence[Entry], answer: str) -> tuple[Entry, ...]:
    """The timers an answer to "Which one?" means, of ``timers`` in the order the question listed them."""
    words = normalise(answer)
    if ALL.search(words):
        return tuple(timers)
    named = by_label(timers, "", answer)
    if named:
        return named
    lengths = [t for t in timers if f" {length_words(t.duration_s or 0)} " in f" {words} "]
    if lengths:
        return tuple(lengths)
    seconds = duration_in(answer)
    if seconds is not None:
        return tuple(t for t in timers if round(t.duration_s or 0) == round(seconds))
    place = next((i for word, i in _ORDINALS.items() if re.search(rf"\b{word}\b", words)), None)
    if place is not None and -len(timers) <= place < len(timers):
        return (timers[place],)
    return ()


def apart(name: str, running: Sequence[Entry]) -> str:
    """``name`` for a new timer, told apart from running ones with that label: "eggs", else "second eggs" ..."""
    labels = {t.label for t in running}
    if not name or name not in labels:
        return name
    return next((f"{nth} {name}" for nth in _NTH if f"{nth} {name}" not in labels), name)
