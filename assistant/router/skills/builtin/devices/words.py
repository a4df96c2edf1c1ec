"""What the devices skill reads from the words themselves, beside the NLU's slots: pure functions of the text.

The slots say one device kind and one room; the words also say whether a number was degrees or a level, whether
"it" points back, which rooms ("the kitchen and the bedroom") and which parts ("the lamp and the fan") a request
has, and which appliance it names that the simulated Mi Home lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.router.services.spoken_values import number
from assistant.router.skills.builtin.devices import targets as t
from assistant.router.skills.manifest import SlotValueSpec

#: Words that say a number is degrees, or a level: without them "set the fan to 40" is read by the device.
SAYS_DEGREES = re.compile(r"°|\b(degrees?|celsius|fahrenheit|temperature|temp|thermostat|heat|cool)\b")
SAYS_LEVEL = re.compile(r"%|\b(per ?cent|half|brightness|bright|brighten|dim|speed)\b")
#: Words for what only one kind of device does: "start cleaning" names the robot vacuum without naming it.
_ACTIVITIES = {"clean": "vacuum", "cleaning": "vacuum", "vacuuming": "vacuum", "hoovering": "vacuum"}
#: "what's on", "which lights are on in the kitchen": a question about everything on, not one device.
_WHAT_IS_ON = re.compile(r"\b(what|which)\b( [a-z']+)*? (is|are) (on|running)\b")
#: How a request feels, as a direction: "it's too cold" is warmer.
_FEELINGS = {"hot": "cooler", "warm": "cooler", "cold": "warmer", "chilly": "warmer", "dark": "brighter",
             "bright": "dimmer"}  # fmt: skip
#: Verbs that are a direction without a level: "dim the bedroom lights".
VERBS = {"dim": "dimmer", "darken": "dimmer", "brighten": "brighter"}
#: The direction slot's values (the NLU may tag another word there: "5 degrees fahrenheit").
_DIRECTIONS = frozenset({"warmer", "cooler", "brighter", "dimmer", "up", "down", "faster", "slower"})
#: Words that point back at the devices of the previous turn: "is it on", "turn them off".
_BACK = frozenset({"it", "them", "they", "that", "those"})

#: Words that point back at more than one: "turn them off", "make them both blue" (every device just switched).
_BACK_PLURAL = frozenset({"them", "they", "those", "both"})
#: A kind said in the plural ("the lights", "the fans"): every one of them, not the one of the last turn.
_PLURAL_KINDS = re.compile(r"\b(lights|lamps|bulbs|light bulbs|fans|plugs|sockets|outlets|air conditioners|acs)\b")
#: A time the change should wait for: "in 10 minutes", "at 7 pm", "tomorrow", "for an hour" (then back).
_NUMBERISH = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty"
    r"|sixty|ninety|few|couple|half|quarter|of|more|another|about|around|and)"
)
_DELAYED = re.compile(
    rf"\b(?:in|after|for|within)(?: {_NUMBERISH}){{1,4}} (?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b"
    r"|\bat (?:\d{1,2}(?::\d\d)? ?(?:am|pm|a m|p m|o'clock|oclock)|\d{1,2}:\d\d|noon|midnight|sunset|sunrise)\b"
    r"|\b(?:tomorrow|tonight|later|this (?:evening|afternoon)|in the (?:morning|evening|afternoon)|at night"
    r"|when i (?:get|come|leave)|before i|every (?:day|night|morning|evening)"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?)\b"
)
#: Words that open a question: "what's the fan speed", "how fast is the fan".
_QUESTION = re.compile(r"^(?:what|what's|whats|which|how|is|are|will|tell me|do you know)\b")

#: Appliances people expect a smart home to have that the simulated Mi Home has no kind for: named back, not asked
#: about ("turn on the oven" would otherwise get "Which device?", "turn on the kitchen tv" the kitchen lamp).
_UNSIMULATED = re.compile(
    r"\b(oven|stove|microwave|tv|television|fridge|refrigerator|freezer|dishwasher|washing machine|washer|dryer"
    r"|kettle|coffee (?:maker|machine)|toaster|heater|boiler|doorbell|door|lock|garage door|car|sprinklers?"
    r"|camera|alarm system)\b"
)


#: Rooms a home may have that the simulated one has no devices in. Not slot values: as values they would fill the
#: speech grammar (made of the training sentences) with commands for rooms that are not there.
_OTHER_ROOMS = re.compile(
    r"\b(garage|hallway|hall|corridor|dining room|basement|cellar|attic|loft|garden|backyard|yard|porch|patio"
    r"|balcony|nursery|kids'? room|children's room|guest room|laundry room|utility room)\b"
)


def other_room(text: str) -> str | None:
    """A room the words name that is none of the manifest's ("the garage light"), else None."""
    found = _OTHER_ROOMS.search(text.lower())
    return found.group() if found else None


