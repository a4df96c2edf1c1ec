"""The words of the alarms skill: what a reminder is said back as, and what the request's words ask for."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.router.nlu.normalize import normalize

#: Words that make an hour without am or pm a morning one.
WAKE = re.compile(r"\b(wake|get up|morning)\b", re.IGNORECASE)
#: "cancel that", "delete it", "never mind, cancel that one": the entry the last answer was about.
THAT = re.compile(
    r"\b(?:cancel|delete|remove|turn off|scrap)\s+(?:that|it|this)(?:\s+(?:one|alarm|reminder))?"
    r"(?:\s+(?:too|as well|please))?[.!?]*$",
    re.IGNORECASE,
)
#: "change it to 7", "move that one": the alarm or reminder the last answer was about.
IT = re.compile(r"\b(?:it|that|this)\b(?!\s+(?:alarm|reminder)s?\s+(?:at|for)\b)", re.IGNORECASE)
#: Words of a time a date slot may take along ("am on march 26th").
_TIME_WORDS = re.compile(
    r"[\d:\s]*(?:[ap]\.?m\.?|o'?clock|in the (?:morning|afternoon|evening)|tonight)?", re.IGNORECASE
)
#: The time an alarm is moved to, at the end of the words: "change my 7 am alarm to 7:30".
NEW_TIME = re.compile(r"\b(?:to|till|until)\s+([\w:. ]+?)\s*[.!?]*$", re.IGNORECASE)
#: "when is my next alarm"
NEXT = re.compile(r"\bnext (alarm|reminder|one)\b")
#: A request to be reminded, not a question about the reminders: "remind me to buy flowers".
REMIND_REQUEST = re.compile(r"^\s*(?:please\s+)?remind me (?:to|about)\s+(?P<task>.+)$", re.IGNORECASE)

_SECOND_PERSON = {"my": "your", "me": "you", "i": "you", "mine": "yours", "myself": "yourself", "i'm": "you're",
                  "i've": "you've", "i'll": "you'll", "am": "are"}  # fmt: skip


#: A request said again as the answer to "What should I remind you about?": "remind me to stretch".
_ASKED_AGAIN = re.compile(r"^(?:(?:please|ok|okay|just)\s+)*remind me\s+(?=to\b|about\b|of\b)", re.IGNORECASE)


def reminder_text(value: object) -> str:
    """ "to call my mom" -> "call your mom", "about the dentist" kept: what to be reminded of, as it reads after
    "remind you" and ``to_do``; "remind me to stretch" (a request said as the answer to the question) is "stretch"."""
    text = _ASKED_AGAIN.sub("", " ".join(str(value or "").split()).rstrip(".!"))
    text = text[3:] if text.lower().startswith("to ") else text
    return " ".join(_SECOND_PERSON.get(word.lower(), word) for word in text.split())


#: Words of a request for a reminder; an answer to "What should I remind you about?" has none of them.
_ASKING_WORDS = re.compile(r"\b(?:remind|reminder|reminded|forget)\b", re.IGNORECASE)
#: At most this many words before a tagger's reminder are taken back into it.
_CUT_WORDS = 3


def whole_answer(what: str, text: str) -> str:
    """An answer's own words for a reminder a tagger cut at the front: "milk" of "buy milk" said to "What should I
    remind you about?" is "buy milk"; ``what`` as it was for words that ask for the reminder themselves, or when
    the words before it say when ("tomorrow buy milk")."""
    said = " ".join(text.split()).rstrip(".!?")
    if not what or _ASKING_WORDS.search(said) or not said.lower().endswith(what.lower()):
        return what
    before = re.sub(r"^(?:about|of|to)\b\s*", "", said[: len(said) - len(what)].strip(), flags=re.IGNORECASE)
    if (
        not before
        or len(before.split()) > _CUT_WORDS
        or any(not isinstance(normalize(kind, before), str) for kind in ("date", "time", "duration"))
    ):
        return what
    return f"{before} {what}"


def without_day(what: str, date: object) -> str:
    """``what`` without the day said at its end ("pay rent on the 1st" -> "pay rent"): the reminder's words and the
    date's can overlap when the NLU reads the reminder up to the time."""
    said = date.get("value") if isinstance(date, Mapping) else date
    if not isinstance(said, str) or not said:
        return what
    what = re.sub(rf"\s+(?:on |for |by )?{re.escape(said)}$", "", what, flags=re.IGNORECASE) or what
    return re.sub(r"\s+(?:on|for|by|before)$", "", what, flags=re.IGNORECASE) or what  # "buy a gift on" [christmas]


