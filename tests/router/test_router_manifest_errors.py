"""A wrong skill.yml says what its author got wrong, in their words, at its line: a misspelt key is called unknown
with the key it should be (not "x is required"), a wrong shape is described without pydantic's class names, a word
YAML took for a boolean is told to be quoted; and the command exits 2, as for a wrong config.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.errors import SkillError
from assistant.router.skills.manifest import parse_manifest

GOOD = """\
name: demo
description: A demo.
invocations: [demo]
handler: {url: "http://127.0.0.1:9/api/messages"}
slots:
  city:
    values: [Paris, {value: New York, synonyms: [nyc]}]
intents:
  demo.go:
    examples:
      - go to {city}
"""


@pytest.mark.parametrize(
    ("change", "line", "message", "not_said"),
    [
        (
            ("invocations:", "invocatons:"),
            3,
            "invocatons: is not a manifest key; did you mean 'invocations'?",
            "is required",
        ),
        (
            ("    examples:", "    exampels:"),
            10,
            "intents.demo.go.exampels: is not a manifest key; did you mean 'examples'?",
            "required",
        ),
        (
            ("synonyms: [nyc]", "synonym: [nyc]"),
            7,
            "slots.city.values[1].synonym: is not a manifest key; did you mean 'synonyms'?",
            "ValueEntry",
        ),
        (
            ("  demo.go:\n    examples:\n      - go to {city}\n", "  extra: 1\n"),
            9,
            "intents.extra: must be a mapping with 'examples:'",
            "IntentEntry",
        ),
        (
            ('{url: "http://127.0.0.1:9/api/messages"}', "handler.py"),
            4,
            "handler: must be a mapping with 'python: handler.py' or 'url: http://...'",
            "HandlerEntry",
        ),
        (
            ("intents:\n  demo.go:\n    examples:\n      - go to {city}\n", "intents: [demo.go]\n"),
            8,
            "intents: must be a mapping of intent name -> its settings (got a list)",
            "dictionary",
        ),
        (
            ("invocations: [demo]", "invocations: [demo, yes]"),
            3,
            'invocations[1]: must be text (got the boolean true); put it in quotes: "yes"',
            "valid string",
        ),
        (("go to {city}", "go to {town}"), 11, "intents.demo.go.examples[0]: {town} is not declared under slots:", ""),
    ],
)
def test_a_manifest_mistake_is_named_at_its_line_in_the_authors_words(
    tmp_path: Path, change: tuple[str, str], line: int, message: str, not_said: str
) -> None:
    path = tmp_path / "skill.yml"
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(SkillError) as caught:
        parse_manifest(text, path)
    said = str(caught.value)
    assert said.startswith(f"skill 'demo' ({path}:{line}): "), said
    assert message in said and "\n" not in said
    if not_said:
        assert not_said not in said


def test_a_manifest_mistake_exits_2_like_a_config_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    skill = tmp_path / "skills" / "demo"
    skill.mkdir(parents=True)
    (skill / "skill.yml").write_text(GOOD.replace("invocations:", "invocatons:"))
    (tmp_path / "config.yml").write_text("router:\n  skill_dirs: [skills]\n")
    script = tmp_path / "a.intents.yml"
    script.write_text("tests:\n  - sentences: [hi]\n    intent: smalltalk.greet\n")
    assert main(["--config", str(tmp_path / "config.yml"), "test", "--check", str(script)]) == 2
    assert "did you mean 'invocations'?" in capsys.readouterr().err
