"""The devices skill, third pass: temperatures changed by some degrees, plural back-references, fan speeds said as
words, oscillation, and the temperature of a room (real hub: every command the skill sends must be one it accepts)."""

from __future__ import annotations

from typing import Any

import pytest
from devices_home import Home

from assistant.router.skills.builtin.devices import degrees as steps


def seed(home: Home, device: str, **state: Any) -> None:
    home.hub.handle_action("mihome.control", {"commands": [{"device": device, "set": state}]})


def degrees(value: float, unit: str | None = None) -> dict[str, Any]:
    return {"value": value, "unit": unit}


# --- relative temperatures -----------------------------------------------------------------------------------


def test_a_temperature_goes_up_or_down_by_the_degrees_said_and_the_reply_says_where(home: Home) -> None:
    bedroom = {"room": "bedroom", "device": "ac"}
    said = home.turn(
        "devices.temperature_step", {**bedroom, "temperature": degrees(2)}, text="raise the bedroom ac by 2 degrees"
    )
    assert said == "Raising the bedroom air conditioner to 26 degrees."  # from 24
    assert home.state("ac.bedroom").items() >= {"power": "on", "target_temperature": 26}.items()
    said = home.turn("devices.temperature_step", {"temperature": degrees(2)}, text="make it 2 degrees cooler")
    assert said == "Lowering the bedroom air conditioner to 24 degrees."
    # "by 3" read from the words when the NLU tagged no number
    said = home.turn("devices.temperature_step", bedroom, text="lower the bedroom ac by 3")
    assert said == "Lowering the bedroom air conditioner to 21 degrees."
    # a step the engine read as a setting ("turn the ac down 2 degrees" is not "set it to 2")
    said = home.turn("devices.temperature", {**bedroom, "temperature": degrees(2)}, text="turn the bedroom ac down 2")
    assert said == "Lowering the bedroom air conditioner to 19 degrees."
    assert home.state("ac.living_room")["target_temperature"] == 24


def test_a_step_stops_at_the_range_of_the_air_conditioner(home: Home) -> None:
    seed(home, "ac.bedroom", power="on", target_temperature=29)
    bedroom = {"room": "bedroom", "device": "ac"}
    said = home.turn("devices.temperature_step", {**bedroom, "temperature": degrees(3)}, text="raise it by 3 degrees")
    assert said == "Raising the bedroom air conditioner to 30 degrees, the highest it goes."
    said = home.turn("devices.temperature_step", {**bedroom, "temperature": degrees(1)}, text="raise it by 1 degree")
    assert said == "The bedroom air conditioner is already at 30 degrees, the highest it goes."
    said = home.turn("devices.temperature_step", {**bedroom, "temperature": degrees(50)}, text="lower it by 50")
    assert said == "The air conditioners go from 16 to 30 degrees Celsius."
    assert home.state("ac.bedroom")["target_temperature"] == 30
    # a step in Fahrenheit is a difference: 5 °F is 3 °C, with no 32 to take off
    said = home.turn(
        "devices.temperature_step",
        {**bedroom, "temperature": degrees(5, "fahrenheit")},
        text="lower the bedroom temperature by 5 degrees fahrenheit",
    )
    assert said == "Lowering the bedroom air conditioner to 27 degrees."


def test_up_to_a_number_is_a_setting_kept_through_the_question_which_room(home: Home) -> None:
    said = home.turn("devices.adjust", {"device": "ac", "direction": "up"}, text="turn the ac up to 25")
    assert said == "Which room: the living room or the bedroom?"
    said = home.turn("devices.adjust", {"device": "ac", "direction": "up", "room": "bedroom"}, text="the bedroom")
    assert said == "Setting the bedroom air conditioner to 25 degrees."  # not one degree up
    # a later question starts afresh: "it's too cold" -> "the living room" is one degree, not the old 25
    home.turn("devices.adjust", {}, text="it's too cold")
    said = home.turn("devices.adjust", {"direction": "warmer", "room": "living_room"}, text="the living room")
    assert said == "Making the living room air conditioner warmer."
    assert home.state("ac.living_room")["target_temperature"] == 25


def test_degrees_are_only_for_the_air_conditioners(home: Home) -> None:
    lamp = {"room": "kitchen", "device": "lamp"}
    said = home.turn(
        "devices.temperature_step", {**lamp, "temperature": degrees(2)}, text="raise the kitchen lamp by 2"
    )
    assert said == "Only the air conditioners go up or down by degrees."
    assert home.state("lamp.kitchen")["power"] == "off"


STEPS = [  # the words (the NLU tagged no number), the step in degrees Celsius
    ("lower the bedroom ac by 3", -3),
    ("raise it by 5 degrees fahrenheit", 3),  # a difference: 5 * 5 / 9, no 32 to take off
    ("lower it by a couple of degrees", -2),
    ("turn it down by one", -1),
    ("turn up the lamp by 20 percent", None),  # a level, not degrees
    ("raise the temperature", None),  # no number: the skill takes one degree
    ("set it to 22", None),  # no way up or down
]


