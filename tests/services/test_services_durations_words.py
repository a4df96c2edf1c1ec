"""The skills' duration readers on what the one parser added: ``duration_seconds`` on slot values of each kind,
and ``duration_in`` finding a length said anywhere in a request (the words the NLU's reader accepted before)."""

from __future__ import annotations

import pytest

from assistant.router.services.spoken_values import duration_in, duration_seconds


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ({"seconds": 600}, 600.0),
        ({"seconds": "ten"}, 10.0),
        (90, 90.0),
        (1.5, 1.5),
        (True, None),
        (None, None),
        (["5 minutes"], None),
        ("two and a half minutes", 150.0),
        ("a quarter of an hour", 900.0),
        ("2 weeks", 1_209_600.0),
        ("10 minutes.", 600.0),
        ("half a second", 0.5),
    ],
)
def test_duration_seconds_of_each_kind_of_value(value: object, seconds: float | None) -> None:
    assert duration_seconds(value) == seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("add 2 more minutes to the pasta timer", 120),
        ("add a few more minutes to the timer", 180),
        ("add two and a half minutes to the pasta timer", 150),
        ("add a quarter of an hour to the timer", 900),
        ("add 5min to the timer", 300),
        ("add a week to the timer", 604_800),
        ("add the 3rd minute to the timer", None),
        ("add time to the timer", None),
    ],
)
def test_duration_in_finds_what_the_nlu_reader_read(text: str, seconds: float | None) -> None:
    assert duration_in(text) == seconds
