"""The router's own phrases: naming a skill ("open ...", "ask ... to ...") and cancel words."""

from __future__ import annotations

import pytest

from assistant.router.phrases import (
    Invocation,
    adds,
    correction_rest,
    find_invocation,
    is_cancel,
    points_back,
    stops_playing,
    with_antecedent,
    without_courtesy,
    without_softeners,
)

NAMES = [("weather channel", "weather"), ("the weather", "weather"), ("the timer", "timers"), ("weather", "weather")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("open the weather channel", Invocation("open", "weather", "")),
        ("open the weather", Invocation("open", "weather", "")),
        ("open the timer", Invocation("open", "timers", "")),
        ("ask the weather channel for Paris", Invocation("ask", "weather", "paris")),
        ("ask the weather will it rain", Invocation("ask", "weather", "will it rain")),
        ("ask weather what's it like in Rome", Invocation("ask", "weather", "what's it like in rome")),
        ("open the fridge", None),
    ],
)
def test_a_leading_the_is_read_both_ways(text: str, expected: Invocation | None) -> None:
    assert find_invocation(text, NAMES) == expected


def test_cancel_that_points_back_and_is_a_cancel() -> None:
    assert is_cancel("Cancel that.") and points_back("Cancel that.") and points_back("cancel it")
    assert is_cancel("cancel") and not points_back("cancel") and not points_back("stop")


def test_without_softeners_keeps_what_is_asked_not_how_gently() -> None:
    assert without_softeners("Could you turn it down a bit, please?") == "turn it down"
    assert without_softeners("turn it up a little bit") == "turn it up"
    assert without_softeners("please turn it up slightly") == "turn it up"
    assert without_softeners("add a bit of butter") == "add a bit of butter"
    assert without_softeners("more") == "more"


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("No, I meant the office.", "the office"),
        ("no the bedroom", "the bedroom"),
        ("make that 10 minutes", "10 minutes"),
        ("nope, make it 22", "22"),
        ("actually, London", "london"),
        ("I said Paris", "paris"),
        ("no", None),
        ("no thank you", None),
        ("turn on the office lamp", None),
        ("call dad instead", "call dad"),
        ("no, make that 10 minutes instead", "10 minutes"),
        ("instead", None),
    ],
)
def test_correction_rest_is_the_words_that_correct(text: str, rest: str | None) -> None:
    assert correction_rest(text) == rest


def test_a_lead_in_before_a_cancel_changes_nothing() -> None:
    assert is_cancel("Actually, cancel that") and points_back("actually, cancel that")
    assert is_cancel("no wait, stop") and stops_playing("no wait, stop")
    assert not is_cancel("no") and not is_cancel("actually, cancel my dentist appointment")


@pytest.mark.parametrize(
    ("text", "on_top"),
    [
        ("add bread too", True),
        ("set another timer for 3 minutes", True),
        ("add cheese as well", True),
        ("add it to my to do list", False),
        ("set a timer for 10 minutes", False),
        ("put the kettle on", False),
    ],
)
def test_a_request_that_comes_on_top_of_the_last_one_is_told_from_a_correction(text: str, on_top: bool) -> None:
    assert adds(text) is on_top


def test_a_pronoun_is_also_read_as_each_word_value_of_the_last_turn() -> None:
    previous = {"room": "kitchen", "device": "vacuum", "percent": 40}
    assert with_antecedent("Pause it.", previous) == ("pause the kitchen", "pause the vacuum")
    assert with_antecedent("pause the music", previous) == ()  # no pronoun: nothing to read
    assert with_antecedent("turn it off", {"percent": 40}) == ()  # a number stands for no thing


def test_the_request_inside_courtesy() -> None:
    assert without_courtesy("Hey, could you please turn off the bedroom light for me?") == "turn off the bedroom light"
    assert without_courtesy("switch off the light in the office thank you") == "switch off the light in the office"
    assert without_courtesy("thank you") is None  # nothing is left to be a request
    assert without_courtesy("turn off the light") is None  # no courtesy
