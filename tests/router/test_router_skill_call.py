"""A skill's failure is one error line naming the skill (and, for a bug, where it raised); the traceback is debug."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.router.skill_call import call_skill
from assistant.router.skills.registry import Skill, load_manifests, skill_dirs
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
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
def test_a_failure_is_one_error_line_and_a_bugs_traceback_is_kept_for_debugging(
    caplog: pytest.LogCaptureFixture, error: Exception, traceback: bool
) -> None:
    manifest = next(m for m in load_manifests(skill_dirs(Settings())) if m.name == "lists")
    with caplog.at_level(logging.DEBUG, logger="assistant.router.skill_call"):
        answer = call_skill(Skill(manifest, Failing(error)), _message())
    assert answer.reply is None and answer.error is not None
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == [answer.error] and errors[0].exc_info is None  # one line, no traceback
    assert str(error) in answer.error and "skill 'lists'" in answer.error
    debug = [r for r in caplog.records if r.levelno == logging.DEBUG and r.exc_info is not None]
    assert bool(debug) is traceback


def test_a_bug_is_placed_at_the_last_line_of_the_skills_own_files_it_passed_through() -> None:
    lists = next(m for m in load_manifests(skill_dirs(Settings())) if m.name == "lists")
    here = replace(lists, path=Path(__file__).parent / "skill.yml")  # this file stands for the skill's handler
    answer = call_skill(Skill(here, Failing(RuntimeError("a bug"))), _message())
    assert answer.error is not None and answer.error.endswith(f"RuntimeError: a bug ({Path(__file__)}:25)")


def test_a_reply_whose_state_json_cannot_hold_is_refused_with_the_key_named() -> None:
    lists = next(m for m in load_manifests(skill_dirs(Settings())) if m.name == "lists")

    class Odd:
        def handle(self, activity: Activity) -> Activity:
            return say(Turn.of(activity), "Done.", state={"items": ["milk", object()]})

    answer = call_skill(Skill(lists, Odd()), _message())
    assert answer.reply is None and answer.error is not None
    assert "channelData['state']['items'][1], an object JSON cannot hold" in answer.error
