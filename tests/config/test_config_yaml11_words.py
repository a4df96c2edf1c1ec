"""config.yml is YAML 1.1, where `no`, `on`, `yes` are booleans and `12` a number: a text setting given one is told
to put it in quotes, showing the word as it was written (`voice: "no"` is a real espeak voice), and that fix works."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError

WORDS = [
    # (config text, the error after the file name, the text with the fix the error gives)
    (
        "speaker:\n  tts:\n    voice: no\n",
        ':3: speaker.tts.voice: input should be a valid string (got False); put it in quotes: voice: "no"',
        'speaker:\n  tts:\n    voice: "no"\n',
    ),
    (
        "speaker:\n  wake:\n    phrases: [hey cortana, yes]\n",
        ':3: speaker.wake.phrases[1]: input should be a valid string (got True); put it in quotes: "yes"',
        'speaker:\n  wake:\n    phrases: [hey cortana, "yes"]\n',
    ),
    (
        "speaker:\n  device_id: 12\n",
        ':2: speaker.device_id: input should be a valid string (got 12); put it in quotes: device_id: "12"',
        'speaker:\n  device_id: "12"\n',
    ),
    (
        "rasa:\n  token: on\n",
        ':2: rasa.token: input should be a valid string (got True); put it in quotes: token: "on"',
        'rasa:\n  token: "on"\n',
    ),
]


@pytest.mark.parametrize(("text", "message", "fixed"), WORDS, ids=[w[0].split(":")[-2].strip() for w in WORDS])
def test_a_word_yaml_made_a_boolean_or_number_is_told_to_be_quoted(
    tmp_path: Path, text: str, message: str, fixed: str
) -> None:
    path = tmp_path / "config.yml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}{message}"
    path.write_text(fixed)
    load_settings(path)  # the fix the message gives works
