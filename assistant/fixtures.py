"""Seeding the simulated world before a scripted conversation: device states, timers, alarms, reminders, lists.

Everything goes through the same stores the skills and the hub use (the hub's validated ``apply``, the SQLite
schedule and lists), so a seeded timer is indistinguishable from one the user set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from assistant.errors import AssistantError
from assistant.router.services.lists_store import ListsStore
from assistant.router.services.schedule_store import ScheduleStore
from assistant.speaker.mihome.hub import MiHomeHub

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr)?\s*$")
_UNIT_SECONDS = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600}


def seed_world(
    *,
    hub: MiHomeHub,
    data_dir: Path,
    now: datetime,
    timezone: str,
    devices: Mapping[str, Mapping[str, Any]] | None = None,
    timers: Sequence[Mapping[str, Any]] = (),
    alarms: Sequence[Mapping[str, Any]] = (),
    reminders: Sequence[Mapping[str, Any]] = (),
    lists: Mapping[str, Sequence[str]] | None = None,
) -> None:
    if devices:
        hub.apply([{"device": device, "set": dict(state)} for device, state in devices.items()])
    zone = ZoneInfo(timezone)
    if timers or alarms or reminders:
        schedule = ScheduleStore.in_dir(data_dir)
        for timer in timers:
            seconds = duration_seconds(timer.get("duration"), "timers[].duration")
            label = str(timer.get("name") or timer.get("label") or "")
            schedule.add("timer", now + timedelta(seconds=seconds), created=now, label=label, duration_s=seconds)
        for alarm in alarms:
            due = next_time(alarm.get("time"), now, zone, "alarms[].time")
            schedule.add("alarm", due, created=now, label=str(alarm.get("label") or ""))
        for reminder in reminders:
            due = next_time(reminder.get("time"), now, zone, "reminders[].time")
            schedule.add("reminder", due, created=now, label=str(reminder.get("text") or ""))
    if lists:
        store = ListsStore.in_dir(data_dir)
        for name, items in lists.items():
            for item in items:
                store.add(name, item, now=now)


def duration_seconds(value: object, where: str) -> float:
    """600, "600", "10m", "1.5h" -> seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    match = _DURATION.match(str(value)) if isinstance(value, str) else None
    if match is None:
        raise AssistantError(f"{where}: {value!r} is not a duration (use seconds or text like 10m, 90s, 1h)")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def next_time(value: object, now: datetime, zone: ZoneInfo, where: str) -> datetime:
    """ "07:00" -> the next 07:00 in ``zone`` after ``now``; an ISO date-time is taken as it is."""
    text = str(value or "")
    try:
        if "T" in text or len(text) > 5:
            moment = datetime.fromisoformat(text)
            return moment if moment.tzinfo else moment.replace(tzinfo=zone)
        wanted = time.fromisoformat(text)
    except ValueError:
        raise AssistantError(f"{where}: {value!r} is not a time like 07:00 or 2024-03-15T07:00") from None
    local = now.astimezone(zone)
    due = local.replace(hour=wanted.hour, minute=wanted.minute, second=0, microsecond=0)
    return due if due > local else due + timedelta(days=1)
