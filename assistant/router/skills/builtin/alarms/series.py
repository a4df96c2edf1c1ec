"""Repeating alarms and reminders in the skill: the rule a request asks for, its first ring, and how a series is
said back ("7:00 AM every weekday, starting tomorrow"; listed as "... every weekday, next tomorrow").

An hour said without am or pm is a morning one for an alarm ("every day at 6:30") and for a reminder from 7 to 11,
an afternoon one for a reminder from 1 to 6 (as a one-off reminder "at 3" on a later day); "every evening at 9"
and "every night at 10" are in the evening. The reply says which, so a wrong guess is heard and corrected.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from assistant.router.services.recurrence import EVERY_DAY, Rule, next_after
from assistant.router.services.schedule_store import Entry, Kind
from assistant.router.services.spoken_values import SMALL_HOURS_END, ClockTime, spoken_clock
from assistant.router.skills.builtin.alarms import repeats
from assistant.router.skills.dates import describe_day, resolve_day
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: The skill state's key for the days of a repeat while the skill asks for its time or its reminder.
ASKED = "repeat_days"
#: Where ``handle`` hands those days back to the intent, as a slot the NLU never fills.
DAYS_SLOT = "_repeat_days"
_EVENING = re.compile(r"\b(?:evening|night|tonight|afternoon)s?\b", re.IGNORECASE)
_MORNING = re.compile(r"\b(?:morning|wake|get up)s?\b", re.IGNORECASE)


def with_asked_days(turn: Turn) -> Turn:
    """``turn`` with the days kept while the skill asked for a time or a reminder moved from its state (where no
    other answer may find them) to DAYS_SLOT, for the set or remind request that answers."""
    asked = turn.state.get(ASKED)
    if asked is None:
        return turn
    state = {k: v for k, v in turn.state.items() if k != ASKED}
    answering = isinstance(asked, list) and turn.intent in ("alarms.set", "alarms.remind")
    return replace(turn, state=state, slots={**turn.slots, DAYS_SLOT: asked} if answering else turn.slots)


def without_days_slot(reply: Activity) -> Activity:
    """``reply`` without DAYS_SLOT among its slots: the router must not carry it to another request."""
    if reply.semantic_action is not None:
        reply.semantic_action.entities.pop(DAYS_SLOT, None)
    return reply


def days_of(turn: Turn, replaced: Entry | None) -> frozenset[int] | str | None:
    """The days the turn repeats on (an empty set: a weekly one on its first day), repeats.CANNOT, or None for a
    one-off: from its words, a reminder a tagger ran on into them, the days kept while asking, or, for a
    correction ("no, 7:30"), the series it replaces."""
    said = repeats.days_said(turn.text, turn.slot("reminder"))
    if said is not None:
        return said
    kept = turn.slot(DAYS_SLOT)
    if isinstance(kept, list) and kept:
        return frozenset(int(d) for d in kept)
    if turn.corrects is not None and replaced is not None and replaced.rule is not None:
        return replaced.rule.days
    return None


def rule_for(days: frozenset[int], clock: ClockTime, kind: Kind, text: str) -> Rule:
    """The rule for ``days`` at the time said (``days`` empty: every day, until the first ring picks its day)."""
    hour = clock.hour
    if not clock.explicit and hour < 12:
        evening = bool(_EVENING.search(text)) and not _MORNING.search(text)
        small = kind == "reminder" and 1 <= hour <= SMALL_HOURS_END and not _MORNING.search(text)
        hour += 12 if evening or small else 0
    return Rule(days or EVERY_DAY, hour, clock.minute)


def first_ring(turn: Turn, rule: Rule, weekly: bool, now: datetime, zone: ZoneInfo) -> tuple[Rule, datetime]:
    """When the series first rings (after now, or from the day said after "starting"), and the rule: a weekly
    one without days takes the day of that first ring."""
    after = now
    start = _starting_day(turn, now.date())
    if start is not None and start > now.date():
        after = max(now, datetime.combine(start, time(0), tzinfo=zone) - timedelta(microseconds=1))
    first = next_after(rule, after, zone)
    if weekly:
        rule = Rule(frozenset({first.astimezone(zone).weekday()}), rule.hour, rule.minute)
    return rule, first


def _starting_day(turn: Turn, today: date) -> date | None:
    """The day after "starting" ("every weekday starting monday"), from the date slot or the words."""
    said = repeats.STARTING.search(turn.text)
    if said is None:
        return None
    return resolve_day(turn.slot("date"), today) or resolve_day(said.group("rest").strip(), today)


def is_same(entry: Entry, kind: Kind, rule: Rule, label: str) -> bool:
    return entry.kind == kind and entry.rule == rule and entry.label.lower() == label.lower()


def said(entry: Entry, now: datetime, zone: ZoneInfo, *, lead: str = "next") -> str:
    """ "7:00 AM every weekday, the next one tomorrow" (``lead`` "next"); "..., starting Monday" (``lead``
    "starting", when it was just set); "7:00 AM every weekday" (``lead`` "", when it is gone)."""
    assert entry.rule is not None
    due = entry.due.astimezone(zone)
    when = describe_day(due.date(), now.date())
    day = when.removeprefix("on ")
    every = repeats.in_words(entry.rule.days)
    if every == f"every {day}" or not lead:  # "every Monday", next on Monday: said once
        return f"{spoken_clock(due)} {every}"
    return f"{spoken_clock(due)} {every}, {'the next one ' + when if lead == 'next' else f'{lead} {day}'}"


def rings_between(entry: Entry, first: date, last: date, zone: tzinfo | None) -> bool:
    """Whether the entry rings on a day from ``first`` to ``last``: a one-off on its day, a series on any of its
    days from its next ring on."""
    due = entry.due.astimezone(zone).date()
    if entry.rule is None:
        return first <= due <= last
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return any(day >= due and entry.rule.occurs_on(day) for day in days)


def matches_words(entry: Entry, turn: Turn) -> bool:
    """Whether an entry is the kind the words name: "cancel my weekday alarm" a series on weekdays, "my repeating
    alarm" any series; words naming no repeat, any entry."""
    days = repeats.days_said(turn.text)
    if not isinstance(days, frozenset):
        return True
    if entry.rule is None:
        return False
    return not days or repeats.names_no_days(turn.text) or entry.rule.days == days
