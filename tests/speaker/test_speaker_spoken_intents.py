"""Spoken commands reach the right intent through the whole pipeline: WAV -> 16 kHz -> endpointing -> PocketSphinx in
grammar mode -> speaker session -> bridge -> router -> the real embedded NLU. Real recordings and espeak-ng speech
made here (several voices and speeds), never text shortcuts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from speaker_synth import VOICES, silence, speech, wav

from assistant.app import Assistant
from assistant.config import Settings
from assistant.router.services.clock import ManualClock

SHARED = Path(os.environ.get("ASSISTANT_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
AUDIO = SHARED / "data" / "audio"

#: the rhasspy3 recordings and what each must do ("set timer" actually says "set a timer for ten minutes")
RECORDINGS = [
    ("rhasspy3_play_the_beatles.wav", "music.play"),
    ("rhasspy3_set_timer.wav", "timers.set"),
    ("rhasspy3_turn_on_the_lamp.wav", "devices.on"),
    ("rhasspy3_what_time_is_it.wav", "datetime.time"),
    ("rhasspy3_whats_the_date_today.wav", "datetime.date"),
]

#: at least one command for every built-in skill, all sentences of the skills' own grammar (sampled examples
#: change when a skill's templates do: then pick sentences the grammar holds again)
COMMANDS = [
    ("will it rain in Singapore", "weather.rain"),
    ("how is the weather in Delhi", "weather.forecast"),
    ("what time is it now in London", "datetime.time"),
    ("what's the date today", "datetime.date"),
    ("set a timer for ten minutes", "timers.set"),
    ("how much time is left", "timers.remaining"),
    ("wake me up at noon", "alarms.set"),
    ("remind me to pay the bills at noon", "alarms.remind"),
    ("turn on the bedroom lamp", "devices.on"),
    ("close the bathroom curtains", "devices.off"),
    ("start the vacuum", "devices.on"),
    ("play some Queen", "music.play"),
    ("pause the music", "music.pause"),
    ("next song", "music.next"),
    ("who wrote hamlet", "answers.question"),
    ("what is seven times ten", "answers.calculate"),
    ("call mom", "calls.call"),
    ("add milk to my shopping list", "lists.add"),
    ("what's on my shopping list", "lists.read"),
    ("what can you do", "help.capabilities"),
    ("hello", "smalltalk.greet"),
    ("thank you", "smalltalk.thanks"),
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    root = tmp_path_factory.mktemp("spoken")
    settings = Settings(models_dir=root / "models", data_dir=root / "data")
    clock = ManualClock(datetime(2024, 3, 15, 9, 30, tzinfo=timezone.utc))
    with Assistant.build(settings, nlu="embedded", clock=clock) as built:
        yield built


def test_the_commands_are_sentences_of_the_grammar() -> None:
    from assistant.router.factory import spoken_sentences

    sentences = {s.lower() for s in spoken_sentences(Settings())}
    missing = [text for text, _ in COMMANDS if text.lower() not in sentences]
    assert missing == []


@pytest.mark.slow
@pytest.mark.parametrize(("name", "intent"), RECORDINGS)
def test_real_recordings_reach_their_intent(assistant: Assistant, name: str, intent: str) -> None:
    path = AUDIO / name
    if not path.is_file():
        pytest.skip(f"shared audio not found at {path}")
    assistant.new_session()
    result = assistant.audio_turn(path)
    assert result.intent == intent, f"heard {result.query!r}"
    assert result.ms["total"] > 0


@pytest.mark.slow
def test_a_recording_that_is_no_command_does_not_act(assistant: Assistant) -> None:
    path = AUDIO / "rhasspy3_this_is_a_test.wav"
    if not path.is_file():
        pytest.skip(f"shared audio not found at {path}")
    assistant.new_session()
    result = assistant.audio_turn(path)
    assert result.action is None
    assert result.device_changes == []


@pytest.mark.slow
def test_synthesised_commands_for_every_skill_reach_their_intent(assistant: Assistant, tmp_path: Path) -> None:
    skills = {intent.split(".")[0] for _, intent in COMMANDS}
    assert skills == {
        "weather",
        "datetime",
        "timers",
        "alarms",
        "devices",
        "music",
        "answers",
        "calls",
        "lists",
        "help",
        "smalltalk",
    }
    outcomes = []
    for index, (text, intent) in enumerate(COMMANDS):
        for shift in (0, 2):  # two of the four voices per command, so every voice and speed is used
            voice, speed = VOICES[(index + shift) % len(VOICES)]
            audio = wav(tmp_path / f"{index}-{shift}.wav", silence(0.4), speech(text, voice, speed), silence(0.8))
            assistant.new_session()
            result = assistant.audio_turn(audio)
            outcomes.append((text, voice, speed, result.query, result.intent, intent))
    wrong = [o for o in outcomes if o[4] != o[5]]
    accuracy = 1 - len(wrong) / len(outcomes)
    assert accuracy >= 0.95, f"{accuracy:.1%} right; wrong: {wrong}"


@pytest.mark.slow
def test_what_help_tells_people_to_say_is_heard_word_for_word(assistant: Assistant, tmp_path: Path) -> None:
    """Each skill's ``samples`` (read out by "what can you do", quoted in the README) are in the grammar even when
    the sampled training examples never drew that combination ("what's the weather in Paris tomorrow")."""
    from assistant.router.factory import spoken_sentences, training_data
    from assistant.router.skills.registry import load_manifests, skill_dirs
    from assistant.speaker.grammar import normalize

    settings = Settings()
    samples = [s for m in load_manifests(skill_dirs(settings)) for s in m.samples]
    assert set(samples) <= set(spoken_sentences(settings))
    examples = {e.text.lower() for e in training_data(settings).examples}
    assert "what's the weather in paris tomorrow" not in examples, "pick another sample to prove the point"
    heard = []
    for index, text in enumerate(samples):
        voice, speed = VOICES[index % len(VOICES)]
        audio = wav(tmp_path / f"sample-{index}.wav", silence(0.4), speech(text, voice, speed), silence(0.8))
        assistant.new_session()
        heard.append((text, assistant.audio_turn(audio).query))
    wrong = [(said, got) for said, got in heard if normalize(got) != normalize(said)]
    assert len(wrong) <= len(samples) // 10, wrong
