"""The answers skill, Bing-style but offline: facts, definitions, unit conversion and arithmetic.

Questions are read from the user's words (``turn.text``) rather than from slots alone, because the subject of a
question is open-ended; the slots help when the words are missing (a definition asked for in a follow-up). Each
intent falls back to the others' sources, so a calculation the NLU took for a fact is still answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.router.services.calculator import CalculationError, calculate, continued, goes_on
from assistant.router.services.knowledge import KnowledgeBase, knowledge_base
from assistant.router.services.spoken_values import number
from assistant.router.services.units import (
    ConversionError,
    Unit,
    convert,
    find_unit,
    parse_conversion,
    spoken_number,
)
from assistant.router.skills.builtin.answers.compound import compound_conversion
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import ask, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

WHOLE_SUM = "Say the whole sum, like: what's 12 times 3."
NOT_KNOWN = "Sorry, I don't know that one. I can answer general questions, define words, convert units and do sums."


class AnswersSkill:
    def __init__(self, context: SkillContext, knowledge: KnowledgeBase | None = None) -> None:
        del context
        self._kb = knowledge or knowledge_base()

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "answers.question": lambda turn: self._first(turn, self._fact, self._calculate, self._convert),
                "answers.define": lambda turn: self._first(turn, self._define, self._fact),
                "answers.calculate": lambda turn: self._first(turn, self._calculate, self._convert),
                "answers.convert": lambda turn: self._first(turn, self._convert, self._calculate),
            },
        )

    def _first(self, turn: Turn, *sources: Callable[[Turn], Activity | None]) -> Activity:
        for source in sources:
            answer = source(turn)
            if answer is not None:
                return answer
        if turn.intent == "answers.define" and not turn.has("term"):
            return ask(turn, "term", "Which word?")
        return say(turn, NOT_KNOWN)

    def _fact(self, turn: Turn) -> Activity | None:
        answer = self._kb.answer(" ".join((turn.text, str(turn.slot("subject", "")), str(turn.slot("country", "")))))
        return say(turn, answer) if answer else None

    def _define(self, turn: Turn) -> Activity | None:
        found = self._kb.define(str(turn.slot("term", ""))) or self._kb.define(turn.text)
        if found is None:
            return None
        term, meaning = found
        return say(turn, f"{term.capitalize()}: {meaning}", slots={"term": term})

    def _calculate(self, turn: Turn) -> Activity | None:
        """A sum in the words, or one that goes on from the last result ("times 3" after "what's 5 plus 7")."""
        last = number(turn.state.get("last_result"))
        try:
            plain = plain_sum(turn.text)  # "add 4 and 5": a whole sum, though "add" could go on from a result
            found = calculate(plain) if plain != turn.text else None
            if found is None and last is None and goes_on(turn.text):
                return say(turn, f"{turn.text.strip().rstrip('?.').capitalize()} of what? {WHOLE_SUM}")
            found = found or (continued(last, turn.text) if last is not None else None) or calculate(turn.text)
        except CalculationError as e:
            return say(turn, f"That has no answer: {e}.")
        if found is None:
            if turn.intent == "answers.calculate" and _MATH_HELP.search(turn.text):
                return say(turn, f"Sure. {WHOLE_SUM}")  # "can you help me with a math problem"
            return None
        spoken = spoken_number(found.result)
        return say(turn, f"{spoken}.", speak=f"It's {spoken}.", state={"last_result": found.result})

    def _convert(self, turn: Turn) -> Activity | None:
        compound = compound_conversion(turn.text)  # "5 feet 10 inches in centimeters"
        if compound is not None:
            return say(turn, compound.sentence())
        parsed = parse_conversion(turn.text)
        if parsed is None:
            amount = number(turn.slot("number"))
            source, target = find_unit(turn.slot("from_unit")), find_unit(turn.slot("to_unit"))
            named = units_named(turn.text)
            if amount is None and not turn.has("number") and _TWO_UNITS.search(turn.text) and len(named) == 2:
                amount, (source, target) = 1.0, named  # "convert inches to centimeters": one of them
            if amount is None or source is None or target is None:
                return None
            parsed = (amount, source, target)
        try:
            return say(turn, convert(*parsed).sentence())
        except ConversionError as e:
            return say(turn, f"I can't convert those: {e}.")


#: A sum said in words the calculator does not read, and how to say it so it does ("add 4 and 5" -> "4 plus 5").
_END = r"(?: please| for me)?[?.!]*$"
_SUM_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^.*?\b(?:add|sum)(?: up)? (.+?) (?:and|to|plus) (.+?)" + _END, re.I), r"\1 plus \2"),
    (re.compile(r"^.*?\bsubtract (.+?) from (.+?)" + _END, re.I), r"\2 minus \1"),
    (re.compile(r"\b(\S+) to the (\d+)(?:st|nd|rd|th) power\b", re.I), r"\1 to the power of \2"),
    (re.compile(r"^\s*what does (.+?) equals?[?.!]*$", re.I), r"what is \1"),
)
#: Two units with nothing to count: "convert inches to centimeters", "the conversion between cups and pints".
_TWO_UNITS = re.compile(r"\b(?:convert|conversion)\b", re.I)
#: A request for help with sums that says no sum: "can you help me with a math problem".
_MATH_HELP = re.compile(r"\b(?:math|maths|sums?|equations?|arithmetic|algebra)\b", re.IGNORECASE)
_NOT_UNITS = frozenset({"in", "m", "s", "c", "f", "k", "l", "g", "h", "a", "mi"})


def units_named(text: str) -> tuple[Unit, ...]:
    """The units the words name, in order, each once ("in" and other one-letter short forms are no unit here)."""
    found: list[Unit] = []
    for word in re.findall(r"[a-z/]+", text.lower()):
        unit = find_unit(word) if word not in _NOT_UNITS else None
        if unit is not None and unit not in found:
            found.append(unit)
    return tuple(found)


def plain_sum(text: str) -> str:
    """``text`` with a sum said as "add 4 and 5", "subtract 2 from 9", "3 to the 6th power" or "what does 2 + 2
    equal" put the way the calculator reads it; other words unchanged."""
    for pattern, replacement in _SUM_WORDS:
        text = pattern.sub(replacement, text)
    return text


def create(context: SkillContext) -> AnswersSkill:
    return AnswersSkill(context)
