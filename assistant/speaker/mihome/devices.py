"""What each simulated Xiaomi device kind has: its properties, their allowed values, and its state when new.

The hub validates every command against these specs before changing anything, so a skill that asks for
``brightness: 140`` or a ``colour`` property gets a clear error naming the allowed values instead of a device in a
state no real lamp could be in. Pure data and pure functions: the hub owns storage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from assistant.errors import DeviceError

ValueKind = Literal["choice", "range", "flag"]
StateValue = str | int | bool


@dataclass(frozen=True)
class PropertySpec:
    """One property: a choice among words, an integer range, or an on/off flag; read-only ones only report."""

    name: str
    kind: ValueKind
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    unit: str = ""
    writable: bool = True

    def allowed(self) -> str:
        """The allowed values, as an error message says them."""
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "range":
            return f"a whole number from {self.low} to {self.high}{(' ' + self.unit) if self.unit else ''}"
        return "true or false"

    def check(self, value: object) -> StateValue | None:
        """The value as stored, or None when ``value`` is not allowed."""
        if self.kind == "choice":
            if isinstance(value, str) and value.strip().lower() in self.choices:
                return value.strip().lower()
            return None
        if self.kind == "flag":
            return value if isinstance(value, bool) else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if isinstance(value, float) and not value.is_integer():
            return None
        number = int(value)
        return number if self.low <= number <= self.high else None


@dataclass(frozen=True)
class DeviceKind:
    name: str
    label: str
    """How people call it ("lamp", "air conditioner")."""
    properties: tuple[PropertySpec, ...]
    initial: Mapping[str, StateValue] = field(default_factory=dict)

    def property(self, name: str) -> PropertySpec | None:
        return next((p for p in self.properties if p.name == name), None)


POWER = PropertySpec("power", "choice", ("on", "off"))
LAMP_COLORS: Final = (
    "warm_white",
    "white",
    "cool_white",
    "daylight",
    "red",
    "orange",
    "yellow",
    "green",
    "cyan",
    "blue",
    "purple",
    "pink",
)
AC_MODES: Final = ("cool", "heat", "auto", "dry", "fan")
FAN_SPEEDS: Final = ("auto", "low", "medium", "high")
VACUUM_STATUSES: Final = ("docked", "cleaning", "paused", "returning")

KINDS: Final[Mapping[str, DeviceKind]] = {
    kind.name: kind
    for kind in (
        DeviceKind(
            "lamp",
            "lamp",
            (
                POWER,
                PropertySpec("brightness", "range", low=1, high=100, unit="percent"),
                PropertySpec("color_temperature", "range", low=2700, high=6500, unit="kelvin"),
                PropertySpec("color", "choice", LAMP_COLORS),
            ),
            {"power": "off", "brightness": 80, "color_temperature": 4000, "color": "white"},
        ),
        DeviceKind("plug", "plug", (POWER,), {"power": "off"}),
        DeviceKind(
            "ac",
            "air conditioner",
            (
                POWER,
                PropertySpec("mode", "choice", AC_MODES),
                PropertySpec("target_temperature", "range", low=16, high=30, unit="degrees Celsius"),
                PropertySpec("fan_speed", "choice", FAN_SPEEDS),
            ),
            {"power": "off", "mode": "cool", "target_temperature": 24, "fan_speed": "auto"},
        ),
        DeviceKind(
            "fan",
            "fan",
            (POWER, PropertySpec("speed", "range", low=1, high=3), PropertySpec("oscillate", "flag")),
            {"power": "off", "speed": 1, "oscillate": False},
        ),
        DeviceKind(
            "vacuum",
            "robot vacuum",
            (
                PropertySpec("status", "choice", VACUUM_STATUSES[:3]),
                PropertySpec("battery", "range", low=0, high=100, unit="percent", writable=False),
            ),
            {"status": "docked", "battery": 100},
        ),
        DeviceKind(
            "curtains",
            "curtains",
            (PropertySpec("position", "range", low=0, high=100, unit="percent open"),),
            {"position": 100},
        ),
    )
}

#: What one cleaning run costs the simulated vacuum's battery; docking charges it full.
CLEAN_COST = 10


def validate_settings(device_id: str, kind: DeviceKind, wanted: object, where: str) -> dict[str, StateValue]:
    """The checked ``set`` mapping of one command, or a :class:`DeviceError` naming what is wrong and what fits."""
    if not isinstance(wanted, Mapping) or not wanted:
        raise DeviceError(f"{where}: 'set' must be a non-empty object of property: value for {device_id}")
    checked: dict[str, StateValue] = {}
    for name, value in wanted.items():
        spec = kind.property(str(name))
        if spec is None:
            known = ", ".join(p.name for p in kind.properties if p.writable)
            raise DeviceError(f"{where}: a {kind.label} has no property {name!r} (it has: {known})")
        if not spec.writable:
            raise DeviceError(f"{where}: {device_id}.{name} is read-only (it is reported, not set)")
        good = spec.check(value)
        if good is None:
            raise DeviceError(f"{where}: {device_id}.{name} cannot be {value!r}; it must be {spec.allowed()}")
        checked[spec.name] = good
    return checked


def next_state(
    kind: DeviceKind, state: Mapping[str, StateValue], wanted: Mapping[str, StateValue]
) -> dict[str, StateValue]:
    """The device's state after ``wanted`` (already validated), with the simulation's side effects."""
    new = {**state, **wanted}
    if kind.name == "vacuum" and "status" in wanted and wanted["status"] != state.get("status"):
        battery = int(state.get("battery", 100))
        if wanted["status"] == "cleaning" and state.get("status") == "docked":
            new["battery"] = max(0, battery - CLEAN_COST)
        elif wanted["status"] == "docked":
            new["battery"] = 100
    return new
