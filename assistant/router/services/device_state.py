"""What a skill keeps per speaker beyond a conversation, in SQLite: the music queue outlives the session.

A session's state ends with the session (two idle minutes, or "bye"), but the speaker goes on playing: "next song"
ten minutes later is still about the queue. A skill that owns such state writes it here after each reply, keyed by
the speaker's device id, and reads it back when a new session arrives without it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from assistant.config.data_files import DEFAULT_CONFIG
from assistant.router.services.database import Database

log = logging.getLogger(__name__)

FILE_NAME: Final = "device_state.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS device_state (
    device TEXT NOT NULL,
    owner TEXT NOT NULL,
    state TEXT NOT NULL,
    saved REAL NOT NULL,
    PRIMARY KEY (device, owner)
);
"""


class DeviceStateStore:
    """One JSON object per (speaker, skill)."""

    def __init__(self, path: Path, *, config: str = DEFAULT_CONFIG) -> None:
        self._db = Database(path, _SCHEMA, what="the speakers' player state", config=config)

    @classmethod
    def in_dir(cls, data_dir: Path, *, config: str = DEFAULT_CONFIG) -> DeviceStateStore:
        return cls(data_dir / FILE_NAME, config=config)

    def load(self, device: str, owner: str) -> tuple[dict[str, Any], datetime | None]:
        """The state last saved and when; ({}, None) when there is none or it is not a JSON object."""
        rows = self._db.query("SELECT state, saved FROM device_state WHERE device = ? AND owner = ?", (device, owner))
        if not rows:
            return {}, None
        try:
            state = json.loads(rows[0]["state"])
        except ValueError:
            log.warning("ignoring unreadable %s state for device %s", owner, device)
            return {}, None
        saved = datetime.fromtimestamp(float(rows[0]["saved"])).astimezone()
        return (state, saved) if isinstance(state, dict) else ({}, None)

    def save(self, device: str, owner: str, state: Mapping[str, Any], now: datetime) -> None:
        """Keep ``state`` (an empty one forgets)."""
        with self._db.transaction() as conn:
            if not state:
                conn.execute("DELETE FROM device_state WHERE device = ? AND owner = ?", (device, owner))
                return
            conn.execute(
                "INSERT OR REPLACE INTO device_state (device, owner, state, saved) VALUES (?, ?, ?, ?)",
                (device, owner, json.dumps(dict(state), sort_keys=True), now.timestamp()),
            )

    def close(self) -> None:
        self._db.close()
