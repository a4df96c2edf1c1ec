"""Manifest parsing and template expansion: every mistake is one line naming the skill, file and key."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.errors import SkillError
from assistant.router.skills.manifest import parse_manifest
from assistant.router.skills.templates import fill, skeletons, validate_template

GOOD = """
name: demo
description: A demo.
invocations: [demo]
handler: {url: "http://127.0.0.1:9/api/messages"}
slots:
  city:
    values: [Paris, {value: New York, synonyms: [nyc]}]
    prompt: Which city?
  when: {type: date}
intents:
  demo.go:
    examples: ["go to {city} [{when}]"]
    required: [city]
"""


def test_a_good_manifest_parses(tmp_path: Path) -> None:
    manifest = parse_manifest(GOOD, tmp_path / "skill.yml")
    assert manifest.name == "demo" and manifest.handler.kind == "http"
    intent = manifest.intent("demo.go")
    assert intent.slots == ("city", "when") and intent.required == ("city",)
    assert manifest.slot("city").values[1].synonyms == ("nyc",)
    assert manifest.slot("when").type == "date"
    assert not manifest.slot("city").open  # closed unless the skill says otherwise
    assert (
        intent.another is None and intent.stop is None and not manifest.state_outlives_session
    )  # "another one" repeats; state per session
    assert manifest.events == ()  # listens to no speaker event


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("name: demo", "name: Demo!"), "name: must be lower_snake_case"),
        (("description: A demo.\n", ""), "description: is required"),
        (("invocations: [demo]", "invocations: [demo]\ncolour: red"), "colour: is not a manifest key"),
        (("go to {city}", "go to {town}"), "intents.demo.go.examples[0]: {town} is not declared under slots:"),
        (("go to {city} [{when}]", "go to ({city}"), "intents.demo.go.examples[0]: a '(' is never closed"),
        (("go to {city} [{when}]", "go to {city}]"), "unbalanced ']'"),
        (("required: [city]", "required: [country]"), "intents.demo.go.required: 'country' is not declared"),
        (("    prompt: Which city?\n", ""), "slots.city: a required slot needs a prompt"),
        (("{type: date}", "{type: colour}"), "slots.when: type 'colour' is not built in"),
        (("demo.go:", "Demo Go:"), "intent names are lower_snake_case"),
        (('{url: "http://127.0.0.1:9/api/messages"}', "{python: handler.py}"), "handler.py does not exist"),
        (('{url: "http://127.0.0.1:9/api/messages"}', "{}"), "give exactly one of"),
        (("invocations: [demo]", "invocations: [demo"), "skill.yml:"),
        (("go to {city}", "go to {city=Rome}"), "examples[0]: {city=...}: 'Rome' is not one of the values of city"),
        (("go to {city}", "go to {city=nyc}"), "is not one of the values of city (Paris, New York)"),
        (("[{when}]", "[{when=today}]"), "{when=...}: slot 'when' has no listed values to choose from"),
        (("go to {city}", "go to {city=Paris,}"), "an empty value in a {slot_name=value,value} placeholder"),
        (("{type: date}", "{type: date, open: true}"), "slots.when.open: 'open' is for a slot with listed values"),
        (("    required: [city]", "    another: demo.stop"), "intents.demo.go.another: 'demo.stop' is not one of"),
        (("    required: [city]", "    stop: demo.halt"), "intents.demo.go.stop: 'demo.halt' is not one of"),
        (("invocations: [demo]", "invocations: [demo]\nstate_outlives_session: maybe"), "state_outlives_session:"),
        (
            ("invocations: [demo]", "invocations: [demo]\nevents: {song.ended: demo.stop}"),
            "events.song.ended: 'demo.stop'",
        ),
    ],
)
def test_manifest_mistakes_are_one_clear_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "skill.yml"
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(SkillError) as caught:
        parse_manifest(text, path)
    line = str(caught.value)
    assert message in line and str(path) in line and "\n" not in line


@pytest.mark.parametrize(
    ("template", "problem"),
    [("a (b|c) [d]", None), ("a [b|c]", None), ("", "an empty example"), ("a (b", "never closed"), ("a {b", "'{'")],
)
def test_template_validation(template: str, problem: str | None) -> None:
    found = validate_template(template)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_templates_expand_to_every_wording_with_exact_spans() -> None:
    wordings = skeletons("(turn|switch) [the] {device} (on|off)", 100, random.Random(0))
    texts = sorted(fill(w, lambda place: ("desk lamp", "lamp.desk")).text for w in wordings)
    assert len(texts) == 8 and "switch the desk lamp off" in texts and "turn desk lamp on" in texts
    filled = fill(wordings[0], lambda place: ("desk lamp", "lamp.desk"))
    start, end, slot, value = filled.spans[0]
    assert filled.text[start:end] == "desk lamp" and (slot, value) == ("device", "lamp.desk")


def test_large_templates_are_sampled_deterministically() -> None:
    template = "(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p)"
    first = skeletons(template, 20, random.Random(3))
    assert len(first) == 20 and first == skeletons(template, 20, random.Random(3))


def test_a_placeholder_can_list_the_values_it_takes(tmp_path: Path) -> None:
    from assistant.router.template_match import readings
    from assistant.router.training import compile_training_data

    text = GOOD.replace("go to {city} [{when}]", "fly to {city=New York}").replace(
        "[Paris, {value: New York, synonyms: [nyc]}]", "[Paris, Rome, {value: New York, synonyms: [nyc]}]"
    )
    manifest = parse_manifest(text, tmp_path / "skill.yml")
    examples = compile_training_data([manifest], out_of_scope=False).examples
    assert {e.text for e in examples} == {"fly to New York", "fly to nyc"}
    assert {e.entities[0].value for e in examples} == {"New York"}
    intent = manifest.intent("demo.go")
    assert [m.raw for m in readings(manifest, intent, "fly to nyc") if m.complete] == [{"city": "nyc"}]
    assert not any(m.complete for m in readings(manifest, intent, "fly to Paris"))
