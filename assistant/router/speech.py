"""What the router itself says (fallbacks, prompts, apologies) and how its replies are addressed.

Kept apart from the routing logic so the wording is in one place and every reply the router makes on its own is
built the same way: addressed back to the sender, SSML beside the text, an input hint that says whether the
microphone should stay open.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant.router.skills.manifest import SkillManifest
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
#: "repeat that" with nothing said yet in this session.
NOTHING_SAID = "I haven't said anything yet. What can I do for you?"
#: "what did I just ask" with nothing asked yet in this session.
NOTHING_ASKED = "You haven't asked me anything yet. What can I do for you?"
#: A correction the router could not apply to the last request ("no, I meant oat milk" after adding milk).
UNCORRECTED = "Sorry, I can't change that. Please say the whole request again."


def asked(words: str) -> str:
    """The answer to "what did I just ask": the user's last request, in their words."""
    return f'You asked: "{words.strip().rstrip(".?!")}".'


#: The built-in skills in plain words, in the order people ask for them most: the fallback names the first few.
TOPICS: dict[str, str] = {
    "weather": "the weather",
    "timers": "timers",
    "devices": "your lights",
    "music": "music",
    "alarms": "alarms and reminders",
    "lists": "your lists",
    "datetime": "the time and date",
    "calls": "calls",
    "answers": "quick facts",
}
#: Longer words where help lists everything and has the time to say them.
DETAILED: dict[str, str] = {"devices": "your lights and other devices"}
#: Skills no list of topics names (help itself, and chit-chat).
UNNAMED = frozenset({"help", "smalltalk"})
#: How many topics the fallback names: enough to show the range, short enough to hear.
FALLBACK_TOPICS = 4


def ordered(manifests: Iterable[SkillManifest]) -> list[SkillManifest]:
    """The skills a list of topics names: the built-in ones as ``TOPICS`` orders them, then the others as given."""
    named = [m for m in manifests if m.name not in UNNAMED]
    rank = {name: i for i, name in enumerate(TOPICS)}
    return sorted(named, key=lambda m: rank.get(m.name, len(rank)))


def topics(manifests: Iterable[SkillManifest], *, detailed: bool = False) -> list[str]:
    """What the installed skills are about, in plain words (``TOPICS``; another skill by its first invocation name),
    most asked for first."""
    words = DETAILED if detailed else {}
    return [words.get(m.name) or TOPICS.get(m.name) or m.invocations[0] for m in ordered(manifests)]


def fallback(registry: SkillRegistry) -> str:
    """The "I can't help" answer: says what the assistant can do instead of guessing an action."""
    names = topics(s.manifest for s in registry.skills)[:FALLBACK_TOPICS]
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
