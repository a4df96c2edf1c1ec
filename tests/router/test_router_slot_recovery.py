"""Reading an utterance against its intent's templates, and the slots recovered from that reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import assistant.router.skills.builtin as builtin
from assistant.router.nlu.normalize import normalize
from assistant.router.skills.manifest import SkillManifest
from assistant.router.skills.registry import load_manifests
from assistant.router.slot_recovery import literal, recover
from assistant.router.template_match import TemplateMatch, readings
from assistant.router.vocabulary import known_words, unfamiliar, unknown_share

BUILTIN = Path(builtin.__path__[0])


@pytest.fixture(scope="module")
def manifests() -> dict[str, SkillManifest]:
    return {m.name: m for m in load_manifests([BUILTIN])}


def _recover(manifests: dict[str, SkillManifest], name: str, text: str, found: dict[str, Any]) -> Any:
    manifest = manifests[name.split(".")[0]]
    return recover(manifest, manifest.intent(name), text, found)


def test_templates_read_whole_utterances_or_their_start(manifests: dict[str, SkillManifest]) -> None:
    alarms = manifests["alarms"]
    remind = alarms.intent("alarms.remind")
    whole = readings(alarms, remind, "Remind me in 20 minutes to check the oven.")
    assert TemplateMatch({"duration": "20 minutes", "reminder": "check the oven"}, complete=True) in whole
    start = readings(alarms, remind, "remind me to buy flowers")
    assert TemplateMatch({"reminder": "buy flowers"}, complete=False) in start
    assert TemplateMatch({"reminder": "buy flowers"}, complete=True) not in start  # no template ends at the reminder


def test_two_slots_side_by_side_are_read_both_ways(manifests: dict[str, SkillManifest]) -> None:
    alarms = manifests["alarms"]
    both = readings(alarms, alarms.intent("alarms.remind"), "remind me to call mom tomorrow at 6 pm")
    assert TemplateMatch({"reminder": "call", "date": "mom tomorrow", "time": "6 pm"}, complete=True) in both
    assert TemplateMatch({"reminder": "call mom", "date": "tomorrow", "time": "6 pm"}, complete=True) in both
    assert len(both) == len(set(map(repr, both)))  # the same reading is listed once


def test_words_no_template_reads_do_not_match(manifests: dict[str, SkillManifest]) -> None:
    devices = manifests["devices"]
    assert readings(devices, devices.intent("devices.color"), "make the bed") == []
    unknown_city = _recover(manifests, "weather.forecast", "weather in Atlantis", {})
    assert unknown_city.slots == {} and not unknown_city.fits  # "in Atlantis" is no date either


@pytest.mark.parametrize(
    ("name", "text", "engine", "expected"),
    [
        ("alarms.remind", "remind me to buy flowers", {"reminder": "buy"}, {"reminder": "buy flowers"}),
        ("alarms.remind", "remind me in 20 minutes to check the oven", {"duration": {"seconds": 1200}},
         {"duration": {"seconds": 1200}, "reminder": "check the oven"}),
        ("answers.convert", "convert 5 miles to kilometers", {"number": 5, "from_unit": "miles"},
         {"number": 5, "from_unit": "miles", "to_unit": "kilometers"}),
        ("calls.message", "send a message to alex saying I'm late", {"contact": "Alex"},
         {"contact": "Alex", "message": "I'm late"}),
        ("calls.message", "send a message to alex saying I'm late", {"contact": "Alex", "message": "m late"},
         {"contact": "Alex", "message": "I'm late"}),  # a tagger that split "I'm" at the apostrophe
        ("calls.message", "send a message to mom", {}, {"contact": "Mom"}),
        ("calls.message", "send a message to mom", {"message": "mom"}, {"contact": "Mom"}),
        ("weather.forecast", "is it sunny in Madrid", {}, {"city": "Madrid"}),
        ("timers.set", "set a timer for five minutes", {}, {"duration": {"seconds": 300}}),
        ("alarms.remind", "remind me to call mom tomorrow at 6 pm", {},
         {"reminder": "call mom", "date": {"day_offset": 1, "value": "tomorrow"},
          "time": {"hour": 18, "minute": 0, "day_offset": 0, "explicit": True}}),  # not "call mom tomorrow"
    ],
)  # fmt: skip
def test_missed_and_cut_short_slots_are_recovered(
    manifests: dict[str, SkillManifest], name: str, text: str, engine: dict[str, Any], expected: dict[str, Any]
) -> None:
    recovered = _recover(manifests, name, text, engine)
    assert recovered.slots == expected and recovered.fits


def test_the_engine_is_kept_where_it_found_something_sound(manifests: dict[str, SkillManifest]) -> None:
    kept = _recover(manifests, "alarms.remind", "remind me to call mom at 6 pm", {"reminder": "call mom at"})
    assert kept.slots["reminder"] == "call mom at"  # not a part of "call mom": the engine's own reading stays
    assert kept.slots["time"] == {"hour": 18, "minute": 0, "day_offset": 0, "explicit": True}


def test_words_that_are_no_value_stay_missing_and_are_no_evidence(manifests: dict[str, SkillManifest]) -> None:
    blorf = _recover(manifests, "timers.set", "blorf timer", {})
    assert blorf.slots == {} and not blorf.fits


def test_the_start_of_a_template_is_evidence_for_the_intent(manifests: dict[str, SkillManifest]) -> None:
    define = _recover(manifests, "answers.define", "define", {})
    assert define.slots == {} and define.fits


def test_a_typed_slot_the_engine_cut_to_words_that_do_not_parse_is_read_again(
    manifests: dict[str, SkillManifest],
) -> None:
    """Rasa tagged only "minutes" of "five minutes": the duration comes from the template's reading."""
    got = _recover(manifests, "timers.set", "set a timer for five minutes", {"duration": "minutes"})
    assert got.slots["duration"] == {"seconds": 300}
    kept = _recover(manifests, "timers.set", "set a timer for five minutes", {"duration": {"seconds": 300}})
    assert kept.slots["duration"] == {"seconds": 300}


