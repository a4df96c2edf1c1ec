"""The help skill: reads the registry's manifests, so installing a skill updates what help says."""

from __future__ import annotations

from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.replies import say
from assistant.router.skills.turn import Turn
from assistant.router.speech import ordered, topics
from bridge.cortana import Activity


def listed(manifests: tuple[SkillManifest, ...]) -> list[SkillManifest]:
    """The skills help advertises (not itself, nor chit-chat), those people ask for most first."""
    return ordered(manifests)


class HelpSkill:
    def __init__(self, context: SkillContext) -> None:
        self._skills = listed(context.skills)

    def handle(self, activity: Activity) -> Activity:
        return dispatch(Turn.of(activity), {"help.capabilities": self._capabilities, "help.examples": self._examples})

    def _capabilities(self, turn: Turn) -> Activity:
        if not self._skills:
            return say(turn, "I can chat a little, but no skills are installed yet.")
        names = topics(self._skills, detailed=True)
        example = next((m.samples[0] for m in self._skills if m.samples), None)
        tail = f' For example, say "{example}".' if example else ""
        return say(turn, f"I can help with {spoken_list(names)}.{tail}")

    def _examples(self, turn: Turn) -> Activity:
        samples = [m.samples[0] for m in self._skills if m.samples][:3]
        if not samples:
            return say(turn, 'Try "what can you do".')
        return say(turn, "You could say: " + "; ".join(f'"{s}"' for s in samples) + ".")


def create(context: SkillContext) -> HelpSkill:
    return HelpSkill(context)
