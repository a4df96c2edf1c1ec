"""Per-turn trace: every hop appends which side handled what, the message in and out, and milliseconds.

``assistant chat --trace`` prints it; ``--json`` reports per-stage milliseconds from it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

#: the hops of one turn, in order
SPEAKER_TO_BRIDGE = "speaker->bridge"
TRANSLATE_REQUEST = "bridge:miai->cortana"
BRIDGE_TO_ROUTER = "bridge->router"
ROUTER = "router"
TRANSLATE_RESPONSE = "bridge:cortana->miai"
BRIDGE_TO_SPEAKER = "bridge->speaker"


@dataclass(frozen=True)
class TraceRecord:
    hop: str
    side: str  # "speaker", "bridge" or "router": who did the work
    message_in: dict[str, Any] | None
    message_out: dict[str, Any] | None
    ms: float


@dataclass
class Trace:
    """The records of the current turn; thread-safe because announcements arrive from the scheduler thread."""

    records: list[TraceRecord] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def add(self, record: TraceRecord) -> None:
        if self._dropping():
            return
        with self._lock:
            self.records.append(record)

    @contextmanager
    def late_work(self) -> Iterator[threading.Event]:
        """Records made in this thread within the block count until the returned event is set: a turn given up on
        (the bridge stopped waiting) must not write its late hops into the next turn's trace."""
        given_up = threading.Event()
        self._local.given_up = given_up
        try:
            yield given_up
        finally:
            self._local.given_up = None

    def _dropping(self) -> bool:
        given_up: threading.Event | None = getattr(self._local, "given_up", None)
        return given_up is not None and given_up.is_set()

    def add_record(
        self, hop: str, side: str, message_in: dict[str, Any] | None, message_out: dict[str, Any] | None
    ) -> None:
        """A hop that took no measurable time of its own (an announcement passing through)."""
        self.add(TraceRecord(hop, side, message_in, message_out, 0.0))

    def take(self) -> list[TraceRecord]:
        """The records so far, clearing them for the next turn."""
        with self._lock:
            taken, self.records = self.records, []
        return taken

    @contextmanager
    def hop(self, hop: str, side: str, message_in: dict[str, Any] | None) -> Iterator[dict[str, Any]]:
        """Time a hop; the caller puts the message it produced in ``box["out"]``.

        The record takes the place the hop had when it started, so a hop that wraps others (the speaker's wire
        around the whole bridge) comes before them, and the records read in the order the message travelled.
        """
        box: dict[str, Any] = {"out": None}
        with self._lock:
            slot = len(self.records)
        start = time.perf_counter()
        try:
            yield box
        finally:
            record = TraceRecord(hop, side, message_in, box["out"], (time.perf_counter() - start) * 1000)
            if not self._dropping():
                with self._lock:
                    self.records.insert(min(slot, len(self.records)), record)