def test_a_typed_slot_the_engine_cut_to_part_of_its_words_is_read_again(manifests: dict[str, SkillManifest]) -> None:
    """Rasa tagged "twenty" of "twenty one degrees": a value, but not the one said."""
    devices = manifests["devices"]
    text = "set the bedroom air conditioner to twenty one degrees"
    engine = {"room": "bedroom", "device": "ac", "temperature": {"value": 20, "unit": None}}
    words = {"room": "bedroom", "device": "air conditioner", "temperature": "twenty"}
    got = recover(devices, devices.intent("devices.temperature"), text, engine, heard=words)
    assert got.slots["temperature"] == {"value": 21, "unit": None}
    whole = recover(devices, devices.intent("devices.temperature"), text, engine, heard={"temperature": "21"})
    assert whole.slots["temperature"] == {"value": 20, "unit": None}  # not a part of the words: the engine's stays


@pytest.mark.parametrize(
    ("text", "engine", "reminder", "said_day"),
    [
        ("remind me to take out the trash tonight", "take out the trash tonight", "take out the trash", "tonight"),
        ("remind me to pay the rent on friday", "pay the rent on", "pay the rent", "on friday"),
        ("remind me to pay the rent next friday", "pay the rent", "pay the rent", "next friday"),
        ("remind me to turn the heating on tomorrow", "turn the heating on", "turn the heating on", "tomorrow"),
    ],
)
def test_free_text_gives_a_following_date_its_words_and_no_more(
    manifests: dict[str, SkillManifest], text: str, engine: str, reminder: str, said_day: str
) -> None:
    """The engine's reminder ran into the date, or the template's longest reading left "on" / "next" to it."""
    got = _recover(manifests, "alarms.remind", text, {"reminder": engine})
    assert (got.slots["reminder"], got.slots["date"]) == (reminder, normalize("date", said_day))


