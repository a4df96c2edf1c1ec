"""The words of a repeating alarm or reminder: which days the request names ("every weekday", "on mondays and
wednesdays", "daily", "every day except sunday"), what it asks for that the skill cannot do ("every other week",
"every 3 hours", "the first of every month"), and how the days are said back.

The NLU has no slot for these words (they reach the skill in the request's text, or in a date or reminder slot a
tagger put them in), so the skill reads them here; the store keeps the days as a :class:`Rule`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.router.nlu.spoken_dates import WEEKDAYS as DAY_NAMES
from assistant.router.services.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS

#: One sentence on what repeats the skill can do, for a request it cannot.
CANNOT = (
    "I can repeat alarms and reminders every day, on weekdays, on weekends or on the days you name, "
    'like "every Monday and Thursday at 7", but not every few hours, weeks or months.'
)

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_DAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
#: Repeats the store cannot keep: other intervals than a week's days.
_CANNOT = re.compile(
    r"\bevery\s+(?:other|second|third|\d+|two|three|four|five|six|ten|twelve|few|couple)\b"
    r"|\b(?:every|each)\s+(?:hour|minute|second|month|year|fortnight|quarter)\b"
    r"|\b(?:hourly|monthly|yearly|annually|biweekly|bi-weekly|fortnightly|quarterly)\b"
    r"|\bof\s+(?:every|each|the)\s+month\b",
    re.IGNORECASE,
)
_EVERY_DAY = re.compile(
    r"\b(?:every ?day|daily|each day|(?:every|each) (?:morning|evening|night|afternoon)|(?:7|seven) days a week)\b",
    re.IGNORECASE,
)
#: "weekdays", "every weekday", "a weekday alarm"; not "the weekday classes" of a reminder.
_WEEKDAYS = re.compile(
    r"\b(?:(?:every|each|on) (?:week|work) ?day|(?:week|work) ?days|working days|school days"
    r"|(?:week|work) ?day (?:alarm|reminder)s?)\b",
    re.IGNORECASE,
)
_WEEKENDS = re.compile(r"\b(?:(?:every|each) weekend|weekends|weekend (?:alarm|reminder)s?)\b", re.IGNORECASE)
_RANGE = re.compile(rf"\b({_DAY})\s+(?:to|through|thru|till|until|-)\s+({_DAY})\b", re.IGNORECASE)
_NAMED = re.compile(rf"\b{_DAY}\b", re.IGNORECASE)
#: "starting monday": the day the series starts, not one of its days.
STARTING = re.compile(r"\b(?:starting|beginning)\b(?P<rest>.*)$", re.IGNORECASE)
_EXCEPT = re.compile(r"\b(?:except|but not|apart from|other than|excluding)\b(?P<rest>.*)$", re.IGNORECASE)
#: Words that make named days a rule: "every monday", "on mondays", "weekly on friday".
_EVERY = re.compile(rf"\b(?:every|each)\s+{_DAY}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b", re.IGNORECASE)
_REPEAT_WORDS = re.compile(r"\b(?:repeating|recurring|repeat|repeats|weekly|every week|each week)\b", re.IGNORECASE)
#: The words of a rule at the end of a reminder's text: "take my pills every day" -> "take my pills".
_DAYS_WORD = rf"(?:{_DAY}|week ?days?|work ?days?|weekends?)"
_TRAILING = re.compile(
    rf"(?:\s*,?\s*(?:\band\b|\bor\b|&)?\s*(?:\b(?:every|each|on)\s+)?\b{_DAYS_WORD}\b"
    r"|\s+(?:every|each)\s+(?:day|morning|evening|night|afternoon|week)\b|\s+every ?day\b|\s+daily\b"
    rf"|\s+(?:except|but not)\s+(?:on\s+)?{_DAYS_WORD}|\s+(?:weekly|repeating|recurring))+\s*$",
    re.IGNORECASE,
)


def days_said(*texts: object) -> frozenset[int] | str | None:
    """The days the words repeat on, CANNOT for a repeat the skill cannot do, None for words of a one-off.

    An empty set: a repeat with no days ("a weekly alarm"), on the day of the first time it rings. "Repeating" or
    "recurring" alone is every day."""
    said = " ".join(_words(t) for t in texts).strip()
    if not said:
        return None
    if _CANNOT.search(said):
        return CANNOT
    starting = STARTING.search(said)
    kept, excluded = _split_except(said[: starting.start()] if starting else said)
    days = _days_in(kept, named_repeat=bool(_EVERY.search(kept) or _REPEAT_WORDS.search(kept)))
    if days is None:
        return frozenset() if _REPEAT_WORDS.search(kept) and re.search(r"\bweek", kept, re.I) else _plain(kept)
    days -= _days_in(excluded, named_repeat=True) or frozenset()
    return days or CANNOT


def _plain(said: str) -> frozenset[int] | None:
    """ "a repeating alarm at 8" (no days): every day; anything else a one-off."""
    return EVERY_DAY if _REPEAT_WORDS.search(said) else None


def names_no_days(said: str) -> bool:
    """ "my repeating alarm", "the recurring one": a repeat said, but no days."""
    return bool(_REPEAT_WORDS.search(said)) and _days_in(said, named_repeat=True) is None


def _split_except(said: str) -> tuple[str, str]:
    found = _EXCEPT.search(said)
    return (said[: found.start()], found.group("rest")) if found else (said, "")


def _days_in(said: str, *, named_repeat: bool) -> frozenset[int] | None:
    """The days ``said`` names as a rule; named days count only with ``named_repeat`` ("every", a plural)."""
    if _EVERY_DAY.search(said):
        return EVERY_DAY
    days: set[int] = set()
    if _WEEKDAYS.search(said):
        days |= WEEKDAYS
    if _WEEKENDS.search(said):
        days |= WEEKENDS
    for first, last in _RANGE.findall(said):  # "monday to friday"
        start, end = _index(first), _index(last)
        days |= {(start + n) % 7 for n in range((end - start) % 7 + 1)}
    if named_repeat or days:
        days |= {_index(name) for name in _NAMED.findall(said)}
    return frozenset(days) if days else None


def _index(name: str) -> int:
    return _DAY_INDEX[name.lower()[:3]]


def _words(value: object) -> str:
    """The words of a text or a slot (a date slot keeps what was said in ``value``)."""
    if isinstance(value, Mapping):
        value = value.get("value")
    return value if isinstance(value, str) else ""


def in_words(days: frozenset[int]) -> str:
    """How the days are said back: "every day", "every weekday", "on weekends", "every Monday and Thursday"."""
    if days == EVERY_DAY:
        return "every day"
    if days == WEEKDAYS:
        return "every weekday"
    if days == WEEKENDS:
        return "on weekends"
    if len(days) == 6:
        return f"every day except {_name((set(EVERY_DAY) - days).pop())}"
    names = [_name(d) for d in sorted(days)]
    return "every " + (names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}")


def _name(day: int) -> str:
    return DAY_NAMES[day].capitalize()


def without_rule(what: str, *, day_taken: bool = False) -> str:
    """A reminder's words without the rule a tagger left at their end ("take my pills every day"), or the "every"
    of one whose day it took as a date ("call mom every" [sunday]); with ``day_taken`` an "on" too."""
    dangling = r"\s+(?:every|each|on)$" if day_taken else r"\s+(?:every|each)$"
    return re.sub(dangling, "", _TRAILING.sub("", what).strip(), flags=re.IGNORECASE).strip() or what
