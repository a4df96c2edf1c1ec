"""What a new request inherits from the previous turn, judged on the built-in skills' manifests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import assistant.router.skills.builtin as builtin
from assistant.router.carry_over import carried, dangling, named_there, stands_for
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.registry import load_manifests

BUILTIN = Path(builtin.__path__[0])


@pytest.fixture(scope="module")
def manifests() -> dict[str, SkillManifest]:
    return {m.name: m for m in load_manifests([BUILTIN])}


def _carried(
    manifests: dict[str, SkillManifest],
    name: str,
    said: dict[str, Any],
    text: str,
    before: str,
    previous: dict[str, Any],
) -> dict[str, Any]:
    manifest = manifests[name.split(".")[0]]
    return carried(manifest, manifest.intent(name), said, text, previous, manifest.intent(before))


def test_a_pronoun_stands_for_the_slots_its_examples_leave_out(manifests: dict[str, SkillManifest]) -> None:
    devices, weather, music = manifests["devices"], manifests["weather"], manifests["music"]
    assert stands_for(devices, devices.intent("devices.off"), "it") == {"room", "device"}
    assert stands_for(devices, devices.intent("devices.level"), "it") == {"room", "device"}
    assert stands_for(weather, weather.intent("weather.rain"), "it") == set()  # "will it rain in {city}"
    assert stands_for(music, music.intent("music.volume"), "it") == set()  # "turn (it|the volume) up"
    lists = manifests["lists"]
    assert stands_for(lists, lists.intent("lists.remove"), "it") == {"item", "list"}  # no example: the things


@pytest.mark.parametrize(
    ("name", "said", "text", "before", "previous", "expected"),
    [
        ("devices.off", {}, "turn it off", "devices.on", {"room": "kitchen", "device": "lamp"}, "all"),
        (
            "devices.color",
            {"color": "blue"},
            "make it blue",
            "devices.on",
            {"room": "kitchen", "device": "lamp"},
            "all",
        ),
        ("weather.rain", {}, "will it rain", "weather.forecast", {"city": "Paris", "date": "2024-03-16"}, "all"),
        ("lists.remove", {}, "remove it", "lists.add", {"item": "eggs", "list": "shopping"}, "all"),
        (
            "lists.read",
            {},
            "what's on my list",
            "lists.add",
            {"item": "eggs", "list": "shopping"},
            {"list": "shopping"},
        ),
    ],
)
def test_real_followups_inherit(
    manifests: dict[str, SkillManifest],
    name: str,
    said: dict[str, Any],
    text: str,
    before: str,
    previous: dict[str, Any],
    expected: Any,
) -> None:
    assert _carried(manifests, name, said, text, before, previous) == (previous if expected == "all" else expected)


@pytest.mark.parametrize(
    ("name", "said", "text", "before", "previous"),
    [
        ("timers.set", {"duration": 90}, "start a timer for 90 seconds", "timers.set", {"timer_name": "tea"}),
        ("lists.read", {"list": "shopping"}, "what's on my shopping list", "lists.read", {"item": "eggs"}),
        ("music.volume", {"volume_change": "louder"}, "louder please", "music.volume", {"volume": 40}),
        ("music.volume", {}, "turn it up", "music.volume", {"volume": 40}),
        ("calls.call", {}, "call", "calls.call", {"contact": "Alex"}),
        ("weather.rain", {"city": "London"}, "is it raining in London", "weather.forecast", {"date": "2024-03-16"}),
        ("devices.on", {"device": "fan"}, "turn on the fan", "devices.on", {"room": "kitchen"}),
        ("devices.all_off", {}, "turn off everything", "devices.on", {"device": "lamp"}),
    ],
)
def test_complete_requests_inherit_nothing(
    manifests: dict[str, SkillManifest],
    name: str,
    said: dict[str, Any],
    text: str,
    before: str,
    previous: dict[str, Any],
) -> None:
    assert _carried(manifests, name, said, text, before, previous) == {}


def test_a_kept_slot_stays_for_any_later_request_of_the_skill_that_leaves_it_unsaid(
    manifests: dict[str, SkillManifest],
) -> None:
    paris = {"city": "Paris", "date": "2024-03-15"}
    tomorrow = {"date": "2024-03-16"}
    assert _carried(manifests, "weather.forecast", tomorrow, "weather tomorrow", "weather.forecast", paris) == {
        "city": "Paris"
    }
    assert _carried(manifests, "weather.rain", tomorrow, "will it rain tomorrow", "weather.forecast", paris) == {
        "city": "Paris"
    }
    london = {"city": "London"}
    assert _carried(manifests, "weather.rain", london, "will it rain in London", "weather.forecast", paris) == {}


def test_a_pronoun_dangles_when_it_stands_for_something_the_skill_would_have_to_ask(
    manifests: dict[str, SkillManifest],
) -> None:
    devices, music = manifests["devices"], manifests["music"]
    adjust = devices.intent("devices.adjust")
    assert dangling(devices, adjust, {"direction": "down"}, "turn it down")
    assert not dangling(devices, adjust, {"direction": "down", "device": "lamp"}, "turn the lamp down")
    assert not dangling(devices, adjust, {"direction": "down"}, "a bit down please")  # no pronoun
    assert not dangling(music, music.intent("music.volume"), {}, "turn it up")  # "it" is the volume itself


def _there(manifests: dict[str, SkillManifest], name: str, text: str, before: str, previous: dict[str, Any]) -> Any:
    manifest = manifests[name.split(".")[0]]
    return named_there(manifest, manifest.intent(name), {}, text, manifests[before], previous)


def test_there_carries_a_place_across_skills_by_its_type(manifests: dict[str, SkillManifest]) -> None:
    paris = {"city": "Paris", "date": "2024-03-15"}
    assert _there(manifests, "datetime.time", "what time is it there", "weather", paris) == {"city": "Paris"}
    assert _there(manifests, "weather.rain", "is it raining over there", "datetime", {"city": "Tokyo"}) == {
        "city": "Tokyo"
    }


def test_there_carries_nothing_without_the_word_or_when_it_only_says_something_exists(
    manifests: dict[str, SkillManifest],
) -> None:
    paris = {"city": "Paris"}
    assert _there(manifests, "datetime.time", "what time is it", "weather", paris) == {}
    assert _there(manifests, "weather.rain", "is there rain tomorrow", "datetime", paris) == {}
    assert _there(manifests, "weather.rain", "there's rain coming, right", "datetime", paris) == {}
    assert _there(manifests, "timers.list", "are there any timers there", "weather", paris) == {}


def test_there_carries_no_dates_and_never_over_a_place_said(manifests: dict[str, SkillManifest]) -> None:
    before = {"city": "Paris", "date": "2024-03-16"}
    weather = manifests["weather"]
    said = {"city": "Rome"}
    assert named_there(weather, weather.intent("weather.rain"), said, "rain there in rome", weather, before) == {}
    assert _there(manifests, "datetime.time", "what time is it there", "weather", before) == {"city": "Paris"}
