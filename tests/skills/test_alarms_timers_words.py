"""The words alarms, reminders and timers read themselves (QA 2026-11-25): "a m" and "a.m." as speech-to-text
writes them, what a tagger leaves of "a.m." as a day, a reminder answer a tagger cut short, a time said in a
reminder's own words, and which timer an answer to "Which one?" means."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from assistant.router.nlu.normalize import parse_time
from assistant.router.services.schedule_store import Entry
from assistant.router.skills.builtin.alarms import said_when
from assistant.router.skills.builtin.alarms.words import (
    names_reminder,
    reminder_named,
    reminder_text,
    to_do,
    whole_answer,
    with_about,
)
from assistant.router.skills.builtin.timers.picking import apart, by_label, listed, picked
from assistant.router.skills.turn import Turn
from bridge.cortana import Activity, ChannelAccount, ConversationAccount, SemanticAction


@pytest.mark.parametrize(
    ("words", "hour", "minute"),
    [
        ("six forty five a m", 6, 45),
        ("6:45 a m", 6, 45),
        ("6 a m", 6, 0),
        ("6 a. m.", 6, 0),
        ("six forty five p.m.", 18, 45),
        ("half past six p m", 18, 30),
        ("tomorrow at 6 a m", 6, 0),
        ("eleven p m tonight", 23, 0),  # "tonight" adds no second pm
        ("11 pm tonight", 23, 0),
        ("a quarter past six", 6, 15),
    ],
)
def test_am_and_pm_as_speech_to_text_writes_them(words: str, hour: int, minute: int) -> None:
    parsed = parse_time(words)
    assert parsed is not None and (parsed["hour"], parsed["minute"]) == (hour, minute)


@pytest.mark.parametrize("words", ["6 a", "a", "an", "7 an"])
def test_an_article_is_no_hour_or_minute(words: str) -> None:
    assert parse_time(words) is None  # "6 a" of "6 a m" was 6:01, "a" alone one o'clock


def _turn(intent: str, slots: dict[str, object], text: str, state: dict[str, object] | None = None) -> Turn:
    activity = Activity(
        type="message",
        from_=ChannelAccount(id="user", role="user"),
        recipient=ChannelAccount(id="router", role="bot"),
        conversation=ConversationAccount(id="session"),
        text=text,
        semantic_action=SemanticAction(id=intent, entities=slots),
        channel_data={"state": state or {}},
    )
    return Turn.of(activity)


@pytest.mark.parametrize(("date", "left"), [(".m.", None), ("m.", None), (".m. tomorrow", {"day_offset": 1})])
def test_the_end_of_am_is_no_day(date: str, left: dict[str, object] | None) -> None:
    turn = said_when.without_meridiem_tail(_turn("alarms.set", {"date": date}, f"set an alarm for 7 a{date}"))
    found = turn.slots.get("date")
    assert found is None if left is None else isinstance(found, dict) and found["day_offset"] == left["day_offset"]


def test_a_real_day_is_kept() -> None:
    turn = _turn("alarms.set", {"date": "monday"}, "set an alarm for 7 on monday")
    assert said_when.without_meridiem_tail(turn).slots["date"] == "monday"


NOW = datetime(2024, 3, 15, 17, 47, tzinfo=UTC)
SEVEN_PM = {"hour": 19, "minute": 0, "day_offset": 0, "explicit": True}


def test_a_reminder_drops_the_time_it_only_inherited() -> None:
    heard = {"heard": {"time": SEVEN_PM}}
    carried = _turn("alarms.remind", {"time": SEVEN_PM, "reminder": "drink water"}, "drink water", heard)
    assert "time" not in said_when.without_carried(carried, NOW).slots
    said = _turn("alarms.remind", {"time": SEVEN_PM, "reminder": "call mom"}, "remind me at 7 pm to call mom", heard)
    assert said_when.without_carried(said, NOW).slots["time"] == SEVEN_PM
    at_seven = _turn("alarms.remind", {"time": SEVEN_PM, "reminder": "x"}, "at 7", heard)  # "7" is 7 PM's hour too
    assert said_when.without_carried(at_seven, NOW).slots["time"] == SEVEN_PM
    other = _turn("alarms.remind", {"time": {**SEVEN_PM, "hour": 20}}, "drink water", heard)
    assert "time" in said_when.without_carried(other, NOW).slots  # not the time the alarm had


def test_a_correction_keeps_the_half_of_the_day_it_replaces() -> None:
    quarter_past = {"hour": 7, "minute": 15, "day_offset": 0, "explicit": False}
    turn = _turn("alarms.set", {"time": quarter_past}, "no, make it 7:15")
    corrected = Turn.of(turn.activity.model_copy(update={"channel_data": {"state": {}, "corrects": {"x": 1}}}))
    morning = said_when.in_half_of(corrected, NOW.replace(hour=7) + timedelta(days=1))
    assert morning.slots["time"]["hour"] == 7 and morning.slots["time"]["explicit"] is True
    evening = said_when.in_half_of(corrected, NOW.replace(hour=19))
    assert evening.slots["time"]["hour"] == 19
    one = {"hour": 1, "minute": 0, "day_offset": 0, "explicit": False}  # "no, 1" after 11 PM: 1 AM, round the clock
    after_midnight = Turn.of(
        corrected.activity.model_copy(
            update={"semantic_action": SemanticAction(id="alarms.set", entities={"time": one})}
        )
    )
    assert said_when.in_half_of(after_midnight, NOW.replace(hour=23)).slots["time"]["hour"] == 1
    assert said_when.in_half_of(turn, NOW.replace(hour=7)).slots["time"] == quarter_past  # not a correction


@pytest.mark.parametrize(
    ("tagged", "text", "whole"),
    [
        ("milk", "buy milk", "buy milk"),
        ("milk", "to buy milk.", "buy milk"),
        ("the dentist", "about the dentist", "the dentist"),
        ("call mom", "call mom at 6 pm", "call mom"),  # the time is no part of it
        ("buy milk", "tomorrow buy milk", "buy milk"),  # nor is the day
        ("milk", "remind me to buy milk", "milk"),  # a request, not an answer: the tagger's words
    ],
)
def test_a_reminder_answer_keeps_its_verb(tagged: str, text: str, whole: str) -> None:
    assert whole_answer(tagged, text) == whole


def _timer(ident: int, seconds: int, label: str = "") -> Entry:
    return Entry(ident, "timer", label, NOW + timedelta(seconds=seconds), NOW, seconds)


TIMERS = [_timer(1, 300), _timer(2, 90), _timer(3, 600, "eggs"), _timer(4, 600, "second eggs")]


@pytest.mark.parametrize(
    ("answer", "ids"),
    [
        ("the 90 second one", [2]),
        ("the 1 minute 30 second timer", [2]),
        ("the five minute one", [1]),
        ("the eggs one", [3]),
        ("the second eggs timer", [4]),
        ("both of them", [1, 2, 3, 4]),
        ("the first one", [1]),
        ("the last one", [4]),
        ("which one", []),
    ],
)
def test_an_answer_to_which_one_picks_timers(answer: str, ids: list[int]) -> None:
    assert [t.id for t in picked(TIMERS, answer)] == ids


def test_timers_with_one_name_are_told_apart() -> None:
    assert apart("eggs", TIMERS) == "third eggs"
    assert apart("pasta", TIMERS) == "pasta" and apart("", TIMERS) == ""
    assert [t.id for t in by_label(TIMERS, "eggs", "cancel the eggs timer")] == [3]
    assert listed(TIMERS[:2]) == "a 5 minute timer and a 1 minute 30 second timer"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("cancel the dentist reminder", "dentist"),
        ("I don't need the pills reminder anymore", "pills"),
        ("cancel the reminder about the dentist", "dentist"),
        ("cancel my reminder for the meeting", "meeting"),
        ("cancel the take out the trash reminder", "take out the trash"),
        ("cancel my reminder", ""),
        ("cancel all my reminders for tomorrow", ""),
        ("cancel the reminder for 6 pm tomorrow", ""),
        ("move my 6 pm reminder to 7", ""),
        ("cancel the seven thirty reminder", ""),
        ("cancel my weekday reminders", ""),
        ("delete the next reminder", ""),
        ("delete all my alarms and reminders", ""),  # the kinds, not a name
        ("cancel the other two reminders", ""),
        ("cancel the reminder to call mom", ""),  # the tagger's reminder slot names that one
    ],
)
def test_the_words_that_name_a_reminder(text: str, named: str) -> None:
    """Session 13 finding 3: "cancel the dentist reminder" names a reminder, so it must not match every one."""
    assert reminder_named(text) == named


def test_a_reminder_is_named_by_its_words() -> None:
    assert names_reminder("book the dentist", "dentist")
    assert names_reminder("take my pill", "pills")
    assert not names_reminder("call mom", "dentist")


def test_a_reminder_about_something_reads_about_it() -> None:
    """Session 13 finding 18: "remind me about the dentist" is "remind you about the dentist"; "remind me to
    stretch" said as the answer to "What should I remind you about?" is "stretch", not "remind you to stretch"."""
    assert with_about("the dentist", "remind me about the dentist this weekend") == "about the dentist"
    assert with_about("call mom", "remind me to call mom") == "call mom"
    assert to_do("about the dentist") == "about the dentist"
    assert to_do("call mom") == "to call mom"
    assert reminder_text("remind me to stretch") == "stretch"
    assert reminder_text("please remind me to call my mom") == "call your mom"
