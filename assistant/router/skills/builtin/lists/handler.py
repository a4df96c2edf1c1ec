"""The lists skill: a shopping list and a to-do list in SQLite; clearing one asks first.

Without a list named, items go to the shopping list, except what sounds like a task ("remember to ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.router.services.lists_store import ListsStore
from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.lists.items import (
    is_duration,
    known_list,
    per_list,
    removal_item,
    split_items,
    where_named,
    without_also,
    without_verb,
)
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import ask, confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

NAMES = {"shopping": "shopping list", "todo": "to-do list"}
#: A long list is read out in part: this many items at most, and about this many characters.
READ_AT_MOST = 20
READ_CHARACTERS = 600


def list_name(turn: Turn) -> str:
    """The list a turn means: its slot, else "todo" for tasks ("remember to ..."), else shopping."""
    value = str(turn.slot("list", ""))
    if value.strip():
        return _known_list(value) or "shopping"
    return "todo" if turn.text.lower().startswith(("remember to", "note to")) else "shopping"


def _known_list(words: str) -> str | None:
    """The list ("shopping", "todo") these words name, by its name or an alias; None for any other words."""
    return known_list(words)


class ListsSkill:
    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self.store = ListsStore.in_dir(context.settings.data_dir, config=context.settings.source)

    def handle(self, activity: Activity) -> Activity:
        turn = Turn.of(activity)
        reply = dispatch(
            turn,
            {
                "lists.add": self._add,
                "lists.remove": self._remove,
                "lists.read": self._read,
                "lists.clear": self._clear,
            },
        )
        if turn.intent != "lists.add" and reply.channel_data is not None:  # what was added last is no longer so
            reply.channel_data["state"] = {}
        return reply

    def close(self) -> None:
        self.store.close()

    def _add(self, turn: Turn) -> Activity:
        if _NEW_LIST.match(turn.text) and not turn.confirmed:  # "make a list of goals to write a book": not an item
            return say(turn, NO_NEW_LISTS)
        said = " ".join(str(turn.slot("item", "")).split())
        if turn.corrects is None and not _QUESTION.match(turn.text) and (parts := per_list(turn.text, said)):
            return self._add_each(turn, parts)  # "add milk to the shopping list and call the plumber to my to do list"
        item = without_verb(without_also(_TRAILING_JOIN.sub("", " ".join(str(turn.slot("item", "")).split()))))
        name = list_name(turn)
        found = _destination(item, name) if item else (item, name)
        if isinstance(found, tuple):
            item, name = found[0], name if turn.has("list") else found[1]
        elif not turn.has("list"):  # "add mary to my phone plan": no list of ours
            return say(turn, found)
        items = several(turn.text, item) if item and item.lower() not in _NO_ITEM else []
        if item.lower() in _PRONOUNS:  # "add it to my to do list instead": what the last request added
            last = turn.state.get("added")
            items = [i for i in last if isinstance(i, str)] if isinstance(last, list) else []
        if not items:  # "add to my shopping list": the engine took the list for the item
            return ask(turn, "item", f"What should I add to your {NAMES[name]}?", slots={"list": name})
        if is_duration(item):  # "add 5 minutes" meant for a timer
            return say(turn, _not_an_item(item))
        unsure = _QUESTION.match(turn.text) or (_PUT_ON.match(turn.text) and not turn.has("list"))
        if unsure and not turn.confirmed:  # "what's my budget for the shopping trip", "put the kettle on"
            return confirm(turn, f"Should I add {spoken_list(tuple(items))} to your {NAMES[name]}?")
        replaced, kept = self._undo_last(turn, items)
        added = [i for i in items if self.store.add(name, i, now=self._clock.now())]
        state = {"added": added, "list": name}
        if replaced is not None:
            return say(turn, _instead(items, name, *replaced), slots={"list": name}, state=state)
        if added:
            text = f"Added {spoken_list(tuple(added))} to your {NAMES[name]}."
            if kept:  # "no, I meant cheese" after eggs, milk and bread: which one it replaces is not said
                verb, on = "is" if len(kept) == 1 else "are", kept_on(turn)
                where = "it" if on == name else f"your {NAMES[on]}"
                text += f" {spoken_list(tuple(kept)).capitalize()} {verb} still on {where}."
            return say(turn, text, slots={"list": name}, state=state)
        return say(turn, _already(items, name), slots={"list": name}, state=state)

    def _add_each(self, turn: Turn, parts: Sequence[tuple[str, str | None]]) -> Activity:
        """Each part of a request that names its own list added there; a part after the last list named is
        another request, said not done."""
        wanted: dict[str, list[str]] = {}
        items: list[str] = []
        other = ""
        for words, where in parts:
            if where == "":  # "... and call the plumber": no list named, so no item either
                other = words
                continue
            if words and words.lower() not in _PRONOUNS:  # "" or "it": the items of the part before, again
                items = [i for i in split_items(without_also(words)) if i.lower() not in _NO_ITEM]
            named = wanted.setdefault(where or "shopping", [])
            named.extend(i for i in items if i not in named)
        added: list[str] = []
        already: list[str] = []
        for name, on in wanted.items():
            new = [i for i in on if self.store.add(name, i, now=self._clock.now())]
            if new:
                added.append(f"{spoken_list(tuple(new))} to your {NAMES[name]}")
            if len(new) < len(on):
                already.append(_already([i for i in on if i not in new], name))
        said = [f"Added {spoken_list(tuple(added))}." if added else "", *already]
        if other:
            said.append(f'I didn\'t do "{other}": one request at a time, please.')
        if not any(wanted.values()):
            said = [f"What should I add to your {NAMES[next(iter(wanted), 'shopping')]}?", *said[1:]]
        text = " ".join(s for s in said if s)
        only = next(iter(wanted)) if len(wanted) == 1 else None
        state = {"added": wanted[only], "list": only} if only is not None else {}
        return say(turn, text, slots={"list": only} if only else None, state=state)

    def _undo_last(self, turn: Turn, items: Sequence[str]) -> tuple[tuple[list[str], str] | None, list[str]]:
        """For a correction ("no, I meant oat milk", "add it to my to-do list instead"): the items of the last
        request it corrects (``corrected``), taken off their list again, and that list (None when this is no
        correction or nothing was taken off); and the items the last request added that stay, when it corrects
        none of several."""
        if turn.corrects is None and not _INSTEAD.search(turn.text):
            return None, []
        added, where = turn.state.get("added"), turn.state.get("list")
        if not isinstance(added, list) or where not in NAMES:
            return None, []
        last = [i for i in added if isinstance(i, str)]
        replaced = corrected(last, items)
        removed = [i for i in replaced if self.store.remove(str(where), i)]
        kept = [i for i in last if i not in replaced and self.store.contains(str(where), i)] if not removed else []
        return ((removed, str(where)) if removed else None), kept

    def _remove(self, turn: Turn) -> Activity:
        raw = _TRAILING_JOIN.sub("", " ".join(str(turn.slot("item", "")).split()))
        item, named = removal_item(raw)
        name = named if named is not None and not turn.has("list") else list_name(turn)
        if not item:  # "remove from my shopping list"
            return ask(turn, "item", "What should I remove?", slots={"list": name})
        if is_duration(item):  # "take off 2 minutes" meant for a timer
            return say(turn, _not_an_item(item))
        if not turn.has("list") and named is None:  # "mark call the bank as done": the list that has it
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
        if _BUY.search(turn.text) and not _ONE_LIST.search(turn.text):  # "what do I need to buy": not the to-dos
            name = "shopping"
        item = " ".join(str(turn.slot("item", "")).split())
        named = where_named(item) if item else None  # "is milk on my list": the engine took "on my list"
        item = named[0] if named is not None else item
        if item:
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


def _already(items: Sequence[str], name: str) -> str:
    """ "Milk is already on your shopping list.", "Eggs are ...", "Eggs and bread are ...": a grocery said in the
    plural ("eggs", not "hummus") is several, a task ("pay the bills") one."""
    plural = len(items) > 1 or (name == "shopping" and re.search(r"[^su]s$", items[0].lower()) is not None)
    verb = "are" if plural else "is"
    return f"{spoken_list(tuple(items)).capitalize()} {verb} already on your {NAMES[name]}."


def _not_an_item(words: str) -> str:
    return f"{words[:1].upper()}{words[1:]} is a length of time, not a list item, so I left your lists as they are."


def _instead(items: list[str], name: str, replaced: list[str], where: str) -> str:
    """ "Added oat milk instead of milk to your shopping list." after a correction."""
    new, old = spoken_list(tuple(items)), spoken_list(tuple(replaced))
    if where == name:
        return f"Added {new} instead of {old} to your {NAMES[name]}."
    if [i.lower() for i in items] == [i.lower() for i in replaced]:
        return f"Moved {new} to your {NAMES[name]} instead of your {NAMES[where]}."
    return f"Added {new} to your {NAMES[name]} instead of {old} to your {NAMES[where]}."


def kept_on(turn: Turn) -> str:
    """The list the last request added to (from the skill's state), shopping when it is unknown."""
    where = turn.state.get("list")
    return where if isinstance(where, str) and where in NAMES else "shopping"


#: Words two items may share without being the same thing ("bag of rice", "box of eggs").
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "some", "and", "with", "for", "to", "in", "on", "my"})


