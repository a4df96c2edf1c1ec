"""Makes stored timers, alarms and reminders go off: a thread on real time, clock listeners on simulated time.

On a :class:`SystemClock` a daemon thread sleeps until the next due entry (or until woken because an entry was
added, or at most ``POLL_S``, to notice entries another process added) and fires what is due. On a
:class:`ManualClock` there is no thread: every ``advance`` runs :meth:`Scheduler.run_due` synchronously, so scripted
tests hear the timer in order. Either way, :meth:`start` first fires once, as late, whatever fell due while the
process was down. Firing means claiming the entry in the store and calling ``on_fire`` (the skill turns it into an
announcement); a failing callback is logged, never kills the thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.router.services.clock import Clock, ManualClock
from assistant.router.services.schedule_store import Entry, Kind, ScheduleStore

log = logging.getLogger(__name__)

#: Longest sleep of the thread, so entries written by another process are noticed.
POLL_S = 5.0
#: Due this long before start counts as missed while the process was down ("sorry, this is late").
LATE_AFTER = timedelta(seconds=30)


@dataclass(frozen=True)
class Firing:
    """An entry going off; ``late`` when it fell due while nothing was running to announce it."""

    entry: Entry
    at: datetime
    late: bool

    @property
    def lateness(self) -> timedelta:
        return self.at - self.entry.due


OnFire = Callable[[Firing], None]


class Scheduler:
    """Fires the due entries of ``kinds`` from ``store`` through ``on_fire``."""

    def __init__(self, store: ScheduleStore, clock: Clock, on_fire: OnFire, kinds: Collection[Kind]) -> None:
        self.store = store
        self.clock = clock
        self._on_fire = on_fire
        self._kinds = tuple(kinds)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None or self._unsubscribe is not None

    def start(self) -> tuple[Firing, ...]:
        """Fire what was missed (as late), then follow the clock; returns the late firings."""
        if self.running:
            return ()
        missed = self.run_due(self.clock.now(), catching_up=True)
        if isinstance(self.clock, ManualClock):
            self._unsubscribe = self.clock.subscribe(self._on_tick)
        else:
            self._stopping.clear()
            self._thread = threading.Thread(target=self._loop, name=f"scheduler-{'-'.join(self._kinds)}", daemon=True)
            self._thread.start()
        return missed

    def wake(self) -> None:
        """Re-read the next due time now (call after adding or snoozing an entry)."""
        self._wake.set()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stopping.set()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        thread, self._thread = self._thread, None
        if thread is not None:
            self._wake.set()
            thread.join(timeout_s)
            if thread.is_alive():
                log.warning("scheduler thread did not stop within %.1f s", timeout_s)

    def run_due(self, now: datetime, *, catching_up: bool = False) -> tuple[Firing, ...]:
        """Fire everything due by ``now``, oldest first; with ``catching_up`` the long-overdue count as late."""
        firings = tuple(
            Firing(entry, now, late=catching_up and now - entry.due > LATE_AFTER)
            for entry in self.store.claim_due(now, self._kinds)
        )
        for firing in firings:
            log.info(
                "%s %d %r fires%s", firing.entry.kind, firing.entry.id, firing.entry.label, " (late)" * firing.late
            )
            try:
                self._on_fire(firing)
            except Exception:
                log.exception("announcing %s %d failed", firing.entry.kind, firing.entry.id)
        return firings

    def _on_tick(self, now: datetime) -> None:
        if not self._stopping.is_set():
            self.run_due(now)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_due(self.clock.now())
                self._wake.wait(self._sleep_s())
            except Exception:
                log.exception("scheduler loop failed; retrying in %.0f s", POLL_S)
                self._stopping.wait(POLL_S)
            self._wake.clear()

    def _sleep_s(self) -> float:
        due = self.store.next_due(self._kinds)
        if due is None:
            return POLL_S
        return min(POLL_S, max(0.0, (due - self.clock.now()).total_seconds()))
