"""The speech benchmark's clips: espeak-ng voices, the sentence sets they say (everyday commands, speech that is no
command, the skills' own training sentences) and the noise that is no speech, rendered as 16 kHz PCM the recognizer
would hear (:mod:`assistant.benchmarks.speech` measures the engines on them)."""

from __future__ import annotations

import subprocess

from assistant.config import Settings

VOICES = (("en-us+klatt", 160), ("en-us+f2", 130), ("en+klatt4", 175), ("en-us", 175), ("en-gb", 175))
"""The last two are espeak-ng's plain default voices, which PocketSphinx's model hears worst."""
#: Commands as people say them, written apart from the skills' templates: some are in the grammar, some not.
EVERYDAY = (
    "turn off the lights",
    "turn the lights on in the bedroom",
    "switch off the fan",
    "set an alarm for seven am",
    "wake me up at six thirty tomorrow",
    "set a timer for five minutes",
    "how much time is left on my timer",
    "cancel",
    "stop",
    "yes",
    "no thanks",
    "never mind",
    "what's the weather in london",
    "will it rain tomorrow",
    "what time is it in tokyo",
    "what's the date today",
    "play the beatles",
    "play some jazz",
    "next song",
    "turn the volume down",
    "add milk to my shopping list",
    "what's on my shopping list",
    "call mom",
    "tell me a joke",
    "thank you",
    "goodbye",
    "how far is the moon",
    "what can you do",
    "remind me to call the dentist tomorrow",
    "open the living room curtains",
)
#: Speech that is no command: acting on any of it is wrong (a transcript word for word is right).
NOT_COMMANDS = (
    "this is a test",
    "the quick brown fox jumps over the lazy dog",
    "i think i left my keys in the car",
    "can you believe how late it is already",
    "my sister is coming over for dinner on friday",
    "blah blah blah dee dum",
    "one two three four five six seven",
    "order me a large pizza with extra cheese",
)


def _speech(text: str, voice: str, speed: int) -> bytes:
    from assistant.speaker.audio import Resampler, float_to_pcm, pcm_to_float

    out = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True).stdout
    rate = int.from_bytes(out[24:28], "little")
    return float_to_pcm(Resampler(rate).process(pcm_to_float(out[44:], 2, 1)))


def _silence(seconds: float) -> bytes:
    import numpy as np

    from assistant.speaker.audio import RATE, float_to_pcm

    return float_to_pcm(np.random.default_rng(0).normal(0, 30, int(RATE * seconds)))


def clip(text: str, voice: str, speed: int) -> bytes:
    """``text`` spoken by espeak-ng between short stretches of room noise, as the recognizer would hear it."""
    return _silence(0.3) + _speech(text, voice, speed) + _silence(0.5)


def noise_clips() -> list[tuple[str, bytes]]:
    """Sounds that are no speech: white noise at three levels, mains hum, a pulsing chord, clicks, reversed speech."""
    import numpy as np

    from assistant.speaker.audio import RATE, float_to_pcm

    rng = np.random.default_rng(1)
    t = np.arange(RATE * 2) / RATE
    clicks = rng.normal(0, 30, t.size)
    clicks[:: RATE // 7] = 20000
    chord = (np.sin(2 * np.pi * 440 * t) + np.sin(2 * np.pi * 554 * t) + np.sin(2 * np.pi * 659 * t)) * 2000.0
    chord = chord * (t % 0.5 < 0.3)
    out = [(f"white noise {sigma}", float_to_pcm(rng.normal(0, sigma, t.size))) for sigma in (100, 1000, 3000)]
    out += [
        ("50 Hz hum", float_to_pcm(3000 * np.sin(2 * np.pi * 50 * t) + rng.normal(0, 30, t.size))),
        ("chord", float_to_pcm(chord)),
        ("clicks", float_to_pcm(clicks)),
    ]
    for voice, speed in VOICES[:3]:
        said = np.frombuffer(_speech("the weather is nice today and i would like a coffee", voice, speed), np.int16)
        out.append((f"reversed speech {voice}", _silence(0.3) + said[::-1].tobytes() + _silence(0.5)))
    return out


def command_sentences(settings: Settings, count: int) -> list[str]:
    """``count`` of the skills' training examples of 3 to 7 words, evenly spread; never an out-of-scope one (some
    of those are made-up words, "dridle my daiblespa", which no recognizer should be measured on)."""
    from assistant.router.factory import training_data
    from assistant.router.nlu.types import OUT_OF_SCOPE

    examples = sorted(
        {
            e.text.lower()
            for e in training_data(settings).examples
            if e.intent != OUT_OF_SCOPE and 3 <= len(e.text.split()) <= 7
        }
    )
    step = max(1, len(examples) // count)
    return examples[::step][:count]


Clip = tuple[str, str | None, bytes]
"""(set, expected transcript or None when any transcript is wrong, 16 kHz PCM)."""
