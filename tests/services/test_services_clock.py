"""The clocks: aware times, a manual clock that tells its listeners when it moves."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from assistant.router.services.clock import FixedClock, ManualClock, SystemClock, is_manual


def test_system_clock_is_aware_in_its_zone() -> None:
    now = SystemClock(ZoneInfo("Asia/Shanghai")).now()
    assert now.utcoffset() == timedelta(hours=8)
    assert SystemClock().now().tzinfo is timezone.utc
    assert not is_manual(SystemClock())


def test_manual_clock_moves_only_when_told_and_notifies() -> None:
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    clock = ManualClock(start)
    seen: list[datetime] = []
    unsubscribe = clock.subscribe(seen.append)
    assert clock.now() == start
    clock.advance(timedelta(minutes=5))
    clock.set(start + timedelta(hours=1))
    assert seen == [start + timedelta(minutes=5), start + timedelta(hours=1)]
    unsubscribe()
    clock.advance(timedelta(minutes=1))
    assert len(seen) == 2
    assert is_manual(clock) and FixedClock is ManualClock


def test_manual_clock_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        ManualClock(datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="aware"):
        ManualClock().set(datetime(2024, 1, 1))
