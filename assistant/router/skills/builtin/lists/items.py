"""Where a list item's words end: what the NLU's item span took that is no item, and how several items are split.

An engine's span can swallow the words around the item: the verb ("add toothpaste" answering "What should I add?"),
the list it goes on or comes off ("milk off the list", "from my shopping list" with no item at all) or a particle
("cross off toothpaste"). These functions cut those words off, split "eggs milk and bread" into three items while
keeping dishes like "mac and cheese" whole, and tell a length of time ("off 2 minutes") from an item.
"""

from __future__ import annotations

import re
from typing import Final

#: Lists the words can name, by alias: "shopping", "todo".
ALIASES: Final = {"shopping list": "shopping", "grocery": "shopping", "groceries": "shopping",
                  "grocery list": "shopping", "shopping": "shopping", "to do": "todo", "to-do": "todo",
                  "to do list": "todo", "todo list": "todo", "todo": "todo", "tasks": "todo", "task list": "todo",
                  "to-do list": "todo", "to dos": "todo", "to-dos": "todo", "things to do": "todo",
                  "list of things to do": "todo", "chores": "todo", "chore list": "todo", "list of chores": "todo",
                  "list of tasks": "todo", "list for shopping": "shopping"}  # fmt: skip


def known_list(words: str) -> str | None:
    """The list ("shopping", "todo") these words name, by its name or an alias; None for any other words."""
    return ALIASES.get(" ".join(words.lower().split()))


#: The verb of a request said as the answer to "What should I add?" ("add toothpaste").
_ADD_VERB = re.compile(r"^\s*(?:please\s+)?(?:add|put|include|write down|write)\s+(?=\S)", re.I)
#: Words before an item to remove that belong to the verb: "cross off toothpaste", "take out the milk".
_REMOVE_LEAD = re.compile(r"^\s*(?:please\s+)?(?:(?:remove|delete|cross|scratch|take)\s+)?(?:off|out)\s+(?=\S)", re.I)
#: The list named at the end: "to my shopping list", "off the list", "from my to do list please".
_WHERE = re.compile(
    r"(?:^|\s+)(?:to|on|onto|in|into|off|from|of)\s+(?:(?:my|the|our)\s+)?([\w' -]*?)[\s,.!?]*(?:please)?[\s.!?]*$",
    re.I,
)


def where_named(item: str) -> tuple[str, str | None] | None:
    """The item without the list its words end by naming, and that list (None for "the list"); None when the
    words end by naming no list of ours ("pick up the kids from school")."""
    found = _WHERE.search(item)
    if found is None:
        return None
    where = " ".join(found.group(1).lower().split())
    if where in ("list", "lists", "it", "there"):
        return item[: found.start()].strip(), None
    known = known_list(where) or known_list(where.removesuffix(" list"))
    return (item[: found.start()].strip(), known) if known is not None else None


_ALIAS_WORDS = "|".join(re.escape(a) for a in sorted(ALIASES, key=len, reverse=True))
#: A list named as where items go: "to the shopping list", "on my to do list". Group "list" is the alias (None:
#: "the list" alone).
_NAMED_LIST = (
    r"\s*\b(?:to|on|onto|in|into)\s+"
    rf"(?:(?:(?:my|the|our)\s+)?(?P<list>{_ALIAS_WORDS})(?:\s+list)?|(?:my|the|our)\s+list)"
)
#: Such a list with what joins the next request after it: "to the shopping list and", "on my to do list, then".
_GOES_TO = re.compile(
    rf"{_NAMED_LIST}\b(?P<join>\s*,\s*(?:(?:and|then|also)\s+)*|\s+(?:(?:and|then|also)\s+)+)",
    re.I,
)
#: The same at the end of the words: "... to my to do list too, please."
_GOES_TO_END = re.compile(rf"{_NAMED_LIST}(?:\s+(?:too|as well|also))?[\s,]*(?:please)?[\s.!?]*$", re.I)
#: Words that open the next part of a request for several lists: "and also add", "then put".
_PART_LEAD = re.compile(r"^\s*(?:(?:and|then|also|please|add|put|include|write down|write)\b\s*)*", re.I)


def per_list(text: str, item: str = "") -> list[tuple[str, str | None]] | None:
    """The parts of one request that adds to two lists, each with the list its words name (None: "the list"):
    "add milk to the shopping list and call the plumber to my to do list" -> ("milk", "shopping"), ("call the
    plumber", "todo"). A part with no words of its own ("and to the to do list") is "" (the same items again); a
    part after the last list named (``"... and call the plumber"``) comes last with the list "" (no list: another
    request). None when no list is named before more words, the usual request for one list. ``item`` (the NLU's item
    span) marks where the first part begins, past the verb and any lead-in ("could you add ...")."""
    found = [m for m in _GOES_TO.finditer(text) if m.end() < len(text.rstrip(" .!?"))]
    if not found:
        return None
    parts: list[tuple[str, str | None]] = []
    start = 0
    at = text.lower().find(item.lower()) if item else -1
    for n, goes in enumerate(found):
        said = text[start : goes.start()]
        if n == 0:
            said = text[at : goes.start()] if 0 <= at < goes.start() else without_verb(_lead_in(said))
        parts.append((_PART_LEAD.sub("", said).strip(" ,"), _list_of(goes.group("list"))))
        start = goes.end()
    rest = text[start:]
    end = _GOES_TO_END.search(rest)
    if end is not None:
        parts.append((_PART_LEAD.sub("", rest[: end.start()]).strip(" ,"), _list_of(end.group("list"))))
    elif not _FILLER.match(rest):  # "... and eggs": more for the last list; "... and call the plumber": no item
        words = _PART_LEAD.sub("", rest).strip(" ,.!?")
        asks = _ASKS.match(words) is not None
        parts.append((rest.strip(" ,.!?") if asks else words, "" if asks else parts[-1][1]))
    return parts if len(parts) > 1 else None


