"""Spoken arithmetic ("what is 12 times 7", "15 percent of 80", "square root of 81") without eval.

The words are turned into tokens (numbers, operators) and evaluated by a small recursive-descent parser with the
usual precedence, so "2 plus 3 times 4" is 14 as a calculator says. Anything that is not arithmetic is None, so
the answers skill can try its other sources.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.router.services.spoken_values import words_to_number

_PHRASES = (
    ("to the power of", " ^ "),
    ("raised to", " ^ "),
    ("multiplied by", " * "),
    ("divided by", " / "),
    ("percent of", " pct "),
    ("% of", " pct "),
    ("the square root of", " sqrt "),  # before "square root of", which would leave "the" behind
    ("square root of", " sqrt "),
    ("squared", " ^ 2 "),
    ("cubed", " ^ 3 "),
    ("plus", " + "),
    ("add", " + "),
    ("minus", " - "),
    ("less", " - "),
    ("times", " * "),
    ("x", " * "),
    ("over", " / "),
)
_OPERATORS = frozenset({"+", "-", "*", "/", "^", "pct", "sqrt", "(", ")"})
_THEN = re.compile(r"^(?:and\s+)?(?:then\s+)?(?:now\s+)?")
#: Commands on the last result, as operators: "divide that by 2" is "divided by 2".
_ON_THAT = (
    (r"^divide (?:it|that) by ", "divided by "),
    (r"^multiply (?:it|that) by ", "multiplied by "),
    (r"^(?:add|plus) (.+?) to (?:it|that)$", r"plus \1"),
    (r"^(?:subtract|take away) (.+?) from (?:it|that)$", r"minus \1"),
)
_LEAD = re.compile(r"^(?:what is|what's|whats|how much is|calculate|compute|work out|tell me)\s+")


class CalculationError(ValueError):
    """Arithmetic that has no answer (division by zero, the root of a negative number)."""


@dataclass(frozen=True)
class Calculation:
    expression: str
    """The question as a calculator would show it ("12 * 7")."""
    result: float


def tokens(question: str) -> list[str | float] | None:
    """Numbers and operators from the words; None when a word is neither."""
    text = _LEAD.sub("", " ".join(question.lower().replace("?", " ").split()))
    text = re.sub(r"(\d)\s*([+\-*/^x()])\s*(?=\d)", r"\1 \2 ", text)
    for phrase, symbol in _PHRASES:
        text = re.sub(rf"(?<![\w]){re.escape(phrase)}(?![\w])", symbol, text)
    text = re.sub(r"([()*/^+])", r" \1 ", text)
    out: list[str | float] = []
    pending: list[str] = []

    def flush() -> bool:
        if pending:
            value = words_to_number(" ".join(pending))
            if value is None:
                return False
            out.append(value)
            pending.clear()
        return True

    for word in text.split():
        if word in _OPERATORS:
            if not flush():
                return None
            out.append(word)
        elif word not in ("and", "is", "equals", "by"):
            pending.append(word)
    if not flush():
        return None
    return out if any(isinstance(t, float) for t in out) and any(t in _OPERATORS for t in out) else None


class _Parser:
    def __init__(self, items: list[str | float]) -> None:
        self.items = items
        self.at = 0

    def peek(self) -> str | float | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> str | float | None:
        item = self.peek()
        self.at += 1
        return item

    def expression(self) -> float:
        value = self.term()
        while self.peek() in ("+", "-"):
            value = value + self.term() if self.take() == "+" else value - self.term()
        return value

    def term(self) -> float:
        value = self.power()
        while self.peek() in ("*", "/", "pct"):
            operator, right = self.take(), self.power()
            if operator == "/" and right == 0:
                raise CalculationError("division by zero")
            value = value * right if operator == "*" else value / right if operator == "/" else value / 100 * right
        return value

    def power(self) -> float:
        base = self.unary()
        if self.peek() == "^":
            self.take()
            exponent = self.power()
            if abs(exponent) > 1000 or abs(base) > 1e100:
                raise CalculationError("too large to say")
            return float(base**exponent)
        return base

    def unary(self) -> float:
        item = self.take()
        if item == "-":
            return -self.unary()
        if item == "sqrt":
            value = self.unary()
            if value < 0:
                raise CalculationError("no real square root of a negative number")
            return math.sqrt(value)
        if item == "(":
            value = self.expression()
            if self.take() != ")":
                raise ValueError("unbalanced brackets")
            return value
        if isinstance(item, float):
            return item
        raise ValueError(f"expected a number, got {item!r}")


def calculate(question: str) -> Calculation | None:
    """The result of the arithmetic in ``question``; None when it is not arithmetic.

    Raises :class:`CalculationError` for arithmetic without an answer.
    """
    items = tokens(question)
    return None if items is None else _evaluate(items)


def continued(previous: float, question: str) -> Calculation | None:
    """ "times 3", "and divide that by 2", "squared" after a result: the arithmetic applied to ``previous``; None
    when the words do not start with an operator that takes something before it ("square root of 9" starts afresh).

    Raises :class:`CalculationError` for arithmetic without an answer."""
    items = _going_on(question)
    return None if items is None else _evaluate([previous, *items])


def goes_on(question: str) -> bool:
    """Whether the words go on from a result before them ("times 3", "squared"), rather than stand alone."""
    return _going_on(question) is not None


def _going_on(question: str) -> list[str | float] | None:
    words = _THEN.sub("", " ".join(question.lower().replace("?", " ").split()))
    for pattern, replacement in _ON_THAT:
        words = re.sub(pattern, replacement, words)
    items = tokens(words)
    return items if items is not None and items[0] in _OPERATORS - {"sqrt", "("} else None


def _evaluate(items: list[str | float]) -> Calculation | None:
    parser = _Parser(items)
    try:
        result = parser.expression()
    except (ValueError, OverflowError) as e:
        if isinstance(e, CalculationError):
            raise
        return None
    if parser.at != len(items):
        return None
    shown = " ".join(f"{t:g}" if isinstance(t, float) else t for t in items)
    return Calculation(shown, result)
