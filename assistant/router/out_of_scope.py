"""What "out of scope" sounds like on a speaker: generated negative examples for the NLU's ``oos`` class.

A classifier only learns to say "none of my intents" from examples of it. A short hand-written list taught the
engine that flights and banking are out of scope, but nonsense words, half sentences and everyday remarks still
landed on whichever intent had the closest character n-grams ("blorf the wibble" became ``devices.color``). So
the examples here cover four kinds, each generated from compact templates with a fixed seed (the same data on every
run, so a trained model can be cached by its hash):

- requests from domains no built-in skill serves (travel, money, shopping, email, navigation, news, health ...);
- everyday remarks and questions that name no request (including colour and room words used for something else);
- fragments: the first words of a request and hesitations;
- pseudo-words built from syllables, alone and in sentence frames.

Fillers avoid the values of built-in slots where they could teach the classifier that a slot value means "out of
scope" (no weather cities, no device names).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence

from assistant.router.skills.templates import SlotRef, fill, skeletons

#: Requests for things no built-in skill does, ``(a|b)`` / ``[x]`` / ``{filler}`` as in skill manifests.
OTHER_DOMAINS: tuple[str, ...] = (
    "book (a|me a) (flight|train ticket|bus ticket|hotel room|cruise) to {place}",
    "(find|get) me a cheap (flight|hotel|hostel) (to|in) {place}",
    "is my flight to {place} (delayed|on time)",
    "how long is the (flight|drive|train ride) to {place}",
    "(rent|hire) a car in {place}",
    "(what's|what is|check) my (bank|account|checking|savings) balance",
    "transfer {amount} to {person}",
    "pay my (phone|water|gas|credit card|electricity) bill",
    "(what's|what is) the stock price of {company}",
    "buy (shares|stock) in {company}",
    "apply for a (loan|mortgage|new credit card)",
    "order (a pizza|some sushi|chinese food|a burger|thai food) [for delivery] [tonight]",
    "buy (a new|a cheap) {product} online",
    "(where is|track) my (order|package|parcel|delivery)",
    "return the {product} I bought",
    "(find|give me) a recipe for {dish}",
    "how do I (make|cook|bake) {dish}",
    "send an email to {person} [about the {topic}]",
    "(check|read) my (email|emails|inbox|notifications)",
    "post (this|a photo|my picture) on (facebook|instagram|twitter)",
    "(how do I get|give me directions) to the (airport|nearest gas station|hospital|train station|museum)",
    "how is the traffic on (my way to work|the highway)",
    "get me (an uber|a taxi|a cab) to {place}",
    "when is the next (bus|train|ferry) to {place}",
    "who won the (game|match|race) (last night|yesterday)",
    "(what's|what is) the score of the {team} game",
    "read me the (news|headlines|latest news)",
    "what (movies|films) are playing (tonight|nearby|this weekend)",
    "buy two tickets for {movie}",
    "recommend a (good book|movie|tv show|podcast|restaurant)",
    "(book|make) a (doctor's|dentist|hair) appointment",
    "how many calories are in {dish}",
    "I have a (headache|cold|sore throat) what should I take",
    "how many steps did I walk (today|this week)",
    "(what's|what is) my (heart rate|blood pressure|credit score)",
    "write [me] a (poem|story|essay|song) about {topic}",
    "explain {topic} to me",
    "tell me a (riddle|bedtime story)",
    "(renew|replace) my (passport|driver's license|library card)",
    "(file|do) my taxes",
    "schedule a meeting with {person} [next week]",
    "(change|reset) my (password|pin|username)",
    "(install|update|delete) the {app} app",
    "take a (photo|picture|screenshot|selfie)",
    "translate {phrase} into (spanish|german|japanese|italian)",
    "(find|search for) (a plumber|an electrician|a babysitter|a dog walker) near me",
    "what's on (tv|netflix) tonight",
    "(lock|unlock) the (front door|car|back door)",
    "(start|warm up) my car",
    "(what's|what is) my horoscope [for today]",
)

#: Remarks, opinions and musings: sentences that ask nothing the assistant does.
EVERYDAY: tuple[str, ...] = (
    "the (cat|dog|baby) (sat|slept|played) on the (mat|sofa|floor)",
    "my (sister|brother|friend|neighbour) (lives in|moved to|just got back from) {place}",
    "I (like|love|hate) {dish}",
    "(it was|what) a (long|busy|strange|lovely) day",
    "my (car|bike|shirt|front door|kite) is (red|blue|green|yellow|purple)",
    "the (sky|sea|ocean|wall) (is|looks) (so|very) (blue|grey|green)",
    "I'm feeling (blue|tired|bored|hungry|sleepy|lucky)",
    "(paint|color) the (fence|wall|bedroom door) (white|green|pink)",
    "(what's|what is) the meaning of (life|it all|love)",
    "(do you|does anyone) believe in (ghosts|god|aliens|luck)",
    "(what|which) (should I|do you think I should) (name my|call my) (dog|cat|goldfish|boat)",
    "(why|how) is the (sky blue|grass green|sea salty)",
    "(who|what) (invented|discovered) (football|chess|{topic})",
    "I (think|guess|believe) {person} is (right|wrong|late again)",
    "(nobody|no one) (understands|listens to) me",
    "(my|the) (kitchen|office|bedroom) is (a mess|so messy|too small)",
    "we (had|ate) {dish} for (dinner|lunch)",
    "(maybe|perhaps) we should (move|go) to {place}",
    "that (movie|book|game) was (great|terrible|boring)",
    "(sing|dance|rap) for me",
    "(are|do) you (dream|sleep|get tired|have feelings)",
    "(I|we) (lost|can't find) my (keys|wallet|glasses)",
)

#: Half sentences and hesitation: not enough to act on.
FRAGMENTS: tuple[str, ...] = (
    "(I want to|I need to|I'd like to|can you|could you|would you|please)",
    "(can|could) you (please|maybe)",
    "(um|uh|hmm|er) (so|well|like)",
    "(so|and|but|well) (um|uh|then|yeah)",
    "(what|how|where|when|who|why) (is the|was the|are the|do I|did I)",
    "(I was going to|I wanted to|I meant to) (say|ask)",
    "(wait|hold on) (what|a second|a minute)",
    "(the|a|my|this|that) (thing|one|stuff)",
    "(tell me|show me|give me) (the|a|something)",
    "(oh|ah|huh) (really|okay then|I see|wow)",
    "(just|only) (testing|checking|kidding)",
    "(is it|was it|will it) (the|a)",
)

#: Sentence frames for pseudo-words: gibberish that still sounds like a command.
NONSENSE_FRAMES: tuple[str, ...] = (
    "{word}",
    "{word} {word}",
    "{word} the {word}",
    "{word} my {word}",
    "{word} a {word} {word}",
    "the {word} {word}",
    "{word} {word} {word}",
    "(can you|please|go) {word} the {word}",
    "(I want|I need) a {word}",
    "{word} it",
)

FILLERS: Mapping[str, tuple[str, ...]] = {
    "place": ("lisbon", "prague", "vienna", "bali", "iceland", "hawaii", "barcelona", "amsterdam", "oslo", "dublin"),
    "amount": ("fifty dollars", "100 euros", "twenty pounds", "500 yuan", "a thousand dollars"),
    "person": ("my landlord", "jennifer", "my boss", "the accountant", "my cousin", "kevin", "the teacher"),
    "company": ("tesla", "apple", "amazon", "nvidia", "microsoft", "coca cola"),
    "product": ("laptop", "phone case", "pair of shoes", "backpack", "coffee table", "camera"),
    "dish": ("lasagna", "sourdough bread", "pad thai", "a cheesecake", "pancakes", "curry", "tacos"),
    "topic": ("quantum physics", "the budget", "black holes", "machine learning", "the french revolution", "crypto"),
    "team": ("lakers", "yankees", "arsenal", "real madrid", "patriots"),
    "movie": ("the new batman movie", "dune", "the avengers", "frozen two"),
    "app": ("banking", "instagram", "uber", "zoom", "spotify"),
    "phrase": ("good morning", "where is the station", "thank you very much", "I love you"),
}

_ONSETS = ("b", "bl", "br", "d", "dr", "f", "fl", "g", "gl", "gr", "k", "kr", "m", "n", "p", "pl", "sn", "sp", "z")
_VOWELS = ("a", "e", "i", "o", "u", "oo", "ee", "ai", "y")
_CODAS = ("", "b", "ble", "g", "k", "m", "mp", "nk", "p", "rf", "rk", "sh", "t", "x", "zz", "ggle", "dle")


def pseudo_word(rng: random.Random) -> str:
    """A pronounceable non-word ("plonk", "zweeble"): one or two consonant-vowel-consonant syllables."""
    syllables = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.choice((1, 1, 2)))]
    return "".join(syllables)


def out_of_scope_examples(seed: int = 11, per_template: int = 3, nonsense: int = 60) -> dict[str, str]:
    """The generated out-of-scope utterances, lower case, without repeats, in a fixed order for ``seed``; each
    with the template it came from (its calibration group, see ``Example.group``)."""
    rng = random.Random(seed)
    found: dict[str, str] = {}
    for templates in (OTHER_DOMAINS, EVERYDAY, FRAGMENTS):
        for template in templates:
            for text in _expand(template, per_template, rng):
                found.setdefault(text, template)
    frames = list(NONSENSE_FRAMES)
    for i in range(nonsense):
        frame = frames[i % len(frames)]
        words = iter([pseudo_word(rng) for _ in range(4)])
        for text in _expand(frame, 1, rng, word=words.__next__):
            found.setdefault(text, frame)
    return found


def _expand(template: str, limit: int, rng: random.Random, *, word: Callable[[], str] | None = None) -> list[str]:
    def pick(place: SlotRef) -> tuple[str, str]:
        name = place.name
        value = word() if name == "word" and word is not None else rng.choice(_fillers(name))
        return value, value

    return [fill(pieces, pick).text.lower() for pieces in skeletons(template, limit, rng)]


def _fillers(name: str) -> Sequence[str]:
    values = FILLERS.get(name)
    if values is None:
        raise KeyError(f"out-of-scope template filler {{{name}}} has no values in FILLERS")
    return values
