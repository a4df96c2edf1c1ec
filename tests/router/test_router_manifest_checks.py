"""A skill.yml is read whole and every mistake in it is named: a key given twice (the first block was lost without a
word), a ``{slot}`` in the words the router speaks that no slot fills (it was said literally), a pattern or a list
said in words (not as pydantic's regular expression or "valid list"), and all of a file's mistakes in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ManifestError
from assistant.router.skills.manifest import parse_manifest

COFFEE = """\
name: coffee
description: Coffee.
invocations: [coffee]
handler: {url: "http://127.0.0.1:9/api/messages"}
slots:
  size:
    values: [small, large]
    prompt: Which size?
intents:
  coffee.make:
    examples: ["make me a [{size}] coffee", "brew [me] a coffee"]
    required: [size]
"""


def mistakes(text: str, path: Path) -> list[str]:
    with pytest.raises(ManifestError) as caught:
        parse_manifest(text, path)
    return str(caught.value).split("\n")


def test_the_example_parses(tmp_path: Path) -> None:
    assert parse_manifest(COFFEE, tmp_path / "skill.yml").intent("coffee.make").slots == ("size",)


def test_an_intent_given_twice_is_named_at_its_second_line(tmp_path: Path) -> None:
    path = tmp_path / "skill.yml"
    text = COFFEE + "  coffee.make:\n    examples: [brew an espresso]\n"
    assert mistakes(text, path) == [
        f"skill 'coffee' ({path}:13): intents: 'coffee.make' appears twice (first at line 10); keep one"
    ]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("slots:\n", "slots:\n  size: {}\n"), "(.../skill.yml:7): slots: 'size' appears twice (first at line 6)"),
        (
            ("name: coffee\n", "name: coffee\nname: tea\n"),
            "(.../skill.yml:2): key 'name' appears twice (first at line 1)",
        ),
        (("    required: [size]\n", "    required: [size]\n    required: []\n"), "intents.coffee.make: 'required'"),
    ],
)
def test_any_repeated_key_is_refused(tmp_path: Path, change: tuple[str, str], said: str) -> None:
    path = tmp_path / "skill.yml"
    [line] = mistakes(COFFEE.replace(*change), path)
    assert said.replace(".../skill.yml", str(path)) in line and "; keep one" in line


@pytest.mark.parametrize(
    ("change", "at", "said"),
    [
        (
            ("    required: [size]\n", "    required: [size]\n    confirm: Make a {sizee} coffee?\n"),
            "13): intents.coffee.make.confirm",
            "{sizee} is not declared under slots: (did you mean 'size'?)",
        ),
        (
            ("Which size?", "Which {sise} for {user}?"),
            "8): slots.size.prompt",
            "{sise} is not declared under slots: (did you mean 'size'?)",
        ),
        (
            ("invocations: [coffee]\n", "invocations: [coffee]\nwelcome: Hi {name}, coffee here.\n"),
            "4): welcome",
            "{name}: the braces are said as written: no slot has a value when the skill opens; remove them",
        ),
        (
            ("Which size?", "Which size, {size}?"),
            "8): slots.size.prompt",
            "{size} is the slot this prompt asks for, so it has no value yet",
        ),
        (
            ("slots:\n", "slots:\n  cups: {type: number}\n"),
            "",
            "",
        ),
        (
            ("    required: [size]\n", "    required: [size]\n    confirm: Make {size=large}?\n"),
            "13): intents.coffee.make.confirm",
            "{size=large}: write {size}; the value is the one the user said",
        ),
        (
            ("    required: [size]\n", "    required: [size]\n    confirm: Make a {size coffee?\n"),
            "13): intents.coffee.make.confirm",
            "{: a '{' or '}' that is not a {slot_name} is said as written",
        ),
    ],
)
def test_placeholders_in_spoken_words_must_be_slots(
    tmp_path: Path, change: tuple[str, str], at: str, said: str
) -> None:
    path = tmp_path / "skill.yml"
    text = COFFEE.replace(*change)
    assert text != COFFEE
    if not said:
        parse_manifest(text, path)  # a slot no template uses is fine
        return
    lines = mistakes(text, path)
    assert f"skill 'coffee' ({path}:{at}: {said}" in lines, lines


def test_a_confirmation_names_only_its_intents_slots(tmp_path: Path) -> None:
    text = COFFEE + "  coffee.order:\n    examples: [order coffee beans]\n    confirm: Order {size} beans?\n"
    [line] = mistakes(text, tmp_path / "skill.yml")
    assert line.endswith(
        "intents.coffee.order.confirm: {size} is not a slot of this intent, so it has no value here (it has: none)"
    )


@pytest.mark.parametrize(
    ("change", "said", "not_said"),
    [
        (("name: coffee", "name: CoffeeSkill"), "name: must be lower_snake_case", "pattern"),
        (("name: coffee", "name: CoffeeSkill"), "e.g. 'coffee_skill' (got 'CoffeeSkill')", "^"),
        (('{url: "http://127.0.0.1:9/api/messages"}', "{url: not a url}"), "starting with http:// or https://", "^"),
        (('{url: "http://127.0.0.1:9/api/messages"}', "{python: lib/h.py}"), "a .py file in the skill's folder", "^"),
        (("invocations: [coffee]", "invocations: coffee"), "invocations: must be a list: write [coffee], or", "valid"),
        (("invocations: [coffee]", "invocations: []"), "invocations: must list at least one", "after validation"),
        (("description: Coffee.", "description:"), "description: must be text (got nothing", "None"),
        (("    values: [small, large]\n", ""), "values: [small, large]) or give it a built-in type", "Input"),
    ],
)
def test_schema_mistakes_are_said_in_words(tmp_path: Path, change: tuple[str, str], said: str, not_said: str) -> None:
    text = COFFEE.replace(*change)
    assert text != COFFEE
    [line] = mistakes(text, tmp_path / "skill.yml")
    assert said in line and not_said not in line and not line.endswith(":"), line


def test_every_mistake_of_a_file_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "skill.yml"
    text = (
        COFFEE.replace("invocations: [coffee]", "invocations: coffee")
        .replace("    required: [size]", "    required: size\n    confrim: Sure?")
        .replace("description: Coffee.\n", "description: Coffee.\ndescription: Tea.\n")
    )
    lines = mistakes(text, path)
    assert [line.split(": ", 2)[1] for line in lines] == [
        "key 'description' appears twice (first at line 2); keep one",
        "invocations",
        "intents.coffee.make.required",
        "intents.coffee.make.confrim",
    ], lines
    text = COFFEE.replace("{size}", "{sise}").replace("required: [size]", "required: [size]\n    another: coffee.more")
    assert len(mistakes(text, path)) == 2
