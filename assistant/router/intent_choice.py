"""Picking the intent from an NLU result: the threshold, out of scope, and skills named or opened by the user.

Never a wrong action: below the threshold or out of scope there is no choice at all (the caller falls back).
A skill the user named ("ask weather ...") restricts the choice to its intents, with a lower bar because the
user already said where the request goes; a skill opened earlier ("open weather") wins close calls.
"""

from __future__ import annotations

from assistant.router.nlu.types import OUT_OF_SCOPE, IntentScore, NluResult
from assistant.router.skills.registry import Skill, SkillRegistry

#: The share of the threshold an intent of a named or opened skill needs.
NAMED_SKILL_FACTOR = 0.5


def scores(result: NluResult) -> list[IntentScore]:
    """The top intent and the ranking, best first, without repeats."""
    seen: dict[str, float] = {result.intent: result.confidence}
    for score in result.ranking:
        seen.setdefault(score.name, score.confidence)
    return sorted((IntentScore(n, c) for n, c in seen.items()), key=lambda s: -s.confidence)


def choose(
    registry: SkillRegistry, result: NluResult, threshold: float, *, only: str | None = None, prefer: str | None = None
) -> tuple[Skill, str] | None:
    """The (skill, intent) to run, or None for a fallback."""
    ranked = scores(result)
    if only is not None:
        return _best_of(registry, ranked, only, threshold * NAMED_SKILL_FACTOR)
    top = ranked[0]
    top_skill = registry.skill_for_intent(top.name) if top.name != OUT_OF_SCOPE else None
    if prefer is not None and (top_skill is None or top_skill.name != prefer):
        preferred = _best_of(registry, ranked, prefer, threshold * NAMED_SKILL_FACTOR)
        if preferred is not None and (top_skill is None or top.confidence < threshold):
            return preferred
    if top_skill is None or top.confidence < threshold:
        return None
    return top_skill, top.name


def _best_of(registry: SkillRegistry, ranked: list[IntentScore], skill: str, bar: float) -> tuple[Skill, str] | None:
    for score in ranked:
        owner = registry.skill_for_intent(score.name)
        if owner is not None and owner.name == skill and score.confidence >= bar:
            return owner, score.name
    return None
