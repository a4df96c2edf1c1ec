"""What the calls skill says about its Skype log: the last call or message, one contact's, and the inbox it lacks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from assistant.router.services.contacts import LogEntry, find_contact
from assistant.router.skills.builtin.calls.history import (
    NO_INBOX,
    asks_for_inbox,
    asks_yes_or_no,
    inbox_answer,
    kind_asked,
    last_said,
    when,
)

NOW = datetime(2024, 3, 15, 9, 30, tzinfo=timezone.utc)  # a Friday
MOM, DAD = find_contact("mom"), find_contact("dad")
assert MOM is not None and DAD is not None
LOG = (
    LogEntry("call", MOM.id, "", NOW - timedelta(days=3)),
    LogEntry("message", DAD.id, "running late", NOW - timedelta(days=1, hours=2)),
    LogEntry("call", DAD.id, "", NOW - timedelta(minutes=5)),
)


def test_the_last_call_or_message_is_named_with_when() -> None:
    assert last_said(LOG, "call", NOW) == "You last called Dad, today at 9:25 AM."
    assert last_said(LOG, "message", NOW) == 'You last messaged Dad, yesterday at 7:30 AM: "running late".'
    assert last_said((), "call", NOW) == "You haven't called anyone yet."


def test_one_contact_answers_yes_or_no_only_when_asked_so() -> None:
    assert last_said(LOG, "call", NOW, MOM, yes_no=True) == "Yes, you last called Mom on Tuesday at 9:30 AM."
    assert last_said(LOG, "call", NOW, MOM) == "You last called Mom on Tuesday at 9:30 AM."
    assert last_said(LOG, "message", NOW, MOM, yes_no=True) == "No, you haven't messaged Mom yet."
    assert last_said(LOG, "message", NOW, MOM) == "You haven't messaged Mom yet."


def test_the_inbox_is_not_pretended_empty() -> None:
    assert inbox_answer((), NOW) == NO_INBOX
    assert inbox_answer(LOG, NOW).endswith('The last one you sent was to Dad, yesterday at 7:30 AM: "running late".')


def test_what_the_words_ask() -> None:
    assert asks_for_inbox("read my messages") and asks_for_inbox("do I have any new texts")
    assert not asks_for_inbox("who did I message last")
    assert kind_asked("who did I text last") == "message" and kind_asked("who did I call last") == "call"
    assert asks_yes_or_no("did I call Dad") and not asks_yes_or_no("when did I last call Dad")
    assert when(NOW - timedelta(days=10), NOW) == "on March 5 at 9:30 AM"
