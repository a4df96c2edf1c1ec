"""The few phrases the router itself understands at any turn, before any skill: cancel, help, yes/no,
"ask <skill> to ...", "open <skill>", and the "and ...?" shape of a follow-up.

Fixed word lists rather than NLU, because these must work identically whatever engine is loaded and whatever
skills are installed (a user must always be able to say "cancel").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

_PUNCT = re.compile(r"[^\w\s':-]")

CANCEL = frozenset(
    {
        "cancel",
        "cancel that",
        "cancel it",
        "stop",
        "stop it",
        "never mind",
        "nevermind",
        "forget it",
        "forget about it",
        "quit",
        "exit",
        "nothing",
        "no thanks",
        "that's all",
        "goodbye",
        "bye",
    }
)
#: A bare refusal, which at a free-text question ("What's the message?" "no") is no answer but a cancel.
REFUSAL = frozenset({"no", "nope", "nah", "no thank you", "not now", "nothing", "none", "never mind", "forget it"})
#: Cancel words that also stop what is playing; the others ("never mind", "forget it", "bye") only end the talk.
STOPPING = frozenset({"stop", "stop it", "cancel", "cancel it", "cancel that", "quit", "exit"})
#: Cancel words that point at what was just done ("set a timer for 3 minutes" ... "cancel that").
CANCEL_POINTING = frozenset({"cancel it", "cancel that"})
#: Asking for the last reply again: said again word for word, nothing re-run.
REPEAT = frozenset(
    {
        "repeat",
        "repeat that",
        "repeat it",
        "repeat please",
        "please repeat",
        "please repeat that",
        "can you repeat that",
        "could you repeat that",
        "say that again",
        "say it again",
        "say again",
        "what did you say",
        "what was that",
        "come again",
        "pardon",
        "pardon me",
        "sorry what",
    }
)
#: Asking what the user's own last request was: its words, nothing re-run.
ASKED = frozenset(
    {
        "what did i just ask",
        "what did i ask",
        "what did i just ask you",
        "what did i ask you",
        "what did i just say",
        "what did i say",
        "what was my last question",
        "what was my question",
        "what was my last request",
        "what was the last thing i asked",
        "what was the last thing i said",
        "what did i ask you to do",
        "what did i just ask you to do",
    }
)
#: The last request once more: "tell me a joke" ... "another one"; "set a timer for 5 minutes" ... "one more".
ANOTHER = frozenset({"another", "another one", "another one please", "one more", "one more please"})
HELP = frozenset({"help", "help me", "what can i say", "what do i say", "i need help", "what are my options"})
YES = ("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "confirm", "affirmative", "do it", "go ahead")
NO = ("no", "nope", "nah", "don't", "do not", "negative", "not now")
_FOLLOWUP = re.compile(r"^(?:and\s+(?:what|how)\s+about|what\s+about|how\s+about|and\s+also|and|also)\s+(?P<rest>.+)$")
_CORRECTION = re.compile(
    r"^(?:(?:no|nope|oh\s+no|sorry|oops|actually|wait)\s+)+(?:i\s+(?:meant|mean|said)\s+|make\s+(?:that|it)\s+)?(?P<a>.+)$"
    r"|^(?:i\s+(?:meant|said)|make\s+(?:that|it))\s+(?P<b>.+)$"
)
_ASK = re.compile(r"^(?:ask|tell|use)\s+(?P<rest>.+)$")
_OPEN = re.compile(r"^(?:open|start|launch|talk\s+to|run)\s+(?P<rest>.+)$")
_JOINERS = re.compile(r"^(?:to|for|about|if|whether|that|,)\s+")


_ADDING = re.compile(r"\b(?:too|also|as well|another|more|again)\b")


def adds(text: str) -> bool:
    """Whether a request says it comes on top of the last one ("actually, add eggs too", "wait, another timer"):
    said after a lead-in, it corrects nothing."""
    return _ADDING.search(normalise(text)) is not None


def again(text: str) -> bool:
    """Whether the words ask for something once more ("read it again", "send that again")."""
    return "again" in normalise(text).split()


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, whitespace collapsed: the form every rule here matches."""
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


#: Words before a cancel that change nothing: "actually, cancel that", "no wait, stop".
_LEAD_IN = re.compile(r"^(?:(?:actually|no|oh|wait|sorry|hmm|um|uh)\s+)+")


def _bare(text: str) -> str:
    """The words without a lead-in ("actually, cancel that" -> "cancel that")."""
    return _LEAD_IN.sub("", normalise(text))


def is_cancel(text: str) -> bool:
    return normalise(text) in CANCEL or _bare(text) in CANCEL


def is_refusal(text: str) -> bool:
    return normalise(text) in REFUSAL


def stops_playing(text: str) -> bool:
    return _bare(text) in STOPPING


def is_stop(text: str) -> bool:
    """A bare "stop" ("stop it", "no wait, stop"): of the stopping words, the one that means what goes on."""
    return _bare(text) in ("stop", "stop it")


def points_back(text: str) -> bool:
    return _bare(text) in CANCEL_POINTING


def is_repeat(text: str) -> bool:
    return normalise(text) in REPEAT


def is_asked(text: str) -> bool:
    return _bare(text) in ASKED


def is_another(text: str) -> bool:
    return normalise(text) in ANOTHER


def is_help(text: str) -> bool:
    return normalise(text) in HELP


def yes_or_no(text: str) -> Literal["yes", "no"] | None:
    """The answer to a yes/no question, or None when the words are neither."""
    words = normalise(text)
    for kind, phrases in (("no", NO), ("yes", YES)):
        for phrase in phrases:
            if words == phrase or words.startswith(phrase + " "):
                return "yes" if kind == "yes" else "no"
    return None


