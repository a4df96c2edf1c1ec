"""What the Skype log says back: who was called or messaged last, and whether a contact was.

Pure functions of the log's entries and the clock, so the calls skill's handler only picks which question was asked.
Incoming calls and messages are not simulated: asked to read messages, the skill says so and names the last one
sent instead of pretending the inbox is empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from assistant.router.services.contacts import CONTACTS, Contact, LogEntry
from assistant.router.services.spoken_values import spoken_clock

Kind = Literal["call", "message"]
#: "read my messages", "do I have any new messages": the inbox, which is not simulated.
_INBOX = re.compile(r"\b(?:read|check|play|any|new|unread|got)\b.*\b(?:messages?|texts?)\b", re.IGNORECASE)
_MESSAGE_WORDS = re.compile(r"\b(?:messages?|messaged|texts?|texted|wrote)\b", re.IGNORECASE)
NO_INBOX = "I can only send Skype messages here, not receive them."


def asks_yes_or_no(text: str) -> bool:
    """ "did I call Dad", "have I messaged Mom": a yes-or-no question."""
    return bool(re.match(r"\s*(?:did|have|has)\b", text, re.IGNORECASE))


def asks_for_inbox(text: str) -> bool:
    return bool(_INBOX.search(text))


def kind_asked(text: str) -> Kind:
    """Messages when the words say so ("who did I text last"), else calls."""
    return "message" if _MESSAGE_WORDS.search(text) else "call"


def when(at: datetime, now: datetime) -> str:
    """ "today at 9:30 AM", "yesterday at 6:00 PM", "on Monday at ...", "on March 3 at ..." (``at`` in ``now``'s
    zone)."""
    moment = at.astimezone(now.tzinfo)
    days = (now.date() - moment.date()).days
    day = {0: "today", 1: "yesterday"}.get(days)
    if day is None:
        day = f"on {moment.strftime('%A')}" if 1 < days < 7 else f"on {moment.strftime('%B')} {moment.day}"
    return f"{day} at {spoken_clock(moment)}"


def last_of(entries: Sequence[LogEntry], kind: Kind, contact: Contact | None = None) -> LogEntry | None:
    found = [e for e in entries if e.kind == kind and (contact is None or e.contact == contact.id)]
    return found[-1] if found else None


def name_of(contact_id: str) -> str:
    return next((c.name for c in CONTACTS if c.id == contact_id), contact_id)


def last_said(
    entries: Sequence[LogEntry], kind: Kind, now: datetime, contact: Contact | None = None, *, yes_no: bool = False
) -> str:
    """The answer to "who did I call last", "when did I last call Mom", or (``yes_no``) "did I message Dad"."""
    entry = last_of(entries, kind, contact)
    verb = "called" if kind == "call" else "messaged"
    if entry is None:
        if contact is None:
            return f"You haven't {verb} anyone yet."
        return f"{'No, you' if yes_no else 'You'} haven't {verb} {contact.name} yet."
    said = f': "{entry.text}"' if kind == "message" and entry.text else ""
    if contact is not None:
        return f"{'Yes, you' if yes_no else 'You'} last {verb} {contact.name} {when(entry.at, now)}{said}."
    return f"You last {verb} {name_of(entry.contact)}, {when(entry.at, now)}{said}."


def inbox_answer(entries: Sequence[LogEntry], now: datetime) -> str:
    sent = last_of(entries, "message")
    if sent is None:
        return NO_INBOX
    return f'{NO_INBOX} The last one you sent was to {name_of(sent.contact)}, {when(sent.at, now)}: "{sent.text}".'
