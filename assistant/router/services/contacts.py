"""Simulated Skype contacts, and a log of the calls placed and messages sent (SQLite, so it survives restarts).

Nothing leaves the machine: "calling" or "messaging" someone records it here and the speaker is told to show a
``skype.call`` or ``skype.message`` action. Contacts are found by any of their names ("mom", "mum", "mother").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Final, Literal

from assistant.router.services.database import Database

log = logging.getLogger(__name__)

FILE_NAME: Final = "skype.sqlite3"


@dataclass(frozen=True)
class Contact:
    id: str
    """The Skype id calls and messages go to."""
    name: str
    aliases: tuple[str, ...] = ()


CONTACTS: Final[tuple[Contact, ...]] = (
    Contact("live:mom.chen", "Mom", ("mother", "mum", "mommy", "mama")),
    Contact("live:dad.chen", "Dad", ("father", "daddy", "papa")),
    Contact("live:alex.wong", "Alex", ("alex wong",)),
    Contact("live:anna.schmidt", "Anna", ("anna schmidt",)),
    Contact("live:li.wei", "Li Wei", ("wei",)),
    Contact("live:grandma.chen", "Grandma", ("granny", "grandmother", "nana")),
    Contact("live:sam.taylor", "Sam", ("sam taylor", "samuel")),
    Contact("live:maria.garcia", "Maria", ("maria garcia",)),
    Contact("live:office.desk", "the office", ("office", "work")),
)


def find_contact(name: object) -> Contact | None:
    """The contact called ``name`` (case, "my" and a possessive "'s" ignored, as is what of theirs is asked for:
    "mom's number"); None when there is no such contact."""
    if not isinstance(name, str):
        return None
    wanted = re.sub(r"['’]s\s+(phone\s+)?(number|contact|details|skype)$", "", " ".join(name.lower().split()))
    wanted = re.sub(r"^(my|the)\s+|['’]s$", "", wanted)
    for contact in CONTACTS:
        names = (contact.name.lower(), *contact.aliases)
        if wanted in names or wanted in (re.sub(r"^the\s+", "", n) for n in names):
            return contact
    return None


_SCHEMA = """
CREATE TABLE IF NOT EXISTS skype_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('call', 'message')),
    contact TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class LogEntry:
    kind: Literal["call", "message"]
    contact: str
    text: str
    at: datetime


class SkypeLog:
    """What was sent and to whom, newest last."""

    def __init__(self, path: Path) -> None:
        self._db = Database(path, _SCHEMA)

    @classmethod
    def in_dir(cls, data_dir: Path) -> SkypeLog:
        return cls(data_dir / FILE_NAME)

    def record(self, kind: Literal["call", "message"], contact: Contact, at: datetime, text: str = "") -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO skype_log (kind, contact, text, at) VALUES (?, ?, ?, ?)",
                (kind, contact.id, text, at.timestamp()),
            )
        log.info("skype %s to %s", kind, contact.id)

    def entries(self) -> tuple[LogEntry, ...]:
        rows = self._db.query("SELECT kind, contact, text, at FROM skype_log ORDER BY seq")
        return tuple(
            LogEntry(r["kind"], str(r["contact"]), str(r["text"]), datetime.fromtimestamp(r["at"], timezone.utc))
            for r in rows
        )

    def close(self) -> None:
        self._db.close()