def followup_rest(text: str) -> str | None:
    """For "and on friday?" / "what about London", the words after the follow-up marker; else None."""
    match = _FOLLOWUP.match(normalise(text))
    return match.group("rest") if match else None


def makes_it(text: str) -> bool:
    """The words begin "make it ...": a correction of the last request's value ("make it 15 minutes"), or a request
    of its own ("make it blue", "make it 2 degrees warmer") when they correct nothing."""
    return normalise(text).startswith("make it ")


def correction_rest(text: str) -> str | None:
    """For "no, I meant the office" / "make that 10 minutes" / "actually the bedroom" / "call dad instead", the
    words that correct the last request; else None (a bare "no" corrects nothing)."""
    words = normalise(text)
    instead = words.removesuffix(" instead") if words.endswith(" instead") else None  # "call dad instead"
    match = _CORRECTION.match(instead or words)
    if (match is None and not instead) or words in REFUSAL or words in CANCEL:
        return None
    return (match.group("a") or match.group("b")) if match is not None else instead


@dataclass(frozen=True)
class Invocation:
    """The user named a skill: ``open`` (start a session with it) or ``ask`` (with a request in ``rest``)."""

    kind: Literal["open", "ask"]
    skill: str
    rest: str


def find_invocation(text: str, names: Iterable[tuple[str, str]]) -> Invocation | None:
    """Match "open <name>", "ask <name> to <rest>", "tell <name> <rest>"; ``names`` is (invocation, skill),
    longest invocation first so "weather channel" wins over "weather". A leading "the" is read both as part of
    the name ("the weather") and as not ("open the weather channel" is "weather channel", not "the weather" with
    the request "channel"): the reading that leaves the shorter request wins."""
    words = normalise(text)
    known = list(names)
    opened = _OPEN.match(words)
    asked = _ASK.match(words)
    for pattern_match, kind in ((opened, "open"), (asked, "ask")):
        if pattern_match is None:
            continue
        rest = pattern_match.group("rest")
        readings = [_named(r, known, kind) for r in dict.fromkeys((rest, re.sub(r"^the\s+", "", rest)))]
        found = [r for r in readings if r is not None]
        if found:
            return min(found, key=lambda r: len(r.rest))
    return None


def as_said(text: str, rest: str, *, at_end: bool = False) -> str:
    """``rest`` (normalised words of ``text``) as the user spelled it, apostrophes and capitals kept ("I'll be there
    in Ten minutes"); else ``rest``. ``at_end``: the words end ``text``, punctuation and all: the request an
    invocation leaves, what the named skill is sent ("ask bing What is 12 times 7?" -> "What is 12 times 7?")."""
    pattern = r"\W+".join(re.escape(word) for word in rest.split())
    tail = r"\W*$" if at_end else r"(?!\w)"
    found = re.search(rf"(?<!\w){pattern}{tail}", text, flags=re.IGNORECASE) if pattern else None
    return found.group().strip() if found else rest


def _named(rest: str, names: list[tuple[str, str]], kind: str) -> Invocation | None:
    for name, skill in names:
        if rest == name:
            return Invocation("open", skill, "")
        if rest.startswith(name + " "):
            request = _JOINERS.sub("", rest[len(name) + 1 :].strip(), count=1)
            if kind == "open":
                # "open weather and tell me ..." / "open weather for Paris" carry a request too.
                request = re.sub(r"^and\s+", "", request)
            return Invocation("ask", skill, request) if request else Invocation("open", skill, "")
    return None


_SOFTENERS = re.compile(
    r"^(?:please|can you|could you)\s+"
    r"|\s+(?:a\s+(?:little\s+)?bit|a\s+little|a\s+touch|slightly|(?:some\s+)?more)(?=\s+please$|$)"
    r"|\s+please$"
)


def without_softeners(text: str) -> str:
    """The words with "please", "can you" and a trailing "a bit", "a little", "slightly" dropped: what is asked,
    not how gently ("could you turn it down a bit please" -> "turn it down")."""
    words, before = normalise(text), None
    while words != before:
        before, words = words, _SOFTENERS.sub("", words).strip()
    return words


#: Words that point back at what the last turn was about ("turn it off", "turn them up").
BACK_POINTERS = frozenset({"it", "them", "they", "that", "those", "this"})


def refers_back(text: str) -> bool:
    """Whether the words have a pronoun for what the last turn was about ("turn it off", "turn them up")."""
    return not BACK_POINTERS.isdisjoint(normalise(text).split())


def with_antecedent(text: str, previous: Mapping[str, object]) -> tuple[str, ...]:
    """The words with their pronoun read as each of the last turn's word values: "pause it" after the vacuum
    started is also "pause the vacuum". Numbers, dates and other non-word values stand for nothing."""
    words = normalise(text).split()
    values = [v for v in previous.values() if isinstance(v, str) and v.strip()]
    return tuple(
        " ".join([*words[:i], "the", value, *words[i + 1 :]])
        for i, word in enumerate(words)
        if word in BACK_POINTERS
        for value in values
    )


_COURTESY = re.compile(
    r"^(?:(?:hey|ok|okay|so)\s+)?(?:(?:could|can|would|will)\s+you\s+)?(?:please\s+)?"
    r"|(?:\s+(?:for\s+me|please|thanks|thank\s+you(?:\s+very\s+much)?))+$"
)


def without_courtesy(text: str) -> str | None:
    """The request inside courtesy ("hey could you please turn off the bedroom light for me", "switch off the light
    in the office thank you"), None when there is none or too little is left to be a request."""
    words = normalise(text)
    rest = _COURTESY.sub("", words).strip()
    return rest if rest != words and len(rest.split()) >= 2 else None
