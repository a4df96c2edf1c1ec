"""A skill's failure is logged by what it is: a known error in one line, anything else with its traceback."""

from __future__ import annotations

import logging

import pytest

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.router.skill_call import call_skill
from assistant.router.skills.registry import Skill, load_manifests, skill_dirs
from bridge.cortana import Activity, ChannelAccount, ConversationAccount


class Failing:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def handle(self, activity: Activity) -> Activity:
        raise self.error


def _message() -> Activity:
    return Activity(
        type="message",
        from_=ChannelAccount(id="user", role="user"),
        recipient=ChannelAccount(id="router", role="bot"),
        conversation=ConversationAccount(id="session"),
        text="read my list",
    )


@pytest.mark.parametrize(("error", "traceback"), [(AssistantError("lists.sqlite3 is read-only"), False),
                                                  (RuntimeError("a bug"), True)])  # fmt: skip
def test_a_known_error_is_one_line_and_a_bug_keeps_its_traceback(
    caplog: pytest.LogCaptureFixture, error: Exception, traceback: bool
) -> None:
    manifest = next(m for m in load_manifests(skill_dirs(Settings())) if m.name == "lists")
    with caplog.at_level(logging.ERROR):
        answer = call_skill(Skill(manifest, Failing(error)), _message())
    assert answer.reply is None
    (record,) = caplog.records
    assert str(error) in record.getMessage() if not traceback else "failed on intent" in record.getMessage()
    assert (record.exc_info is not None) is traceback
