"""The lists skill: a shopping list and a to-do list in SQLite; clearing one asks first.

Without a list named, items go to the shopping list, except what sounds like a task ("remember to ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.router.services.lists_store import ListsStore
from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import ask, confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

NAMES = {"shopping": "shopping list", "todo": "to-do list"}
#: A long list is read out in part: this many items at most, and about this many characters.
READ_AT_MOST = 20
READ_CHARACTERS = 600
_ALIASES = {"shopping list": "shopping", "grocery": "shopping", "groceries": "shopping", "grocery list": "shopping",
            "to do": "todo", "to-do": "todo", "to do list": "todo", "todo list": "todo", "tasks": "todo",
            "task list": "todo", "to-do list": "todo", "to dos": "todo", "to-dos": "todo", "things to do": "todo",
            "list of things to do": "todo", "chores": "todo", "chore list": "todo", "list of chores": "todo",
            "list of tasks": "todo", "list for shopping": "shopping"}  # fmt: skip


def list_name(turn: Turn) -> str:
    """The list a turn means: its slot, else "todo" for tasks ("remember to ..."), else shopping."""
    value = str(turn.slot("list", ""))
    if value.strip():
        return _known_list(value) or "shopping"
    return "todo" if turn.text.lower().startswith(("remember to", "note to")) else "shopping"


def _known_list(words: str) -> str | None:
    """The list ("shopping", "todo") these words name, by its name or an alias; None for any other words."""
    key = " ".join(words.lower().split())
    return _ALIASES.get(key, key if key in NAMES else None)


class ListsSkill:
    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self.store = ListsStore.in_dir(context.settings.data_dir, config=context.settings.source)

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "lists.add": self._add,
                "lists.remove": self._remove,
                "lists.read": self._read,
                "lists.clear": self._clear,
            },
        )

    def close(self) -> None:
        self.store.close()

    def _add(self, turn: Turn) -> Activity:
        item = _TRAILING_JOIN.sub("", " ".join(str(turn.slot("item", "")).split()))
        name = list_name(turn)
        if not item or item.lower() in _NO_ITEM:
            return ask(turn, "item", f"What should I add to your {NAMES[name]}?")
        found = _destination(item, name)
        if isinstance(found, tuple):
            item, name = found[0], name if turn.has("list") else found[1]
        elif not turn.has("list"):  # "add mary to my phone plan": no list of ours
            return say(turn, found)
        items = several(turn.text, item)
        unsure = _QUESTION.match(turn.text) or (_PUT_ON.match(turn.text) and not turn.has("list"))
        if unsure and not turn.confirmed:  # "what's my budget for the shopping trip", "put the kettle on"
            return confirm(turn, f"Should I add {spoken_list(tuple(items))} to your {NAMES[name]}?")
        added = [i for i in items if self.store.add(name, i, now=self._clock.now())]
        if added:
            return say(turn, f"Added {spoken_list(tuple(added))} to your {NAMES[name]}.", slots={"list": name})
        verb = "is" if len(items) == 1 else "are"
        already = f"{spoken_list(tuple(items)).capitalize()} {verb} already on your {NAMES[name]}."
        return say(turn, already, slots={"list": name})

    def _remove(self, turn: Turn) -> Activity:
        item = _TRAILING_JOIN.sub("", " ".join(str(turn.slot("item", "")).split()))
        name = list_name(turn)
        if not item:
            return ask(turn, "item", "What should I remove?")
        if not turn.has("list"):  # "mark call the bank as done": the list that has it
            name = next((n for n in (name, *NAMES) if self.store.contains(n, item)), name)
        if self.store.remove(name, item):  # one item named so: "salt and pepper"
            return say(turn, f"Removed {item} from your {NAMES[name]}.", slots={"list": name})
        items = several(turn.text, item)  # "eggs and bread", split as adding them was
        removed = [i for i in items if self.store.remove(name, i)]
        left = tuple(i for i in items if i not in removed)
        missing = spoken_list(left) if left else ""
        verb = "isn't" if len(items) - len(removed) == 1 else "aren't"
        if not removed:
            return say(turn, f"{missing.capitalize()} {verb} on your {NAMES[name]}.", slots={"list": name})
        done = f"Removed {spoken_list(tuple(removed))} from your {NAMES[name]}."
        return say(turn, f"{done} {missing.capitalize()} {verb} on it." if missing else done, slots={"list": name})

    def _read(self, turn: Turn) -> Activity:
        if _ALL_LISTS.search(turn.text) and not _ONE_LIST.search(turn.text):  # "what lists do I have"
            counts = [f"your {NAMES[n]} has {_count(len(self.store.items(n)))}" for n in NAMES]
            return say(turn, f"You have two lists: {' and '.join(counts)}.")
        name = list_name(turn)
        if turn.has("item"):
            item = str(turn.slot("item"))
            on = self.store.contains(name, item)
            return say(turn, f"{'Yes' if on else 'No'}, {item} is{'' if on else ' not'} on your {NAMES[name]}.")
        items = self.store.items(name)
        if not items:
            return say(turn, f"Your {NAMES[name]} is empty.", slots={"list": name})
        shown = _first_items(items)
        rest = f"{len(items) - len(shown)} more" if len(shown) < len(items) else ""
        listed = spoken_list([*shown, rest] if rest else shown)
        return say(turn, f"Your {NAMES[name]} has {_count(len(items))}: {listed}.", slots={"list": name})

    def _clear(self, turn: Turn) -> Activity:
        name = list_name(turn)
        items = self.store.items(name)
        if not items:
            return say(turn, f"Your {NAMES[name]} is already empty.")
        if not turn.confirmed:
            count = f"{len(items)} item{'s' * (len(items) > 1)}"
            return confirm(turn, f"Clear your {NAMES[name]}? It has {count}.")
        removed = self.store.clear(name)
        return say(turn, f"Done, I cleared your {NAMES[name]} ({removed} item{'s' * (removed > 1)}).")


def _first_items(items: Sequence[str]) -> list[str]:
    """As many items as a speaker should read out at once: at most READ_AT_MOST, and about 600 characters."""
    shown: list[str] = []
    for item in items[:READ_AT_MOST]:
        if shown and sum(len(i) + 2 for i in shown) + len(item) > READ_CHARACTERS:
            break
        shown.append(item)
    return shown


def create(context: SkillContext) -> ListsSkill:
    return ListsSkill(context)


def _destination(item: str, default: str) -> tuple[str, str] | str:
    """The item and its list when the item's words end by naming where it goes ("bananas on the list": the engine
    kept "on the list"; "apples to the grocery list"), or why it cannot go there ("mary to my phone plan")."""
    named = _ELSEWHERE.search(item)
    if named is None:
        return item, default
    where = " ".join(named.group(1).lower().split())
    known = default if where in ("list", "lists") else _known_list(where)
    if known is not None:
        return item[: named.start()].strip(), known
    return f"I can't add to your {named.group(1)}. I keep a shopping list and a to-do list."


def _count(n: int) -> str:
    return "nothing on it" if n == 0 else f"{n} item{'s' * (n > 1)}"


#: Words in the item's place that name no item: "add something to my shopping list" asks what.
_NO_ITEM = frozenset({"something", "an item", "anything", "a thing", "stuff", "some stuff", "things"})
#: An item that ends by naming where it goes, when that is none of the lists ("mary to my phone plan, please").
_ELSEWHERE = re.compile(r"\b(?:to|on|onto|in|into) (?:my|the|our) ([\w' -]+?)[\s,.!?]*(?:please)?[\s.!?]*$", re.I)
#: Words that open a question: no add request starts so, so an engine that read one as "add" is asked back.
_QUESTION = re.compile(r"^\s*(what|what's|whats|how|why|when|who|where|which)\b", re.I)
#: "put ... on" with no list after it is more likely the kettle than the shopping list.
_PUT_ON = re.compile(r"^\s*put\b.*\bon\s*[.!?]*$", re.I)
_ALL_LISTS = re.compile(r"\blists\b", re.I)
_ONE_LIST = re.compile(r"\b(shopping|grocery|groceries|to ?-?do|todo|tasks?)\b", re.I)  # a list said by name
_SEPARATOR = re.compile(r",|\band\b")
_TRAILING_JOIN = re.compile(r"\s*(?:,|\band)\s*$")  # an engine's item span can take the "and" after it
_MORE = re.compile(r"^\s*(?:,|\band\b)\s*(.+?)(?:\s+(?:to|on|onto)\s+(?:my|the|our)\b.*)?(?:,?\s*please)?[.!?]?$")


def several(text: str, item: str) -> list[str]:
    """The items an item's words hold ("milk and apples"), with those said right after it (``also_named``)."""
    *first, last = _SEPARATOR.split(item)
    return list(dict.fromkeys([*(p.strip() for p in first if p.strip()), *also_named(text, last.strip())]))


def also_named(text: str, item: str) -> list[str]:
    """``item`` and the others said right after it: "add eggs, bread and milk to my list" -> eggs, bread, milk."""
    at = text.lower().find(item.lower())
    if at < 0:
        return [item]
    more = _MORE.match(text[at + len(item) :])
    if more is None:
        return [item]
    rest = [" ".join(p.lower().split()) for p in re.split(r",|\band\b", more.group(1))]
    return list(dict.fromkeys([item, *(p for p in rest if p)]))