def test_literal_means_a_whole_template_with_every_slot_a_value(manifests: dict[str, SkillManifest]) -> None:
    smalltalk, weather = manifests["smalltalk"], manifests["weather"]
    assert literal(smalltalk, smalltalk.intent("smalltalk.how_are_you"), "how are you")
    assert literal(weather, weather.intent("weather.forecast"), "weather in Paris tomorrow")
    assert not literal(weather, weather.intent("weather.forecast"), "weather tomorrow and also my taxes")
    assert not literal(smalltalk, smalltalk.intent("smalltalk.how_are_you"), "how are you going to pay")


def test_a_short_answer_fills_the_asked_slot_typed_as_the_engine_would(manifests: dict[str, SkillManifest]) -> None:
    from assistant.router.slot_filling import slots_from_words

    alarms = manifests["alarms"]
    remind = alarms.intent("alarms.remind")
    assert slots_from_words(alarms, remind, "at 6 pm", "time")["time"]["hour"] == 18
    assert slots_from_words(alarms, remind, "buy flowers", "reminder") == {"reminder": "buy flowers"}
    assert slots_from_words(alarms, remind, "whenever", "time") == {}  # no time: not a value of the time slot


@pytest.fixture(scope="module")
def known(manifests: dict[str, SkillManifest]) -> frozenset[str]:
    return known_words(manifests.values())


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("weather.forecast", "what's the weather in Atlantis", {"city": "Atlantis"}),
        ("datetime.time", "what time is it in Atlantis", {"city": "Atlantis"}),
        ("music.play", "play music by Metallica", {"artist": "Metallica"}),
        ("music.play", "play my gym playlist", {"playlist": "gym"}),
        ("calls.call", "call Bob", {"contact": "Bob"}),
        ("lists.add", "add kombucha to my shopping list", {"item": "kombucha", "list": "shopping"}),
        ("weather.forecast", "what's the weather in Paris", {"city": "Paris"}),  # listed: canonical as before
    ],
)  # fmt: skip
def test_an_open_slot_takes_a_name_no_skill_knows(
    manifests: dict[str, SkillManifest], known: frozenset[str], name: str, text: str, expected: dict[str, Any]
) -> None:
    manifest = manifests[name.split(".")[0]]
    recovered = recover(manifest, manifest.intent(name), text, {}, known)
    assert recovered.slots == expected and recovered.fits
    listed = {value for slot, value in expected.items() if manifest.slot(slot).open and value != "Paris"}
    assert set(recovered.unlisted) == listed


def test_an_open_slot_does_not_take_words_the_skills_use(
    manifests: dict[str, SkillManifest], known: frozenset[str]
) -> None:
    weather = manifests["weather"]
    kitchen = recover(weather, weather.intent("weather.forecast"), "what's the weather in the kitchen", {}, known)
    assert "city" not in kitchen.slots and kitchen.unlisted == ()
    without_vocabulary = recover(weather, weather.intent("weather.forecast"), "weather in Atlantis", {})
    assert without_vocabulary.slots == {}  # nothing to judge "unknown" by: the list is the list


def test_a_closed_slot_takes_only_its_listed_values(manifests: dict[str, SkillManifest], known: frozenset[str]) -> None:
    devices = manifests["devices"]
    assert not devices.slot("device").open
    blorf = recover(devices, devices.intent("devices.on"), "turn on the blorf", {}, known)
    assert "device" not in blorf.slots


def test_an_engine_found_name_in_an_open_slot_is_unlisted_too(
    manifests: dict[str, SkillManifest], known: frozenset[str]
) -> None:
    music = manifests["music"]
    got = recover(music, music.intent("music.play"), "play Stairway to Heaven", {"song": "Stairway to Heaven"}, known)
    assert got.unlisted == ("Stairway to Heaven",)


def test_names_in_open_slots_are_not_counted_as_unknown_words(known: frozenset[str]) -> None:
    assert unknown_share("play Paranoid Android", known) > 0.5  # would be taken for gibberish
    assert unknown_share("play Paranoid Android", known, ["Paranoid Android"]) == 0.0
    assert unfamiliar("Stairway to Heaven", known) and unfamiliar("Atlantis", known)
    assert not unfamiliar("the kitchen", known) and not unfamiliar("Atlantis", frozenset())


