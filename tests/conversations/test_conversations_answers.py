"""Answers to the assistant's questions through the whole pipeline: a new request said while a question waits is
served as new (the question dropped), and a question takes only words that fit the slot it asks for."""

from __future__ import annotations

import pytest
from conversations_support import talk

from assistant.app import Assistant


def test_a_new_reminder_is_not_merged_into_the_question(assistant: Assistant) -> None:
    asked, new = talk(
        assistant, "remind me to take out the trash tomorrow morning", "remind me in 20 minutes to check the oven"
    )
    assert asked.open_mic and asked.speech.startswith("What time tomorrow")
    assert new.intent == "alarms.remind" and new.slots["reminder"] == "check the oven"
    assert new.speech.startswith("OK, I'll remind you to check the oven at") and not new.open_mic
    listed = assistant.text_turn("what reminders do I have").speech
    assert "check the oven" in listed and "trash" not in listed


def test_a_reminder_with_its_own_time_is_its_own(assistant: Assistant) -> None:
    talk(assistant, "remind me to renew my passport")
    new = assistant.text_turn("remind me next monday at 9 to call the dentist")
    assert new.speech == "OK, I'll remind you to call the dentist at 9:00 AM on Monday."


@pytest.mark.parametrize(("command", "intent"), [("cancel all timers", "timers.cancel"), ("snooze", "alarms.snooze")])
def test_a_command_at_a_duration_question_is_served(assistant: Assistant, command: str, intent: str) -> None:
    talk(assistant, "set a timer")
    served = assistant.text_turn(command)
    assert served.intent == intent and not served.open_mic
    assert assistant.text_turn("what timers do I have").speech == "You don't have any timers running."


@pytest.mark.parametrize("answer", ["5 minutes", "for 5 minutes", "five minutes please"])
def test_a_duration_answer_is_taken_whatever_the_engine_leans_to(assistant: Assistant, answer: str) -> None:
    talk(assistant, "set a pasta timer")
    done = assistant.text_turn(answer)
    assert (done.intent, done.speech) == ("timers.set", "OK, pasta timer for 5 minutes, starting now.")


def test_words_that_are_no_duration_ask_again_then_give_up(assistant: Assistant) -> None:
    talk(assistant, "set a timer")
    again, gave_up = talk(assistant, "yes please", "yes please")
    assert again.speech == "Sorry, I didn't get that. For how long?" and again.open_mic
    assert gave_up.speech == "Sorry, I still didn't get that. Let's start over." and not gave_up.open_mic


def test_a_duration_answers_a_when_question(assistant: Assistant) -> None:
    talk(assistant, "remind me to water the plants")
    done = assistant.text_turn("in 20 minutes")
    assert done.slots["duration"] == {"seconds": 1200}
    assert done.speech.startswith("OK, I'll remind you to water the plants at")


def test_a_time_answers_the_reminder_question(assistant: Assistant) -> None:
    talk(assistant, "remind me to take out the trash tomorrow")
    done = assistant.text_turn("at 7:30")
    assert done.speech == "OK, I'll remind you to take out the trash at 7:30 AM tomorrow."


def test_okay_at_a_question_is_no_new_request(assistant: Assistant) -> None:
    talk(assistant, "set a timer")
    again, done = talk(assistant, "okay", "5 minutes")
    assert (again.speech, again.open_mic) == ("Sorry, I didn't get that. For how long?", True)
    assert done.speech == "OK, 5 minutes, starting now."
