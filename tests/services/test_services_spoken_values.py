"""Reading slot values, normalised or raw words, table-driven with negative rows."""

from __future__ import annotations

import pytest

from assistant.router.services.spoken_values import (
    ClockTime,
    clock_time,
    duration_in,
    duration_seconds,
    number,
    spoken_duration,
    spoken_list,
    words_to_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twelve", 12),
        ("twenty five", 25),
        ("twenty-five", 25),
        ("3.5", 3.5),
        ("one hundred and two", 102),
        ("two thousand", 2000),
        ("a", 1),
        ("", None),
        ("banana", None),
        ("twelve bananas", None),
    ],
)
def test_words_to_number(text: str, expected: float | None) -> None:
    assert words_to_number(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(7, 7), (2.5, 2.5), ({"value": 30}, 30), ("30 percent", 30), ("22 degrees", 22), ("30%", 30), (True, None),
     ("lots", None), ({"x": 1}, None)],
)  # fmt: skip
def test_number(value: object, expected: float | None) -> None:
    assert number(value) == expected


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ({"seconds": 600}, 600),
        (90, 90),
        ("ten minutes", 600),
        ("5 minutes", 300),
        ("an hour", 3600),
        ("1 hour and 20 minutes", 4800),
        ("half an hour", 1800),
        ("an hour and a half", 5400),
        ("for 45 seconds", 45),
        ("3 more minutes", 180),
        ("another 10 minutes", 600),
        ("another minute", 60),
        ("one more hour", 3600),
        ("two hours", 7200),
        ("a minute", 60),
        ("minutes", None),
        ("ten apples", None),
        ("soon", None),
        (None, None),
    ],
)
def test_duration_seconds(value: object, seconds: float | None) -> None:
    assert duration_seconds(value) == seconds


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"hour": 7, "minute": 0, "day_offset": 1}, ClockTime(7, 0, 1)),
        ("7 am", ClockTime(7, 0)),
        ("7am", ClockTime(7, 0)),
        ("6:30 pm", ClockTime(18, 30)),
        ("noon", ClockTime(12, 0)),
        ("midnight", ClockTime(0, 0, 1)),
        ("half past six", ClockTime(6, 30, explicit=False)),
        ("quarter to eight", ClockTime(7, 45, explicit=False)),
        ("six thirty", ClockTime(6, 30, explicit=False)),
        ("9 in the morning", ClockTime(9, 0)),
        ("8 o'clock", ClockTime(8, 0, explicit=False)),
        ("tomorrow at 8 pm", ClockTime(20, 0, 1)),
        ("19:15", ClockTime(19, 15)),
        ("13 pm", None),
        ("25:00", None),
        ("later", None),
        ({"hour": 30}, None),
    ],
)
def test_clock_time(value: object, expected: ClockTime | None) -> None:
    assert clock_time(value) == expected


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [(600, "10 minutes"), (4800, "1 hour and 20 minutes"), (3661, "1 hour, 1 minute and 1 second"), (0, "0 seconds")],
)
def test_spoken_duration(seconds: float, spoken: str) -> None:
    assert spoken_duration(seconds) == spoken


def test_spoken_list_names_one_two_or_many() -> None:
    assert spoken_list(["milk"]) == "milk"
    assert spoken_list(("milk", "eggs")) == "milk and eggs"
    assert spoken_list(["Mom", "Dad", "Alex"]) == "Mom, Dad and Alex"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("add 2 more minutes to the pasta timer", 120),
        ("give it another minute", 60),
        ("how long is left on the 10 minute timer", 600),
        ("add time to the timer", None),
    ],
)
def test_duration_in_finds_a_length_said_anywhere(text: str, seconds: float | None) -> None:
    assert duration_in(text) == seconds
