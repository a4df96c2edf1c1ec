"""The simulated clock moves by elapsed time, also across a daylight-saving change."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.router.services.clock import ManualClock

NEW_YORK = ZoneInfo("America/New_York")


def test_advancing_across_the_spring_change_moves_real_hours_and_keeps_the_zone() -> None:
    clock = ManualClock(datetime(2024, 3, 9, 7, 0, tzinfo=NEW_YORK))  # Saturday 07:00 EST
    seen: list[datetime] = []
    clock.subscribe(seen.append)
    clock.advance(timedelta(hours=23))
    assert clock.now() == datetime(2024, 3, 10, 7, 0, tzinfo=NEW_YORK)  # Sunday 07:00 EDT: 23 real hours later
    assert clock.now().utcoffset() == timedelta(hours=-4) and clock.now().tzinfo is NEW_YORK
    assert seen == [clock.now()]


def test_advancing_across_the_autumn_change_moves_real_hours() -> None:
    clock = ManualClock(datetime(2024, 11, 2, 7, 0, tzinfo=NEW_YORK))  # Saturday 07:00 EDT
    clock.advance(timedelta(hours=24))
    assert clock.now().replace(tzinfo=None) == datetime(2024, 11, 3, 6, 0)  # 24 real hours: 06:00 EST
