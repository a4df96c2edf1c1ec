"""The alarms-and-reminders skill: wake-up alarms and "remind me to ..." at a time, listed, cancelled, snoozed.

Entries live in the shared schedule store (kinds ``alarm`` and ``reminder``), so they survive restarts and one
missed while the assistant was down is announced once at start, late. Times are understood in the user's home zone
(``router.timezone``); an hour said without am/pm means whichever comes next. A repeating one ("every weekday at 7")
is a series in the store, with its days, its wall-clock time and the zone (see ``series`` and ``repeats``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.router.services.recurrence import next_after
from assistant.router.services.schedule_store import Entry, Kind, ScheduleStore
from assistant.router.services.scheduler import Firing, Scheduler
from assistant.router.services.spoken_values import clock_time, spoken_clock
from assistant.router.skills.builtin.alarms import repeats, said_when, series
from assistant.router.skills.builtin.alarms import words as w
from assistant.router.skills.builtin.alarms.due import due, start_of_week
from assistant.router.skills.builtin.alarms.matching import KINDS, matching
from assistant.router.skills.builtin.alarms.snoozing import snooze
from assistant.router.skills.dates import describe_day, is_week, resolve_day, resolve_days, unknown_day
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import announcement, ask, confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

REMINDERS: tuple[Kind, ...] = ("reminder",)
#: How many alarms and reminders a listing reads out (the soonest); the rest are counted.
LIST_AT_MOST = 10


class AlarmsSkill:
    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self._zone_name = context.settings.router.timezone
        self._zone = ZoneInfo(self._zone_name)
        self._announce = context.announce
        self.store = ScheduleStore.in_dir(context.settings.data_dir, config=context.settings.source)
        self.scheduler = Scheduler(self.store, self._clock, self._fired, KINDS)
        self.scheduler.start()

    def handle(self, activity: Activity) -> Activity:
        turn = series.with_asked_days(said_when.without_meridiem_tail(Turn.of(activity)))
        reply = dispatch(
            turn,
            {
                "alarms.set": self._set,
                "alarms.remind": self._remind,
                "alarms.list": self._list,
                "alarms.cancel": self._cancel,
                "alarms.change": self._change,
                "alarms.snooze": self._snooze,
            },
        )
        return said_when.remember(turn, series.without_days_slot(reply))

    def close(self) -> None:
        self.scheduler.stop()
        self.store.close()

    def _now(self) -> datetime:
        return self._clock.now().astimezone(self._zone)

    def _when(self, entry: Entry, *, lead: str = "next") -> str:
        """ "7:00 AM tomorrow": when an entry is due, said relative to today ("7:00 AM every weekday, next Monday")."""
        if entry.rule is not None:
            return series.said(entry, self._now(), self._zone, lead=lead)
        due = entry.due.astimezone(self._zone)
        return f"{spoken_clock(due)} {describe_day(due.date(), self._now().date())}"

    def _describe(self, entry: Entry, *, lead: str = "next") -> str:
        if entry.kind == "alarm":
            return f"an alarm at {self._when(entry, lead=lead)}"
        return f"a reminder {w.to_do(entry.label)} at {self._when(entry, lead=lead)}"

    def _fired(self, firing: Firing) -> None:
        entry = firing.entry
        due = spoken_clock(entry.due.astimezone(self._zone))
        if firing.late:
            what = f"your {due} alarm" if entry.kind == "alarm" else f"a reminder {w.to_do(entry.label)}, due at {due}"
            text = f"Sorry, I missed this while I was off: {what}."
        elif entry.kind == "alarm":
            text = (
                f"Good morning! It's {due}, time to wake up."
                if entry.due.astimezone(self._zone).hour < 12
                else (f"It's {due}: your alarm is ringing.")
            )
        else:
            text = f"Reminder: {w.ABOUT.sub('', entry.label)}."  # "Reminder: the dentist."
        self._announce(announcement(text))

    def _which_day(self, turn: Turn) -> str | None:
        """The day the turn names, said back ("tomorrow", "on Friday", "tonight"), or None."""
        date = turn.slot("date")
        said = date.get("value") if isinstance(date, Mapping) else date
        if said in ("tonight", "this evening", "this afternoon", "this morning"):
            return str(said)
        today = self._now().date()
        day = resolve_day(date, today) if date is not None else None
        return describe_day(day, today) if day is not None else None

    def _set(self, turn: Turn) -> Activity:
        days = series.days_of(turn, self._last(turn))
        if days is not None:
            return self._set_series(turn, "alarm", days, "")
        when = due(self._keeping_half_of_day(turn), self._now())
        if when is None:
            return ask(turn, "time", "For what time?")
        if isinstance(when, str):
            return say(turn, when)
        instead = " instead" if self._corrected(turn, "alarm") else ""  # "no, 8 am": it replaces the last one
        same = [e for e in self.store.pending(["alarm"]) if e.due == when]
        if same:
            return say(turn, f"You already have an alarm at {self._when(same[0])}.", state={"last": same[0].id})
        entry = self.store.add("alarm", when, created=self._clock.now())
        self.scheduler.wake()
        return say(turn, f"Your alarm is set for {self._when(entry)}{instead}.", state={"last": entry.id})

    def _remind(self, turn: Turn) -> Activity:
        said = str(turn.slot("reminder", ""))
        whole = w.whole_answer(said, turn.text) if turn.corrects is None else said  # "buy" of "buy milk" kept
        whole = w.with_about(whole, turn.text)  # "remind me about the dentist": "about the dentist"
        if whole != said:  # and kept for the answer to "When should I remind you ...?"
            turn = replace(turn, slots={**turn.slots, "reminder": whole})
        days = series.days_of(turn, self._last(turn))
        if days is not None:
            what = repeats.without_rule(w.reminder_text(whole), day_taken=turn.has("date"))
            return self._set_series(turn, "reminder", days, what)
        what = w.without_day(w.reminder_text(whole), turn.slot("date"))
        what = w.with_spilled_words(what, turn.slot("date"))
        known_day = turn.has("date") and resolve_day(turn.slot("date"), self._now().date()) is not None
        moved = w.day_at_end(what) if not known_day else None  # no day, or a tagger's "next" of "next week"
        if moved is not None:  # "water the plants next week": the day the NLU left in the reminder's words
            what, said_day = moved
            turn = replace(turn, slots={**turn.slots, "date": dict(said_day)})
        if not what:
            return ask(turn, "reminder", "What should I remind you about?")
        turn = said_when.without_carried(self._keeping_half_of_day(turn), self._now())  # not the alarm's time
        when = due(turn, self._now()) or start_of_week(turn, self._now())  # "next week": its Monday morning
        if when is None:
            day = self._which_day(turn)
            asking = f"What time {day}" if day else "When"  # "What time tomorrow should I remind you to ..."
            return ask(turn, "time", f"{asking} should I remind you {w.to_do(what)}?")
        if isinstance(when, str):
            return say(turn, when)
        instead = " instead" if self._corrected(turn, "reminder") else ""
        entry = self.store.add("reminder", when, created=self._clock.now(), label=what)
        self.scheduler.wake()
        week = ", the start of next week" if is_week(turn.slot("date")) and not turn.has("time") else ""
        text = f"OK, I'll remind you {w.to_do(what)} at {self._when(entry)}{week}{instead}."
        return say(turn, text, state={"last": entry.id})

    def _set_series(self, turn: Turn, kind: Kind, days: frozenset[int] | str, what: str) -> Activity:
        """ "every weekday at 7", "remind me to take my pills every day at 9": a series from its first ring on."""
        if isinstance(days, str):
            return say(turn, days)  # a repeat it cannot do, said, rather than a one-off set
        keep = {**turn.state, series.ASKED: sorted(days)}
        if kind == "reminder" and not what:
            return ask(turn, "reminder", "What should I remind you about?", state=keep)
        time = clock_time(self._keeping_half_of_day(turn).slot("time"))
        if time is None:
            asking = "For what time?" if kind == "alarm" else f"What time should I remind you {w.to_do(what)}?"
            return ask(turn, "time", asking, state=keep)
        rule = series.rule_for(days, time, kind, turn.text)
        rule, first = series.first_ring(turn, rule, not days, self._now(), self._zone)
        same = [e for e in self.store.pending([kind]) if series.is_same(e, kind, rule, what)]
        if same and not turn.corrects:
            return say(turn, f"You already have {self._describe(same[0])}.", state={"last": same[0].id})
        instead = " instead" if self._corrected(turn, kind) else ""
        entry = self.store.add(kind, first, created=self._clock.now(), label=what, rule=rule, zone=self._zone_name)
        self.scheduler.wake()
        when = self._when(entry, lead="starting")
        text = f"Your alarm is set for {when}" if kind == "alarm" else f"OK, I'll remind you {w.to_do(what)} at {when}"
        return say(turn, f"{text}{instead}.", state={"last": entry.id})

    def _last(self, turn: Turn) -> Entry | None:
        """The pending entry the last answer was about (the one a correction replaces)."""
        last = turn.state.get("last")
        return next((e for e in self.store.pending(KINDS) if e.id == last), None) if isinstance(last, int) else None

    def _keeping_half_of_day(self, turn: Turn) -> Turn:
        """A correction's time without am or pm in the half of the day of the one just set, which it replaces."""
        last = turn.state.get("last")
        replaced = next((e for e in self.store.pending(KINDS) if e.id == last), None) if turn.corrects else None
        return said_when.in_half_of(turn, replaced.due.astimezone(self._zone)) if replaced else turn

    def _corrected(self, turn: Turn, kind: Kind) -> bool:
        """For a correction of the request that set the last alarm or reminder, cancel that one; whether it was."""
        return turn.corrects is not None and self.store.cancel_pending(turn.state.get("last"), [kind]) is not None

    def _list(self, turn: Turn) -> Activity:
        if (asked := w.REMIND_REQUEST.match(turn.text)) is not None:  # taken for "is X on my reminders": a request
            task = {**turn.slots, "reminder": asked.group("task")}
            return self._remind(replace(turn, intent="alarms.remind", slots=task))  # the router hears which
        about = w.reminder_text(turn.slot("reminder")) if turn.said("reminder") else ""
        if about:  # "is pay the rent on my reminders": that one, yes or no (not one the last request named)
            found = tuple(e for e in self.store.pending(REMINDERS) if about.lower() in e.label.lower())
            if not found:
                return say(turn, f"No, you don't have a reminder to {about}.")
            return say(turn, f"Yes, you have {self._listed(found)}.")
        entries = self.store.pending(KINDS)
        if not entries:
            return say(turn, "You don't have any alarms or reminders.")
        if turn.said("date"):  # "what alarms do I have tomorrow": that day's only
            today = self._now().date()
            days = resolve_days(turn.slot("date"), today)
            if days is None:
                return say(turn, unknown_day(turn.slot("date")))
            entries = tuple(e for e in entries if series.rings_between(e, *days, self._zone))
            if not entries:
                when = "next week" if is_week(turn.slot("date")) else describe_day(days[0], today)
                return say(turn, f"You don't have any alarms or reminders {when}.")
        words = turn.text.lower()
        if "remind" in words and "alarm" not in words:  # "what reminders do I have today": not the alarms
            entries = tuple(e for e in entries if e.kind == "reminder")
            if not entries:
                return say(turn, "You don't have any reminders" + (" then." if turn.has("date") else "."))
        if w.NEXT.search(words):  # "when is my next alarm": the soonest one
            soonest = [e for e in entries if e.kind == "alarm" or "remind" in words] or list(entries)
            return say(turn, f"Your next one is {self._describe(soonest[0])}.")
        if len(entries) == 1:
            return say(turn, f"You have {self._describe(entries[0])}.")
        return say(turn, f"You have {len(entries)}: {self._listed(entries)}.")

    def _listed(self, entries: Sequence[Entry]) -> str:
        """The soonest LIST_AT_MOST entries, said; the rest counted."""
        parts = [self._describe(e) for e in entries[:LIST_AT_MOST]]
        more = f"; and {len(entries) - len(parts)} more" if len(entries) > len(parts) else ""
        return "; ".join(parts) + more

    def _cancel(self, turn: Turn) -> Activity:
        asked, last = turn.state.get("cancelling"), turn.state.get("last")
        if turn.confirmed and isinstance(asked, list):  # the ones the question named, not a fresh match of "yes"
            entries = tuple(e for e in self.store.pending(KINDS) if e.id in asked)
        elif isinstance(last, int) and w.THAT.search(turn.text):  # "cancel that": the one just set or changed,
            entries = tuple(e for e in self.store.pending(KINDS) if e.id == last)  # not the time the words carried
            if not entries:
                return say(turn, "That one isn't set anymore, so there's nothing to cancel.")
        else:
            entries = matching(turn, self.store, self._now())
        if not entries:
            named = w.reminder_named(turn.text)  # "cancel the dentist reminder" with none about the dentist
            return say(
                turn,
                f"You don't have {w.a(named)} reminder."
                if named
                else "I couldn't find an alarm or reminder like that.",
            )
        if len(entries) > 1 and not turn.confirmed:
            listed = self._listed(entries)
            return confirm(
                turn,
                f"That matches {len(entries)}: {listed}. Cancel all?",
                state={"cancelling": [e.id for e in entries]},
            )
        for entry in entries:
            self.store.cancel(entry.id)
        if len(entries) == 1:
            return say(turn, f"OK, I cancelled {self._describe(entries[0], lead='')}.")  # a series: all of it
        return say(turn, f"OK, I cancelled all {len(entries)}.")

    def _change(self, turn: Turn) -> Activity:
        """ "change my 7 am alarm to 7:30": the one alarm or reminder meant, same day, at the new time."""
        said = w.NEW_TIME.search(turn.text)  # "... to 7:30": the words win over a tagger that read "7 am" twice
        new = (clock_time(said.group(1)) if said else None) or clock_time(turn.slot("new_time"))
        if new is None:
            return ask(turn, "new_time", "To what time?")
        named = clock_time(turn.slot("time"))  # one "8" read as both, or only the new time said ("change it to 7")
        by_time = named is not None and (named.hour, named.minute) != (new.hour, new.minute)
        last = turn.state.get("last")
        just_set = tuple(e for e in self.store.pending(KINDS) if e.id == last) if w.IT.search(turn.text) else ()
        entries = just_set or matching(
            turn, self.store, self._now(), by_time=by_time
        )  # "change it to 7 pm": the one just set
        if not entries:
            return say(turn, "I couldn't find an alarm or reminder like that.")
        if len(entries) > 1:
            listed = "; ".join(map(self._describe, entries))
            return say(turn, f"That matches {len(entries)}: {listed}. Say the time of the one to change.")
        entry, old = entries[0], entries[0].due.astimezone(self._zone)
        hour = new.hour
        if not new.explicit and hour < 12 and abs(hour + 12 - old.hour) < abs(hour - old.hour):
            hour += 12  # "move my 6 pm reminder to 7": 7 PM, the half of the day it was in
        if entry.rule is not None:  # "change my weekday alarm to 7:30": the series, from its next ring
            rule = entry.rule.at(hour, new.minute)
            moved = self.store.reschedule_series(entry.id, rule, next_after(rule, self._now(), self._zone))
        else:
            to = old.replace(hour=hour, minute=new.minute)
            moved = self.store.reschedule(entry.id, to if to > self._now() else to + timedelta(days=1))
        if moved is None:
            return say(turn, "That one was just cancelled, so there's nothing to change.")
        self.scheduler.wake()
        what = "alarm" if entry.kind == "alarm" else f"reminder {w.to_do(entry.label)}"
        return say(turn, f"OK, your {what} is now at {self._when(moved)}.", state={"last": entry.id})

    def _snooze(self, turn: Turn) -> Activity:
        return snooze(turn, self.store, KINDS, self._clock.now(), self._zone, self.scheduler.wake)


def create(context: SkillContext) -> AlarmsSkill:
    return AlarmsSkill(context)
