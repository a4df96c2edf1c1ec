"""Rasa 3.x NLU YAML: what it reads, that dump then load is the identity, and errors that name file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.errors import NluError
from assistant.router.nlu.rasa_yaml import dump_nlu_yaml, load_nlu_yaml, parse_nlu_yaml
from assistant.router.nlu.types import EntitySpan, Example, TrainingData

SAMPLE = """\
version: "3.1"
nlu:
- intent: play_music
  examples: |
    - play [the beatles](artist)
    - put on [some jazz](genre:jazz) please
- intent: weather
  examples: |
    - weather in [NY]{"entity": "city", "value": "New York"}
    - fly from [Paris]{"entity": "city", "role": "from"}
- synonym: New York
  examples: |
    - NYC
    - big apple
- lookup: city
  examples: |
    - Paris
    - Berlin
- regex: zip
  examples: |
    - \\d{5}
"""


def test_parse_reads_intents_entities_synonyms_lookups_and_regexes() -> None:
    data = parse_nlu_yaml(SAMPLE, "nlu.yml")
    assert [e.text for e in data.examples] == [
        "play the beatles",
        "put on some jazz please",
        "weather in NY",
        "fly from Paris",
    ]
    assert data.examples[0].entities == (EntitySpan(5, 16, "artist", "the beatles"),)
    assert data.examples[1].entities == (EntitySpan(7, 16, "genre", "jazz"),)
    assert data.examples[2].entities == (EntitySpan(11, 13, "city", "New York"),)
    assert data.examples[3].entities == (EntitySpan(9, 14, "city", "Paris", role="from"),)
    assert data.synonyms == {"NYC": "New York", "big apple": "New York"}
    assert data.lookups == {"city": ("Paris", "Berlin")}
    assert data.regexes == {"zip": ("\\d{5}",)}


def test_dump_then_load_gives_equal_data(tmp_path: Path) -> None:
    data = parse_nlu_yaml(SAMPLE)
    path = tmp_path / "nlu.yml"
    path.write_text(dump_nlu_yaml(data), encoding="utf-8")
    assert load_nlu_yaml(path) == data


def test_interleaved_intents_keep_their_order() -> None:
    data = TrainingData(examples=(Example("a", "x"), Example("b", "y"), Example("c", "x")))
    assert parse_nlu_yaml(dump_nlu_yaml(data)) == data


_words = st.text(alphabet="abcdefgh 你好é:", min_size=1, max_size=8).map(str.strip).filter(bool)


@st.composite
def _examples(draw: st.DrawFn) -> Example:
    parts = draw(st.lists(st.tuples(_words, st.booleans()), min_size=1, max_size=4))
    text, spans = "", []
    for word, is_entity in parts:
        text += (" " if text else "") + word
        if is_entity:
            value = draw(st.sampled_from([word, "Canonical Value"]))
            role = draw(st.sampled_from([None, "from"]))
            spans.append(EntitySpan(len(text) - len(word), len(text), "ent", value, role))
    return Example(text=text, intent=draw(st.sampled_from(["a", "b", "yes", "1"])), entities=tuple(spans))


@settings(max_examples=60, deadline=None)
@given(st.lists(_examples(), max_size=6), st.dictionaries(_words, _words, max_size=3))
def test_round_trip_property(examples: list[Example], synonyms: dict[str, str]) -> None:
    data = TrainingData(examples=tuple(examples), synonyms=synonyms, lookups={"l": ("x", "y z")})
    assert parse_nlu_yaml(dump_nlu_yaml(data)) == data


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("nlu:\n- intent: a\n  exampels: |\n    - x\n", 3, "unknown item key 'exampels'"),
        ("nlu:\n- intent: a\n  examples: |\n    - ok\n    - stop [it\n", 5, "unbalanced brackets"),
        ("nlu:\n- intent: a\n  examples: |\n    - stop it]\n", 4, "unbalanced brackets"),
        ("nlu:\n- intent: a\n  examples: |\n    - [x]{bad json}\n", 4, "not valid JSON"),
        ("nlu:\n- intent: a\n  examples: |\n    - [x] alone\n", 4, "must be followed"),
        ("nlu:\n- intent: a\n  examples: |\n    no dash\n", 4, "must start with '- '"),
        ("nlu: [\n", 2, "invalid YAML"),
        ("nlu:\n  - intent: a\n    examples: |\n      - x\n  - foo: b\n", 5, "unknown item key 'foo'"),
        ("nlu:\n- intent: a\n", 2, "has no 'examples:'"),
    ],
)
def test_errors_name_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(NluError) as info:
        parse_nlu_yaml(text, "skills/x/nlu.yml")
    message = str(info.value)
    assert message.startswith(f"skills/x/nlu.yml:{line}: ")
    assert fragment in message
    assert "\n" not in message


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NluError, match="cannot read NLU data"):
        load_nlu_yaml(tmp_path / "absent.yml")


def test_text_with_brackets_cannot_be_dumped() -> None:
    with pytest.raises(NluError, match="cannot write"):
        dump_nlu_yaml(TrainingData(examples=(Example("a [b]", "x"),)))
