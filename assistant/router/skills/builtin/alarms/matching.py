"""Which alarms and reminders a request to cancel or change one names."""

from __future__ import annotations

from datetime import datetime

from assistant.router.services.schedule_store import Entry, Kind, ScheduleStore
from assistant.router.services.spoken_values import clock_time
from assistant.router.skills.builtin.alarms import repeats, series
from assistant.router.skills.builtin.alarms import words as w
from assistant.router.skills.dates import resolve_days
from assistant.router.skills.turn import Turn

KINDS: tuple[Kind, ...] = ("alarm", "reminder")


def matching(turn: Turn, store: ScheduleStore, now: datetime, *, by_time: bool = True) -> tuple[Entry, ...]:
    """The pending alarms and reminders the turn names: of the kind said, at the time said (either half of the day
    for an hour without am or pm), about the reminder said (or named: "the dentist reminder"), repeating on the
    days said, ringing on the day said; ``by_time`` False leaves the time out (it is the new time of a change)."""
    kind = turn.slot("alarm_kind")
    words = turn.text.lower()
    if "alarm" in words and "remind" in words:  # "delete all my alarms and reminders"
        kind = None
    elif kind is None and ("remind" in words or turn.has("reminder")):  # only reminders have a text
        kind = "reminder"
    elif kind is None and "alarm" in words:
        kind = "alarm"
    entries = store.pending([kind] if kind in KINDS else KINDS)
    time = clock_time(turn.slot("time")) if turn.has("time") and by_time else None
    if time is not None:
        entries = tuple(
            e
            for e in entries
            if (local := e.due.astimezone(now.tzinfo)).minute == time.minute
            and local.hour in (time.hour, time.hour + 12 if not time.explicit else time.hour)
        )
    about = repeats.without_rule(w.reminder_text(turn.slot("reminder"))).lower()
    if about:
        entries = tuple(e for e in entries if about in e.label.lower())
    named = w.reminder_named(turn.text)
    if named:  # "cancel the dentist reminder": the reminders about the dentist, and no other
        entries = tuple(e for e in entries if e.kind == "reminder" and w.names_reminder(e.label, named))
    entries = tuple(e for e in entries if series.matches_words(e, turn))  # "cancel my weekday alarm"
    days = resolve_days(turn.slot("date"), now.date()) if turn.said("date") else None
    if days is not None:  # "cancel my alarm for monday": Monday's only; "... for next week": that week's
        entries = tuple(e for e in entries if series.rings_between(e, *days, now.tzinfo))
    return entries
