"""One way to open the router's SQLite files: created on demand, WAL, a busy timeout, and one clear error.

Several processes (the router, a CLI command, a test's second process) may open the same file at once; WAL mode
and a busy timeout let them read and write without "database is locked" surprises. Every store shares this
helper so a bad ``data_dir`` fails the same way everywhere: one line naming the file and what to do.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import ConfigError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 10.0


class Database:
    """A SQLite file shared by the threads of one process (a lock serialises them) and by other processes."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise ConfigError(f"data_dir: cannot open {path}: {e} (check data_dir in config.yml)") from None
        self._lock = threading.RLock()
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.executescript(schema)
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise ConfigError(
                f"data_dir: {path} is not a usable database ({e}); move it away and the assistant makes a new one"
            ) from None
        log.debug("opened %s", path)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken at once (BEGIN IMMEDIATE): all of it happens, or none of it."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """Rows of one read statement, as ``sqlite3.Row`` (access by column name)."""
        with self._lock:
            return list(self._conn.execute(sql, params).fetchall())

    def close(self) -> None:
        with self._lock:
            self._conn.close()