@pytest.mark.parametrize(("text", "degrees"), STEPS, ids=[row[0] for row in STEPS])
def test_the_step_is_read_from_the_words(text: str, degrees: int | None) -> None:
    assert steps.step(text, None) == degrees


def test_a_number_after_to_is_a_setting_not_a_step() -> None:
    assert steps.setting_in("turn the ac up to 25") == 25
    assert steps.setting_in("turn the temperature down to twenty two") == 22
    assert steps.setting_in("I want to raise the temperature by 2") is None
    assert not steps.is_step("turn the ac up to 25") and steps.is_step("turn the ac up 2 degrees")


def test_a_lamp_up_by_percent_is_no_temperature(home: Home) -> None:
    lamp = {"room": "bedroom", "device": "lamp", "direction": "up"}
    home.turn("devices.level", {"room": "bedroom", "device": "lamp", "percent": 50}, text="set the bedroom lamp to 50%")
    said = home.turn("devices.adjust", lamp, text="turn up the bedroom lamp by 20 percent")
    assert said == "Turning the bedroom lamp up." and home.state("lamp.bedroom")["brightness"] == 70


# --- plural back-references ----------------------------------------------------------------------------------


def test_them_after_two_air_conditioners_is_both(home: Home) -> None:
    home.turn("devices.on", {"device": "ac", "room": "bedroom"}, text="turn on the bedroom and living room ac")
    said = home.turn(
        "devices.temperature", {"device": "ac", "room": "bedroom", "temperature": degrees(22)}, text="set them to 22"
    )
    assert said == "Setting the living room air conditioner and the bedroom air conditioner to 22 degrees."
    assert home.state("ac.living_room")["target_temperature"] == home.state("ac.bedroom")["target_temperature"] == 22
    said = home.turn("devices.temperature_step", {"temperature": degrees(2)}, text="make them 2 degrees warmer")
    assert said == "Raising the living room air conditioner and the bedroom air conditioner to 24 degrees."
    said = home.turn("devices.temperature", {"temperature": degrees(20)}, text="set both of them to 20")
    assert said.endswith("to 20 degrees.") and home.state("ac.living_room")["target_temperature"] == 20
    said = home.turn("devices.off", {"device": "ac", "room": "bedroom"}, text="turn them both off")
    assert said == "Turning off the living room air conditioner and the bedroom air conditioner."
    assert home.state("ac.living_room")["power"] == "off"


# --- fan speeds said as words --------------------------------------------------------------------------------


def test_speed_up_and_slow_down_step_through_the_fan_speeds(home: Home) -> None:
    seed(home, "fan.office", power="on", speed=1)
    office = {"room": "office", "device": "fan"}
    said = home.turn("devices.fan_speed", {**office, "direction": "up"}, text="speed up the office fan")
    assert said == "Speeding up the office fan to speed 2 of 3."
    home.turn("devices.fan_speed", {"direction": "up"}, text="speed it up")
    said = home.turn("devices.fan_speed", {"direction": "up"}, text="speed it up")
    assert said == "The office fan is already at its top speed, 3." and home.state("fan.office")["speed"] == 3
    said = home.turn("devices.fan_speed", {**office, "direction": "down"}, text="slow down the office fan")
    assert said == "Slowing down the office fan to speed 2 of 3."
    said = home.turn("devices.adjust", {**office, "direction": "faster"}, text="make the office fan faster")
    assert said == "Speeding up the office fan to speed 3 of 3."
    # an off fan is switched on at its new speed, and the reply says so
    said = home.turn(
        "devices.fan_speed", {"room": "bedroom", "device": "fan", "direction": "up"}, text="speed up the bedroom fan"
    )
    assert said == "Turning on the bedroom fan at speed 2 of 3."


def test_high_low_and_max_speed_are_fan_speeds(home: Home) -> None:
    office = {"room": "office", "device": "fan"}
    said = home.turn("devices.fan_speed", {**office, "percent": 100}, text="office fan on high")
    assert said == "Setting the office fan to speed 3 of 3." and home.state("fan.office")["speed"] == 3
    said = home.turn("devices.fan_speed", {**office, "percent": 30}, text="office fan on low")
    assert said == "Setting the office fan to speed 1 of 3."
    said = home.turn("devices.fan_speed", {}, text="max speed")  # the fan of the last turn
    assert said == "Setting the office fan to speed 3 of 3."
    said = home.turn("devices.fan_speed", {**office}, text="set the office fan to the lowest speed")
    assert said == "Setting the office fan to speed 1 of 3." and home.state("fan.office")["speed"] == 1
    # with no fan before, "max speed" asks which fan, never the lamp of the last turn
    home.turn("devices.on", {"room": "kitchen", "device": "lamp"}, text="turn on the kitchen lamp")
    assert home.turn("devices.fan_speed", {}, text="max speed") == "Which room: the office or the bedroom?"
    assert home.state("lamp.kitchen")["brightness"] == 80