def with_spilled_words(what: str, date: object) -> str:
    """``what`` and the words a date took from it: a date slot read as "rent on march 26th" (a date may be "my
    birthday on may 5th") leaves "pay" as the reminder; "pay rent" it is."""
    said = date.get("value") if isinstance(date, Mapping) else None
    if not isinstance(said, str) or " on " not in said:
        return what
    raw = said.rsplit(" on ", 1)[0]
    if _TIME_WORDS.fullmatch(raw):  # "[9] am on march 26th": the time's words, not the reminder's
        return what
    spilled = reminder_text(raw)
    if not what or what.lower().endswith(spilled.lower()):
        return what
    mine, theirs = what.split(), spilled.split()
    overlap = next((n for n in range(min(len(mine), len(theirs)), 0, -1) if _same(mine[-n:], theirs[:n])), 0)
    return " ".join([*mine, *theirs[overlap:]])  # "renew your" + "your gym pass": said once


def _same(a: list[str], b: list[str]) -> bool:
    return [w.lower() for w in a] == [w.lower() for w in b]


def day_at_end(what: str) -> tuple[str, Mapping[str, object]] | None:
    """A day said at the end of the reminder's words, which the NLU left in them ("water the plants next week"):
    the words without it, and the day as a date slot holds it; None when they end with no day."""
    words = what.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        day = normalize("date", " ".join(words[-size:]))
        if isinstance(day, Mapping):
            rest = re.sub(r"\s+(?:on|for|by)$", "", " ".join(words[:-size]), flags=re.IGNORECASE)
            return (rest, day) if rest else None
    return None


#: "the dentist reminder", "my gym reminders", "the reminder about the dentist": the words that name a reminder when
#: no tagger took them as its text.
_NAMED_REMINDER = re.compile(
    r"\b(?:the|my|your|that|this)\s+(?P<before>(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+reminders?\b"
    r"|\breminders?\s+(?:about|for|of)\s+(?P<after>.+?)\s*[.!?]*$",
    re.IGNORECASE,
)
#: Words that say which reminder without naming what it is about: its place, time, day or repeat.
_NOT_A_NAME_WORDS = """a an the my your our this that these those all both each every any other another next last
    first second third one ones two three old new only same whole earlier later early late current upcoming previous
    at on in for by of to from and or about am pm a.m. p.m. o'clock oclock noon midnight morning afternoon evening
    night tonight today tomorrow tomorrow's today's tonight's yesterday week weekend weekends weekday weekdays
    daily weekly repeating recurring repeat everyday day days monday tuesday wednesday thursday friday saturday
    sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays half quarter past alarm alarms reminder
    reminders"""
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())


def reminder_named(text: str) -> str:
    """ "dentist" of "cancel the dentist reminder" (or of "... the reminder about the dentist"): the words naming
    a reminder by what it is about, "" when the words name it only by place, time or day ("my 7 am reminder",
    "the next reminder", "my weekday reminders") or not at all."""
    found = _NAMED_REMINDER.search(" ".join(text.split()))
    if found is None:
        return ""
    said = found.group("before") or found.group("after") or ""
    if any(not isinstance(normalize(kind, said), str) for kind in ("time", "date", "duration")):
        return ""
    if not _name_words(said):
        return ""
    return re.sub(r"^(?:the|my|your|a|an)\s+", "", said, flags=re.IGNORECASE)


def names_reminder(label: str, named: str) -> bool:
    """Whether a reminder's text has every word that names it: "book the dentist" is the "dentist" reminder, "take
    your pills" the "pill" one."""
    have = {_stem(word) for word in re.findall(r"[\w']+", label.lower())}
    return all(_stem(word) in have for word in _name_words(named))


def _name_words(said: str) -> list[str]:
    words = [_SECOND_PERSON.get(word, word) for word in re.findall(r"[\w'.]+", said.lower())]
    return [word for word in words if word not in _NOT_A_NAME and not re.fullmatch(r"[\d:.]+(?:st|nd|rd|th)?", word)]


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def a(words: str) -> str:
    """``words`` after "a" or "an": "a dentist", "an oil change"."""
    return f"{'an' if re.match(r'[aeiou]', words, re.IGNORECASE) else 'a'} {words}"


def to_do(label: str) -> str:
    """How a reminder's text follows "remind you" or "a reminder": "to call mom", "about the dentist"."""
    return label if re.match(r"(?:about|of)\b", label, re.IGNORECASE) else f"to {label}"


#: "about" or "of" leading a reminder's text ("about the dentist"), which reads after "remind you" as it is.
ABOUT = re.compile(r"^(?:about|of)\s+", re.IGNORECASE)


def with_about(what: str, text: str) -> str:
    """ "about the dentist" for the reminder "the dentist" of "remind me about the dentist this weekend": the word
    the request put before it, so that it reads "remind you about the dentist", not "remind you to the dentist"."""
    if not what or ABOUT.match(what):
        return what
    said = re.search(rf"\bremind me\s+(about|of)\s+{re.escape(what)}", " ".join(text.split()), re.IGNORECASE)
    return f"{said.group(1).lower()} {what}" if said else what
