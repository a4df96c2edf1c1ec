"""What the router itself says (fallbacks, prompts, apologies) and how its replies are addressed.

Kept apart from the routing logic so the wording is in one place and every reply the router makes on its own is
built the same way: addressed back to the sender, SSML beside the text, an input hint that says whether the
microphone should stay open.
"""

from __future__ import annotations

from typing import Any

from assistant.router.skills.registry import SkillRegistry
from bridge.cortana import Activity, InputHint
from bridge.ssml import text_to_ssml

NLU_RESTARTING = "My language service is restarting, please try again in a moment."
CANCELLED = "Okay, cancelled."
GOODBYE = "Okay."
NOTHING_TO_CANCEL = 'There\'s nothing to cancel. You can say "cancel my timer" or "cancel my alarm".'
DECLINED = "Okay, I won't."
NOT_HEARD = "Sorry, I didn't catch that."
GIVE_UP = "Sorry, I still didn't get that. Let's start over."
WELCOME = "Hi! What can I do for you?"


def apology(skill: str) -> str:
    return f"Sorry, the {skill} skill ran into a problem. Please try again later."


#: How the "I can't help" answer starts (what follows names some skills): benchmarks and tests recognise it by this.
FALLBACK_START = "Sorry, I can't help with that yet."


def fallback(registry: SkillRegistry) -> str:
    """The "I can't help" answer: says what the assistant can do instead of guessing an action."""
    names = [s.manifest.invocations[0] for s in registry.skills if s.name not in ("help", "smalltalk")][:4]
    offer = f" You can ask about {', '.join(names[:-1])} or {names[-1]}." if len(names) > 1 else ""
    return f'{FALLBACK_START}{offer} Say "what can you do" to hear more.'


def reask(prompt: str, yes_no: bool) -> str:
    return f"Sorry, please say yes or no. {prompt}" if yes_no else f"Sorry, I didn't get that. {prompt}"


def own_reply(
    incoming: Activity,
    text: str | None,
    hint: InputHint,
    *,
    intent: str | None = None,
    semantic_state: str = "done",
    slots: dict[str, Any] | None = None,
    end: bool = False,
) -> Activity:
    """A reply the router makes without a skill (channelData is added by the router afterwards)."""
    action = None
    if intent:
        action = {"id": intent, "state": semantic_state, "entities": slots or {}}
    data: dict[str, Any] = {
        "type": "endOfConversation" if end and not text else "message",
        "from": incoming.recipient.to_dict(),
        "recipient": incoming.from_.to_dict(),
        "conversation": incoming.conversation.to_dict(),
        "inputHint": hint,
    }
    if incoming.id:
        data["replyToId"] = incoming.id
    if incoming.locale:
        data["locale"] = incoming.locale
    if text:
        data["text"] = text
        data["speak"] = text_to_ssml(text)
    if action:
        data["semanticAction"] = action
    return Activity.from_dict(data)
