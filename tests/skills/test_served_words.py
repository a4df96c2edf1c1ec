"""Words the skills read themselves, for requests people phrase their own way: sums said as verbs, conversions with
no amount, North American time zones by name and the to-do list by its everyday names."""

from __future__ import annotations

import pytest

from assistant.router.services.calculator import calculate
from assistant.router.skills.builtin.answers.handler import plain_sum, units_named
from assistant.router.skills.builtin.datetime.zones import us_zone_in
from assistant.router.skills.builtin.lists.handler import _known_list


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("add 456 and 781", 1237),
        ("please add 456 and 781 for me", 1237),
        ("add twelve and twelve", 24),
        ("sum up 3 and 4", 7),
        ("subtract 85 from 997", 912),
        ("can you subtract 100 from 12", -88),
        ("what is 3 to the 6th power", 729),
        ("what does 2 + 2 equal", 4),
    ],
)
def test_a_sum_said_with_a_verb_is_calculated(text: str, result: float) -> None:
    assert calculate(text) is None  # what the calculator alone cannot read
    found = calculate(plain_sum(text))
    assert found is not None and found.result == result


@pytest.mark.parametrize("text", ["add eggs to my list", "what is the capital of france", "subtract"])
def test_other_words_are_left_as_they_were(text: str) -> None:
    assert plain_sum(text) == text or calculate(plain_sum(text)) is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("convert inches to centimeters", ["inch", "centimeter"]),
        ("convert cm to inch", ["centimeter", "inch"]),
        ("what is the conversion between tablespoons and cups", ["tablespoon", "cup"]),
        ("convert miles in kilometers", ["mile", "kilometer"]),  # "in" is no unit (it is the inch's short form)
        ("convert it to something", []),
    ],
)
def test_units_are_named_in_the_order_said(text: str, names: list[str]) -> None:
    assert [unit.name for unit in units_named(text)] == names


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("what time is it in the central time zone", "America/Chicago"),
        ("the current time in the eastern timezone", "America/New_York"),
        ("in the MST time zone what time is it", "America/Denver"),
        ("what time is it on pacific time", "America/Los_Angeles"),
        ("what time is it in paris", None),
        ("the best time to call", None),  # "est" inside a word is no zone
        ("central park opening time", None),
    ],
)
def test_a_north_american_zone_is_read_by_name(text: str, zone: str | None) -> None:
    found = us_zone_in(text)
    assert (found[1] if found else None) == zone


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("list of things to do", "todo"),
        ("to dos", "todo"),
        ("chores", "todo"),
        ("list for shopping", "shopping"),
        ("phone plan", None),
    ],
)
def test_the_lists_have_their_everyday_names(words: str, name: str | None) -> None:
    assert _known_list(words) == name
