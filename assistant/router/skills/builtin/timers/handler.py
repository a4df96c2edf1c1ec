"""The timers skill: several timers at once, named or not, stored in SQLite and announced when they go off.

Timers live in the shared schedule store, so one set before a restart is listed and fires after it (a timer that
went off while the assistant was down is announced once at start, with an apology for being late). The skill owns
a :class:`Scheduler` for the ``timer`` kind: a thread on the real clock, clock listeners on a manual one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from assistant.router.services.schedule_store import Entry, ScheduleStore
from assistant.router.services.scheduler import Firing, Scheduler
from assistant.router.services.spoken_values import (
    duration_in,
    duration_seconds,
    number,
    spoken_clock,
    spoken_duration,
)
from assistant.router.skills.builtin.timers.picking import (
    ALL,
    PLURAL,
    a,
    apart,
    by_label,
    length_words,
    listed,
    picked,
    timer_words,
)
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import announcement, ask, confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: The longest timer (longer waits are alarms or reminders).
MAX_TIMER = timedelta(hours=24)
#: Words that point back at the timer just set ("cancel it", "cancel that").
_POINTING = re.compile(r"\b(?:it|that)\b", re.IGNORECASE)
CANNOT_PAUSE = "Timers can't be paused. I can tell you how long is left, or cancel one."
#: The skill state's key for the slots the last reply left the router with.
HEARD = "heard"
#: A unit of time in the words ("5 minutes", "an hour", "90s"): the words say a length, not only the context.
_LENGTH = re.compile(r"\d\s*[smh]\b|\b(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\b", re.IGNORECASE)
#: "minus 5 minutes", "-5 minutes": a length below nothing, which a reader of lengths takes as 5 minutes.
_NEGATIVE = re.compile(r"\b(?:minus|negative)\b|(?<![\w-])-\s*\d", re.IGNORECASE)


class TimersSkill:
    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self._zone = ZoneInfo(context.settings.router.timezone)
        self._announce = context.announce
        self.store = ScheduleStore.in_dir(context.settings.data_dir)
        self.scheduler = Scheduler(self.store, self._clock, self._fired, ["timer"])
        self.scheduler.start()

    def handle(self, activity: Activity) -> Activity:
        reply = dispatch(
            Turn.of(activity),
            {
                "timers.set": self._set,
                "timers.remaining": self._remaining,
                "timers.cancel": self._cancel,
                "timers.extend": self._extend,
                "timers.list": self._remaining,
                "timers.pause": lambda turn: say(turn, CANNOT_PAUSE),
            },
        )
        return remember_length(reply)

    def close(self) -> None:
        self.scheduler.stop()
        self.store.close()

    def _fired(self, firing: Firing) -> None:
        what = timer_words(firing.entry)
        if firing.late:
            when = spoken_clock(firing.entry.due.astimezone(self._zone))
            text = f"Sorry, I missed this while I was off: your {what} went off at {when}."
        else:
            text = f"Your {what} is done."
        self._announce(announcement(text))

    def _set(self, turn: Turn) -> Activity:
        minutes = number(turn.slot("minutes"))  # "ten" to "For how long?", "set a timer for 10": minutes
        seconds = next(
            (s for s in (said_length(turn), duration_in(turn.text), minutes and minutes * 60) if s is not None), None
        )
        if _NEGATIVE.search(turn.text):
            return ask(turn, "duration", "A timer can't run for less than nothing. For how long?")
        if seconds is None:
            return ask(turn, "duration", "For how long?")
        if seconds < 1:
            return ask(turn, "duration", "A timer needs to run for at least a second. For how long?")
        if seconds > MAX_TIMER.total_seconds():
            return say(turn, "A timer can run for up to 24 hours. For a later time, set an alarm or a reminder.")
        now = self._clock.now()
        last = turn.state.get("last_timer")  # "no, 10 minutes": that timer replaces the one just set
        replaced = turn.corrects is not None and self.store.cancel_pending(last, ["timer"]) is not None
        instead = " instead" if replaced else ""
        said = str(turn.slot("timer_name", "")).strip().lower()
        name = apart(said, self.store.pending(["timer"]))  # a second "eggs" timer is the "second eggs" one
        entry = self.store.add(
            "timer", now + timedelta(seconds=seconds), created=now, label=name, duration_s=round(seconds)
        )
        self.scheduler.wake()
        length = spoken_duration(seconds)
        text = (
            f"OK, {name} timer for {length}{instead}, starting now."
            if name
            else f"OK, {length}{instead}, starting now."
        )
        if name != said:  # two "eggs" timers could not be told apart
            text = f"You already have {a(said)} timer, so this one is the {name} timer: {length}, starting now."
        return say(turn, text, state={"last_timer": entry.id}, slots={"duration": {"seconds": round(seconds)}})

    def _extend(self, turn: Turn) -> Activity:
        """ "add 5 minutes" (to the one timer running, the one just set, or the one named)."""
        seconds = said_length(turn) or duration_in(turn.text)  # a tagger may keep only "2"; none carried
        if seconds is None or seconds < 1:
            return ask(turn, "duration", "How much time should I add?")
        running = self.store.pending(["timer"])
        name = str(turn.slot("timer_name", "")).strip().lower()
        if name:
            running = by_label(running, name, turn.text)
        elif len(running) > 1:
            running = tuple(t for t in running if t.id == turn.state.get("last_timer")) or running
        if not running:
            return say(turn, f"You don't have {a(name)} timer." if name else "You don't have any timers running.")
        if len(running) > 1:
            example = timer_words(running[0])
            return say(turn, f"You have {len(running)} timers. Say which one, like: add 5 minutes to the {example}.")
        timer, now = running[0], self._clock.now()
        added = turn.state.get("added")  # "make that 20 minutes" after "add 5 minutes": 20 instead of the 5
        taken = added.get("seconds") if isinstance(added, Mapping) and added.get("timer") == timer.id else None
        before = timer.due - timedelta(seconds=taken if turn.corrects is not None and taken else 0)
        due = before + timedelta(seconds=seconds)
        if due - now > MAX_TIMER:
            return say(turn, "A timer can run for up to 24 hours. For a later time, set an alarm or a reminder.")
        self.store.reschedule(timer.id, due)
        self.scheduler.wake()
        left = spoken_duration((due - now).total_seconds())
        instead = f" instead of {spoken_duration(taken)}" if before != timer.due and taken else ""
        text = f"OK, I added {spoken_duration(seconds)}{instead} to your {timer_words(timer)}: {left} left."
        state = {"last_timer": timer.id, "added": {"timer": timer.id, "seconds": round(seconds)}}
        return say(turn, text, state=state, slots={"duration": {"seconds": round(seconds)}})

    def _chosen(self, turn: Turn) -> tuple[Entry, ...]:
        """The timers the turn names: by name, by length ("the 10 minute timer"), or the one just set ("cancel
        it"); all of them when it names none."""
        timers = self.store.pending(["timer"])
        choosing = turn.state.get("choosing")
        if turn.has("which") and isinstance(choosing, list):  # the answer to "Which one should I cancel?"
            return picked([t for i in choosing for t in timers if t.id == i], str(turn.slot("which")))
        name = str(turn.slot("timer_name", "")).strip().lower()
        if name:
            timers = by_label(timers, name, turn.text)
        seconds = said_length(turn)
        if seconds is not None:
            timers = tuple(t for t in timers if round(t.duration_s or 0) == round(seconds))
        last = [t for t in timers if t.id == turn.state.get("last_timer")]
        return tuple(last) if len(timers) > 1 and last and _POINTING.search(turn.text) else timers

    def _named(self, turn: Turn) -> str:
        """ "pasta timer", "10 minute timer" or "" for a turn that names no timer."""
        if turn.has("timer_name"):
            return f"{turn.slot('timer_name')} timer"
        seconds = said_length(turn)
        return f"{length_words(seconds)} timer" if seconds else ""

    def _remaining(self, turn: Turn) -> Activity:
        timers = self._chosen(turn)
        now = self._clock.now()
        if not timers:
            named = self._named(turn)
            return say(turn, f"You don't have {a(named)}." if named else "You don't have any timers running.")
        parts = [f"{spoken_duration(t.remaining(now).total_seconds())} left on your {timer_words(t)}" for t in timers]
        if len(parts) == 1:
            return say(turn, f"There's {parts[0]}.")
        return say(turn, f"You have {len(parts)} timers: " + "; ".join(parts) + ".")

    def _cancel(self, turn: Turn) -> Activity:
        timers = self._chosen(turn)
        if not timers and turn.has("which"):  # an answer that names none of those asked about
            return self._cancel(replace(turn, slots={k: v for k, v in turn.slots.items() if k != "which"}))
        if not timers:
            named = self._named(turn)
            return say(turn, f"There's no {named} to cancel." if named else "You don't have any timers running.")
        if len(timers) > 1 and not turn.confirmed and not turn.has("which"):
            if PLURAL.search(turn.text) or ALL.search(turn.text):  # "cancel my timers": all of them, once sure
                return confirm(turn, f"You have {len(timers)} timers. Cancel all of them?")
            question = f"You have {len(timers)} timers: {listed(timers)}. Which one should I cancel, or all of them?"
            return ask(turn, "which", question, state={**turn.state, "choosing": [t.id for t in timers]})
        for timer in timers:
            self.store.cancel(timer.id)
        if len(timers) == 1:
            return say(turn, f"OK, I cancelled your {timer_words(timers[0])}.")
        return say(turn, f"OK, I cancelled all {len(timers)} timers.")


def said_length(turn: Turn) -> float | None:
    """The turn's duration, unless the router only carried it from the request before: every slot is as the skill's
    last reply left it and the words say no length of time ("set a timer for 5 minutes" then "what timers do I
    have" is about every timer; "set a timer" then asks how long)."""
    if not turn.has("duration"):
        return None
    heard = turn.state.get(HEARD)
    same = isinstance(heard, Mapping) and all(heard.get(k) == v for k, v in turn.slots.items() if k != "which")
    return None if same and not _LENGTH.search(turn.text) else duration_seconds(turn.slot("duration"))


def remember_length(reply: Activity) -> Activity:
    """``reply`` with the slots it leaves the router in the skill's state, for ``said_length``: the router carries
    them all, or none, into a request that says nothing."""
    state = (reply.channel_data or {}).get("state")
    action = reply.semantic_action
    if isinstance(state, dict):
        state[HEARD] = dict(action.entities) if action is not None else {}
    return reply


def create(context: SkillContext) -> TimersSkill:
    return TimersSkill(context)
