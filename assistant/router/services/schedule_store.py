"""Timers, alarms and reminders kept in SQLite, so one set before a restart is still there (and fires) after it.

Times are stored as UTC epoch seconds: comparisons are plain numbers and no zone rules can reorder them. An entry
is *pending* until the scheduler claims it; claiming is one transaction (``BEGIN IMMEDIATE``), so two processes on
the same file never announce the same timer twice. Fired entries are kept a while so "snooze" finds them.

A repeating alarm or reminder (``rule``, with the ``zone`` it was set in: :mod:`recurrence`) is one pending row,
the *series*. When it is claimed, the same transaction moves its ``due`` to the next occurrence after now and adds
a fired one-off copy, the *ring*: that is what is announced and what "snooze" moves, so a snooze never starts a
second series, and a series missed for days while nothing ran rings once (late) and goes on from now.
Files written before rules existed get the two columns added when opened, their entries kept as one-offs.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Final, Literal

from assistant.config.data_files import DEFAULT_CONFIG
from assistant.router.services.database import Database
from assistant.router.services.recurrence import Rule, next_after, zone_named

log = logging.getLogger(__name__)

Kind = Literal["timer", "alarm", "reminder"]
KINDS: Final[tuple[Kind, ...]] = ("timer", "alarm", "reminder")
#: The file under ``settings.data_dir`` shared by the timers and the alarms-and-reminders skills.
FILE_NAME: Final = "schedule.sqlite3"
#: Fired entries older than this are forgotten (snooze only looks at what just rang).
KEEP_FIRED = timedelta(days=1)
#: Columns added since the first schema, with their types: added to an older file when it is opened.
_ADDED_COLUMNS: Final = (("rule", "TEXT"), ("zone", "TEXT"))

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schedule (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('timer', 'alarm', 'reminder')),
    label TEXT NOT NULL DEFAULT '',
    due REAL NOT NULL,
    created REAL NOT NULL,
    duration_s REAL,
    fired_at REAL,
    rule TEXT,
    zone TEXT
);
CREATE INDEX IF NOT EXISTS schedule_pending ON schedule (fired_at, due);
"""


@dataclass(frozen=True)
class Entry:
    """One timer, alarm or reminder. ``label`` is a timer's name or what to be reminded of."""

    id: int
    kind: Kind
    label: str
    due: datetime
    created: datetime
    duration_s: float | None = None
    """How long a timer was set for (None for alarms and reminders)."""
    fired_at: datetime | None = None
    rule: Rule | None = None
    """For a repeating alarm or reminder (the series), its days and wall-clock time; None for a one-off."""
    zone: str | None = None
    """The IANA zone a series' wall-clock time is in."""

    @property
    def pending(self) -> bool:
        return self.fired_at is None

    @property
    def repeats(self) -> bool:
        return self.rule is not None

    def remaining(self, now: datetime) -> timedelta:
        """Time left until it is due (zero once due)."""
        return max(self.due - now, timedelta(0))


def _epoch(moment: datetime) -> float:
    if moment.tzinfo is None:
        raise ValueError("schedule times must be timezone-aware")
    return moment.timestamp()


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc)


def _entry(row: Mapping[str, Any]) -> Entry:
    fired = row["fired_at"]
    rule = _rule(row.get("rule"))
    return Entry(
        id=int(row["id"]),
        kind=row["kind"],
        label=str(row["label"]),
        due=_moment(float(row["due"])),
        created=_moment(float(row["created"])),
        duration_s=None if row["duration_s"] is None else float(row["duration_s"]),
        fired_at=None if fired is None else _moment(float(fired)),
        rule=rule,
        zone=row.get("zone") if rule is not None else None,
    )


def _rule(text: object) -> Rule | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return Rule.parse(text)
    except ValueError:
        log.warning("ignoring an unreadable repeat rule %r: the entry rings once", text)
        return None


def _kinds(kinds: Collection[Kind] | None) -> tuple[str, tuple[object, ...]]:
    """A SQL condition restricting to ``kinds`` (all when None) and its parameters."""
    chosen = tuple(KINDS if kinds is None else kinds)
    return f"kind IN ({', '.join('?' for _ in chosen)})", chosen


