"""What a skill's code is: an Activity handler made by ``create(context)`` in the skill's handler.py.

A skill handler is a :class:`bridge.handler.ActivityHandler` (one Activity in, one reply Activity out), so an
in-process Python skill and a remote Bot-Framework-style bot are interchangeable. The :class:`SkillContext` is
everything a skill may use from outside itself (settings, clock, proactive announcements, the other skills'
manifests); a skill reads nothing global.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.errors import SkillError
from assistant.router.services.clock import Clock
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity
from bridge.handler import ActivityHandler

if TYPE_CHECKING:
    from assistant.config import Settings

#: The name a Python skill's handler.py must define: ``def create(context: SkillContext) -> ActivityHandler``.
FACTORY_NAME = "create"

IntentFunction = Callable[[Turn], Activity]


def _no_announce(activity: Activity) -> None:
    """The default sink for proactive messages when nobody listens (e.g. ``assistant train``)."""


@dataclass(frozen=True)
class SkillContext:
    """What the router gives a skill when creating it."""

    manifest: SkillManifest
    settings: Settings
    clock: Clock
    skills: tuple[SkillManifest, ...]
    """Every registered skill's manifest (the help skill lists them)."""
    announce: Callable[[Activity], None] = _no_announce
    """Send a proactive message (a timer firing) to the speaker."""


def dispatch(turn: Turn, table: Mapping[str, IntentFunction]) -> Activity:
    """Call the function for ``turn.intent``; an intent the skill forgot to handle is a :class:`SkillError`."""
    function = table.get(turn.intent)
    if function is None:
        raise SkillError(f"no function handles intent {turn.intent!r} (known: {', '.join(sorted(table))})")
    return function(turn)


__all__ = ["FACTORY_NAME", "ActivityHandler", "IntentFunction", "SkillContext", "dispatch"]
