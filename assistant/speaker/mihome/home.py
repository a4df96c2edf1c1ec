"""The home the hub simulates: rooms and the devices in them, and the default one created on first start.

A device id is ``<kind>.<room>`` (``lamp.kitchen``), the form skills put in ``mihome.control`` commands; a second
device of one kind in a room would get a suffix (``lamp.bedroom_2``). Rooms use the NLU's normalised spelling
(``living_room``), so a skill can match a room slot to a device without guessing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from assistant.speaker.mihome.devices import KINDS, StateValue


@dataclass(frozen=True)
class Device:
    """One device and its current state, as the hub reports it to the router."""

    id: str
    kind: str
    room: str
    name: str
    state: Mapping[str, StateValue] = field(default_factory=dict)

    def report(self) -> dict[str, Any]:
        """The ``channelData.devices`` entry for this device."""
        return {"id": self.id, "kind": self.kind, "room": self.room, "name": self.name, "state": dict(self.state)}


@dataclass(frozen=True)
class DevicePlan:
    """A device to create: kind and room; the name defaults to "<room> <kind label>"."""

    kind: str
    room: str
    name: str | None = None


def room_words(room: str) -> str:
    """``living_room`` -> ``living room``."""
    return room.replace("_", " ")


def build_devices(plans: tuple[DevicePlan, ...]) -> tuple[Device, ...]:
    """Devices with ids, names and initial states from ``plans``; unknown kinds are a programming error."""
    devices: list[Device] = []
    seen: dict[str, int] = {}
    for plan in plans:
        kind = KINDS[plan.kind]
        base = f"{plan.kind}.{plan.room}"
        seen[base] = seen.get(base, 0) + 1
        device_id = base if seen[base] == 1 else f"{base}_{seen[base]}"
        name = plan.name or f"{room_words(plan.room)} {kind.label}"
        devices.append(Device(device_id, plan.kind, plan.room, name, dict(kind.initial)))
    return tuple(devices)


#: The home created on first start: five rooms, every device kind at least once.
DEFAULT_HOME: Final[tuple[DevicePlan, ...]] = (
    DevicePlan("lamp", "living_room"),
    DevicePlan("ac", "living_room"),
    DevicePlan("curtains", "living_room"),
    DevicePlan("vacuum", "living_room", "robot vacuum"),
    DevicePlan("plug", "living_room", "tv plug"),
    DevicePlan("lamp", "kitchen"),
    DevicePlan("plug", "kitchen", "coffee machine plug"),
    DevicePlan("lamp", "bedroom"),
    DevicePlan("ac", "bedroom"),
    DevicePlan("curtains", "bedroom"),
    DevicePlan("lamp", "office"),
    DevicePlan("fan", "office"),
    DevicePlan("fan", "bedroom"),
    DevicePlan("lamp", "bathroom"),
)
