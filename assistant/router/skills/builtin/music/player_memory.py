"""The music queue kept per speaker beyond the session, so "next song" after a pause is still about it.

The session's state ends with the session (two idle minutes, or "bye") while the speaker plays on. The queue is
saved after every music turn (``DeviceStateStore``) and recalled when a turn arrives without it; a queue saved
before this process started is recalled paused and ``stopped``, since nothing plays after a restart.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from assistant.router.services.clock import Clock
from assistant.router.services.device_state import DeviceStateStore
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

OWNER = "music"
#: Set on a queue recalled from before a restart: the speaker has no stream, so resuming must send it again.
STOPPED = "stopped"
#: The device id of a turn that names none (a text chat).
NO_DEVICE = "speaker"


class PlayerMemory:
    def __init__(self, data_dir: Path, config: str, clock: Clock) -> None:
        self._store = DeviceStateStore.in_dir(data_dir, config=config)
        self._clock = clock
        self._started = clock.now()

    def recall(self, turn: Turn) -> Turn:
        """The turn with the speaker's saved queue when the session brought none."""
        if turn.state:
            return turn
        state, saved = self._store.load(turn.device_id or NO_DEVICE, OWNER)
        if state and saved is not None and saved < self._started:
            state = {**state, "paused": True, STOPPED: True}
        return replace(turn, state=state)

    def keep(self, turn: Turn, reply: Activity) -> None:
        state = (reply.channel_data or {}).get("state")
        self._store.save(
            turn.device_id or NO_DEVICE, OWNER, state if isinstance(state, dict) else {}, self._clock.now()
        )

    def close(self) -> None:
        self._store.close()
