"""One way to open the router's SQLite files: created on demand, WAL, a busy timeout, and one clear error.

Several processes (the router, a CLI command, a test's second process) may open the same file at once; WAL mode
and a busy timeout let them read and write without "database is locked" surprises. Every store shares this
helper so a bad ``data_dir`` fails the same way everywhere: one line naming the file and the fix for that case
(:mod:`assistant.config.data_files`), when it is opened and when a read or write finds it read-only, full or
corrupt later. Errors in the SQL itself (a bug) are not dressed up as the user's.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.config.data_files import DEFAULT_CONFIG, is_storage_error, storage_error

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 10.0


class Database:
    """A SQLite file shared by the threads of one process (a lock serialises them) and by other processes."""

    def __init__(self, path: Path, schema: str, *, what: str = "", config: str = DEFAULT_CONFIG) -> None:
        """``what`` the file holds and ``config`` (the file that set data_dir) are for error messages."""
        self.path = path
        self._what = what or f"the assistant's {path.stem}"
        self._config = config
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise self._error(e) from None
        self._lock = threading.RLock()
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.executescript(schema)
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise self._error(e) from None
        log.debug("opened %s", path)

    def _error(self, error: BaseException) -> Exception:
        return storage_error(self.path, error, self._what, self._config)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken at once (BEGIN IMMEDIATE): all of it happens, or none of it."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    self._conn.execute("COMMIT")  # inside: a COMMIT refused (busy, read-only) must not leave it open
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as e:
                if not is_storage_error(e):
                    raise
                raise self._error(e) from None

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """Rows of one read statement, as ``sqlite3.Row`` (access by column name)."""
        with self._lock:
            try:
                return list(self._conn.execute(sql, params).fetchall())
            except sqlite3.Error as e:
                if not is_storage_error(e):
                    raise
                raise self._error(e) from None

    def close(self) -> None:
        with self._lock:
            self._conn.close()
