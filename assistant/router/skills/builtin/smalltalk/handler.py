"""Small talk: short, friendly, deterministic answers (the greeting follows the clock's time of day)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity


def part_of_day(hour: int) -> str:
    return "morning" if 5 <= hour < 12 else "afternoon" if 12 <= hour < 18 else "evening"


class SmallTalkSkill:
    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self._home = ZoneInfo(context.settings.router.timezone)

    def handle(self, activity: Activity) -> Activity:
        turn = Turn.of(activity)
        return dispatch(
            turn,
            {
                "smalltalk.greet": self._greet,
                "smalltalk.thanks": lambda t: say(t, "You're welcome!"),
                "smalltalk.identity": lambda t: say(
                    t, "I'm your assistant: a skill router answering through your speaker. Ask me what I can do."
                ),
                "smalltalk.how_are_you": lambda t: say(t, "I'm doing great, thanks for asking! How can I help?"),
            },
        )

    def _greet(self, turn: Turn) -> Activity:
        hour = self._clock.now().astimezone(self._home).hour
        return say(turn, f"Good {part_of_day(hour)}! What can I do for you?")


def create(context: SkillContext) -> SmallTalkSkill:
    return SmallTalkSkill(context)
