"""What --check used to let through, only to fail (or never pass) at run time: device values in `devices:`
expectations, unknown keys inside `directives:` and `action:`, and the messages for a wrong form of `reply:`,
`announce:` or an intent no loaded skill has (QA session 12, finding 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings, parse_settings
from assistant.errors import ScriptError
from assistant.scripts.expectations import DirectivesMatch, check_all
from assistant.scripts.loader import parse_script
from assistant.scripts.names import KnownNames, known_names
from assistant.scripts.observed import Observed
from bridge.miai import AudioItem, AudioStream, Directive, TtsItem


@pytest.fixture(scope="module")
def names() -> KnownNames:
    return known_names(Settings())


def _problems(text: str, names: KnownNames) -> list[str]:
    """Each mistake as ``line: problem``, in line order."""
    path = Path("v.intents.yml")
    with pytest.raises(ScriptError) as caught:
        parse_script(text, path, names)
    lines = str(caught.value).splitlines()
    found = lines[1:] if len(lines) > 1 else lines
    return [line.removeprefix(f"{path}:") for line in found]


def _turn(*lines: str) -> str:
    return "conversations:\n  - name: a\n    turns:\n      - say: turn on the kitchen lamp\n" + "".join(
        f"        {line}\n" for line in lines
    )


def test_device_values_in_expectations_are_checked_as_in_fixtures(names: KnownNames) -> None:
    text = _turn("devices: {lamp.kitchen: {power: true, brightness: 500, color: Blue}}")
    assert _problems(text, names) == [
        "5: devices.lamp.kitchen: power cannot be True; it must be one of on, off",
        "5: devices.lamp.kitchen: brightness cannot be 500; it must be a whole number from 1 to 100 percent",
        "5: devices.lamp.kitchen: color 'Blue' never matches: the hub reports it as 'blue'",
    ]


def test_device_values_the_hub_reports_pass(names: KnownNames) -> None:
    text = _turn("devices: {lamp.kitchen: {power: 'on', brightness: 80.0}, vacuum.living_room: {battery: 100}}")
    parse_script(text, Path("v.intents.yml"), names)


def test_unknown_keys_in_directives_and_action_are_caught_with_did_you_mean(names: KnownNames) -> None:
    text = _turn(
        "directives:",
        "  - type: tts",
        "  - typ: audio",
        "  - type: audoi",
        "    audio_item: {stream: {url: x, tokn: y}, titel: z}",
        "action: {nme: devices.on, properties: {anything: 1}}",
    )
    assert _problems(text, names) == [
        "7: unknown key 'typ' in directives[1] (did you mean 'type'?)",
        "8: directives[2].type is never 'audoi' (did you mean 'audio'?)",
        "9: unknown key 'titel' in directives[2].audio_item (did you mean 'title'?)",
        "9: unknown key 'tokn' in directives[2].audio_item.stream (did you mean 'token'?)",
        "10: unknown key 'nme' in action (did you mean 'name'?)",
    ]


def test_every_key_a_directive_or_action_really_has_is_allowed(names: KnownNames) -> None:
    directive = Directive(type="audio", audio_item=AudioItem(stream=AudioStream(url="u", token="t"), title="x"))
    tts = Directive(type="tts", tts_item=TtsItem(text="hi"))
    action = {"name": "player.pause", "properties": {"level": 4}}
    text = _turn(f"directives: {json.dumps([tts.to_dict(), directive.to_dict()])}", f"action: {json.dumps(action)}")
    script = parse_script(text, Path("v.intents.yml"), names)
    observed = Observed(directives=(tts.to_dict(), directive.to_dict()), action=action)
    assert check_all(script.conversations[0].steps[0].expectations, observed) == ()


def test_a_wrong_directive_count_names_the_types_on_both_sides() -> None:
    expected = DirectivesMatch(3, ({"type": "audio"},))
    observed = Observed(directives=({"type": "tts", "tts_item": {"text": "x" * 300}}, {"type": "audio"}))
    [mismatch] = expected.check(observed)
    assert (mismatch.expected, mismatch.actual) == ("1 directive (audio)", "2 directives (tts, audio)")
    assert DirectivesMatch(3, ({},)).check(Observed())[0].actual == "no directives"


def test_a_text_rule_of_the_wrong_form_names_every_allowed_form(names: KnownNames) -> None:
    rules = "exact, contains, not_contains, regex"
    text = _turn('reply: ["Which room?"]', "announce: 5", "speech: {contains: 5}")
    assert _problems(text, names) == [
        f"5: reply must be text, or a mapping of {rules} (e.g. {{contains: [Paris, degrees]}}); got a list",
        f"6: announce must be text, a mapping of {rules}, or a list of those; got the number 5",
        "7: speech.contains must be text, got the number 5",
    ]


def test_an_intent_of_a_skill_no_config_loads_points_at_the_config(tmp_path: Path) -> None:
    skill = tmp_path / "skills" / "coffee"
    skill.mkdir(parents=True)
    (skill / "skill.yml").write_text(
        "name: coffee\ndescription: Coffee.\ninvocations: [coffee]\nhandler:\n  python: handler.py\n"
        'intents:\n  coffee.make:\n    examples: ["make me a coffee", "brew a coffee"]\n'
    )
    (skill / "handler.py").write_text("def create(context):\n    return None\n")
    script = _turn("intent: coffee.make")
    other = parse_settings("locale: en-US\nrouter:\n  skill_dirs: []\n", "other.yml", base=tmp_path)
    assert _problems(script, known_names(other)) == [
        "5: unknown intent 'coffee.make': no loaded skill is named 'coffee'; the config in use (other.yml:3) has"
        " router.skill_dirs: [], so only the built-in skills are loaded; run it with the config that lists its"
        " folder (assistant test --config PATH)"
    ]
    mine = parse_settings("router:\n  skill_dirs: [skills]\n", "config.yml", base=tmp_path)
    parse_script(script, Path("v.intents.yml"), known_names(mine))
    assert _problems(_turn("intent: coffee.brew"), known_names(mine)) == [
        "5: unknown intent 'coffee.brew' (did you mean 'coffee.make'?)"
    ]


def test_a_duplicate_name_is_reported_even_when_that_conversation_has_no_turns(names: KnownNames) -> None:
    text = "conversations:\n  - name: a\n    turns: [{say: hi}]\n  - name: a\n    turns: []\n"
    assert _problems(text, names) == [
        "4: conversation name 'a' is used twice (first at line 2); names must be unique in a file",
        "5: turns must not be empty",
    ]


def test_an_unclosed_quote_is_reported_at_the_line_that_opens_it(names: KnownNames) -> None:
    text = _turn("intent: oos") + '      - say: "hello\n        intent: oos\n  - name: b\n    turns: [{say: hi}]\n'
    assert _problems(text, names) == [
        "6: a quoted text opened on this line is not closed; add the closing quote"
        " (YAML: found unexpected end of stream)"
    ]
