"""A question about what to do, or a request for information, is no order: the devices skill changes no device
for it and the lists skill adds nothing without asking (found by the out-of-scope benchmark: "should i do a
complete stop at red lights" made every lamp red, and a Rasa model added potatoes for "give me a list of grocery
stores that sell ...")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from services_skill_harness import SkillHarness

from assistant.router.skills.builtin.devices.words import not_asked_to_act

Make = Callable[..., SkillHarness]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("should i do a complete stop at red lights", True),
        ("why do my lights flicker", True),
        ("how do i reset the fan", True),
        ("turn off the lights", False),
        ("can you make the lights red", False),
        ("please turn on the fan", False),
    ],
)
def test_a_question_about_what_to_do_is_no_order(text: str, asked: bool) -> None:
    assert not_asked_to_act(text) is asked


def test_the_devices_skill_changes_nothing_for_such_a_question(make_skill: Make) -> None:
    devices = make_skill("devices")
    reply = devices.turn("devices.color", {"color": "red"}, text="should i do a complete stop at red lights")
    assert (reply.channel_data or {}).get("action") is None
    assert reply.text is not None and reply.text.startswith("Sorry, I can't help with that yet.")


def test_the_lists_skill_asks_before_adding_from_a_request_for_information(make_skill: Make) -> None:
    lists = make_skill("lists")
    reply = lists.turn("lists.add", {"item": "potatoes"}, text="give me a list of grocery stores that sell potatoes")
    assert reply.text == "Should I add potatoes to your shopping list?"
