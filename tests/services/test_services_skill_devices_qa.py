"""The devices skill on what a QA pass found: names, what is on, several rooms, degrees Fahrenheit (real hub)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from devices_home import Home
from services_skill_harness import SkillHarness

from assistant.config import Settings
from assistant.router.skills.handler import SkillContext
from assistant.router.skills.loading import create_handler

Make = Callable[..., SkillHarness]


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
    assert home.turn("devices.on", {}, text="turn on the tv") == "Turning on the tv plug."  # its name, less "plug"


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


def test_several_rooms_and_devices_in_one_request(home: Home) -> None:
    lamp = {"device": "lamp", "room": "kitchen"}  # the NLU reads one room and one kind; the words say more
    assert home.turn("devices.on", lamp, text="turn on the lights in the kitchen and the bedroom") == (
        "Turning on the kitchen lamp and the bedroom lamp."
    )
    assert home.state("lamp.kitchen")["power"] == home.state("lamp.bedroom")["power"] == "on"
    assert home.turn("devices.off", lamp, text="turn them off") == "Turning off the kitchen lamp and the bedroom lamp."
    assert home.state("lamp.bedroom")["power"] == "off"
    assert home.turn("devices.on", lamp, text="turn on the kitchen lamp and the office fan") == (
        "Turning on the kitchen lamp and the office fan."
    )
    assert home.state("fan.office")["power"] == "on"
    said = home.turn("devices.level", {**lamp, "percent": 30}, text="dim the kitchen and bedroom lights to 30 percent")
    assert said == "Setting the kitchen lamp and the bedroom lamp to 30 percent."
    assert home.state("lamp.bedroom")["brightness"] == 30


def test_a_part_that_cannot_be_done_is_said_not_dropped(home: Home) -> None:
    lamp = {"device": "lamp", "room": "kitchen"}
    assert home.turn("devices.on", lamp, text="turn on the kitchen lamp and the fan") == (
        "Turning on the kitchen lamp. For the fan, say which room: the bedroom or the office."
    )
    assert home.state("fan.office")["power"] == home.state("fan.bedroom")["power"] == "off"
    assert home.turn(
        "devices.on", {"device": "fan", "room": "office"}, text="turn on the fan in the office and the kitchen"
    ) == ("Turning on the office fan. There's no fan in the kitchen.")
    assert home.turn("devices.on", lamp, text="turn on the kitchen lamp and the oven") == (
        "The kitchen lamp is already on. I can't control the oven."  # on since the first line
    )
    assert home.turn(
        "devices.on", {"device": "lamp", "room": "bedroom"}, text="turn the bedroom lamp on and the fan off"
    ) == ('Turning on the bedroom lamp. I didn\'t do "the fan off": one change at a time, please.')
    assert home.state("fan.office")["power"] == "on"
    assert home.turn("devices.off", lamp, text="turn off the kitchen lamp, please") == "Turning off the kitchen lamp."


def test_turning_off_all_of_a_kind_when_one_is_on(home: Home) -> None:
    home.turn("devices.on", {"device": "lamp", "room": "office"}, text="turn on the office lamp")
    reply = home.skill.turn("devices.all_off", {"device": "lamp"}, devices=home.hub.report())
    assert reply.text == "Turn off the office lamp? It's the only lamp on."
    assert home.turn("devices.all_off", {"device": "lamp"}, confirmed=True) == "OK, I turned off the office lamp."
    home.turn("devices.on", {"device": "lamp", "room": "office"}, text="turn on the office lamp")
    reply = home.skill.turn("devices.all_off", {}, devices=home.hub.report())
    assert reply.text == "Turn off every device in the home? Only the office lamp is on right now."


def test_a_bare_number_above_celsius_is_fahrenheit_in_en_us(home: Home) -> None:
    said = home.turn(
        "devices.level", {"device": "ac", "room": "living room", "percent": 72}, text="set the living room ac to 72"
    )
    assert said == "Setting the living room air conditioner to 22 degrees Celsius (72 Fahrenheit)."
    assert home.state("ac.living_room")["target_temperature"] == 22
    said = home.turn("devices.temperature", {"room": "bedroom", "temperature": {"value": 70, "unit": None}},
                     text="set the thermostat in the bedroom to 70")  # fmt: skip
    assert said == "Setting the bedroom air conditioner to 21 degrees Celsius (70 Fahrenheit)."
    assert home.state("ac.bedroom")["target_temperature"] == 21
    said = home.turn("devices.temperature", {"room": "bedroom", "temperature": {"value": 45, "unit": None}},
                     text="set the thermostat in the bedroom to 45")  # fmt: skip
    assert said == "The air conditioners go from 16 to 30 degrees Celsius (61 to 86 Fahrenheit)."
    said = home.turn("devices.temperature", {"room": "bedroom", "temperature": {"value": 23, "unit": None}},
                     text="set the thermostat in the bedroom to 23")  # fmt: skip
    assert said == "Setting the bedroom air conditioner to 23 degrees."


def test_a_bare_number_stays_celsius_outside_en_us(home: Home, tmp_path: Path) -> None:
    skill = home.skill
    settings = Settings(data_dir=tmp_path, locale="en-GB")
    skill.handler = create_handler(SkillContext(skill.manifest, settings, skill.clock, (skill.manifest,)))
    said = home.turn("devices.temperature", {"room": "bedroom", "temperature": {"value": 72, "unit": None}},
                     text="set the thermostat in the bedroom to 72")  # fmt: skip
    assert said == "The air conditioners go from 16 to 30 degrees Celsius."
    assert home.state("ac.bedroom")["power"] == "off"


def test_half_is_fifty_percent(home: Home) -> None:
    said = home.turn(
        "devices.level", {"device": "lamp", "room": "office"}, text="set the office lamp to half brightness"
    )
    assert said == "Setting the office lamp to 50 percent." and home.state("lamp.office")["brightness"] == 50
