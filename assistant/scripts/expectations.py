"""What a script expects of a step, and the pure check of each expectation against what was observed.

Each expectation knows its script line and returns :class:`Mismatch` records (field, expected, actual) rather
than a yes/no, so the report can print a precise expected-vs-actual diff for every failing turn.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from assistant.scripts.observed import Observed
from assistant.scripts.values import ABSENT, Shown, plain, show, subset_diff, values_equal


@dataclass(frozen=True)
class Mismatch:
    """One difference: ``field`` (``slots.city``) expected one thing, got another; ``line`` is the script's.

    ``want`` and ``got`` are values (a :class:`Shown` where a diff line says more than the value, "absent", a rule):
    the text report shows them on one line each, the JSON report gives them as JSON values.
    """

    field: str
    want: Any
    got: Any
    line: int

    @property
    def expected(self) -> str:
        return show(self.want)

    @property
    def actual(self) -> str:
        return show(self.got)

    def to_json(self) -> dict[str, Any]:
        """The expected value (or the rule, as text) and the actual value, whole, as JSON values."""
        return {"field": self.field, "expected": plain(self.want), "actual": plain(self.got), "line": self.line}


class Expectation(Protocol):
    @property
    def line(self) -> int: ...

    @property
    def field(self) -> str: ...

    def check(self, observed: Observed) -> list[Mismatch]: ...


MatchHow = Literal["exact", "contains", "not_contains", "regex"]


@dataclass(frozen=True)
class TextMatch:
    """A rule for a text: exact (whitespace-normalised), contains / not_contains (any case), regex (search)."""

    how: MatchHow
    pattern: str

    def matches(self, actual: str | None) -> bool:
        text = actual or ""
        if self.how == "exact":
            return " ".join(text.split()) == " ".join(self.pattern.split())
        if self.how == "contains":
            return self.pattern.casefold() in text.casefold()
        if self.how == "not_contains":
            return self.pattern.casefold() not in text.casefold()
        return re.search(self.pattern, text) is not None

    def describe(self) -> str:
        return {
            "exact": f"{self.pattern!r}",
            "contains": f"text containing {self.pattern!r}",
            "not_contains": f"text not containing {self.pattern!r}",
            "regex": f"text matching /{self.pattern}/",
        }[self.how]


@dataclass(frozen=True)
class TextRules:
    """Rules one text must satisfy together (``{contains: timer, not_contains: error}``)."""

    rules: tuple[TextMatch, ...]

    def matches(self, actual: str | None) -> bool:
        return all(rule.matches(actual) for rule in self.rules)

    def describe(self) -> str:
        return " and ".join(rule.describe() for rule in self.rules)

    def shown(self) -> Shown:
        """The rules for a diff line; for JSON, an exact text is itself, other rules their description."""
        if len(self.rules) == 1 and self.rules[0].how == "exact":
            return Shown(self.describe(), self.rules[0].pattern)
        return Shown(self.describe(), self.describe())


@dataclass(frozen=True)
class IntentIs:
    """The intent the assistant acted on (``oos`` = it said it did not understand; None = no intent)."""

    line: int
    name: str | None
    field: str = "intent"

    def check(self, observed: Observed) -> list[Mismatch]:
        if observed.effective_intent == self.name:
            return []
        actual = Shown(observed.intent_shown(), observed.effective_intent)
        return [Mismatch("intent", Shown(self.name or "none", self.name), actual, self.line)]


@dataclass(frozen=True)
class SkillIs:
    line: int
    name: str | None
    field: str = "skill"

    def check(self, observed: Observed) -> list[Mismatch]:
        if observed.skill == self.name:
            return []
        actual = Shown(observed.skill or "none", observed.skill)
        return [Mismatch("skill", Shown(self.name or "none", self.name), actual, self.line)]


@dataclass(frozen=True)
class SlotsMatch:
    """Listed slots must have these values (``null`` = must be absent). A mapping value needs only the keys it
    lists (``date: {day_offset: 1}``); ``exact`` compares whole values and also forbids any other slot."""

    line: int
    expected: Mapping[str, Any]
    exact: bool = False

    @property
    def field(self) -> str:
        return "slots_exact" if self.exact else "slots"

    def check(self, observed: Observed) -> list[Mismatch]:
        found: list[Mismatch] = []
        for name, want in self.expected.items():
            where = f"slots.{name}"
            if want is None:
                if name in observed.slots:
                    found.append(Mismatch(where, ABSENT, observed.slots[name], self.line))
            elif name not in observed.slots:
                found.append(Mismatch(where, want, ABSENT, self.line))
            elif self.exact:
                if not values_equal(want, observed.slots[name]):
                    found.append(Mismatch(where, want, observed.slots[name], self.line))
            else:
                found += [
                    Mismatch(f"{where}{p}", e, a, self.line) for p, e, a in subset_diff(want, observed.slots[name])
                ]
        if self.exact:
            for name in sorted(set(observed.slots) - set(self.expected)):
                found.append(Mismatch(f"slots.{name}", ABSENT, observed.slots[name], self.line))
        return found


@dataclass(frozen=True)
class TextIs:
    """The display text (``reply``) or the spoken text (``speech``) satisfies every rule."""

    line: int
    field: Literal["reply", "speech"]
    rules: TextRules

    def check(self, observed: Observed) -> list[Mismatch]:
        actual = observed.reply if self.field == "reply" else observed.speech
        failed = [rule for rule in self.rules.rules if not rule.matches(actual)]
        if not failed:
            return []
        return [Mismatch(self.field, TextRules(tuple(failed)).shown(), actual, self.line)]


@dataclass(frozen=True)
class FlagIs:
    line: int
    field: Literal["open_mic", "session_end", "not_understood", "skill_error"]
    value: bool

    def check(self, observed: Observed) -> list[Mismatch]:
        actual = bool(getattr(observed, self.field))
        return [] if actual == self.value else [Mismatch(self.field, self.value, actual, self.line)]


@dataclass(frozen=True)
class DirectivesMatch:
    """As many directives as listed, each containing the listed keys and values (in order)."""

    line: int
    expected: tuple[Mapping[str, Any], ...]
    field: str = "directives"

    def check(self, observed: Observed) -> list[Mismatch]:
        actual = [dict(d) for d in observed.directives]
        if len(actual) != len(self.expected):
            listed = Shown(_directives(self.expected), [dict(d) for d in self.expected])
            return [Mismatch("directives", listed, Shown(_directives(actual), actual), self.line)]
        found: list[Mismatch] = []
        for i, (want, got) in enumerate(zip(self.expected, actual, strict=True)):
            found += [Mismatch(f"directives[{i}]{p}", e, a, self.line) for p, e, a in subset_diff(want, got)]
        return found


def _directives(directives: Sequence[Mapping[str, Any]]) -> str:
    """``2 directives (tts, audio)``: how many, and of which types (``any`` where a script names none)."""
    if not directives:
        return "no directives"
    types = ", ".join(str(d.get("type", "any")) for d in directives)
    return f"{len(directives)} directive{'s' if len(directives) > 1 else ''} ({types})"


@dataclass(frozen=True)
class ActionIs:
    """The device/player action contains these keys and values; ``None`` = no action at all."""

    line: int
    expected: Mapping[str, Any] | None
    field: str = "action"

    def check(self, observed: Observed) -> list[Mismatch]:
        if self.expected is None:
            none = Shown("none", None)
            return [] if observed.action is None else [Mismatch("action", none, observed.action, self.line)]
        if observed.action is None:
            return [Mismatch("action", dict(self.expected), Shown("none", None), self.line)]
        return [Mismatch(f"action{p}", e, a, self.line) for p, e, a in subset_diff(self.expected, observed.action)]


@dataclass(frozen=True)
class DevicesMatch:
    """After the step, each listed device's state contains these properties (the hub's report)."""

    line: int
    expected: Mapping[str, Mapping[str, Any]]
    field: str = "devices"

    def check(self, observed: Observed) -> list[Mismatch]:
        found: list[Mismatch] = []
        for device, want in self.expected.items():
            record = observed.devices.get(device)
            if record is None:
                known = ", ".join(sorted(observed.devices)) or "none"
                missing = Shown(f"no such device (hub has: {known})", None)
                found.append(Mismatch(f"devices.{device}", dict(want), missing, self.line))
                continue
            state = record.get("state") or {}
            found += [Mismatch(f"devices.{device}{p}", e, a, self.line) for p, e, a in subset_diff(want, state)]
        return found


@dataclass(frozen=True)
class AnnouncementsMatch:
    """Spoken announcements: ``every`` = exactly these, in order (``[]`` = none); else at least one matches."""

    line: int
    rules: tuple[TextRules, ...]
    every: bool
    field: str = "announce"

    def check(self, observed: Observed) -> list[Mismatch]:
        spoken = list(observed.announcements)
        if not self.every:
            rule = self.rules[0]
            if any(rule.matches(text) for text in spoken):
                return []
            want = Shown(f"an announcement: {rule.describe()}", rule.shown().value)
            return [Mismatch("announce", want, _spoken(spoken), self.line)]
        if len(spoken) != len(self.rules) or not all(r.matches(t) for r, t in zip(self.rules, spoken, strict=True)):
            text = "no announcement" if not self.rules else "; ".join(r.describe() for r in self.rules)
            return [
                Mismatch("announce", Shown(text, [r.shown().value for r in self.rules]), _spoken(spoken), self.line)
            ]
        return []


def _spoken(spoken: Sequence[str]) -> Shown:
    return Shown("nothing announced" if not spoken else "; ".join(repr(s) for s in spoken), list(spoken))


def check_all(expectations: Sequence[Expectation], observed: Observed) -> tuple[Mismatch, ...]:
    """Every expectation's mismatches, in the order the script lists them."""
    return tuple(m for expectation in expectations for m in expectation.check(observed))