#: The first word of a request that is no list item: what follows "add milk to my list and ..." when it asks for
#: something else ("call the plumber", "set a timer", "what's the weather"), or a task with no list named.
_ASKS = re.compile(
    r"^(?:call|ring|phone|text|message|send|email|remind|set|turn|switch|play|pause|stop|start|resume|open|close"
    r"|dim|cancel|wake|tell|what|what's|whats|how|when|who|where|is|are|do|does|can|could|will|pick|pay|take|walk"
    r"|book|water|clean|wash|go|renew|check|make|schedule|remember|read|clear|remove|delete)\b",
    re.I,
)


#: Words after a request that ask for nothing more: "please", "thanks".
_FILLER = re.compile(r"^[\s,.!?]*(?:(?:and\s+)?(?:please|thanks|thank you|too|as well)[\s,.!?]*)*$", re.I)


def _list_of(alias: str | None) -> str | None:
    return known_list(alias) if alias else None


#: What comes before the verb of an add request: "could you please", "hey", "I need to".
_LEAD_IN = re.compile(r"^.*?\b(?=(?:add|put|include|write)\b)", re.I)


def _lead_in(said: str) -> str:
    return _LEAD_IN.sub("", said, count=1)


#: A word at the end saying the item comes on top of others: "bread too", "cheese as well", "jam to the list too".
_ALSO = re.compile(r"(?:[\s,]+(?:too|as well|also))+[\s.!?]*$", re.I)


def without_also(item: str) -> str:
    """ "bread too" -> "bread"; "jam to the list as well" -> "jam to the list"."""
    return _ALSO.sub("", item)


def without_verb(item: str) -> str:
    """ "add toothpaste" -> "toothpaste" (the whole answer to "What should I add?" came as the item)."""
    return _ADD_VERB.sub("", item, count=1)


def removal_item(item: str) -> tuple[str, str | None]:
    """The item to remove and the list its words name: "off toothpaste" -> toothpaste; "milk off the list" -> milk;
    "from my shopping list" -> "" (no item said)."""
    item = " ".join(item.split())
    named = where_named(item)
    if named is not None:
        item = named[0]
    return _REMOVE_LEAD.sub("", item, count=1).strip(), named[1] if named else None


_NUMBER_WORDS = (
    "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    "a few|a couple of|half an?"
)
#: A length of time and nothing else: "2 minutes", "ten seconds", "an hour and a half".
_DURATION = re.compile(
    rf"^\s*(?:\d+(?:\.\d+)?|{_NUMBER_WORDS})(?:\s+and\s+a\s+half)?\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)"
    r"(?:\s+and\s+a\s+half)?\s*[.!?]*$",
    re.I,
)


def is_duration(item: str) -> bool:
    """Whether the words are a length of time ("off 2 minutes" after a timer), which is never a list item."""
    return bool(_DURATION.match(item))


#: Dishes and products whose name has "and" in it: one item each.
_WITH_AND: Final = frozenset(
    {"mac and cheese", "macaroni and cheese", "salt and pepper", "fish and chips", "half and half",
     "peanut butter and jelly", "rice and beans", "chips and salsa", "salt and vinegar chips", "bread and butter",
     "sweet and sour sauce", "oil and vinegar", "cookies and cream", "pork and beans", "cheese and crackers"}
)  # fmt: skip
#: Groceries that are one word and hardly ever a part of another item's name, so "eggs milk" is two items. Words
#: often used before another ("chicken soup", "rice milk", "garlic bread") are left out on purpose.
_PLAIN: Final = frozenset(
    {"eggs", "milk", "bread", "butter", "cheese", "apples", "bananas", "oranges", "grapes", "lemons", "tomatoes",
     "potatoes", "onions", "carrots", "coffee", "tea", "pasta", "cereal", "yogurt", "yoghurt", "juice", "lettuce",
     "cucumbers", "toothpaste", "shampoo", "soap", "diapers", "sugar", "flour", "oats", "beer", "wine"}
)  # fmt: skip
_HELD = re.compile("\x00\\d+\x00")  # where split_items holds a dish with "and" while it splits the rest
_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")


def split_items(words: str) -> list[str]:
    """The items of "eggs, milk and bread" or "eggs milk and bread" (three each), with "mac and cheese" and "oat
    milk" kept whole; each item once, in the order said."""
    words = " ".join(words.split())
    kept: dict[str, str] = {}
    for n, dish in enumerate(sorted(_WITH_AND, key=len, reverse=True)):
        found = re.search(rf"\b{re.escape(dish)}\b", words, re.I)
        if found:
            kept[f"\x00{n}\x00"] = found.group(0)
            words = words[: found.start()] + f"\x00{n}\x00" + words[found.end() :]
    items: list[str] = []
    for part in (p.strip() for p in _SEPARATOR.split(words)):
        split = part.split()
        if len(split) > 1 and all(w.lower() in _PLAIN for w in split):  # "eggs milk"
            items.extend(split)
        elif part:
            items.append(part)
    restored = [_HELD.sub(lambda m: kept[m.group(0)], i) for i in items]
    return list(dict.fromkeys(i for i in restored if i))
