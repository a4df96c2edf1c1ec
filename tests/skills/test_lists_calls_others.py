"""Calls name who is no contact (QA B15), answers add up "5 feet 10 inches" and know a few more facts (B11, B13), and
help explains one skill when asked about it (A25)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.router.services.clock import ManualClock
from assistant.router.services.knowledge import knowledge_base
from assistant.router.skill_call import skill_activity
from assistant.router.skills.builtin.answers.compound import compound_conversion
from assistant.router.skills.builtin.calls.handler import called_name
from assistant.router.skills.handler import SkillContext
from assistant.router.skills.loading import create_handler
from assistant.router.skills.manifest import SkillManifest, load_manifest
from assistant.router.skills.registry import BUILTIN_DIR
from bridge.cortana import Activity, ChannelAccount, ConversationAccount

SKILLS = ("calls", "answers", "help", "lists", "music", "devices", "weather")


def manifest_of(name: str) -> SkillManifest:
    return load_manifest(BUILTIN_DIR / name / "skill.yml")


class Skill:
    """One built-in skill's handler, called as the router calls it, with every listed skill's manifest beside it."""

    def __init__(self, name: str, data_dir: Path) -> None:
        manifests = tuple(manifest_of(n) for n in SKILLS)
        manifest = manifests[SKILLS.index(name)]
        context = SkillContext(manifest, Settings(data_dir=data_dir), ManualClock(), manifests, lambda _: None)
        self.handler = create_handler(context)

    def say(self, intent: str, slots: Mapping[str, Any], text: str) -> str:
        return self.reply(intent, slots, text).text or ""

    def reply(
        self, intent: str, slots: Mapping[str, Any], text: str, state: Mapping[str, Any] | None = None
    ) -> Activity:
        incoming = Activity(
            type="message",
            from_=ChannelAccount(id="user", role="user"),
            recipient=ChannelAccount(id="router", role="bot"),
            conversation=ConversationAccount(id="session"),
            text=text,
            channel_data={},
        )
        return self.handler.handle(skill_activity(incoming, intent, dict(slots), dict(state or {}), False, None))

    def close(self) -> None:
        close = getattr(self.handler, "close", None)
        if callable(close):
            close()


@pytest.fixture
def make(tmp_path: Path) -> Iterator[Any]:
    made: list[Skill] = []

    def build(name: str) -> Skill:
        made.append(Skill(name, tmp_path))
        return made[-1]

    yield build
    for skill in made:
        skill.close()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("call the pizza place", "the pizza place"),
        ("call John on speaker", "John"),
        ("can you ring the dentist please", "the dentist"),
        ("make a call", None),
        ("call", None),
    ],
)
def test_called_name_reads_the_name_after_the_verb(text: str, name: str | None) -> None:
    assert called_name(text) == name


def test_a_call_to_someone_untagged_names_them(make: Any) -> None:
    calls = make("calls")
    assert calls.say("calls.call", {}, "call the pizza place").startswith(
        "I can't find the pizza place in your contacts."
    )
    assert calls.say("calls.call", {}, "make a call") == "Who should I contact?"


def test_a_contact_carried_over_from_a_call_is_not_the_one_asked_about(make: Any) -> None:
    calls = make("calls")
    assert calls.say("calls.contacts", {"contact": "Mom"}, "what contacts do I have").startswith("You have 9 contacts")
    assert calls.say("calls.contacts", {"contact": "Mom"}, "what's her number").startswith("Mom is in your contacts")


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("what's 5 feet 10 inches in centimeters", "5 feet 10 inches is 177.8 centimeters."),
        ("convert 2 hours and 30 minutes to minutes", "2 hours 30 minutes is 150 minutes."),
        ("what's five feet ten inches in meters", "5 feet 10 inches is 1.778 meters."),
    ],
)
def test_a_quantity_in_two_units_is_added_up(make: Any, question: str, sentence: str) -> None:
    slots = {"number": 5, "from_unit": "feet", "to_unit": "inches"}  # what the tagger made of the first one
    assert make("answers").say("answers.convert", slots, question) == sentence


@pytest.mark.parametrize(
    "question",
    ["what's 5 feet in inches", "what's 5 feet 10 pounds in kilograms", "what's 5 feet 10 in centimeters"],
)
def test_compound_conversion_needs_two_quantities_of_the_kind_asked(question: str) -> None:
    assert compound_conversion(question) is None


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("how tall is mount everest", "8,849 meters"),
        ("what's the population of japan", "124 million"),
        ("who is the president of the united states", "President of the United States"),
    ],
)
def test_a_few_more_facts_are_known(question: str, words: str) -> None:
    answer = knowledge_base().answer(question)
    assert answer is not None and words in answer


@pytest.mark.parametrize(
    ("slots", "text", "skill"),
    [
        ({"topic": "music"}, "what can you do with music", "music"),
        ({"topic": "lists"}, "how do I use the lists", "lists"),
        ({"topic": "lamp"}, "what can I say to control the lights", "devices"),
        ({}, "how do I use skype", "calls"),
    ],
)
def test_help_about_one_skill_reads_its_description_and_samples(
    make: Any, slots: dict[str, str], text: str, skill: str
) -> None:
    manifest = manifest_of(skill)
    said = make("help").say("help.skill", slots, text)
    assert said.startswith(manifest.description) and f'"{manifest.samples[0]}"' in said


def test_help_about_something_no_skill_does_lists_what_it_can(make: Any) -> None:
    assert (
        make("help").say("help.skill", {"topic": "pizza"}, "what can you do with pizza").startswith("I can help with")
    )


def test_help_has_a_welcome_of_its_own() -> None:
    welcome = manifest_of("help").welcome
    assert welcome is not None and welcome != manifest_of("help").description


def test_him_back_is_the_last_one_called_and_numbers_are_refused(make: Any) -> None:
    # QA session 13, finding 20: "I can't find him in your contacts", "I can't find 911 in your contacts"
    calls = make("calls")
    assert calls.say("calls.call", {}, "call him back") == "Who should I call?"  # no one called yet
    assert calls.say("calls.call", {"contact": "Dad"}, "call dad") == "Calling Dad on Skype."
    assert calls.say("calls.call", {}, "call him back") == "Calling Dad on Skype."
    assert calls.say("calls.call", {"contact": "911"}, "call 911") == (
        "I can't call emergency numbers. Please call them from a phone."
    )
    assert calls.say("calls.call", {"contact": "911"}, "call her") == "Calling Dad on Skype."  # 911 carried over
    assert calls.say("calls.call", {}, "call 555 1234") == "I can only call your Skype contacts, not phone numbers."
    assert calls.say("calls.call", {}, "call an ambulance").startswith("I can't call emergency numbers.")


def test_mute_says_muted_and_a_plural_grocery_is_already_on_the_list(make: Any) -> None:
    # QA session 13, finding 27: "mute" answered "Paused."; "Eggs is already on your shopping list."
    music = make("music")
    state = (music.reply("music.play", {"genre": "jazz"}, "play some jazz").channel_data or {}).get("state")
    assert music.reply("music.pause", {}, "mute", state).text == 'Muted: the music is paused until you say "unmute".'
    assert music.reply("music.volume", {}, "mute the music", state).text == (
        'Muted: the music is paused until you say "unmute".'
    )
    assert music.reply("music.pause", {}, "pause", state).text == "Paused."
    lists = make("lists")
    for _ in range(2):
        said = lists.say("lists.add", {"item": "eggs", "list": "shopping"}, "add eggs to my shopping list")
    assert said == "Eggs are already on your shopping list."
    lists.say("lists.add", {"item": "hummus", "list": "shopping"}, "add hummus to my shopping list")
    said = lists.say("lists.add", {"item": "hummus", "list": "shopping"}, "add hummus to my shopping list")
    assert said == "Hummus is already on your shopping list."
    lists.say("lists.add", {"item": "pay the bills", "list": "todo"}, "add pay the bills to my to do list")
    said = lists.say("lists.add", {"item": "pay the bills", "list": "todo"}, "add pay the bills to my to do list")
    assert said == "Pay the bills is already on your to-do list."
