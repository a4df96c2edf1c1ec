"""The devices skill on what a QA pass found: names, what is on, several rooms, degrees Fahrenheit (real hub)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from devices_home import Home
from services_skill_harness import SkillHarness

from assistant.speaker.mihome.hub import MiHomeHub

Make = Callable[..., SkillHarness]


@pytest.fixture
def home(make_skill: Make, tmp_path: Path) -> Iterator[Home]:
    hub = MiHomeHub.in_dir(tmp_path / "speaker")
    yield Home(make_skill("devices"), hub)
    hub.close()


def test_a_device_called_by_its_own_name_is_that_device(home: Home) -> None:
    assert home.turn("devices.on", {"device": "plug"}, text="turn on the coffee machine") == (
        "Turning on the coffee machine plug."
    )
    assert home.state("plug.kitchen")["power"] == "on"
    assert home.turn("devices.off", {"device": "plug"}, text="turn off the coffee maker") == (
        "Turning off the coffee machine plug."
    )
    assert home.state("plug.kitchen")["power"] == "off"


def test_a_plug_named_after_another_wins_over_the_previous_turn(home: Home) -> None:
    home.turn("devices.on", {"device": "plug", "room": "kitchen"}, text="kitchen")
    assert home.turn("devices.on", {"device": "plug"}, text="turn on the tv plug") == "Turning on the tv plug."
    assert home.state("plug.living_room")["power"] == "on"
    assert home.turn("devices.off", {}, text="turn it off") == "Turning off the tv plug."  # "it": the last one
    assert home.state("plug.living_room")["power"] == "off" and home.state("plug.kitchen")["power"] == "on"
    assert home.turn(
        "devices.on", {"device": "plug", "room": "kitchen"}, text="turn on the tv plug in the kitchen"
    ) == ("The tv plug is not in the kitchen.")
    assert home.turn("devices.on", {}, text="turn on the tv").startswith("I can't control the tv: your Mi Home")


def test_what_is_on_lists_everything_on_not_the_last_device(home: Home) -> None:
    home.turn("devices.on", {"device": "plug"}, text="turn on the tv plug")
    home.turn("devices.on", {"device": "lamp", "room": "kitchen"}, text="turn on the kitchen lamp")
    # the router carries the last request's slots over to a question that names nothing: they do not narrow it
    assert home.turn("devices.status", {"device": "lamp", "room": "kitchen"}, text="what's on right now") == (
        "2 devices are on: the tv plug and the kitchen lamp."
    )
    assert home.turn("devices.status", {"room": "living room"}, text="what's on in the living room") == (
        "In the living room, only the tv plug is on."
    )
    assert home.turn("devices.status", {"room": "living room"}, text="is it on") == "The tv plug is on."
    assert home.turn("devices.status", {"device": "lamp"}, text="which lights are on") == (
        "Only the kitchen lamp is on."
    )
    assert home.turn("devices.status", {"device": "lamp", "room": "kitchen"}, text="is the kitchen lamp on") == (
        "The kitchen lamp is on at 80 percent, white."
    )
    home.turn("devices.off", {}, text="turn it off")
    home.turn("devices.off", {"device": "plug"}, text="turn off the tv plug")
    assert home.turn("devices.status", {}, text="what devices are on") == "Everything is off."
