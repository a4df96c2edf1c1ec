"""Dialogue through the whole pipeline: confirmations, cancel and stop mid-dialogue, skills named or opened by
the user, silence at a question, and the session timeout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conversations_support import device, is_fallback, talk

from assistant.app import Assistant
from assistant.errors import AssistantError


@pytest.mark.parametrize(("answer", "sent"), [("yes", True), ("yeah go ahead", True), ("no", False), ("nope", False)])
def test_message_is_confirmed_before_it_is_sent(assistant: Assistant, answer: str, sent: bool) -> None:
    asked = assistant.text_turn("send a message to mom saying I'm running late")
    assert (asked.intent, asked.slots) == ("calls.message", {"contact": "Mom", "message": "I'm running late"})
    assert (asked.speech, asked.open_mic, asked.action) == ('Send "I\'m running late" to Mom?', True, None)
    reply = assistant.text_turn(answer)
    assert reply.confidence == (1.0 if sent else 0.0)  # a yes is the router's own sure reading, not a 0.0 guess
    if sent:
        assert reply.speech == "Sent to Mom." and reply.action == {
            "name": "skype.message",
            "properties": {"contact": "live:mom.chen", "name": "Mom", "text": "I'm running late"},
        }
    else:
        assert (reply.speech, reply.action) == ("Okay, I won't.", None)
    assert not reply.open_mic


def test_turn_off_everything_declined_then_confirmed(assistant: Assistant) -> None:
    talk(assistant, "turn on the office fan", "turn on the kitchen lamp")
    asked, declined = talk(assistant, "turn off everything", "no")
    assert (asked.intent, asked.open_mic) == ("devices.all_off", True)
    assert asked.speech == "Turn off every device in the home? That's 2 on right now."
    assert declined.speech == "Okay, I won't." and not declined.device_changes
    assert device(assistant, "fan.office")["power"] == "on"
    _, confirmed = talk(assistant, "turn off everything", "yes")
    assert confirmed.speech == "OK, I turned off 2 devices."
    assert {c["device"] for c in confirmed.device_changes} == {"fan.office", "lamp.kitchen"}
    assert device(assistant, "fan.office")["power"] == device(assistant, "lamp.kitchen")["power"] == "off"


def test_clearing_a_list_needs_a_yes(assistant: Assistant) -> None:
    talk(assistant, "add eggs to my shopping list")
    asked, done = talk(assistant, "clear my shopping list", "yes")
    assert (asked.intent, asked.speech, asked.open_mic) == (
        "lists.clear",
        "Clear your shopping list? It has 1 item.",
        True,
    )
    assert done.speech == "Done, I cleared your shopping list (1 item)."
    assert assistant.text_turn("what's on my shopping list").speech == "Your shopping list is empty."


@pytest.mark.parametrize("word", ["cancel", "stop", "never mind"])
def test_cancel_mid_dialogue_sets_nothing(assistant: Assistant, word: str) -> None:
    asked, cancelled = talk(assistant, "set an alarm", word)
    assert asked.speech == "For what time?" and asked.open_mic
    assert (cancelled.speech, cancelled.open_mic) == ("Okay, cancelled.", False)
    assert assistant.text_turn("what alarms do I have").speech == "You don't have any alarms or reminders."


def test_a_bare_answer_after_cancel_answers_nothing(assistant: Assistant) -> None:
    talk(assistant, "set an alarm", "cancel")
    assistant.text_turn("7 am")
    assert assistant.text_turn("what alarms do I have").speech == "You don't have any alarms or reminders."


def test_stop_at_a_confirmation_sends_nothing(assistant: Assistant) -> None:
    talk(assistant, "send a message to mom saying I'm running late")
    stopped = assistant.text_turn("stop")
    assert (stopped.speech, stopped.action, stopped.open_mic) == ("Okay, cancelled.", None, False)


def test_another_request_at_a_prompt_abandons_the_prompt(assistant: Assistant) -> None:
    talk(assistant, "set an alarm")
    other = assistant.text_turn("what's the weather in Rome")
    assert (other.intent, other.slots["city"]) == ("weather.forecast", "Rome")
    assert assistant.text_turn("what alarms do I have").speech == "You don't have any alarms or reminders."


def test_an_off_topic_request_at_a_prompt_gets_the_fallback(assistant: Assistant) -> None:
    talk(assistant, "set an alarm")
    assert is_fallback(assistant.text_turn("book me a flight to Rome"))
    assert assistant.text_turn("what alarms do I have").speech == "You don't have any alarms or reminders."


def test_nonsense_answers_are_asked_again_then_given_up(assistant: Assistant) -> None:
    talk(assistant, "set an alarm")
    again = assistant.text_turn("blorf")
    assert (again.speech, again.open_mic) == ("Sorry, I didn't get that. For what time?", True)  # no time: not sent
    gave_up = assistant.text_turn("blorf")
    assert (gave_up.speech, gave_up.open_mic) == ("Sorry, I still didn't get that. Let's start over.", False)


def test_silence_at_a_question_asks_once_more_then_ends(assistant: Assistant) -> None:
    talk(assistant, "set a timer")
    again = assistant.no_speech_turn()
    assert (again.speech, again.open_mic) == ("Sorry, I didn't hear you. For how long?", True)
    assert assistant.no_speech_turn().open_mic is False
    assert assistant.text_turn("what timers do I have").speech == "You don't have any timers running."


@pytest.mark.parametrize(
    ("text", "skill", "intent", "says"),
    [
        ("ask weather about Paris", "weather", "weather.forecast", "Today in Paris:"),
        ("tell bing to define gravity", "answers", "answers.define", "Gravity: the force"),
        ("ask the music player to play hey jude", "music", "music.play", "Playing Hey Jude by The Beatles."),
        ("ask skype to call mom", "calls", "calls.call", "Calling Mom on Skype."),
    ],
)
def test_a_skill_named_by_the_user_gets_the_request(
    assistant: Assistant, text: str, skill: str, intent: str, says: str
) -> None:
    result = assistant.text_turn(text)
    assert (result.skill, result.intent) == (skill, intent)
    assert (result.speech or "").startswith(says)


@pytest.mark.parametrize(
    ("opening", "welcome", "answer", "intent", "slots"),
    [
        ("open music", "Music here. What would you like to hear?", "the beatles", "music.play",
         {"artist": "The Beatles"}),
        ("open weather", "Weather here. Which city would you like the forecast for?", "Berlin", "weather.forecast",
         {"city": "Berlin", "date": "2024-03-15"}),
    ],
)  # fmt: skip
def test_an_opened_skill_takes_a_bare_answer(
    assistant: Assistant, opening: str, welcome: str, answer: str, intent: str, slots: dict[str, object]
) -> None:
    opened = assistant.text_turn(opening)
    assert (opened.speech, opened.open_mic, opened.intent) == (welcome, True, None)
    answered = assistant.text_turn(answer)
    assert (answered.intent, answered.slots) == (intent, slots)


def test_an_opened_skill_does_not_swallow_a_clear_request_for_another(assistant: Assistant) -> None:
    talk(assistant, "open the timer")
    other = assistant.text_turn("what is the weather in Rome")
    assert (other.skill, other.slots["city"]) == ("weather", "Rome")


def test_context_expires_with_the_session(assistant: Assistant) -> None:
    talk(assistant, "turn on the kitchen lamp")
    assistant.advance(timedelta(seconds=119))
    assert assistant.text_turn("turn it off").speech == "Turning off the kitchen lamp."
    talk(assistant, "turn on the kitchen lamp")
    assistant.advance(timedelta(seconds=121))
    later = assistant.text_turn("turn it off")
    assert later.speech != "Turning off the kitchen lamp."
    assert device(assistant, "lamp.kitchen")["power"] == "on"


def test_a_message_longer_than_the_protocol_carries_is_refused_and_the_conversation_goes_on(
    assistant: Assistant,
) -> None:
    asked = assistant.text_turn("set a timer")
    assert asked.open_mic
    with pytest.raises(AssistantError, match=r"4,097 characters .* at most 4,096; say it in fewer words"):
        assistant.text_turn("a" * 4097)
    assert assistant.text_turn("5 minutes").reply_text == "OK, 5 minutes, starting now."  # the question still stands


def test_a_message_given_as_an_answer_keeps_its_capitals(assistant: Assistant) -> None:
    assert assistant.text_turn("message maria").speech == "What's the message?"
    asked = assistant.text_turn("I'll be there in Ten minutes, OK?")
    assert asked.slots["message"] == "I'll be there in Ten minutes, OK"
    assert asked.speech == 'Send "I\'ll be there in Ten minutes, OK" to Maria?'


def test_a_pronoun_read_by_the_previous_skills_template_reports_at_least_the_bar(assistant: Assistant) -> None:
    _, down = talk(assistant, "play some queen", "turn it down a bit")
    threshold = assistant.settings.router.nlu.threshold
    assert (down.intent, down.action) == ("music.volume", {"name": "player.volume", "properties": {"level": 40}})
    assert down.confidence >= threshold
