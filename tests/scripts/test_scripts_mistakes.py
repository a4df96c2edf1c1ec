"""Every mistake of a script is reported in one run, in line order, one line each; and what used to pass --check but
fail at run time (an empty WAV, a say longer than the bridge carries) fails --check, with its line."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.config import Settings
from assistant.errors import ScriptError
from assistant.scripts.loader import load_script, load_scripts
from assistant.scripts.mistakes import LIMIT
from assistant.scripts.names import KnownNames, known_names
from bridge.wire_model import MAX_TEXT


@pytest.fixture(scope="module")
def names() -> KnownNames:
    return known_names(Settings())


EIGHT = """\
fixtures:
  timezone: Mars/Olympus
  now: tomorrow
conversations:
  - name: a
    turns:
      - say: hi
        intnet: smalltalk.greet
      - say: hello
        skill: wether
        intent: weather.forcast
      - advance: soon
      - say: hi
        open_mic: maybe
  - name: a
    turns:
      - say: hi
  - nmae: b
    turns: [{say: hi}]
tests:
  - sentences: [hi]
    reply: {regex: '(unclosed'}
"""
EIGHT_LINES = [2, 3, 8, 10, 11, 12, 14, 15, 18, 22]


def _mistakes(error: BaseException, path: Path) -> list[int]:
    """The line numbers the message names, one per message line."""
    lines = str(error).splitlines()
    assert lines[0].startswith(f"{len(lines) - 1} mistakes in {path}"), lines[0]
    found = []
    for line in lines[1:]:
        assert line.startswith(f"{path}:"), line
        found.append(int(line.split(":")[1]))
    return found


def test_every_mistake_of_a_file_is_reported_once_in_line_order(tmp_path: Path, names: KnownNames) -> None:
    path = tmp_path / "bad.intents.yml"
    path.write_text(EIGHT)
    with pytest.raises(ScriptError) as caught:
        load_script(path, names)
    assert _mistakes(caught.value, path) == EIGHT_LINES
    message = str(caught.value)
    for words in ("'Mars/Olympus'", "'intnet'", "'wether'", "'weather.forcast'", "'soon'", "'maybe'", "used twice"):
        assert words in message
    assert "'nmae' in a conversation (did you mean 'name'?)" in message
    assert "needs 'name:'" not in message  # the misspelling is the one mistake


def test_many_mistakes_are_cut_at_the_limit_and_counted(tmp_path: Path, names: KnownNames) -> None:
    path = tmp_path / "bad.intents.yml"
    turns = "".join(f"      - say: hi\n        intnet{i}: x\n" for i in range(LIMIT + 5))
    path.write_text(f"conversations:\n  - name: a\n    turns:\n{turns}")
    with pytest.raises(ScriptError) as caught:
        load_script(path, names)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(f"{LIMIT + 5} mistakes in {path}")
    assert len(lines) == 1 + LIMIT + 1 and lines[-1] == "and 5 more"
    assert lines[1].startswith(f"{path}:5: unknown key 'intnet0'")


def test_the_mistakes_of_every_file_are_reported_together(tmp_path: Path, names: KnownNames) -> None:
    (tmp_path / "a.intents.yml").write_text("tests:\n  - sentences: [hi]\n    intnet: smalltalk.greet\n")
    (tmp_path / "b.intents.yml").write_text("tests:\n  - sentences: [hi]\n    skill: wether\n")
    with pytest.raises(ScriptError) as caught:
        load_scripts([tmp_path], names)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("2 mistakes in 2 scripts")
    assert lines[1].startswith(f"{tmp_path / 'a.intents.yml'}:3: unknown key 'intnet'")
    assert lines[2].startswith(f"{tmp_path / 'b.intents.yml'}:3: unknown skill 'wether'")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("conversations:\n  - name: a\n    turns:\n      - say: hi\n      intent: x\n", 5),
        ("tests:\n  - sentences: [hi]\n    intent: smalltalk.greet\n      reply: x\n", 4),
        ("conversations:\n  - name: a\n  turns:\n      - say: hi\n", 3),
    ],
)
def test_bad_indentation_says_so_with_its_line(tmp_path: Path, names: KnownNames, text: str, line: int) -> None:
    path = tmp_path / "bad.intents.yml"
    path.write_text(text)
    with pytest.raises(ScriptError) as caught:
        load_script(path, names)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert "check the indentation of this line" in str(caught.value)


def test_a_folder_given_as_audio_is_called_a_folder(tmp_path: Path, names: KnownNames) -> None:
    path = tmp_path / "bad.intents.yml"
    path.write_text("conversations:\n  - name: a\n    turns:\n      - audio: .\n")
    with pytest.raises(ScriptError) as caught:
        load_script(path, names)
    assert str(caught.value).startswith(f"{path}:4: audio '.' is a folder")
    assert "WAV file" in str(caught.value) and "not found" not in str(caught.value)


def test_a_wav_without_samples_fails_the_check(tmp_path: Path, names: KnownNames) -> None:
    with wave.open(str(tmp_path / "empty.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
    path = tmp_path / "bad.intents.yml"
    path.write_text("conversations:\n  - name: a\n    turns:\n      - audio: empty.wav\n")
    with pytest.raises(ScriptError, match=r"bad\.intents\.yml:4: audio file 'empty\.wav': the WAV holds no samples"):
        load_script(path, names)


def test_words_longer_than_the_bridge_carries_fail_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "lamp " * (MAX_TEXT // 5 + 1)
    path = tmp_path / "long.intents.yml"
    path.write_text(f"conversations:\n  - name: a\n    turns:\n      - say: {long}\ntests:\n  - sentences: [{long}]\n")
    assert main(["test", "--check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:4: say is {len(long.strip())} characters; the bridge carries at most {MAX_TEXT}" in err
    assert f"{path}:6: a sentence is {len(long.strip())} characters" in err
    assert "ValidationError" not in err
