"""Malformed scripts give ``file:line: what is wrong`` before anything runs; good ones load into frozen data."""

from __future__ import annotations

import re
import wave
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ScriptError
from assistant.scripts.expectations import IntentIs, SlotsMatch, TextIs
from assistant.scripts.loader import load_script, load_scripts, parse_script
from assistant.scripts.names import KnownNames, known_names


@pytest.fixture(scope="module")
def names() -> KnownNames:
    return known_names(Settings())


def _wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * 1600)
    return path


GOOD = """\
suite: demo
fixtures:
  now: 2024-03-15 09:30
  timezone: Europe/Paris
  devices:
    lamp.kitchen: {power: on}
conversations:
  - name: weather twice
    turns:
      - say: what's the weather in Paris
        intent: weather.forecast
        slots: {city: Paris}
        reply: {contains: Paris, regex: "\\\\d+"}
      - advance: 1h 30m
        announce: []
  - name: audio
    fixtures: {devices: {lamp.kitchen: {brightness: 30}}}
    turns:
      - audio: hello.wav
        intent: smalltalk.greet
tests:
  - sentences: [hi there, hello]
    intent: smalltalk.greet
    open_mic: false
"""


def test_a_good_script_loads_with_lines_and_merged_fixtures(tmp_path: Path, names: KnownNames) -> None:
    _wav(tmp_path / "hello.wav")
    path = tmp_path / "demo.intents.yml"
    path.write_text(GOOD + "    fixtures: {timers: [{duration: 1h 30m, name: bread}], alarms: [{time: '07:00'}]}\n")
    script = load_script(path, names)
    assert [c.name for c in script.conversations] == ["weather twice", "audio", "hi there", "hello"]
    first = script.conversations[0]
    assert first.line == 8 and first.fixtures.now == datetime(2024, 3, 15, 9, 30)
    say, advance = first.steps
    assert (say.kind, say.text, say.line) == ("say", "what's the weather in Paris", 10)
    assert say.expectations[0] == IntentIs(11, "weather.forecast")
    assert say.expectations[1] == SlotsMatch(12, {"city": "Paris"})
    assert isinstance(say.expectations[2], TextIs) and len(say.expectations[2].rules.rules) == 2
    assert advance.advance == timedelta(hours=1, minutes=30)
    audio = script.conversations[1]
    assert audio.steps[0].audio == tmp_path / "hello.wav"
    assert audio.fixtures.devices == {"lamp.kitchen": {"power": "on", "brightness": 30}}  # YAML 1.2: 'on' is a word
    assert script.conversations[2].steps[0].expectations == script.conversations[3].steps[0].expectations
    assert script.conversations[2].fixtures.timers == ({"duration": 5400.0, "name": "bread"},)  # seconds for seed()
    assert script.conversations[2].fixtures.alarms == ({"time": "07:00"},)


