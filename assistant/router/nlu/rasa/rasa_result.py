"""Rasa's ``/model/parse`` JSON turned into the project's ``NluResult``: pure, so it is tested without a server.

Rasa's entity ``value`` has already been through its synonym mapper; the project's ``normalize`` then turns it into
the same typed value the embedded engine gives (seconds, times, room ids), so skills cannot tell the engines apart.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import NluError
from assistant.router.nlu.normalize import normalize
from assistant.router.nlu.types import OUT_OF_SCOPE, IntentScore, NluResult, Slot

ENGINE_NAME = "rasa"


def result_from_rasa(payload: Any, text: str, locale: str = "en-US") -> NluResult:
    """The ``NluResult`` for one ``/model/parse`` answer; a malformed answer is an ``NluError`` naming the field."""
    if not isinstance(payload, dict):
        raise NluError(f"Rasa's parse answer is not a JSON object: {str(payload)[:80]!r}")
    intent = payload.get("intent") or {}
    name = intent.get("name") if isinstance(intent, dict) else None
    confidence = _number(intent.get("confidence", 0.0) if isinstance(intent, dict) else 0.0, "intent.confidence")
    ranking = tuple(
        IntentScore(str(item["name"]), round(_number(item.get("confidence", 0.0), "intent_ranking"), 6))
        for item in payload.get("intent_ranking") or ()
        if isinstance(item, dict) and item.get("name")
    )
    if not name or name == "nlu_fallback":
        # Rasa says "no intent" (empty text or a FallbackClassifier in the pipeline): the project's out of scope.
        return NluResult(text, OUT_OF_SCOPE, confidence, (), ranking, ENGINE_NAME)
    slots = () if name == OUT_OF_SCOPE else _slots(payload.get("entities") or (), text, locale)
    return NluResult(text, str(name), confidence, slots, ranking, ENGINE_NAME)


def _slots(entities: Any, text: str, locale: str) -> tuple[Slot, ...]:
    slots = []
    for entity in entities:
        if not isinstance(entity, dict):
            raise NluError(f"Rasa's parse answer has an entity that is not an object: {entity!r}")
        try:
            kind, start, end = str(entity["entity"]), int(entity["start"]), int(entity["end"])
        except (KeyError, TypeError, ValueError) as e:
            raise NluError(f"Rasa's parse answer has an entity without entity/start/end: {entity!r}") from e
        raw = text[start:end]
        value = entity.get("value")
        canonical = value if isinstance(value, str) and value.strip() else raw
        role = entity.get("role")
        slots.append(
            Slot(
                entity=kind,
                raw=raw,
                value=normalize(kind, canonical, locale),
                start=start,
                end=end,
                confidence=round(_number(entity.get("confidence_entity", 1.0), "confidence_entity"), 6),
                role=str(role) if role else None,
            )
        )
    return tuple(slots)


def _number(value: Any, field: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError) as e:
        raise NluError(f"Rasa's parse answer has a non-numeric {field}: {value!r}") from e
