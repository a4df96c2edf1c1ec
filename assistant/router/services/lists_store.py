"""Shopping and to-do lists in SQLite: what the user adds today is still on the list after a restart.

Items are compared case- and space-insensitively ("Milk" and "milk " are one item) but kept as first said, in the
order added, because that is the order people expect them read back.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Final

from assistant.config.data_files import DEFAULT_CONFIG
from assistant.router.services.database import Database

log = logging.getLogger(__name__)

FILE_NAME: Final = "lists.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS list_items (
    list TEXT NOT NULL,
    key TEXT NOT NULL,
    item TEXT NOT NULL,
    added REAL NOT NULL,
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    UNIQUE (list, key)
);
"""


def item_key(item: str) -> str:
    """How two spellings of one item compare equal."""
    return " ".join(item.lower().split())


class ListsStore:
    """Named lists of short text items."""

    def __init__(self, path: Path, *, config: str = DEFAULT_CONFIG) -> None:
        """``config``: how errors name the config file that set data_dir."""
        self._db = Database(path, _SCHEMA, what="your lists", config=config)
        self.path = path

    @classmethod
    def in_dir(cls, data_dir: Path, *, config: str = DEFAULT_CONFIG) -> ListsStore:
        return cls(data_dir / FILE_NAME, config=config)

    def add(self, list_name: str, item: str, *, now: datetime) -> bool:
        """Add ``item``; False when it was already on the list (nothing changes)."""
        text = " ".join(item.split())
        if not text:
            raise ValueError("an empty item cannot be added")
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO list_items (list, key, item, added) VALUES (?, ?, ?, ?)",
                (list_name, item_key(text), text, now.timestamp()),
            )
            added = cursor.rowcount == 1
        log.info("%s %r %s list %r", "added" if added else "kept", text, "to" if added else "on", list_name)
        return added

    def remove(self, list_name: str, item: str) -> bool:
        """Remove ``item``; False when it was not on the list."""
        with self._db.transaction() as conn:
            cursor = conn.execute("DELETE FROM list_items WHERE list = ? AND key = ?", (list_name, item_key(item)))
            return cursor.rowcount == 1

    def items(self, list_name: str) -> tuple[str, ...]:
        rows = self._db.query("SELECT item FROM list_items WHERE list = ? ORDER BY seq", (list_name,))
        return tuple(str(r["item"]) for r in rows)

    def contains(self, list_name: str, item: str) -> bool:
        rows = self._db.query("SELECT 1 FROM list_items WHERE list = ? AND key = ?", (list_name, item_key(item)))
        return bool(rows)

    def clear(self, list_name: str) -> int:
        """Empty a list; returns how many items were removed."""
        with self._db.transaction() as conn:
            return int(conn.execute("DELETE FROM list_items WHERE list = ?", (list_name,)).rowcount)

    def close(self) -> None:
        self._db.close()
