"""The simulated Mi-Home hub: a default home on first start, validated all-or-nothing commands, persisted state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import DeviceError
from assistant.speaker.mihome.devices import KINDS
from assistant.speaker.mihome.home import DEFAULT_HOME, DevicePlan
from assistant.speaker.mihome.hub import MiHomeHub


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[MiHomeHub]:
    opened = MiHomeHub.in_dir(tmp_path)
    yield opened
    opened.close()


def test_first_start_creates_a_home_of_several_rooms_with_every_kind(hub: MiHomeHub) -> None:
    report = hub.report()
    assert len(report) == len(DEFAULT_HOME)
    assert {d["kind"] for d in report} == set(KINDS)
    assert len({d["room"] for d in report}) >= 4
    kitchen = next(d for d in report if d["id"] == "lamp.kitchen")
    assert kitchen == {
        "id": "lamp.kitchen",
        "kind": "lamp",
        "room": "kitchen",
        "name": "kitchen lamp",
        "state": {"power": "off", "brightness": 80, "color_temperature": 4000, "color": "white"},
    }


def test_apply_returns_the_changes_and_they_persist(tmp_path: Path, hub: MiHomeHub) -> None:
    changes = hub.apply(
        [
            {"device": "lamp.kitchen", "set": {"power": "on", "brightness": 80, "color": "warm_white"}},
            {"device": "ac.living_room", "set": {"power": "on", "target_temperature": 22, "mode": "cool"}},
        ]
    )
    assert [c.to_dict() for c in changes] == [
        {"device": "lamp.kitchen", "property": "power", "old": "off", "new": "on"},
        {"device": "lamp.kitchen", "property": "color", "old": "white", "new": "warm_white"},
        {"device": "ac.living_room", "property": "power", "old": "off", "new": "on"},
        {"device": "ac.living_room", "property": "target_temperature", "old": 24, "new": 22},
    ]
    again = MiHomeHub.in_dir(tmp_path)
    try:
        lamp = again.device("lamp.kitchen")
        assert lamp is not None and lamp.state["color"] == "warm_white" and lamp.state["power"] == "on"
        assert len(again.devices()) == len(DEFAULT_HOME)  # not created twice
    finally:
        again.close()


@pytest.mark.parametrize(
    ("commands", "message"),
    [
        ([{"device": "lamp.garage", "set": {"power": "on"}}], "no device 'lamp.garage' in this home"),
        ([{"device": "lamp.kitchen", "set": {"volume": 3}}], "a lamp has no property 'volume'"),
        ([{"device": "lamp.kitchen", "set": {"brightness": 140}}], "from 1 to 100 percent"),
        ([{"device": "lamp.kitchen", "set": {"brightness": 50.5}}], "cannot be 50.5"),
        ([{"device": "lamp.kitchen", "set": {"power": True}}], "must be one of on, off"),
        ([{"device": "lamp.kitchen", "set": {"color": "plaid"}}], "one of warm_white"),
        ([{"device": "fan.office", "set": {"oscillate": "yes"}}], "true or false"),
        ([{"device": "vacuum.living_room", "set": {"battery": 100}}], "read-only"),
        ([{"device": "ac.bedroom", "set": {"target_temperature": 40}}], "from 16 to 30 degrees Celsius"),
        ([{"device": "lamp.kitchen", "set": {}}], "non-empty object"),
        ([{"device": "lamp.kitchen", "to": {"power": "on"}}], "unknown key 'to'"),
        (["lamp.kitchen on"], "must be an object"),
        ("lamp.kitchen", "must be a list"),
    ],
)
def test_invalid_commands_are_refused_with_one_clear_line(hub: MiHomeHub, commands: object, message: str) -> None:
    with pytest.raises(DeviceError, match=message) as caught:
        hub.apply(commands)
    assert "\n" not in str(caught.value)


def test_one_bad_command_applies_nothing(hub: MiHomeHub) -> None:
    before = hub.report()
    with pytest.raises(DeviceError, match="command 2"):
        hub.apply(
            [
                {"device": "lamp.kitchen", "set": {"power": "on"}},
                {"device": "curtains.bedroom", "set": {"position": -5}},
            ]
        )
    assert hub.report() == before


def test_vacuum_simulation_and_handle_action(hub: MiHomeHub) -> None:
    changes = hub.handle_action(
        "mihome.control", {"commands": [{"device": "vacuum.living_room", "set": {"status": "cleaning"}}]}
    )
    assert changes is not None
    assert {c.property: c.new for c in changes} == {"status": "cleaning", "battery": 90}
    hub.apply([{"device": "vacuum.living_room", "set": {"status": "docked"}}])
    vacuum = hub.device("vacuum.living_room")
    assert vacuum is not None and vacuum.state == {"status": "docked", "battery": 100}
    assert hub.handle_action("player.pause", {}) is None


def test_setting_a_value_it_already_has_changes_nothing(hub: MiHomeHub) -> None:
    assert hub.apply([{"device": "plug.kitchen", "set": {"power": "off"}}]) == ()


def test_a_second_device_of_a_kind_in_a_room_gets_a_suffix(tmp_path: Path) -> None:
    hub = MiHomeHub(
        tmp_path / "two.sqlite3", (DevicePlan("lamp", "bedroom"), DevicePlan("lamp", "bedroom", "reading lamp"))
    )
    try:
        assert [(d.id, d.name) for d in hub.devices()] == [
            ("lamp.bedroom", "bedroom lamp"),
            ("lamp.bedroom_2", "reading lamp"),
        ]
        hub.apply([{"device": "lamp.bedroom_2", "set": {"power": "on"}}])
        hub.reset()
        assert len(hub.devices()) == len(DEFAULT_HOME)
    finally:
        hub.close()


def test_a_file_that_is_not_a_database_is_a_config_error(tmp_path: Path) -> None:
    from assistant.errors import ConfigError

    (tmp_path / "mihome.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigError, match="move it away"):
        MiHomeHub.in_dir(tmp_path)
