"""The moon's phases against published times (USNO), and what the weather skill says of them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assistant.router.skills.builtin.weather.moon import Phase, moon_answer, next_phase, phase_name

UTC = timezone.utc
FRIDAY = datetime(2024, 3, 15, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "phase", "published"),
    [
        (FRIDAY, "full", datetime(2024, 3, 25, 7, 0, tzinfo=UTC)),
        (FRIDAY, "new", datetime(2024, 4, 8, 18, 21, tzinfo=UTC)),
        (datetime(2024, 12, 1, tzinfo=UTC), "full", datetime(2024, 12, 15, 9, 2, tzinfo=UTC)),
        (datetime(2025, 1, 1, tzinfo=UTC), "new", datetime(2025, 1, 29, 12, 36, tzinfo=UTC)),
    ],
)
def test_phases_match_published_times_within_the_hour(after: datetime, phase: Phase, published: datetime) -> None:
    assert abs(next_phase(after, phase) - published) < timedelta(hours=1)


def test_the_phase_tonight_and_the_answers() -> None:
    assert phase_name(FRIDAY) == "a waxing crescent"  # five days after the new moon of March 10
    assert phase_name(datetime(2024, 3, 25, 8, tzinfo=UTC)) == "full"
    assert moon_answer(FRIDAY, "UTC", "when is the next full moon") == "The next full moon is on Monday, March 25."
    assert moon_answer(FRIDAY, "UTC", "is there a full moon tonight") == (
        "No. The next full moon is on Monday, March 25."
    )
    full_day = datetime(2024, 3, 24, 20, tzinfo=UTC)
    assert moon_answer(full_day, "UTC", "is it a full moon tonight") == "Yes, the moon is full tonight."
    assert moon_answer(FRIDAY, "UTC", "what's the moon phase") == (
        "The moon is a waxing crescent tonight; the next full moon is on Monday, March 25."
    )
