"""A corrected switch ("turn on the kitchen lamp" ... "no, I meant the office") puts back what it no longer names,
against the real hub."""

from __future__ import annotations

from typing import Any

from devices_home import Home

KITCHEN = {"room": "kitchen", "device": "lamp"}
OFFICE = {"room": "office", "device": "lamp"}


def seed(home: Home, device: str, **state: Any) -> None:
    home.hub.handle_action("mihome.control", {"commands": [{"device": device, "set": state}]})


def test_a_corrected_switch_puts_the_first_device_back(home: Home) -> None:
    seed(home, "lamp.kitchen", power="off")
    seed(home, "lamp.office", power="off")
    assert home.turn("devices.on", KITCHEN, text="turn on the kitchen lamp") == "Turning on the kitchen lamp."
    fixed = home.turn("devices.on", OFFICE, text="no, I meant the office", corrects=KITCHEN)
    assert fixed == "Turning on the office lamp. I put the kitchen lamp back as it was."
    assert home.state("lamp.kitchen")["power"] == "off" and home.state("lamp.office")["power"] == "on"


def test_a_device_that_was_already_so_is_left_alone(home: Home) -> None:
    seed(home, "lamp.kitchen", power="on")
    seed(home, "lamp.office", power="off")
    home.turn("devices.on", KITCHEN, text="turn on the kitchen lamp")
    fixed = home.turn("devices.on", OFFICE, text="no, the office", corrects=KITCHEN)
    assert fixed == "Turning on the office lamp."
    assert home.state("lamp.kitchen")["power"] == "on"


def test_without_a_correction_nothing_is_put_back(home: Home) -> None:
    seed(home, "lamp.kitchen", power="off")
    home.turn("devices.on", KITCHEN, text="turn on the kitchen lamp")
    assert home.turn("devices.on", OFFICE, text="turn on the office lamp") == "Turning on the office lamp."
    assert home.state("lamp.kitchen")["power"] == "on"
