"""What the weather question's own words say that the tagged slots may not: a past day, "this week", a unit alone.

The tagger can miss a day in wordings the templates lack ("what was the weather yesterday in London"); answering
today's forecast then would be presented as yesterday's. These read the text, as ``_degrees`` reads "fahrenheit".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.router.nlu.normalize import normalize
from assistant.router.skills.turn import Turn

#: Days gone by: the simulator has forecasts only.
_PAST = re.compile(
    r"\b(?:yesterday|last (?:night|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:\w+ )?(?:days?|weeks?) ago|this past (?:week|weekend)|earlier this week|did it (?:rain|snow))\b"
)
#: "this week", "the rest of the week": today to Sunday.
_THIS_WEEK = re.compile(r"\b(?:this|the rest of (?:the|this)|rest of the|for the) week\b")
#: A follow-up that only changes the unit: "in fahrenheit", "and in celsius please".
_UNIT_ONLY = re.compile(
    r"^(?:and |what about |how about |now |can you say that |say it )?(?:in|to) (?:degrees )?(fahrenheit|celsius|"
    r"centigrade)(?: please)?[?.!]*$"
)
_HOW_MUCH = re.compile(r"\b(?:how much|how many (?:millimet\w*|centimet\w*|inch\w*|cm|mm))\b")
_CHANCE = re.compile(r"\b(?:chances?|odds|probability|how likely|likelihood)\b")
THIS_WEEK = "this week"
_SHORT_DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "now"}


def past_day(text: str) -> bool:
    """The words ask about a day gone by ("what was the weather yesterday", "did it rain last night")."""
    return _PAST.search(text.lower()) is not None


def this_week(turn: Turn) -> bool:
    """The date slot says "this week" (not "next week"), or the words do and no day was said (the tagger left it
    out, or the router carried the last turn's day over)."""
    value = turn.slot("date")
    said = value.get("value") if isinstance(value, Mapping) else value
    if isinstance(said, str) and _THIS_WEEK.search(said.lower()):
        return True
    unread = not turn.said("date") or isinstance(value, str)  # left out, or cut short by a tagger ("this")
    return unread and _THIS_WEEK.search(turn.text.lower()) is not None


def day_in_words(text: str) -> Mapping[str, object] | None:
    """The day said in ``text`` as the date slot's normaliser reads it ("how much rain will fall next week in London":
    next week), for when the tagger left it out; the longest words first, never a short weekday ("the sun" in "when
    does the sun set" is no Sunday)."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            said = words[start : start + size]
            value = None if _SHORT_DAYS.intersection(said) else normalize("date", " ".join(said))
            if isinstance(value, Mapping):
                return value
    return None


def unit_only(text: str) -> bool:
    """The turn is only a unit ("in fahrenheit"): the last answer again, in that unit."""
    return _UNIT_ONLY.match(" ".join(text.lower().split())) is not None


def rain_question(text: str) -> str:
    """What a rain question asks: "amount" ("how much rain"), "chance" ("what's the chance of rain"), else "yes"
    (a yes-or-no question: "will it rain")."""
    words = text.lower()
    if _HOW_MUCH.search(words):
        return "amount"
    if _CHANCE.search(words):
        return "chance"
    return "yes"
