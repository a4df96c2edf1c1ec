"""Snoozing what just went off: ten minutes, or as long as the words say; a snooze said again or corrected ("no,
5 minutes") moves the one just snoozed, which no longer counts as ringing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.router.services.schedule_store import Kind, ScheduleStore
from assistant.router.services.spoken_values import spoken_clock, spoken_duration
from assistant.router.skills.builtin.alarms.said_when import said_duration
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

SNOOZE = timedelta(minutes=10)
#: How long after ringing "snooze" still refers to an alarm.
SNOOZE_WINDOW = timedelta(hours=1)
#: The skill state's key for the entry just snoozed.
SNOOZED = "snoozed"


def snooze(
    turn: Turn, store: ScheduleStore, kinds: tuple[Kind, ...], now: datetime, zone: ZoneInfo, wake: Callable[[], None]
) -> Activity:
    """The reply to "snooze" (or "snooze for 5 minutes", "no, 5 minutes" after one) at ``now``."""
    ringing = store.last_fired(kinds, since=now - SNOOZE_WINDOW)
    last = turn.state.get(SNOOZED)
    again = next((e for e in store.pending(kinds) if e.id == last), None) if isinstance(last, int) else None
    if again is not None and (turn.corrects is not None or ringing is None):
        ringing = again  # "no, 5 minutes" or "snooze for 3 minutes" right after a snooze: that one, from now
    if ringing is None:
        return say(turn, "There's nothing to snooze right now.")
    seconds = said_duration(turn)
    delay = timedelta(seconds=seconds) if seconds else SNOOZE
    snoozed = store.reschedule(ringing.id, now + delay)
    if snoozed is None:
        return say(turn, "That alarm was cancelled, so there's nothing to snooze.")
    wake()
    until = spoken_clock(snoozed.due.astimezone(zone))
    instead = " instead" if ringing is again and turn.corrects is not None else ""
    text = f"Snoozed for {spoken_duration(delay.total_seconds())}{instead}, until {until}."
    return say(turn, text, state={**turn.state, SNOOZED: ringing.id})
