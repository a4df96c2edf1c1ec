"""Answers to the welcome of a skill opened by name, served by that skill: a bare value ("open weather" then "Berlin")
or a task and when it is due ("open reminders" then "call mom at 6 pm"). :mod:`assistant.router.opened_skill`
reads the words; this runs what they say."""

from __future__ import annotations

from assistant.router import opened_skill
from assistant.router.intent_run import Outcome, TurnLog, inherited, run_intent
from assistant.router.session_state import SessionState
from assistant.router.skills.registry import SkillRegistry
from bridge.cortana import Activity


def open_skill_answer(
    registry: SkillRegistry, incoming: Activity, state: SessionState, text: str, turn: TurnLog
) -> Outcome | None:
    """A bare answer to an opened skill's welcome ("open weather" -> "Berlin", "open timers" -> "5 minutes"):
    ``opened_skill.welcome_answer``, with what the last request of that skill carries ("Paris", then "tomorrow")."""
    skill = registry.get(state.open_skill) if state.open_skill else None
    answer = opened_skill.welcome_answer(skill.manifest, text) if skill is not None else None
    if skill is None or answer is None:
        return None
    kept = inherited(state, skill, answer[0], answer[1], text, registry)
    return run_intent(incoming, state, skill, answer[0], {**kept, **answer[1]}, turn)


def task(
    registry: SkillRegistry,
    incoming: Activity,
    state: SessionState,
    text: str,
    turn: TurnLog,
    *,
    anytime: bool = False,
) -> Outcome | None:
    """ "call mom at 6 pm" right after "open reminders" (``anytime``: while it is open): a reminder, not a call or
    an alarm (``opened_skill.task_answer``)."""
    skill = registry.get(state.open_skill) if state.open_skill else None
    welcome = skill.manifest.welcome if skill is not None else None
    if skill is None or not welcome or (state.said != welcome and not anytime):
        return None
    answer = opened_skill.task_answer(skill.manifest, text)
    if answer is None:
        return None
    turn.confidence = 1.0
    return run_intent(incoming, state, skill, answer[0], answer[1], turn)