def test_speeds_are_only_the_fans(home: Home) -> None:
    said = home.turn(
        "devices.fan_speed", {"room": "bedroom", "device": "ac", "direction": "up"}, text="speed up the bedroom ac"
    )
    assert said == "Only the fans have speeds."
    assert home.state("ac.bedroom") == {"power": "off", "mode": "cool", "target_temperature": 24, "fan_speed": "auto"}
    said = home.turn("devices.level", {"room": "bedroom", "device": "lamp"}, text="set the bedroom lamp to max speed")
    assert said == "Only the fans have speeds." and home.state("lamp.bedroom")["power"] == "off"


# --- oscillation ---------------------------------------------------------------------------------------------


def test_a_fan_oscillates_and_stops(home: Home) -> None:
    home.turn("devices.on", {"room": "office", "device": "fan"}, text="turn on the office fan")
    said = home.turn("devices.oscillate", {}, text="turn on oscillation")
    assert said == "Turning on oscillation for the office fan."
    assert home.state("fan.office")["oscillate"] is True  # the hub took the flag
    said = home.turn("devices.oscillate", {}, text="make it oscillate")
    assert said == "The office fan is already oscillating."
    # the engine may read "stop the fan oscillating" as stopping the fan: it only stops the swing
    said = home.turn("devices.off", {"room": "office", "device": "fan"}, text="stop the office fan oscillating")
    assert said == "Turning off oscillation for the office fan."
    assert home.state("fan.office").items() >= {"power": "on", "oscillate": False}.items()
    said = home.turn("devices.oscillate", {}, text="turn off swing")
    assert said == "The office fan is not oscillating."


def test_oscillating_switches_an_off_fan_on_and_the_answer_to_which_room_keeps_on_or_off(home: Home) -> None:
    assert (
        home.turn("devices.oscillate", {"device": "fan"}, text="make the fan oscillate")
        == "Which room: the office or the bedroom?"
    )
    said = home.turn("devices.oscillate", {"device": "fan", "room": "bedroom"}, text="the bedroom")
    assert said == "Turning on oscillation for the bedroom fan."
    assert home.state("fan.bedroom").items() >= {"power": "on", "oscillate": True}.items()
    seed(home, "fan.office", oscillate=True)
    home.turn("devices.on", {"room": "kitchen", "device": "lamp"}, text="turn on the kitchen lamp")
    assert (
        home.turn("devices.oscillate", {}, text="turn off the oscillation on the fan")
        == "Which room: the office or the bedroom?"
    )
    said = home.turn("devices.oscillate", {"room": "office"}, text="the office")
    assert said == "Turning off oscillation for the office fan."
    assert home.state("fan.office")["oscillate"] is False and home.state("fan.bedroom")["oscillate"] is True


def test_a_request_of_several_parts_oscillates_the_fans_its_own_words_name(home: Home) -> None:
    said = home.turn(
        "devices.on", {"room": "office", "device": "fan"}, text="turn on the office fan and make it oscillate"
    )
    assert said == "Turning on oscillation for the office fan."  # oscillating switches it on: both parts done
    assert home.state("fan.office").items() >= {"power": "on", "oscillate": True}.items()
    seed(home, "fan.bedroom", power="on")
    said = home.turn(
        "devices.oscillate",
        {"room": "bedroom", "device": "fan"},  # the engine's slots come from the other part
        text="turn off the bedroom fan and stop the fan in the office oscillating",
    )
    assert said == (
        'Turning off oscillation for the office fan. I didn\'t do "turn off the bedroom fan": one change at a time, '
        "please."
    )
    assert home.state("fan.office")["oscillate"] is False and home.state("fan.bedroom")["power"] == "on"


def test_only_the_fans_oscillate(home: Home) -> None:
    said = home.turn("devices.oscillate", {"device": "ac", "room": "bedroom"}, text="turn on the bedroom ac swing")
    assert said == "Only the fans can oscillate."
    assert home.state("ac.bedroom")["power"] == "off"


# --- the temperature of a room -------------------------------------------------------------------------------


