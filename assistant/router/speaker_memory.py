"""Skill state that outlives the session, kept per speaker: the music queue plays on after "bye".

A session's state travels with the channel and ends with the session (two idle minutes, or "bye"), but a speaker
goes on playing: "stop" or "next song" ten minutes later is still about the queue. A skill whose manifest says
``state_outlives_session: true`` has its state saved per speaker (the Mi-AI ``deviceId``) in SQLite after each of
its turns, and the router puts it back into a session that arrives without it, before anything reads the state: so
the router's own "stop" finds the music playing, as the skill itself does.

State saved before this router started is recalled as it was, except that a player's (one with a ``paused`` key)
comes back ``paused`` and :data:`~assistant.router.skills.turn.STOPPED`: nothing plays after a restart, so the skill
must send the stream again to resume.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from assistant.router.services.device_state import DeviceStateStore
from assistant.router.session_state import SessionState
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.turn import STOPPED
from bridge.cortana import Activity

#: The device id of a turn that names none (a text chat).
NO_DEVICE = "speaker"


class SpeakerMemory:
    """Recall and keep the state of the skills that asked for it, per speaker."""

    def __init__(self, store: DeviceStateStore, skills: Iterable[str], started: datetime) -> None:
        self._store = store
        self._skills = frozenset(skills)
        self._started = started

    @classmethod
    def for_skills(
        cls, manifests: Iterable[SkillManifest], data_dir: Path, config: str, started: datetime
    ) -> SpeakerMemory | None:
        """A memory for the skills whose state outlives the session; None when no skill asks (no file opened)."""
        skills = [m.name for m in manifests if m.state_outlives_session]
        return cls(DeviceStateStore.in_dir(data_dir, config=config), skills, started) if skills else None

    def recall(self, activity: Activity, state: SessionState) -> SessionState:
        """``state`` with each remembered skill's saved state where the session has none of its own."""
        device = device_of(activity)
        for name in sorted(self._skills - set(state.skills)):
            saved, at = self._store.load(device, name)
            if saved and at is not None and at < self._started and "paused" in saved:
                saved = {**saved, "paused": True, STOPPED: True}
            if saved:
                state = state.with_skill_state(name, saved)
        return state

    def keep(self, activity: Activity, skill: str | None, state: SessionState, now: datetime) -> None:
        """Save the state ``skill`` left, when the turn was one of a remembered skill's (an empty state forgets)."""
        if skill in self._skills:
            self._store.save(device_of(activity), skill, state.skill_state(skill), now)

    def close(self) -> None:
        self._store.close()


def device_of(activity: Activity) -> str:
    device = (activity.channel_data or {}).get("deviceId")
    return device if isinstance(device, str) and device else NO_DEVICE
