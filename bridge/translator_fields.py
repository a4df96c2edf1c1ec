"""Field conversions the translator uses: Mi-AI slots <-> a Cortana semantic action, epoch milliseconds <-> ISO 8601.

Pure functions of their arguments; :mod:`bridge.translator` composes them into whole messages.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from bridge import cortana as c
from bridge import miai as m
from bridge.errors import TranslationError


def slots_to_action(query: str, slot_info: m.SlotInfo | None) -> c.SemanticAction | None:
    if slot_info is None:
        return None
    entities: dict[str, Any] = {}
    instances: dict[str, list[c.EntityInstance]] = {}
    for slot in slot_info.slots:
        if slot.name in entities:
            raise TranslationError(f"slot_info.slots: slot {slot.name!r} appears twice; Cortana entities are unique")
        entities[slot.name] = slot.value
        start = query.find(slot.value) if slot.value else -1  # str indices are code points
        if start >= 0:
            end = start + len(slot.value)
            instances[slot.name] = [c.EntityInstance(start_index=start, end_index=end, text=slot.value, type=slot.name)]
    return c.SemanticAction(
        id=slot_info.intent_name,
        state="done" if slot_info.is_confirmed else "start",
        entities=entities,
        instance=instances or None,
    )


def action_to_slots(action: c.SemanticAction | None, order: list[str] | None) -> m.SlotInfo | None:
    if action is None:
        return None
    names = list(order) if order is not None else list(action.entities)
    names += [n for n in action.entities if n not in names]
    slots = [m.Slot(name=n, value=slot_text(action.entities[n])) for n in names if n in action.entities]
    return m.SlotInfo(intent_name=action.id, is_confirmed=action.state == "done", slots=slots)


def slot_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return str(value["text"])
    return str(value)


def iso_time(millis: int) -> str:
    moment = datetime.fromtimestamp(millis / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis % 1000:03d}Z"


def millis(stamp: str | None) -> int:
    if not stamp:
        return 0
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        raise TranslationError(f"timestamp: {stamp!r} is not ISO 8601") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return round(moment.timestamp() * 1000)