class ScheduleStore:
    """CRUD on scheduled entries; every method is one statement or one transaction."""

    def __init__(self, path: Path, *, config: str = DEFAULT_CONFIG) -> None:
        """``config``: how errors name the config file that set data_dir."""
        self._db = Database(path, _SCHEMA, what="your timers, alarms and reminders", config=config)
        self.path = path
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """Bring a file from before repeating entries up to date (checked again inside the write, so two processes
        opening it at once do not both add a column)."""
        if not self._missing_columns(self._db.query("PRAGMA table_info(schedule)")):
            return
        with self._db.transaction() as conn:
            for name, kind in self._missing_columns(conn.execute("PRAGMA table_info(schedule)").fetchall()):
                conn.execute(f"ALTER TABLE schedule ADD COLUMN {name} {kind}")
                log.info("added column %s to %s", name, self.path)

    @staticmethod
    def _missing_columns(rows: Iterable[Any]) -> list[tuple[str, str]]:
        have = {row["name"] for row in rows}
        return [(name, kind) for name, kind in _ADDED_COLUMNS if name not in have]

    @classmethod
    def in_dir(cls, data_dir: Path, *, config: str = DEFAULT_CONFIG) -> ScheduleStore:
        return cls(data_dir / FILE_NAME, config=config)

    def add(
        self,
        kind: Kind,
        due: datetime,
        *,
        created: datetime,
        label: str = "",
        duration_s: float | None = None,
        rule: Rule | None = None,
        zone: str | None = None,
    ) -> Entry:
        """A new entry; with ``rule`` (and the ``zone`` its times are in) a series first due at ``due``."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        if rule is not None and not zone:
            raise ValueError("a repeating entry needs the zone its wall-clock time is in")
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO schedule (kind, label, due, created, duration_s, rule, zone) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, label, _epoch(due), _epoch(created), duration_s, rule and rule.text(), rule and zone),
            )
            row_id = cursor.lastrowid
        log.info("scheduled %s %r due %s%s", kind, label, due.isoformat(), f" ({rule.text()})" if rule else "")
        entry = self.get(int(row_id or 0))
        assert entry is not None  # just inserted in this process
        return entry

    def get(self, entry_id: int) -> Entry | None:
        rows = self._db.query("SELECT * FROM schedule WHERE id = ?", (entry_id,))
        return _entry(dict(rows[0])) if rows else None

    def pending(self, kinds: Collection[Kind] | None = None) -> tuple[Entry, ...]:
        """Entries not yet fired, soonest first (ties by creation order)."""
        where, params = _kinds(kinds)
        rows = self._db.query(f"SELECT * FROM schedule WHERE fired_at IS NULL AND {where} ORDER BY due, id", params)
        return tuple(_entry(dict(r)) for r in rows)

    def next_due(self, kinds: Collection[Kind] | None = None) -> datetime | None:
        where, params = _kinds(kinds)
        rows = self._db.query(f"SELECT MIN(due) AS due FROM schedule WHERE fired_at IS NULL AND {where}", params)
        value = rows[0]["due"] if rows else None
        return None if value is None else _moment(float(value))

    def cancel(self, entry_id: int) -> Entry | None:
        """Forget an entry; returns what was cancelled, or None when there was no such entry."""
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT * FROM schedule WHERE id = ?", (entry_id,)).fetchall()
            if not rows:
                return None
            conn.execute("DELETE FROM schedule WHERE id = ?", (entry_id,))
        return _entry(dict(rows[0]))

    def cancel_pending(self, entry_id: object, kinds: Collection[Kind]) -> Entry | None:
        """Cancel ``entry_id`` (as a skill's state kept it) if it is still pending and of ``kinds``: a corrected
        request replaces what it set ("no, 10 minutes"); None when there is no such entry left."""
        entry = next((e for e in self.pending(kinds) if e.id == entry_id), None)
        return self.cancel(entry.id) if entry is not None else None

    def cancel_all(self, kinds: Collection[Kind]) -> tuple[Entry, ...]:
        """Cancel every pending entry of ``kinds``; returns them."""
        where, params = _kinds(kinds)
        with self._db.transaction() as conn:
            rows = conn.execute(f"SELECT * FROM schedule WHERE fired_at IS NULL AND {where}", params).fetchall()
            conn.execute(f"DELETE FROM schedule WHERE fired_at IS NULL AND {where}", params)
        return tuple(_entry(dict(r)) for r in rows)

    def claim_due(self, now: datetime, kinds: Collection[Kind] | None = None) -> tuple[Entry, ...]:
        """Mark every pending entry due by ``now`` as fired and return them, oldest due first.

        Atomic across processes: an entry is returned to exactly one caller.
        """
        where, params = _kinds(kinds)
        stamp = _epoch(now)
        fired: list[Entry] = []
        with self._db.transaction() as conn:
            rows = conn.execute(
                f"SELECT * FROM schedule WHERE fired_at IS NULL AND due <= ? AND {where} ORDER BY due, id",
                (stamp, *params),
            ).fetchall()
            for row in rows:
                entry = _entry(dict(row))
                if entry.rule is None:
                    conn.execute("UPDATE schedule SET fired_at = ? WHERE id = ?", (stamp, entry.id))
                    fired.append(replace(entry, fired_at=_moment(stamp)))
                    continue
                later = next_after(entry.rule, now, zone_named(entry.zone))  # the series goes on after now
                conn.execute("UPDATE schedule SET due = ? WHERE id = ?", (_epoch(later), entry.id))
                ring = conn.execute(
                    "INSERT INTO schedule (kind, label, due, created, fired_at) VALUES (?, ?, ?, ?, ?)",
                    (entry.kind, entry.label, row["due"], stamp, stamp),
                ).lastrowid
                at = _moment(stamp)
                fired.append(replace(entry, id=int(ring or 0), created=at, fired_at=at, rule=None, zone=None))
                log.info("%s %d goes on at %s", entry.kind, entry.id, later.isoformat())
            conn.execute("DELETE FROM schedule WHERE fired_at IS NOT NULL AND fired_at < ?", (stamp - _keep_s(),))
        return tuple(fired)

    def last_fired(self, kinds: Collection[Kind], since: datetime) -> Entry | None:
        """The most recently fired entry of ``kinds`` at or after ``since`` (what "snooze" means)."""
        where, params = _kinds(kinds)
        rows = self._db.query(
            f"SELECT * FROM schedule WHERE fired_at IS NOT NULL AND fired_at >= ? AND {where} "
            "ORDER BY fired_at DESC, id DESC LIMIT 1",
            (_epoch(since), *params),
        )
        return _entry(dict(rows[0])) if rows else None

    def reschedule(self, entry_id: int, due: datetime) -> Entry | None:
        """Make an entry pending again at ``due`` (snooze); None when it no longer exists."""
        with self._db.transaction() as conn:
            changed = conn.execute(
                "UPDATE schedule SET due = ?, fired_at = NULL WHERE id = ?", (_epoch(due), entry_id)
            ).rowcount
        return self.get(entry_id) if changed else None

    def reschedule_series(self, entry_id: int, rule: Rule, due: datetime) -> Entry | None:
        """Give a pending series another rule (another time) and its next ``due``; None when it is gone."""
        with self._db.transaction() as conn:
            changed = conn.execute(
                "UPDATE schedule SET rule = ?, due = ? WHERE id = ? AND fired_at IS NULL AND rule IS NOT NULL",
                (rule.text(), _epoch(due), entry_id),
            ).rowcount
        return self.get(entry_id) if changed else None

    def close(self) -> None:
        self._db.close()


def _keep_s() -> float:
    return KEEP_FIRED.total_seconds()


def labels(entries: Iterable[Entry]) -> list[str]:
    """The non-empty labels of ``entries``, in order (for "you have timers for pasta and tea")."""
    return [e.label for e in entries if e.label]
