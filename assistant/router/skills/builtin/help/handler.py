"""The help skill: reads the registry's manifests, so installing a skill updates what help says."""

from __future__ import annotations

import re

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


#: The words for a skill that are not its name ("the lights" are the devices skill's).
TOPIC_SKILLS = {"lights": "devices", "lamps": "devices", "reminders": "alarms", "messages": "calls",
                "facts": "answers", "songs": "music", "shopping list": "lists", "to do list": "lists",
                "time": "datetime", "clock": "datetime", "timer": "timers", "alarm": "alarms",
                "lamp": "devices"}  # fmt: skip


def named_in(manifests: list[SkillManifest], text: str) -> SkillManifest | None:
    """The skill the words name by its name or one of its invocation names ("how do I use skype")."""
    words = " " + " ".join(re.findall(r"[a-z]+", text.lower())) + " "
    for manifest in manifests:
        names = (manifest.name, *manifest.invocations, *(w for w, s in TOPIC_SKILLS.items() if s == manifest.name))
        if any(f" {name.lower()} " in words for name in names):
            return manifest
    return None


class HelpSkill:
    def __init__(self, context: SkillContext) -> None:
        self._skills = listed(context.skills)

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {"help.capabilities": self._capabilities, "help.examples": self._examples, "help.skill": self._skill},
        )

    def _capabilities(self, turn: Turn) -> Activity:
        if not self._skills:
            return say(turn, "I can chat a little, but no skills are installed yet.")
        names = topics(self._skills, detailed=True)
        example = next((m.samples[0] for m in self._skills if m.samples), None)
        tail = f' For example, say "{example}".' if example else ""
        return say(turn, f"I can help with {spoken_list(names)}.{tail}")

    def _skill(self, turn: Turn) -> Activity:
        """ "how do I use the lists": what that skill does, in its own description, and two of its samples."""
        wanted = TOPIC_SKILLS.get(str(turn.slot("topic", "")).lower(), str(turn.slot("topic", "")).lower())
        manifest = next((m for m in self._skills if m.name == wanted), None) or named_in(self._skills, turn.text)
        if manifest is None:
            return self._capabilities(turn)
        samples = manifest.samples[:1] + manifest.samples[-1:] if len(manifest.samples) > 1 else manifest.samples
        said = " or ".join(f'"{s}"' for s in samples)
        return say(turn, f"{manifest.description} For example, say {said}." if said else manifest.description)

    def _examples(self, turn: Turn) -> Activity:
        samples = [m.samples[0] for m in self._skills if m.samples][:3]
        if not samples:
            return say(turn, 'Try "what can you do".')
        return say(turn, "You could say: " + "; ".join(f'"{s}"' for s in samples) + ".")


def create(context: SkillContext) -> HelpSkill:
    return HelpSkill(context)