def corrected(last: Sequence[str], items: Sequence[str]) -> list[str]:
    """Which of the items the last request added a correction's ``items`` replace: the one it added, or of several
    each that shares a word with a new item ("oat milk" after eggs, milk and bread replaces the milk; "it" read as
    all of them moves all of them); none of several when no word is shared ("cheese": which one is not said)."""
    if len(last) <= 1:
        return list(last)
    said = [set(i.lower().split()) - _SMALL_WORDS for i in items]
    return [old for old in last if any(words & set(old.lower().split()) for words in said)]


def _count(n: int) -> str:
    return "nothing on it" if n == 0 else f"{n} item{'s' * (n > 1)}"


#: Words in the item's place that stand for what was just added.
_PRONOUNS = frozenset({"it", "that", "this", "them", "those", "these", "those items", "that item"})
#: Words in the item's place that name no item: "add something to my shopping list" asks what.
_NO_ITEM = frozenset({"something", "an item", "anything", "a thing", "stuff", "some stuff", "things"})
#: An item that ends by naming where it goes, when that is none of the lists ("mary to my phone plan, please").
_ELSEWHERE = re.compile(r"\b(?:to|on|onto|in|into) (?:my|the|our) ([\w' -]+?)[\s,.!?]*(?:please)?[\s.!?]*$", re.I)
#: Words that open a question: no add request starts so, so an engine that read one as "add" is asked back.
#: A question, or a request for information ("give me a list of grocery stores that sell ..."): asked, not added.
_QUESTION = re.compile(
    r"^\s*(?:what|what's|whats|how|why|when|who|where|which|is|are|do|does|should"
    r"|(?:give|show|tell|find|get) me|find|search|look up)\b",
    re.I,
)
#: "put ... on" with no list after it is more likely the kettle than the shopping list.
_PUT_ON = re.compile(r"^\s*put\b.*\bon\s*[.!?]*$", re.I)
#: A new list asked for ("make a list of goals ..."): there are two lists, and no others can be made.
_NEW_LIST = re.compile(
    r"^\s*(?:please\s+)?(?:make|create|start|begin)\s+(?:me\s+)?(?:a|an|another)\s+(?:new\s+)?list\b", re.I
)
NO_NEW_LISTS = "I keep a shopping list and a to-do list, and can't make other lists. Add it to one of those?"
_ALL_LISTS = re.compile(r"\blists\b", re.I)
_ONE_LIST = re.compile(r"\b(shopping|grocery|groceries|to ?-?do|todo|tasks?)\b", re.I)  # a list said by name
_BUY = re.compile(r"\b(?:buy|shop|shopping|get at the store)\b", re.I)
#: A request said again with "instead": it replaces what the last one added ("add it to my to do list instead").
_INSTEAD = re.compile(r"\binstead\b", re.I)
_TRAILING_JOIN = re.compile(r"\s*(?:,|\band)\s*$")  # an engine's item span can take the "and" after it
_MORE = re.compile(r"^\s*(?:,|\band\b)\s*(.+?)(?:\s+(?:to|on|onto)\s+(?:my|the|our)\b.*)?(?:,?\s*please)?[.!?]?$")


def several(text: str, item: str) -> list[str]:
    """The items an item's words hold ("milk and apples", "eggs milk"), with those said right after it
    (``also_named``)."""
    parts = split_items(item)
    if not parts:
        return []
    return list(dict.fromkeys([*parts[:-1], *also_named(text, parts[-1])]))


def also_named(text: str, item: str) -> list[str]:
    """``item`` and the others said right after it: "add eggs, bread and milk to my list" -> eggs, bread, milk."""
    at = text.lower().find(item.lower())
    if at < 0:
        return [item]
    more = _MORE.match(text[at + len(item) :])
    if more is None:
        return [item]
    rest = [p.lower() for p in split_items(more.group(1))]
    return list(dict.fromkeys([item, *rest]))