def speed_in(text: str) -> float | None:
    """The speed the words give ("set it to speed 1", "speed two"), else None."""
    found = re.search(r"\bspeed (?:number )?([a-z0-9.]+)", t.plain_words(text))
    return number(found.group(1)) if found else None


def bare(text: str, says: re.Pattern[str]) -> bool:
    """The words give a number with nothing (no "percent", no "temperature") to say what it is: "set it to 21"."""
    return says.search(text.lower()) is None


def unsimulated(text: str) -> str | None:
    """The appliance the words name that the simulated Mi Home has no kind for ("the oven"), else None."""
    found = _UNSIMULATED.search(text.lower())
    return found.group() if found else None


def activity_kind(text: str) -> str | None:
    """The kind of device the words' activity implies ("start cleaning": the vacuum), else None."""
    return next((_ACTIVITIES[w] for w in text.lower().split() if w in _ACTIVITIES), None)


def says_all(text: str) -> bool:
    """ "all the lights", "every lamp", "the lights everywhere": the request is for each room, not one to ask."""
    words = text.lower().replace("-", " ").split()
    return bool({"all", "every", "everywhere"} & set(words))


def points_back(text: str) -> bool:
    """ "is it on", "turn them off": the words mean the devices already talked about."""
    return bool(_BACK & set(t.plain_words(text).split()))


def asks_what_is_on(text: str) -> bool:
    """ "what's on right now", "which lights are on": the question lists what is on."""
    return _WHAT_IS_ON.search(t.plain_words(text).replace("what's", "what is")) is not None


def room_words(values: Iterable[SlotValueSpec]) -> dict[str, str]:
    """Every way the manifest says a room ("lounge", "living room") -> the hub's room ("living_room")."""
    return {t.plain_words(said): t.snake(v.value) for v in values for said in (v.value, *v.synonyms)}


def kind_words(values: Iterable[SlotValueSpec]) -> dict[str, str]:
    """Every way the manifest (and the hub's vocabulary) says a kind ("tv plug", "lights") -> the kind ("plug")."""
    said = {t.plain_words(words): kind for words, kind in t.KIND_WORDS.items()}
    for v in values:
        if kind := t.kind_of(v.value):
            said.update({t.plain_words(words): kind for words in (v.value, *v.synonyms)})
    return said


def rooms_in(text: str, rooms: Mapping[str, str]) -> list[str]:
    """The rooms the words name, in the order said: "the kitchen and the bedroom" -> ["kitchen", "bedroom"]."""
    said = f" {t.plain_words(text)} "
    found: dict[str, int] = {}
    for words, room in sorted(rooms.items(), key=lambda item: -len(item[0])):  # "master bedroom" before "bedroom"
        at = said.find(f" {words} ")
        if at >= 0 and room not in found:
            found[room] = at
            said = said.replace(f" {words} ", " " + "_" * len(words) + " ")  # not "bedroom" in "master bedroom"
    return sorted(found, key=found.__getitem__)


def direction_in(text: str, slot: object) -> tuple[str, str]:
    """The direction the slot or the words give ("dim" -> dimmer), and the one a feeling gives ("it's too cold"
    -> warmer; "" when no feeling is said): a feeling is about the air conditioning, whatever was used before."""
    direction = str(slot or "").lower()
    direction = direction if direction in _DIRECTIONS else ""
    words = text.lower().split()
    felt = next((v for k, v in _FEELINGS.items() if k in words), "") if not direction else ""
    return direction or felt or next((v for k, v in VERBS.items() if k in words), ""), felt


def points_back_plural(text: str) -> bool:
    """ "turn them off", "make them both blue": every device the last turns switched, not only the last one."""
    return bool(_BACK_PLURAL & set(t.plain_words(text).split()))


def says_plural_kind(text: str) -> bool:
    """ "turn off the lights", "the fans": a kind said in the plural."""
    return _PLURAL_KINDS.search(t.plain_words(text)) is not None


def delayed(text: str) -> bool:
    """The request is for later: "turn off the kitchen light in 10 minutes", "turn on the fan at 7 pm" (a question
    about later, "will it be warmer tomorrow", is no request)."""
    if asks(text):
        return False
    return _DELAYED.search(" ".join(text.lower().replace(".", "").replace("-", " ").split())) is not None


#: A question about what to do, asked of nobody's device: "should i do a complete stop at red lights".
_NOT_ASKED_TO_ACT = re.compile(r"^(?:should (?:i|we|you)|why|when|where|who|do i|does|did|what if|how do (?:i|you))\b")


def not_asked_to_act(text: str) -> bool:
    """The words ask about something rather than ask the assistant to act ("why do lights flicker")."""
    return _NOT_ASKED_TO_ACT.search(t.plain_words(text)) is not None


def asks(text: str) -> bool:
    """The words are a question ("what's the fan speed"), not a request."""
    return _QUESTION.search(t.plain_words(text)) is not None
