"""The temperature in a room of the home: "what's the temperature in the bedroom", "how warm is the living room".

The home has no room thermometer: the honest answer is what the room's air conditioner is set to, and whether it
is on. A question that names no room of this home ("in Paris") is the weather's; the skill only gets it when a room
slot value is in the words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.devices import targets as t

_ASKS = re.compile(r"\b(temperature|temp|how (?:warm|hot|cold|chilly))\b")


def asks_temperature(text: str) -> bool:
    """ "what's the temperature in ...", "how warm is it in ...": a question about a room's temperature."""
    return _ASKS.search(t.plain_words(text)) is not None


def air_conditioners(reported: Sequence[t.Device], rooms: Sequence[str]) -> tuple[t.Device, ...]:
    return tuple(d for d in reported if d.get("kind") == "ac" and d.get("room") in rooms)


def answer(reported: Sequence[t.Device], rooms: Sequence[str]) -> str:
    """What the home knows about the temperature of each of ``rooms``: its air conditioner's setting, said as a
    setting, or that it has no way to tell."""
    said: list[str] = []
    for room in rooms:
        where = t.spaced(room)
        acs = air_conditioners(reported, [room])
        if not acs:
            said.append(f"There's no temperature sensor or air conditioner in the {where}, so I can't tell.")
            continue
        settings = []
        for ac in acs:
            state = ac.get("state") or {}
            running = f"on, in {state.get('mode')} mode" if t.is_on(ac) else "off"
            settings.append(
                f"the {ac.get('name')} is set to {state.get('target_temperature')} degrees and is {running}"
            )
        said.append(f"There's no temperature sensor in the {where}, but {spoken_list(settings)}.")
    return " ".join(said)