@pytest.mark.parametrize(
    ("text", "engine"),
    [
        ("play music by Metallica", {"song": "Metallica"}),  # what Rasa's tagger made of it on one training
        ("play some Metallica", {"song": "Metallica"}),
        ("play some Metallica", {}),
    ],
)
def test_the_template_decides_which_open_slot_a_name_is(
    manifests: dict[str, SkillManifest], known: frozenset[str], text: str, engine: dict[str, Any]
) -> None:
    music = manifests["music"]
    got = recover(music, music.intent("music.play"), text, engine, known)
    assert got.slots == {"artist": "Metallica"}  # not the song "some Metallica", nor song and artist both


def test_an_open_slot_takes_an_unknown_name_as_the_answer_to_its_question(
    manifests: dict[str, SkillManifest], known: frozenset[str]
) -> None:
    from assistant.router.slot_filling import slots_from_words

    weather, lists = manifests["weather"], manifests["lists"]
    forecast, add = weather.intent("weather.forecast"), lists.intent("lists.add")
    assert slots_from_words(weather, forecast, "in Atlantis.", "city", known=known) == {"city": "Atlantis"}
    assert slots_from_words(lists, add, "kombucha", "item", known=known) == {"item": "kombucha"}
    assert slots_from_words(weather, forecast, "I don't know", "city", known=known) == {}  # words the skills use
    assert slots_from_words(weather, forecast, "Atlantis", "city") == {}  # no vocabulary to judge by
    assert slots_from_words(weather, forecast, "Atlantis", "city", known=known, listed_only=True) == {}


def test_a_free_text_slot_with_values_takes_any_words(manifests: dict[str, SkillManifest]) -> None:
    """The lists skill's item is free text whose values are examples: "green tea" whole, not the listed "tea"."""
    lists = manifests["lists"]
    assert not lists.slot("item").listed and lists.slot("list").listed
    got = recover(lists, lists.intent("lists.add"), "add green tea to my shopping list", {"item": "tea"})
    assert got.slots["item"] == "green tea" and got.fits
    todo = recover(lists, lists.intent("lists.add"), "add call the bank to my to do list", {})
    assert todo.slots == {"item": "call the bank", "list": "todo"}


def test_a_name_is_judged_by_the_skills_words_not_by_other_slots_example_names(
    manifests: dict[str, SkillManifest], known: frozenset[str]
) -> None:
    command = known_words(manifests.values(), names=False)
    calls = manifests["calls"]
    assert "dave" in known and "dave" not in command  # "Dave Brubeck" is an artist the music skill lists
    assert recover(calls, calls.intent("calls.call"), "call dave", {}, known).slots == {}
    assert recover(calls, calls.intent("calls.call"), "call dave", {}, command).slots == {"contact": "dave"}
    weather = manifests["weather"]
    kitchen = recover(weather, weather.intent("weather.forecast"), "weather in the kitchen", {}, command)
    assert "city" not in kitchen.slots  # a room is a closed list's word: still the skills' vocabulary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you play music by Metallica", {"artist": "Metallica"}),
        ("could you please play music by Metallica for me", {"artist": "Metallica"}),
        ("I need you to play my gym playlist please", {"playlist": "gym"}),
        ("play music by Metallica please thanks", {"artist": "Metallica"}),
    ],
)
def test_courtesy_around_a_request_is_read_past(
    manifests: dict[str, SkillManifest], known: frozenset[str], text: str, expected: dict[str, Any]
) -> None:
    music = manifests["music"]
    got = recover(music, music.intent("music.play"), text, {}, known)
    assert got.slots == expected and got.fits


def test_courtesy_that_is_a_template_s_own_words_still_matches_whole(manifests: dict[str, SkillManifest]) -> None:
    smalltalk = manifests["smalltalk"]
    assert literal(smalltalk, smalltalk.intent("smalltalk.joke"), "can you tell me a joke")
    assert not literal(smalltalk, smalltalk.intent("smalltalk.joke"), "can you")  # nothing left is no request