MALFORMED = [
    # (script lines, line of the mistake, what the message must say)
    (
        ["fixtures:", "  timers:", "    - {name: pasta}", "tests: [{sentences: [hi], intent: smalltalk.greet}]"],
        3,
        "an item of fixtures.timers needs 'duration:'",
    ),
    (
        ["fixtures:", "  alarms:", "    - time: 7 o'clock", "tests: [{sentences: [hi], intent: smalltalk.greet}]"],
        3,
        'fixtures.alarms[].time "7 o\'clock" is not a time like 07:00',
    ),
    (
        [
            "fixtures:",
            "  reminders:",
            "    - {time: '18:00', txt: call mom}",
            "tests: [{sentences: [hi], intent: oos}]",
        ],
        3,
        "unknown key 'txt' in an item of fixtures.reminders (did you mean 'text'?)",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - say: hi", "        slot: {city: Paris}"],
        5,
        "unknown key 'slot' in a turn (did you mean 'slots'?)",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - say: hi", "        open_mic: maybe"],
        5,
        "open_mic must be true or false, got the text 'maybe'",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - say: [hi]"],
        4,
        "say must be text, got a list",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - audio: missing.wav"],
        4,
        "audio file 'missing.wav' not found",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - say: hi", "        intent: weather.forcast"],
        5,
        "unknown intent 'weather.forcast' (did you mean 'weather.forecast'?)",
    ),
    (
        ["tests:", "  - sentences: [hi]", "    intent: weather.forecast", "    slots: {town: Paris}"],
        4,
        "unknown slot 'town'",
    ),
    (
        ["tests:", "  - sentences: [hi]", "    skill: wether"],
        3,
        "unknown skill 'wether' (did you mean 'weather'?)",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - say: hi", "        advance: 10m"],
        4,
        "has say and advance; give only one of",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - advance: 10m", "        intent: timers.set"],
        5,
        "'intent' is checked on a turn, not on 'advance'",
    ),
    (
        ["conversations:", "  - name: a", "    turns:", "      - advance: soon"],
        4,
        "advance must be a positive duration",
    ),
    (
        ["conversations:", "  - name: a", "    turns: []"],
        3,
        "turns must not be empty",
    ),
    (
        ["conversations:", "  - turns:", "      - say: hi"],
        2,
        "a conversation needs 'name:'",
    ),
    (
        [
            "conversations:",
            "  - name: a",
            "    turns:",
            "      - say: hi",
            "  - name: a",
            "    turns:",
            "      - say: ho",
        ],
        5,
        "conversation name 'a' is used twice (first at line 2)",
    ),
    (
        ["fixtures:", "  timezone: Mars/Olympus", "tests:", "  - sentences: [hi]", "    intent: smalltalk.greet"],
        2,
        "not an IANA time zone",
    ),
    (
        ["fixtures:", "  now: tomorrow", "tests:", "  - sentences: [hi]", "    intent: smalltalk.greet"],
        2,
        "is not a date and time",
    ),
    (
        [
            "fixtures:",
            "  devices: {lamp.garage: {power: on}}",
            "tests:",
            "  - sentences: [hi]",
            "    intent: smalltalk.greet",
        ],
        2,
        "unknown device 'lamp.garage'",
    ),
    (
        [
            "fixtures:",
            "  devices:",
            "    lamp.kitchen: {brightness: 140}",
            "tests:",
            "  - sentences: [hi]",
            "    intent: smalltalk.greet",
        ],
        3,
        "brightness cannot be 140",
    ),
    (
        ["tests:", "  - sentences: [hi]", "    reply: {regex: '(unclosed'}"],
        3,
        "is not a valid regex",
    ),
    (
        ["tests:", "  - sentences: [hi]", "    reply: {startswith: x}"],
        3,
        "unknown key 'startswith' in reply",
    ),
    (
        ["tests:", "  - sentences: [hi]", "    intent: smalltalk.greet", "    intent: smalltalk.thanks"],
        4,
        "duplicate key 'intent' (first at line 3)",
    ),
    (
        ["tests:", "  - sentences: [hi]"],
        2,
        "a test needs at least one expectation",
    ),
    (
        ["suite: x"],
        1,
        "a script needs 'conversations:' and/or 'tests:'",
    ),
    (
        ["tests:", "  - sentences: [hi", "    intent: x"],
        3,
        "a [list] is not closed with ']'",
    ),
]


@pytest.mark.parametrize(("lines", "line", "message"), MALFORMED, ids=[m[2][:40] for m in MALFORMED])
def test_a_malformed_script_names_file_line_and_problem(
    tmp_path: Path, names: KnownNames, lines: list[str], line: int, message: str
) -> None:
    path = tmp_path / "bad.intents.yml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ScriptError) as caught:
        load_script(path, names)
    assert str(caught.value).startswith(f"{path}:{line}: "), str(caught.value)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_a_wav_is_refused(tmp_path: Path, names: KnownNames) -> None:
    (tmp_path / "noise.wav").write_bytes(b"not a wav at all")
    with pytest.raises(ScriptError, match=r"bad\.intents\.yml:1: audio file 'noise\.wav': not a WAV file"):
        parse_script("conversations: [{name: a, turns: [{audio: noise.wav}]}]\n", tmp_path / "bad.intents.yml", names)


def test_nothing_runs_when_any_script_is_malformed(tmp_path: Path, names: KnownNames) -> None:
    """load_scripts validates every file first, so a bad file stops the run before any conversation starts."""
    (tmp_path / "a.intents.yml").write_text("tests:\n  - sentences: [hi]\n    intent: smalltalk.greet\n")
    (tmp_path / "b.intents.yml").write_text("tests:\n  - sentences: [hi]\n    intnet: smalltalk.greet\n")
    with pytest.raises(ScriptError, match=re.escape(f"{tmp_path / 'b.intents.yml'}:3: unknown key 'intnet'")):
        load_scripts([tmp_path], names)


def test_folders_are_searched_for_the_suffix_only(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.intents.yml").write_text("tests:\n  - sentences: [hi]\n    intent: anything\n")
    (tmp_path / "notes.yml").write_text("not a script")
    scripts = load_scripts([tmp_path], None)  # names None: intents are not checked
    assert [s.path.name for s in scripts] == ["x.intents.yml"]
    with pytest.raises(ScriptError, match="no such file or folder"):
        load_scripts([tmp_path / "nope"], None)
