"""What --check used to let through, only to fail (or never pass) at run time: device values in `devices:`
expectations, unknown keys inside `directives:` and `action:`, and the messages for a wrong form of `reply:`,
`announce:` or an intent no loaded skill has (QA session 12, finding 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ScriptError
from assistant.scripts.loader import parse_script
from assistant.scripts.names import KnownNames, known_names


@pytest.fixture(scope="module")
def names() -> KnownNames:
    return known_names(Settings())


def _problems(text: str, names: KnownNames) -> list[str]:
    """Each mistake as ``line: problem``, in line order."""
    path = Path("v.intents.yml")
    with pytest.raises(ScriptError) as caught:
        parse_script(text, path, names)
    lines = str(caught.value).splitlines()
    found = lines[1:] if len(lines) > 1 else lines
    return [line.removeprefix(f"{path}:") for line in found]


def _turn(*lines: str) -> str:
    return "conversations:\n  - name: a\n    turns:\n      - say: turn on the kitchen lamp\n" + "".join(
        f"        {line}\n" for line in lines
    )


def test_device_values_in_expectations_are_checked_as_in_fixtures(names: KnownNames) -> None:
    text = _turn("devices: {lamp.kitchen: {power: true, brightness: 500, color: Blue}}")
    assert _problems(text, names) == [
        "5: devices.lamp.kitchen: power cannot be True; it must be one of on, off",
        "5: devices.lamp.kitchen: brightness cannot be 500; it must be a whole number from 1 to 100 percent",
        "5: devices.lamp.kitchen: color 'Blue' never matches: the hub reports it as 'blue'",
    ]


def test_device_values_the_hub_reports_pass(names: KnownNames) -> None:
    text = _turn("devices: {lamp.kitchen: {power: 'on', brightness: 80.0}, vacuum.living_room: {battery: 100}}")
    parse_script(text, Path("v.intents.yml"), names)
