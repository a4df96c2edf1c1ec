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