def test_the_temperature_of_a_room_is_its_air_conditioners_setting_said_as_one(home: Home) -> None:
    said = home.turn("devices.room_temperature", {"room": "bedroom"}, text="what's the temperature in the bedroom")
    assert said == (
        "There's no temperature sensor in the bedroom, but the bedroom air conditioner is set to 24 degrees and is off."
    )
    said = home.turn("devices.temperature", {"temperature": degrees(21)}, text="set it to 21")
    assert said == "Setting the bedroom air conditioner to 21 degrees."  # "it": the room's air conditioner
    said = home.turn("devices.status", {"room": "living_room"}, text="how warm is it in the living room")
    assert "living room air conditioner is set to 24 degrees and is off" in said
    said = home.turn("devices.room_temperature", {"room": "bedroom"}, text="what is the bedroom temperature")
    assert said.endswith("is set to 21 degrees and is on, in cool mode.")
    said = home.turn("devices.room_temperature", {"room": "kitchen"}, text="what's the temperature in the kitchen")
    assert said == "There's no temperature sensor or air conditioner in the kitchen, so I can't tell."


def test_a_temperature_question_without_a_room_of_the_home_names_no_device(home: Home) -> None:
    # a room carried over from before, or a city the engine misread, is not a room the words name
    said = home.turn("devices.room_temperature", {"room": "bedroom"}, text="what's the temperature in Paris")
    assert said == "I can say what the air conditioners are set to: ask about a room, like the bedroom."
    said = home.turn("devices.room_temperature", {"room": "bedroom"}, text="how hot is the bedroom lamp")
    assert said == "I can only say what the air conditioners are set to."


# --- requests of several parts -------------------------------------------------------------------------------


def test_turn_on_beside_a_change_that_switches_on_is_done_and_it_is_the_device_just_named(home: Home) -> None:
    home.turn("devices.on", {"room": "kitchen", "device": "lamp"}, text="turn on the kitchen lamp")
    said = home.turn(
        "devices.fan_speed",
        {"room": "bedroom", "device": "fan", "direction": "up"},
        text="turn on the bedroom fan and speed it up",
    )
    assert said == "Turning on the bedroom fan at speed 2 of 3."  # "it": the bedroom fan, not the kitchen lamp
    said = home.turn(
        "devices.level",
        {"room": "office", "device": "lamp", "percent": 30},
        text="turn on the office lamp and set it to 30 percent",
    )
    assert said == "Setting the office lamp to 30 percent."
    assert home.state("lamp.office").items() >= {"power": "on", "brightness": 30}.items()
    assert home.state("lamp.kitchen")["brightness"] == 80


def test_an_off_part_beside_a_change_that_switches_on_is_said_back(home: Home) -> None:
    home.turn("devices.on", {"room": "office", "device": "lamp"}, text="turn on the office lamp")
    said = home.turn(
        "devices.level",
        {"room": "office", "device": "lamp", "percent": 20},
        text="turn off the office lamp and set the bedroom lamp to 20 percent",
    )
    assert said == (
        'Setting the bedroom lamp to 20 percent. I didn\'t do "turn off the office lamp": one change at a time, please.'
    )
    assert home.state("lamp.office").items() >= {"power": "on", "brightness": 80}.items()


# --- requests that only sound like these: no question, no change -----------------------------------------------

REFUSED = [
    ("devices.fan_speed", {"direction": "up"}, "speed up the timer", "I can change the speed of the fans only."),
    ("devices.fan_speed", {"direction": "down"}, "slow down the music", "I can change the speed of the fans only."),
    ("devices.adjust", {"direction": "down"}, "slow down the music", "I can change the speed of the fans only."),
    ("devices.fan_speed", {}, "max", "Say speed up or slow down the fan, or a speed from 1 to 3."),
    (
        "devices.temperature_step",
        {"direction": "warmer", "temperature": {"value": 2, "unit": None}},
        "will it be 2 degrees warmer tomorrow",
        "That sounds like a forecast: ask me the weather in a city. Here I change the air conditioners.",
    ),
    (
        "devices.temperature_step",
        {"temperature": {"value": 20, "unit": None}},
        "raise the temperature of the oven by 20 degrees",
        "I can't control the oven: your Mi Home has lamps, plugs, air conditioners, fans, a robot vacuum and curtains.",
    ),
]


@pytest.mark.parametrize(("intent", "slots", "text", "reply"), REFUSED, ids=[row[2] for row in REFUSED])
def test_requests_about_something_else_are_refused_without_a_question(
    home: Home, intent: str, slots: dict[str, Any], text: str, reply: str
) -> None:
    before = home.hub.report()
    assert home.turn(intent, slots, text=text) == reply
    assert home.hub.report() == before


def test_a_percent_said_in_the_words_serves_when_the_slot_holds_no_number(home: Home) -> None:
    seed(home, "lamp.bedroom", power="off", brightness=80)
    said = home.turn(
        "devices.level",
        {"room": "bedroom", "device": "lamp", "percent": "and"},  # as Rasa's tagger read a two-part request
        text="set the bedroom lamp to 20 percent",
    )
    assert said == "Setting the bedroom lamp to 20 percent."
    assert home.state("lamp.bedroom")["brightness"] == 20
