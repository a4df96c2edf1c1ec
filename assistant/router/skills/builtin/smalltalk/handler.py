"""Small talk: short, friendly, deterministic answers (the greeting follows the clock's time of day)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

JOKES = (
    "Why did the smart speaker go to school? To improve its listening skills.",
    "I told my lamp a joke. It didn't get it, but it lit up anyway.",
    "What's a robot's favourite music? Heavy metal.",
    "Why don't timers ever win arguments? They always run out.",
)

#: The answer to "okay" / "got it": an acknowledgement asks nothing, so it gets a short one back.
ACKNOWLEDGED = "Okay."


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
                "smalltalk.identity": self._identity,
                "smalltalk.kind_words": lambda t: say(t, "That's kind of you. I'm happy to help."),
                "smalltalk.apology": lambda t: say(t, "No problem."),
                "smalltalk.how_are_you": lambda t: say(t, "I'm doing great, thanks for asking! How can I help?"),
                "smalltalk.joke": self._joke,
                "smalltalk.acknowledge": lambda t: say(t, ACKNOWLEDGED),
            },
        )

    def _joke(self, turn: Turn) -> Activity:
        """The next joke of the session (kept in the skill's state), so "another joke" is a new one."""
        told = int(turn.state.get("jokes", 0))
        return say(turn, JOKES[told % len(JOKES)], state={**turn.state, "jokes": told + 1})

    def _identity(self, turn: Turn) -> Activity:
        if re.search(r"\b(?:old|born|birthday)\b", turn.text.lower()):  # "how old are you"
            return say(turn, "I don't have a birthday, but I learn new skills all the time.")
        return say(turn, "I'm your assistant: a skill router answering through your speaker. Ask me what I can do.")

    def _greet(self, turn: Turn) -> Activity:
        hour = self._clock.now().astimezone(self._home).hour
        return say(turn, f"Good {part_of_day(hour)}! What can I do for you?")


def create(context: SkillContext) -> SmallTalkSkill:
    return SmallTalkSkill(context)
