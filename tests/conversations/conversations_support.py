"""Helpers and utterance lists for the whole-pipeline conversation tests."""

from __future__ import annotations

from typing import Any

from assistant.app import Assistant
from assistant.turn import TurnResult

FALLBACK_START = "Sorry, I can't help with that yet."

#: The two off-topic requests issue 3 names; "what's the meaning of life" is also a training example.
ISSUE_EXAMPLES: tuple[str, ...] = ("book me a flight to Rome", "what's the meaning of life")

#: Off-topic requests and remarks, none of them in the training data (a test checks that).
OFF_TOPIC: tuple[str, ...] = (
    "book me a flight to Rome",
    "reserve a table for four at a steakhouse",
    "how much is a ticket to the zoo",
    "what's my checking account number",
    "sell my old bicycle on ebay",
    "who will win the next election",
    "can you drive me to work",
    "how do I fix a flat tyre",
    "find a vegetarian restaurant nearby",
    "order new contact lenses",
    "what are the symptoms of the flu",
    "teach me to play guitar",
    "how tall is the eiffel tower",
    "where did I park my car",
    "tell me about quantum computing",
    "is the post office open on saturday",
    "write a cover letter for me",
    "what's the best programming language",
    "how many miles did I run this week",
    "I think my neighbour is a spy",
    "the cat sat on the mat",
    "my favourite colour is green",
    "we should paint the kitchen yellow",
    "do you like pineapple on pizza",
    "I was just wondering if maybe",
    "could you possibly",
    "call of duty cheats",
)

#: Off-topic sentences that may get a reply instead of the fallback, never an action: the engine is sure of one
#: in-domain word with a slot value ("green"), or the words read as a template with a name no skill lists ("call
#: of duty cheats" is "call {contact}", the price of "call justin" hearing "I can't find justin in your contacts";
#: at 0.5-0.6 it falls either side of the threshold as the skills' data changes).
ENGINE_MISSES: tuple[str, ...] = ("my favourite colour is green", "call of duty cheats")

#: Nonsense, some of it shaped like a command.
GIBBERISH: tuple[str, ...] = (
    "blorf the wibble",
    "purple monkey dishwasher",
    "flibber flabber jabberwocky",
    "asdf qwerty zxcv",
    "lorem ipsum dolor sit amet",
    "zorp my quibble",
    "snarfle the grommet quickly",
    "green ideas sleep furiously",
    "plink plonk",
    "wug",
)

#: (expected intent, utterance): varied wordings, not copied from the manifests' templates.
IN_SCOPE: tuple[tuple[str, str], ...] = (
    ("weather.forecast", "what's the weather like in Berlin"),
    ("weather.forecast", "how is the weather tomorrow in Tokyo"),
    ("weather.rain", "is it going to rain in Seattle tomorrow"),
    ("weather.temperature", "how cold is it in Moscow"),
    ("datetime.time", "what's the time in New York"),
    ("datetime.date", "what's today's date"),
    ("datetime.zone", "what time zone is Sydney in"),
    ("timers.set", "start a pasta timer for 8 minutes"),
    ("timers.remaining", "how much time is left on the timer"),
    ("timers.list", "what timers do I have"),
    ("alarms.set", "wake me up at 7 am"),
    ("alarms.remind", "remind me to feed the hamster at 6 pm"),
    ("alarms.remind", "remind me in 20 minutes to check the oven"),
    ("alarms.list", "what alarms do I have"),
    ("devices.on", "switch on the bedroom light"),
    ("devices.off", "turn off the living room ac"),
    ("devices.level", "dim the bedroom light to 30 percent"),
    ("devices.color", "make the living room lamp blue"),
    ("devices.temperature", "set the ac to 22 degrees"),
    ("devices.mode", "set the air conditioner to cool mode"),
    ("devices.status", "is the kitchen light on"),
    ("devices.on", "open the bedroom curtains"),
    ("music.play", "play music by the beatles"),
    ("music.pause", "pause the music"),
    ("music.next", "skip this song"),
    ("music.volume", "set the volume to 40"),
    ("answers.question", "who wrote hamlet"),
    ("answers.define", "define photosynthesis"),
    ("answers.calculate", "what is 12 times 7"),
    ("answers.convert", "convert 5 miles to kilometers"),
    ("calls.call", "call mom"),
    ("calls.hangup", "hang up"),
    ("lists.add", "put eggs on the shopping list"),
    ("lists.read", "what's on my shopping list"),
    ("help.capabilities", "what can you do"),
    ("smalltalk.greet", "good morning"),
    ("smalltalk.identity", "who are you"),
)


def is_fallback(result: TurnResult) -> bool:
    """The helpful "I can't help" answer, with nothing done and the microphone closed."""
    return (
        result.not_understood
        and (result.speech or "").startswith(FALLBACK_START)
        and result.action is None
        and not result.device_changes
        and not any(d.get("type") == "audio" for d in result.directives)
        and not result.open_mic
    )


def device(assistant: Assistant, device_id: str) -> dict[str, Any]:
    found = [d for d in assistant.devices() if d["id"] == device_id]
    assert len(found) == 1, device_id
    return dict(found[0]["state"])


def talk(assistant: Assistant, *lines: str) -> list[TurnResult]:
    return [assistant.text_turn(line) for line in lines]
