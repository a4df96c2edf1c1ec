"""Transport-agnostic handler interfaces: each side answers one message with one message.

A handler does not know whether it is called in-process, over HTTP, or from a test. Transports wrap a handler and
are handlers themselves, so a signed network transport drops in without either side noticing.
"""

from __future__ import annotations

from typing import Protocol

from bridge.cortana import Activity
from bridge.miai import MiAiRequest, MiAiResponse


class MiAiHandler(Protocol):
    """What the speaker talks to: one Mi-AI request in, one Mi-AI response out."""

    def handle(self, request: MiAiRequest) -> MiAiResponse: ...


class ActivityHandler(Protocol):
    """What the bridge talks to on the router side: one Activity in, one reply Activity out."""

    def handle(self, activity: Activity) -> Activity: ...


class AnnouncementSink(Protocol):
    """Where proactive speech goes (a timer firing): the speaker's side of a push from the router."""

    def announce(self, response: MiAiResponse) -> None: ...
