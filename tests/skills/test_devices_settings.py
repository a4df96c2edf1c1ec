"""The devices skill's settings, for what a QA pass found wrong: "turn it down" switched an off lamp back on, "turn
it all the way up" had no lamp meaning, a corrected AC setting left the first AC on, a bare "cool" opened an AC
question, fans and ACs were asked which room for a colour or a dimming they cannot have, the fan's speed could not
be asked or set without naming the fan, and a switch to what already was said nothing of it."""

from __future__ import annotations

import pytest
from test_devices_more import Home, home, room

from assistant.router.skills.builtin.devices import words as w

__all__ = ["home"]  # the fixture, shared with test_devices_more


def degrees(value: float) -> dict[str, object]:
    return {"value": value, "unit": None}


# --- A3, A4: down from off, all the way ------------------------------------------------------------------------


def test_turn_it_down_right_after_turning_it_off_leaves_it_off(home: Home) -> None:
    home.set("lamp.kitchen", power="on")
    home.turn("devices.off", room("kitchen"), "turn off the kitchen light")
    assert home.turn("devices.adjust", {"direction": "down"}, "turn it down") == (
        "The kitchen lamp is off, so I left it off."
    )
    assert home.state("lamp.kitchen")["power"] == "off" and home.state("lamp.kitchen")["brightness"] == 80


def test_a_named_lamp_that_is_off_is_still_dimmed_on(home: Home) -> None:
    said = home.turn("devices.level", room("bedroom"), "dim the bedroom lights")
    assert said == "Making the bedroom lamp dimmer." and home.state("lamp.bedroom")["power"] == "on"


def test_all_the_way_up_is_full_brightness_and_down_the_lowest(home: Home) -> None:
    home.turn("devices.on", room("office"), "turn on the office lamp")
    home.turn("devices.adjust", {"direction": "dimmer"}, "make it dimmer")
    assert home.turn("devices.adjust", {"direction": "up"}, "turn it all the way up") == (
        "Turning the office lamp all the way up."
    )
    assert home.state("lamp.office")["brightness"] == 100
    home.turn("devices.adjust", {"direction": "down"}, "turn it all the way down")
    assert home.state("lamp.office")["brightness"] == 1 and home.state("lamp.office")["power"] == "on"


def test_all_the_way_up_for_a_fan_is_its_top_speed_and_for_an_ac_a_question_of_degrees(home: Home) -> None:
    home.turn("devices.on", room("office", "fan"), "turn on the office fan")
    home.turn("devices.adjust", {"direction": "up"}, "turn it all the way up")
    assert home.state("fan.office")["speed"] == 3
    home.turn("devices.on", room("bedroom", "ac"), "turn on the bedroom ac")
    said = home.turn("devices.adjust", {"direction": "up"}, "turn it all the way up")
    assert said == "Say a temperature for the air conditioner, from 16 to 30 degrees."
    assert home.state("ac.bedroom")["target_temperature"] == 24


def test_by_some_percent_is_a_step_from_the_level_not_that_level(home: Home) -> None:
    home.turn("devices.on", room("bedroom"), "turn on the bedroom light")
    said = home.turn("devices.level", {"device": "lamp", "percent": 10}, "brighten the lights by 10 percent")
    assert (
        said == "Turning the bedroom lamp up by 10 percent, to 90." and home.state("lamp.bedroom")["brightness"] == 90
    )
    home.turn("devices.level", {"device": "lamp", "percent": 30}, "dim it by 30 percent")
    assert home.state("lamp.bedroom")["brightness"] == 60
    home.turn("devices.off", {"device": "lamp"}, "turn it off")
    assert home.turn("devices.level", {"device": "lamp", "percent": 10}, "dim it by 10%") == (
        "The bedroom lamp is off, so I left it off."
    )
    assert home.state("lamp.bedroom")["power"] == "off"


# --- A18, B15: corrections -------------------------------------------------------------------------------------


def test_a_corrected_ac_setting_puts_the_first_ac_back(home: Home) -> None:
    home.turn("devices.temperature", {**room("bedroom", "ac"), "temperature": degrees(22)}, "set the bedroom ac to 22")
    said = home.turn(
        "devices.temperature",
        {**room("living_room", "ac"), "temperature": degrees(22)},
        "no, I meant the living room",
        corrects={**room("bedroom", "ac"), "temperature": degrees(22)},
    )
    assert (
        said
        == "Setting the living room air conditioner to 22 degrees. I put the bedroom air conditioner back as it was."
    )
    assert home.state("ac.bedroom")["power"] == "off" and home.state("ac.bedroom")["target_temperature"] == 24
    assert home.state("ac.living_room")["power"] == "on"