def test_free_text_is_what_the_template_leaves_after_its_own_words(
    manifests: dict[str, SkillManifest], known: frozenset[str]
) -> None:
    calls = manifests["calls"]
    message = calls.intent("calls.message")
    got = recover(calls, message, "text mom and tell her I'm late", {}, known)
    assert got.slots == {"contact": "Mom", "message": "I'm late"}  # not "and tell her I'm late"
    engine = {"contact": "Mom", "message": "and tell her I'm late"}  # a tagger that started the message early
    assert recover(calls, message, "text mom and tell her I'm late", engine, known).slots["message"] == "I'm late"


def test_a_template_corrects_what_a_tagger_cut_or_misplaced(
    manifests: dict[str, SkillManifest], known: frozenset[str]
) -> None:
    datetime_skill = manifests["datetime"]
    zone = datetime_skill.intent("datetime.zone")
    cut = recover(datetime_skill, zone, "what's the time zone for San Diego", {"city": "San"}, known)
    assert cut.slots == {"city": "San Diego"}  # a name a tagger cut short is read whole
    calls = manifests["calls"]
    message = calls.intent("calls.message")
    misplaced = recover(calls, message, "send mom a text saying I'm late", {"contact": "Mom", "message": "Mom"}, known)
    assert misplaced.slots == {"contact": "Mom", "message": "I'm late"}  # the contact's words are no message


def test_an_unsure_top_intent_whose_template_holds_a_name_is_chosen(manifests: dict[str, SkillManifest]) -> None:
    music = manifests["music"]
    play = music.intent("music.play")
    command = known_words(manifests.values(), names=False)
    assert not literal(music, play, "play Paranoid Android")  # without the skills' words nothing is a name
    assert literal(music, play, "play Paranoid Android", known=command)
    assert not literal(music, play, "play the kitchen lamp", known=command)  # the skills' own words are no name


@pytest.mark.parametrize(
    ("text", "found", "minute", "day"),
    [
        ("wake me up at seven fifteen on the fifth of may", {}, 15, 5),
        ("wake me up at six forty five on may fifth", {"time": "six forty"}, 45, 5),  # a tagger's cut, read again
        ("set an alarm for seven thirty on the fifth of may", {}, 30, 5),
    ],
)
def test_words_move_across_two_typed_slots_until_both_are_values(
    manifests: dict[str, SkillManifest], text: str, found: dict[str, Any], minute: int, day: int
) -> None:
    alarms = manifests["alarms"]
    heard = {name: str(value) for name, value in found.items()}
    got = recover(alarms, alarms.intent("alarms.set"), text, found, heard=heard).slots
    assert (got["time"]["minute"], got["date"]["month"], got["date"]["day"]) == (minute, 5, day)


def test_spoken_numbers_and_an_s_on_a_known_word_are_no_unknown_words(known: frozenset[str]) -> None:
    assert unknown_share("remind me at nine forty five am", known) == 0.0  # as known as "at 9:45 am"
    assert unknown_share("reminds me to set an alarm", known) == 0.0
    assert unknown_share("purple monkey dishwashers", known) > 0.5


def test_an_answer_s_words_fill_only_the_slot_asked_for(manifests: dict[str, SkillManifest]) -> None:
    """A tagger (the retrained Rasa model) made "mom" of "to mom" both the contact asked for and the message."""
    from assistant.router.pending_answer import read
    from assistant.router.session_state import Pending

    calls = manifests["calls"]
    asked = Pending("calls", "calls.message", {}, "contact", "Who should I contact?")
    got = read(calls, calls.intent("calls.message"), asked, "to mom", {"contact": "Mom", "message": "Mom"}, frozenset())
    assert got.slots is not None and got.slots.get("contact") == "Mom" and "message" not in got.slots


def test_free_text_made_of_another_slot_s_words_goes_under_a_partial_template_too(
    manifests: dict[str, SkillManifest],
) -> None:
    """ "text mom" is only the start of "text {contact} saying {message}"; a tagger's message "mom" is the contact."""
    calls = manifests["calls"]
    got = recover(calls, calls.intent("calls.message"), "text mom", {"message": "mom", "contact": "Mom"})
    assert got.slots == {"contact": "Mom"}
