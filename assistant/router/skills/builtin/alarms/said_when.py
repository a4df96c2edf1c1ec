"""When a request said its alarm or reminder is due, as opposed to what the router carried or a tagger cut.

- A tagger that split "7 a.m." leaves ".m." (or ".m. tomorrow") as the day: the time was read whole from the
  template, so those letters are no day (``without_meridiem_tail``).
- A slotless "set a reminder" after "set an alarm for 7 pm" inherits the alarm's time from the router; the skill
  keeps the time, date and duration its last other request was given (``remember``) and drops them from a reminder
  whose words do not say them (``without_carried``): the reminder asks when instead of taking the alarm's time.
- A corrected time without am or pm ("no, make it 7:15" after a 7 am alarm) keeps the half of the day of the one it
  replaces (``in_half_of``); "tomorrow morning" or "this evening" makes an answer "7" a morning or an evening one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from assistant.router.nlu.normalize import normalize
from assistant.router.services.spoken_values import ClockTime, clock_time, duration_in, duration_seconds
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: The slots that say when; a reminder takes them only from its own words.
WHEN = ("time", "date", "duration")
#: The skill state's key for what the last request (not a reminder's) said of when.
HEARD = "heard"
#: What a tagger leaves of "a.m." or "p.m." as a day: ".m.", "m. tomorrow".
_MERIDIEM_TAIL = re.compile(r"^\.?\s*m\b\.?\s*", re.IGNORECASE)
#: A part of the day said with a day ("tomorrow morning", "friday evening") and the half of the day it is in.
_PARTS = {"morning": "am", "afternoon": "pm", "evening": "pm", "night": "pm", "tonight": "pm"}
_PART = re.compile(rf"\b({'|'.join(_PARTS)})\b", re.IGNORECASE)
#: A unit of time in the words ("5 minutes", "an hour", "90s").
_UNIT = re.compile(r"\d\s*[smh]\b|\b(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\b", re.IGNORECASE)
#: Word spans tried as a time: "at 7 pm", "half past six" (at most five words).
_LONGEST_TIME = 5


def without_meridiem_tail(turn: Turn) -> Turn:
    """``turn`` without a date slot that is the end of "a.m." a tagger cut off: none, or the day after it."""
    date = turn.slots.get("date")
    tail = _MERIDIEM_TAIL.match(date) if isinstance(date, str) else None
    if tail is None or not isinstance(date, str):
        return turn
    rest = date[tail.end() :].strip()
    slots = {k: v for k, v in turn.slots.items() if k != "date"}
    if rest:
        slots["date"] = normalize("date", rest)
    return replace(turn, slots=slots)


def remember(turn: Turn, reply: Activity) -> Activity:
    """``reply`` with the times this request was given kept in the skill's state, for ``without_carried``. A reply
    to a reminder keeps nothing: the router carries nothing from a reminder into another one."""
    data = reply.channel_data
    state = data.get("state") if isinstance(data, dict) else None
    if not isinstance(state, dict):
        return reply
    state.pop(HEARD, None)
    heard = {name: turn.slots[name] for name in WHEN if turn.has(name)}
    if heard and turn.intent != "alarms.remind":
        state[HEARD] = heard
    return reply


def without_carried(turn: Turn, today: datetime) -> Turn:
    """``turn`` without the times the last other request had that this reminder's words do not say."""
    heard = turn.state.get(HEARD)
    if not isinstance(heard, Mapping):
        return turn
    carried = [n for n in WHEN if turn.has(n) and heard.get(n) == turn.slots[n] and not _says(turn, n)]
    if not carried:
        return turn
    return replace(turn, slots={k: v for k, v in turn.slots.items() if k not in carried})


def said_duration(turn: Turn) -> float | None:
    """The turn's duration in seconds, unless it is only the one the router carried from the last request: the
    same as that one had, with no unit of time in the words ("snooze" after "wake me up in 1 minute")."""
    if not turn.has("duration"):
        return None
    heard = turn.state.get(HEARD)
    carried = isinstance(heard, Mapping) and heard.get("duration") == turn.slots["duration"]
    return None if carried and not _UNIT.search(turn.text) else duration_seconds(turn.slot("duration"))


def _says(turn: Turn, name: str) -> bool:
    """Whether the turn's own words say slot ``name``'s value."""
    value = turn.slots[name]
    if name == "date":
        return turn.said("date")
    if name == "duration":
        return duration_in(turn.text) == duration_seconds(value)
    wanted = clock_time(value)
    words = turn.text.lower().split()
    spans = (
        " ".join(words[start : start + size])
        for size in range(1, _LONGEST_TIME + 1)
        for start in range(len(words) - size + 1)
    )
    for span in spans:
        parsed = normalize("time", span)
        found = clock_time(parsed) if isinstance(parsed, Mapping) else None
        if wanted is None or found is None or found.minute != wanted.minute:
            continue
        if found.hour == wanted.hour or (not found.explicit and found.hour % 12 == wanted.hour % 12):
            return True
    return False


def half_of_day(date: object) -> str | None:
    """ "am" or "pm" for a date said with a part of the day ("tomorrow morning", "friday evening"), else None."""
    said = date.get("value") if isinstance(date, Mapping) else date
    part = _PART.search(said) if isinstance(said, str) else None
    return _PARTS[part.group(1).lower()] if part else None


_PART_ONLY = re.compile(r"^(?:in |at |during )?(?:the )?(?:morning|afternoon|evening|night)$", re.IGNORECASE)


def only_half_of_day(date: object) -> bool:
    """The date's words name a part of the day and no day ("in the evening" a tagger took for the date of "seven
    o'clock in the evening"): the half of the day it gives the time is all it says."""
    said = date.get("value") if isinstance(date, Mapping) else date
    return isinstance(said, str) and _PART_ONLY.match(" ".join(said.split())) is not None


def with_time(turn: Turn, time: ClockTime) -> Turn:
    """``turn`` with its time slot set to ``time``."""
    value: dict[str, Any] = {
        "hour": time.hour,
        "minute": time.minute,
        "day_offset": time.day_offset,
        "explicit": time.explicit,
    }
    return replace(turn, slots={**turn.slots, "time": value})


def in_half_of(turn: Turn, old: datetime) -> Turn:
    """For a correction: its time said without am or pm in the half of the day of ``old``, the due time it
    replaces ("no, make it 7:15" after 7 AM is 7:15 AM, not the next 7:15)."""
    time = clock_time(turn.slot("time"))
    if turn.corrects is None or time is None or time.explicit or time.hour >= 12:
        return turn
    hour = time.hour + 12 if _apart(time.hour + 12, old.hour) < _apart(time.hour, old.hour) else time.hour
    return with_time(turn, replace(time, hour=hour, explicit=True))


def _apart(hour: int, other: int) -> int:
    """Hours between two hours of the day, either way round the clock (11 PM and 1 AM are 2 apart)."""
    return min(abs(hour - other), 24 - abs(hour - other))
