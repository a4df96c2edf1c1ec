"""What level a volume request asks for: a number said, "max" or "min", or a step up or down from the current one.

The level is left as asked (a number said may be out of range, for the skill to question); a step past either end
is the skill's to clamp.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

DEFAULT_VOLUME: Final = 50
VOLUME_STEP: Final = 10
_NEGATIVE = re.compile(r"\b(minus|negative)\b|-\s*\d")
_UP = frozenset({"up", "increase", "raise", "louder"})
_DOWN = frozenset({"down", "decrease", "lower", "reduce", "quieter", "softer"})
_MAX = re.compile(r"\b(max|maximum|full|all the way up)\b")
_MIN = re.compile(r"\b(min|minimum|all the way down)\b")


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def current_volume(state: Mapping[str, Any]) -> int:
    """The volume the skill's state keeps (a malformed one reads as the default)."""
    kept = state.get("volume")
    return kept if isinstance(kept, int) and not isinstance(kept, bool) else DEFAULT_VOLUME


def asked_level(text: str, said: float | None, change: str, current: int) -> float | None:
    """The level asked for: ``said`` (the number slot, its sign restored when "minus" was said), else max/min,
    else a step from ``current`` for ``change`` ("louder"/"quieter") or words like "up"/"down"; None when the
    words ask for no level ("change the volume")."""
    text = text.lower()
    words = words_of(text)
    if said is not None:
        return -abs(said) if _NEGATIVE.search(text) else said  # "minus 5": the number alone lost its sign
    if _MAX.search(text):
        return 100
    if _MIN.search(text):
        return 0
    if change == "louder" or words & _UP:
        return current + VOLUME_STEP
    if change == "quieter" or words & _DOWN:
        return current - VOLUME_STEP
    return None