def test_a_corrected_mode_and_level_put_the_first_device_back(home: Home) -> None:
    home.turn("devices.mode", {**room("bedroom", "ac"), "ac_mode": "heat"}, "set the bedroom ac to heat mode")
    home.turn(
        "devices.mode", {**room("living_room", "ac"), "ac_mode": "heat"}, "no, the living room",
        corrects={**room("bedroom", "ac"), "ac_mode": "heat"},
    )  # fmt: skip
    assert home.state("ac.bedroom")["mode"] == "cool" and home.state("ac.bedroom")["power"] == "off"
    home.turn("devices.level", {**room("kitchen"), "percent": 30}, "set the kitchen lamp to 30 percent")
    home.turn(
        "devices.level", {**room("office"), "percent": 30}, "no, I meant the office",
        corrects={**room("kitchen"), "percent": 30},
    )  # fmt: skip
    assert home.state("lamp.kitchen")["power"] == "off" and home.state("lamp.kitchen")["brightness"] == 80
    assert home.state("lamp.office")["brightness"] == 30


def test_a_correction_to_a_device_already_so_says_it(home: Home) -> None:
    home.set("lamp.kitchen", power="on")
    home.turn("devices.off", {"device": "lamp"}, "turn off the lights")
    said = home.turn("devices.off", room("office"), "no, I meant the office", corrects={"device": "lamp"})
    assert said == "The office lamp is already off. I put the kitchen lamp back as it was."
    assert home.on() == {"lamp.kitchen"}


def test_switching_on_what_is_on_says_it_is(home: Home) -> None:
    home.turn("devices.on", room("kitchen"), "turn on the kitchen light")
    assert home.turn("devices.on", room("kitchen"), "turn on the kitchen light") == "The kitchen lamp is already on."


# --- B8, B10: what a kind does not have -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["cool", "oh cool", "that's so cool"])
def test_a_bare_cool_is_an_acknowledgement(home: Home, text: str) -> None:
    assert home.turn("devices.mode", {"ac_mode": "cool"}, text) == "Okay." and home.asked is None
    assert home.on() == set()


def test_cool_answering_which_mode_is_the_mode(home: Home) -> None:
    assert home.turn("devices.mode", room("bedroom", "ac"), "set the bedroom ac mode").startswith("Which mode")
    said = home.turn("devices.mode", {**room("bedroom", "ac"), "ac_mode": "cool"}, "cool")
    assert said == "Switching the bedroom air conditioner to cool mode."


@pytest.mark.parametrize(
    ("intent", "slots", "text", "reply"),
    [
        ("devices.color", {"device": "fan", "color": "red"}, "make the fan red",
         "Fans have no colour; only the lamps can change colour."),
        ("devices.level", {"device": "ac", "direction": "dimmer"}, "dim the ac",
         "Air conditioners don't dim or brighten; only the lamps do."),
        ("devices.mode", {"device": "fan", "ac_mode": "cool"}, "put the fan on cool mode",
         "Only the air conditioners have modes."),
    ],
)  # fmt: skip
def test_a_setting_a_kind_lacks_is_refused_without_asking_which_room(
    home: Home, intent: str, slots: dict[str, str], text: str, reply: str
) -> None:
    assert home.turn(intent, slots, text) == reply and home.asked is None


def test_a_fan_number_with_two_fans_asks_which_room_then_sets_the_speed(home: Home) -> None:
    said = home.turn("devices.temperature", {"device": "fan", "temperature": degrees(3)}, "set the fan to 3")
    assert said == "Which room: the office or the bedroom?" and home.asked == "room"
    said = home.turn("devices.temperature", {**room("office", "fan"), "temperature": degrees(3)}, "the office")
    assert said == "Setting the office fan to speed 3 of 3." and home.state("fan.office")["speed"] == 3


def test_the_fan_speed_is_asked_and_set_after_the_fan(home: Home) -> None:
    home.turn("devices.on", room("office", "fan"), "turn on the office fan")
    home.set("fan.office", speed=2)
    assert home.turn("devices.fan_speed", {"device": "fan"}, "what's the fan speed") == (
        "The office fan is on at speed 2."
    )
    assert (
        home.turn("devices.level", {"percent": 30}, "set the speed to low") == "Setting the office fan to speed 1 of 3."
    )
    assert home.state("fan.office")["speed"] == 1


@pytest.mark.parametrize(
    ("text", "later"),
    [("will it be 2 degrees warmer tomorrow", False), ("turn on the fan at 7:30", True), ("set it to 22", False)],
)
def test_a_question_about_later_is_no_delayed_request(text: str, later: bool) -> None:
    assert w.delayed(text) is later


def test_are_the_lights_on_still_names_every_lamp(home: Home) -> None:
    home.turn("devices.on", room("kitchen"), "turn on the kitchen light")
    said = home.turn("devices.status", {"device": "lamp"}, "are the lights on")
    assert "The kitchen lamp is on" in said and "The bedroom lamp is off." in said
