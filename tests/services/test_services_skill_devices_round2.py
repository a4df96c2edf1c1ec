"""The devices skill on a second QA pass: named devices in several parts, one verb per part, fan speeds, rooms the
home lacks (real hub)."""

from __future__ import annotations

from collections.abc import Callable

from devices_home import Home
from services_skill_harness import SkillHarness

Make = Callable[..., SkillHarness]


def test_devices_called_by_their_own_names_are_parts_of_a_request(home: Home) -> None:
    said = home.turn("devices.on", {"device": "plug"}, text="turn on the tv plug and the coffee machine")
    assert said == "Turning on the tv plug and the coffee machine plug."
    assert home.state("plug.living_room")["power"] == home.state("plug.kitchen")["power"] == "on"
    said = home.turn("devices.off", {"device": "plug"}, text="turn off the tv plug and the coffee maker")
    assert said == "Turning off the tv plug and the coffee machine plug."
    said = home.turn(
        "devices.on", {"device": "plug", "room": "office"}, text="turn on the coffee machine and the office fan"
    )
    assert said == "Turning on the coffee machine plug and the office fan."
    said = home.turn(
        "devices.off", {"device": "plug", "room": "kitchen"}, text="turn off the tv plug and the kitchen lamp"
    )
    assert said == "The tv plug and the kitchen lamp are already off."  # both off since the lines before
    assert home.state("lamp.kitchen")["power"] == "off"


def test_each_part_of_a_request_keeps_its_own_verb(home: Home) -> None:
    home.turn("devices.off", {"device": "lamp", "room": "kitchen"}, text="turn off the kitchen lamp")
    said = home.turn(
        "devices.on",
        {"device": "lamp", "room": "kitchen"},
        text="turn off the kitchen light and turn on the bedroom light",
    )
    assert said == (
        'Turning on the bedroom lamp. I didn\'t do "turn off the kitchen light": one change at a time, please.'
    )
    assert home.state("lamp.kitchen")["power"] == "off"
    home.turn("devices.on", {"device": "lamp", "room": "office"}, text="turn on the office lamp")
    said = home.turn(
        "devices.off", {"device": "lamp", "room": "office"}, text="turn on the office lamp and turn off the office fan"
    )
    assert said == (  # the fan was never on
        'The office fan is already off. I didn\'t do "turn on the office lamp": one change at a time, please.'
    )
    assert home.state("lamp.office")["power"] == "on"
    assert home.state("fan.office")["power"] == "off"
    said = home.turn("devices.on", {"device": "lamp", "room": "kitchen"}, text="turn the kitchen lamp off and the fan")
    assert said == (
        'I didn\'t do "turn the kitchen lamp off": one change at a time, please. '
        'I didn\'t do "the fan": one change at a time, please.'
    )
    assert home.state("lamp.kitchen")["power"] == "off"


def test_a_fan_number_without_percent_is_a_speed_it_may_not_have(home: Home) -> None:
    fan = {"device": "fan", "room": "office"}
    home.turn("devices.level", {**fan, "percent": 2}, text="set the office fan to 2")
    said = home.turn("devices.level", {**fan, "percent": 4}, text="set the office fan to 4")
    assert said == "The office fan has speeds 1 to 3." and home.state("fan.office")["speed"] == 2
    said = home.turn("devices.temperature", {**fan, "temperature": {"value": 10}}, text="set the office fan to 10")
    assert said == "The office fan has speeds 1 to 3." and home.state("fan.office")["speed"] == 2
    said = home.turn("devices.level", {**fan, "percent": 40}, text="set the office fan to 40")
    assert said == "Setting the office fan to speed 2 of 3."
    said = home.turn("devices.level", {}, text="set it to speed 1")
    assert said == "Setting the office fan to speed 1 of 3." and home.state("fan.office")["speed"] == 1
    said = home.turn(
        "devices.level", {"device": "lamp", "room": "bedroom", "percent": 2}, text="set the bedroom lamp to speed 2"
    )
    assert said == "Only the fans have speeds." and home.state("lamp.bedroom")["brightness"] == 80


def test_a_part_naming_a_room_the_home_lacks_says_so(home: Home) -> None:
    rooms = "its rooms are the bathroom, the bedroom, the kitchen, the living room and the office."
    lamp = {"device": "lamp", "room": "bedroom"}
    said = home.turn("devices.on", lamp, text="turn on the bedroom light and the garage light")
    assert said == f"Turning on the bedroom lamp. There's no garage in your home; {rooms}"
    said = home.turn(
        "devices.on", {"device": "lamp", "room": "kitchen"}, text="turn on the lights in the kitchen and the garage"
    )
    assert said == f"Turning on the kitchen lamp. There's no garage in your home; {rooms}"
    said = home.turn(
        "devices.off", {"device": "lamp", "room": "kitchen"}, text="turn off the kitchen lamp and the garage door"
    )
    assert said == "Turning off the kitchen lamp. I can't control the garage door."
