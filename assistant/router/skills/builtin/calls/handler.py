"""The calls skill, Skype-style: calls and messages to simulated contacts, recorded in a log.

Nothing leaves the machine: a call or a sent message is written to the Skype log (SQLite) and the speaker gets a
``skype.call`` / ``skype.message`` action to show. A message is read back and sent only after the user says yes,
because a misheard message cannot be unsent.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from assistant.router.services.contacts import CONTACTS, Contact, SkypeLog, find_contact
from assistant.router.services.spoken_values import spoken_list
from assistant.router.skills.builtin.calls.history import (
    asks_for_inbox,
    asks_yes_or_no,
    inbox_answer,
    kind_asked,
    last_said,
)
from assistant.router.skills.handler import SkillContext, dispatch
from assistant.router.skills.replies import Action, ask, confirm, say
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity

#: Words before the message itself: "saying I'm late", "tell him dinner is at seven", "ask her if she's coming".
_LEAD = re.compile(r"^(?:(?:tell|text|ask) (?:him|her|them) (?:that )?|saying (?:that )?|that )", re.IGNORECASE)


#: "call the pizza place on speaker": the name after the verb, when the NLU tagged none.
_CALLED = re.compile(
    r"^\s*(?:please\s+)?(?:(?:can|could) you\s+)?(?:call|ring|phone|dial|skype|video call)\s+(?:up\s+)?(.+?)"
    r"(?:\s+(?:on (?:the )?speaker(?: ?phone)?|please|now|right now|for me|back))*\s*[.!?]*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:him|her|them|his|their)\b", re.IGNORECASE)
#: Who a call means when it names no one: "him", "her back", "back".
_BACK = re.compile(r"^\s*(?:(?:him|her|them)(?:\s+back)?|back|(?:him|her|them)\s+again|again)\s*$", re.IGNORECASE)
#: A phone number said as the one to call: "555 1234", "+1 (555) 123-4567".
_DIGITS = re.compile(r"^\s*\+?[\d\s().-]{3,}$")
#: Emergency numbers and services: never a contact, never a simulated call.
_EMERGENCY = re.compile(
    r"^\s*(?:911|9 1 1|nine one one|999|112|000)\s*$|\b(?:emergency|police|ambulance|fire department|fire brigade)\b",
    re.IGNORECASE,
)


def called_name(text: str) -> str | None:
    """ "call the pizza place" -> "the pizza place"; None when the words name no one ("make a call")."""
    found = _CALLED.match(text)
    name = found.group(1) if found else None
    return None if name is None or name.lower() in ("a call", "someone", "somebody", "me") else name


def message_text(value: object) -> str:
    """ "saying I'm late" -> "I'm late"; "tell him dinner is at seven" -> "dinner is at seven"."""
    return _LEAD.sub("", " ".join(str(value or "").split()), count=1)


class CallsSkill:
    def __init__(self, context: SkillContext) -> None:
        self._clock = context.clock
        self._zone = ZoneInfo(context.settings.router.timezone)
        self.log = SkypeLog.in_dir(context.settings.data_dir)

    def handle(self, activity: Activity) -> Activity:
        return dispatch(
            Turn.of(activity),
            {
                "calls.call": self._call,
                "calls.message": self._message,
                "calls.contacts": self._contacts,
                "calls.hangup": self._hangup,
                "calls.current": self._current,
                "calls.history": self._history,
            },
        )

    def close(self) -> None:
        self.log.close()

    def _contact(self, turn: Turn) -> Contact | Activity:
        said = turn.slot("contact")
        if turn.intent == "calls.call" and not turn.said("contact"):  # "call her" after "call 911": not 911 again
            said = called_name(turn.text) or said
        if not said:
            return ask(turn, "contact", "Who should I contact?")
        if _EMERGENCY.search(str(said)):  # "call 911": never a contact, and no call to fake
            return say(turn, "I can't call emergency numbers. Please call them from a phone.")
        if _DIGITS.match(str(said)):  # "call 555 1234"
            return say(turn, "I can only call your Skype contacts, not phone numbers.")
        if _BACK.match(str(said)):  # "call him back": the last one called or messaged
            last = self.log.entries()[-1:]
            contact = next((c for c in CONTACTS if last and c.id == last[0].contact), None)
            return contact if contact is not None else ask(turn, "contact", "Who should I call?")
        contact = find_contact(said)
        if contact is None:
            known = ", ".join(c.name for c in CONTACTS[:4])
            return say(turn, f"I can't find {said} in your contacts. You have {known} and others.")
        return contact

    def _named(self, turn: Turn) -> bool:
        """Whether this question names a contact, in its words or by "him"/"her": not one the router carried over
        from the call just made ("call mom" then "what contacts do I have")."""
        return turn.has("contact") and (turn.said("contact") or bool(_PRONOUN.search(turn.text)))

    def _contacts(self, turn: Turn) -> Activity:
        """The address book read out, or one contact looked up ("what's mom's number": her Skype id)."""
        if not self._named(turn):
            names = [c.name for c in CONTACTS]
            return say(turn, f"You have {len(names)} contacts: {spoken_list(names)}.")
        found = self._contact(turn)
        if isinstance(found, Activity):
            return found
        return say(turn, f"{found.name} is in your contacts, on Skype as {found.id}.")

    def _call(self, turn: Turn) -> Activity:
        found = self._contact(turn)
        if isinstance(found, Activity):
            return found
        self.log.record("call", found, self._clock.now())
        action = Action("skype.call", {"contact": found.id, "name": found.name})
        return say(turn, f"Calling {found.name} on Skype.", action=action, state={"in_call": found.id})

    def _message(self, turn: Turn) -> Activity:
        found = self._contact(turn)
        if isinstance(found, Activity):
            return found
        text = message_text(turn.slot("message"))
        if not text:
            return ask(turn, "message", "What's the message?")
        if not turn.confirmed:
            return confirm(turn, f'Send "{text}" to {found.name}?')
        self.log.record("message", found, self._clock.now(), text)
        action = Action("skype.message", {"contact": found.id, "name": found.name, "text": text})
        return say(turn, f"Sent to {found.name}.", action=action)

    def _history(self, turn: Turn) -> Activity:
        """ "who did I call last", "did I message Dad", "read my messages" (only sent ones are known)."""
        now, entries = self._clock.now().astimezone(self._zone), self.log.entries()
        if asks_for_inbox(turn.text) and not self._named(turn):
            return say(turn, inbox_answer(entries, now))
        contact = None
        if self._named(turn):
            found = self._contact(turn)
            if isinstance(found, Activity):
                return found
            contact = found
        return say(turn, last_said(entries, kind_asked(turn.text), now, contact, yes_no=asks_yes_or_no(turn.text)))

    def _current(self, turn: Turn) -> Activity:
        """ "who am I talking to" during a call: the call goes on."""
        in_call = turn.state.get("in_call")
        contact = next((c for c in CONTACTS if c.id == in_call), None) if in_call else None
        if contact is None:
            return say(turn, "You're not on a call. You're talking to me, your assistant.")
        return say(turn, f"You're on a call with {contact.name}.")

    def _hangup(self, turn: Turn) -> Activity:
        if not turn.state.get("in_call"):
            return say(turn, "There's no call to end.")
        return say(turn, "Call ended.", action=Action("skype.hangup"), state={})


def create(context: SkillContext) -> CallsSkill:
    return CallsSkill(context)
