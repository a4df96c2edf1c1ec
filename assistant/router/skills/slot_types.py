"""Built-in slot types and the sample values their training examples are filled with.

A slot with its own ``values`` in a manifest uses those; a slot of a built-in type uses these samples, so a
template like ``set a timer for {duration}`` teaches the NLU many surface forms. The NLU's normaliser (not this
module) turns what the user says into values (numbers, seconds, times), and it takes more forms than the samples
show: a template's slot place holds any words that parse as its type ("set it to 21" is 21 degrees).
"""

from __future__ import annotations

BUILTIN_SAMPLES: dict[str, tuple[str, ...]] = {
    "date": (
        "today",
        "tomorrow",
        "tonight",
        "this weekend",
        "the day after tomorrow",
        "on monday",
        "on tuesday",
        "on wednesday",
        "on thursday",
        "on friday",
        "on saturday",
        "on sunday",
        "next friday",
        "monday",
        "saturday",
        "tomorrow morning",
        "in two days",
        "on march 3rd",
        "december 31st",
        "on the 28th",
        "the 5th of may",
        "june first",
        "in two weeks",
        "next weekend",
    ),
    "time": (
        "7 am",
        "6:30 pm",
        "noon",
        "midnight",
        "7:15",
        "half past six",
        "8 o'clock",
        "10 pm",
        "six thirty",
        "9 in the morning",
        "5 pm",
        "quarter to eight",
    ),
    "duration": (
        "5 minutes",
        "ten minutes",
        "an hour",
        "30 seconds",
        "1 hour and 20 minutes",
        "two hours",
        "90 seconds",
        "a minute",
        "15 minutes",
        "three minutes",
        "half an hour",
        "45 seconds",
    ),
    # a number with its unit; the normaliser also takes "21", "21°", "40%" and spoken numbers ("twenty one degrees")
    "temperature": (
        "18 degrees",
        "19 degrees",
        "20 degrees",
        "21 degrees",
        "22 degrees",
        "23 degrees",
        "24 degrees",
        "25 degrees",
        "26 degrees",
        "27 degrees",
        "28 degrees",
        "16 degrees",
        "30 degrees",
    ),
    "percent": (
        "10 percent",
        "20 percent",
        "25 percent",
        "30 percent",
        "40 percent",
        "50 percent",
        "60 percent",
        "70 percent",
        "75 percent",
        "80 percent",
        "90 percent",
        "100 percent",
        "5 percent",
        "15 percent",
    ),
    "number": ("1", "2", "3", "5", "ten", "20", "seven", "50", "one", "twelve", "100", "four"),
    "text": (
        "buy milk",
        "call mom",
        "pick up the kids",
        "water the plants",
        "the meeting with anna",
        "take out the trash",
        "pay the rent",
        "book the dentist",
        "eggs",
        "send the report",
    ),
}


def is_builtin(slot_type: str) -> bool:
    return slot_type in BUILTIN_SAMPLES
