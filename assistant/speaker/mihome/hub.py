"""The speaker's simulated Mi-Home hub: devices in SQLite, commands applied all-or-nothing, state reported.

The router's skills are stateless about devices: the speaker sends ``report()`` with every request, a skill
answers with ``mihome.control`` commands, and the speaker calls ``apply``. Every command of a batch is validated
before any is applied, and the batch is written in one transaction, so a bad command leaves the home untouched.
This module never imports the router: the bridge's JSON shapes are the only contract.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from assistant.config.data_files import DEFAULT_CONFIG, storage_error
from assistant.errors import DeviceError
from assistant.speaker.mihome.devices import KINDS, StateValue, next_state, validate_settings
from assistant.speaker.mihome.home import DEFAULT_HOME, Device, DevicePlan, build_devices

log = logging.getLogger(__name__)

FILE_NAME: Final = "mihome.sqlite3"
#: How errors name what the file holds.
WHAT: Final = "the Mi-Home devices"
#: The Mi-AI action name whose properties carry the commands.
CONTROL_ACTION: Final = "mihome.control"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    position INTEGER NOT NULL,
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    room TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Change:
    """One property that a command changed (commands setting a value it already had change nothing)."""

    device: str
    property: str
    old: StateValue
    new: StateValue

    def to_dict(self) -> dict[str, Any]:
        return {"device": self.device, "property": self.property, "old": self.old, "new": self.new}


class MiHomeHub:
    """The devices of one home; thread-safe within a process, and safe to share between processes."""

    def __init__(
        self, path: Path, home: tuple[DevicePlan, ...] = DEFAULT_HOME, *, config: str = DEFAULT_CONFIG
    ) -> None:
        """``config``: how errors name the config file that set data_dir (a file that cannot be used, or written,
        is one line naming it and the fix for that case)."""
        self.path = path
        self._config = config
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, timeout=10.0, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise storage_error(path, e, WHAT, config) from None
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.executescript(_SCHEMA)
            self._create_if_empty(home)
        except sqlite3.Error as e:
            self._conn.close()
            raise storage_error(path, e, WHAT, config) from None

    @classmethod
    def in_dir(cls, data_dir: Path, *, config: str = DEFAULT_CONFIG) -> MiHomeHub:
        return cls(data_dir / FILE_NAME, config=config)

    def devices(self) -> tuple[Device, ...]:
        with self._lock:
            rows = self._conn.execute("SELECT id, kind, room, name, state FROM devices ORDER BY position").fetchall()
        return tuple(Device(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows)

    def device(self, device_id: str) -> Device | None:
        return next((d for d in self.devices() if d.id == device_id), None)

    def report(self) -> list[dict[str, Any]]:
        """The device list the speaker puts in every request (``channelData.devices`` on the router side)."""
        return [d.report() for d in self.devices()]

    def apply(self, commands: object) -> tuple[Change, ...]:
        """Apply ``[{"device": id, "set": {...}}, ...]``; any invalid command raises and nothing is applied."""
        if not isinstance(commands, Sequence) or isinstance(commands, str | bytes):
            raise DeviceError("mihome.control: 'commands' must be a list of {device, set} objects")
        with self._lock:
            current = {d.id: d for d in self.devices()}
            states = {device_id: dict(device.state) for device_id, device in current.items()}
            changes: list[Change] = []
            for index, command in enumerate(commands):
                where = f"mihome.control command {index + 1}"
                device, wanted = _parse_command(command, current, where)
                kind = KINDS[device.kind]
                checked = validate_settings(device.id, kind, wanted, where)
                before = states[device.id]
                after = next_state(kind, before, checked)
                changes += [
                    Change(device.id, name, before[name], value)
                    for name, value in after.items()
                    if before.get(name) != value
                ]
                states[device.id] = after
            touched = {c.device for c in changes}
            try:
                self._write([(json.dumps(states[device_id]), device_id) for device_id in touched])
            except sqlite3.Error as e:  # read-only, full, corrupt: the user's file to fix; nothing was applied
                raise storage_error(self.path, e, WHAT, self._config) from None
        for change in changes:
            log.info("mihome %s.%s: %r -> %r", change.device, change.property, change.old, change.new)
        return tuple(changes)

    def _write(self, rows: list[tuple[str, str]]) -> None:
        """Store new states in one transaction: all of them, or (on any error) none."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.executemany("UPDATE devices SET state = ? WHERE id = ?", rows)
            self._conn.execute("COMMIT")  # inside: a COMMIT refused (busy, read-only) must not leave it open
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def handle_action(self, name: str, properties: Mapping[str, Any]) -> tuple[Change, ...] | None:
        """Apply a Mi-AI action when it is ours (``mihome.control``); None for actions meant for others."""
        if name != CONTROL_ACTION:
            return None
        return self.apply(properties.get("commands"))

    def reset(self, home: tuple[DevicePlan, ...] = DEFAULT_HOME) -> None:
        """Forget every device and start again from ``home``."""
        with self._lock:
            self._conn.execute("DELETE FROM devices")
        self._create_if_empty(home)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _create_if_empty(self, home: tuple[DevicePlan, ...]) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                (count,) = self._conn.execute("SELECT COUNT(*) FROM devices").fetchone()
                if count == 0:
                    self._conn.executemany(
                        "INSERT INTO devices (position, id, kind, room, name, state) VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            (i, d.id, d.kind, d.room, d.name, json.dumps(dict(d.state)))
                            for i, d in enumerate(build_devices(home))
                        ],
                    )
                    log.info("created the default home in %s", self.path)
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise


def _parse_command(command: object, devices: Mapping[str, Device], where: str) -> tuple[Device, object]:
    if not isinstance(command, Mapping):
        raise DeviceError(f'{where}: must be an object like {{"device": "lamp.kitchen", "set": {{...}}}}')
    extra = sorted(set(command) - {"device", "set"})
    if extra:
        raise DeviceError(f"{where}: unknown key {extra[0]!r} (a command has only 'device' and 'set')")
    device_id = command.get("device")
    device = devices.get(device_id) if isinstance(device_id, str) else None
    if device is None:
        raise DeviceError(f"{where}: no device {device_id!r} in this home (known: {', '.join(sorted(devices))})")
    return device, command.get("set")
