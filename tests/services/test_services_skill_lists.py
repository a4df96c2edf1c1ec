"""The lists skill hears every item of "add eggs, bread and milk", not just the one the NLU tagged."""

from __future__ import annotations

import pytest

from assistant.router.skills.builtin.lists.handler import also_named


@pytest.mark.parametrize(
    ("text", "item", "expected"),
    [
        ("add eggs and milk to my shopping list", "eggs", ["eggs", "milk"]),
        ("add bread, butter and coffee", "bread", ["bread", "butter", "coffee"]),
        ("add milk and eggs please", "milk", ["milk", "eggs"]),
        ("add toilet paper", "toilet paper", ["toilet paper"]),
        ("add eggs to my list and call mom", "eggs", ["eggs"]),
        ("we're out of rice", "rice", ["rice"]),
        ("Add Eggs and Milk to my list", "eggs", ["eggs", "milk"]),
    ],
)
def test_items_said_after_the_first_are_added_too(text: str, item: str, expected: list[str]) -> None:
    assert also_named(text, item) == expected
