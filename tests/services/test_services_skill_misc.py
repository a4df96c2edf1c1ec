"""The lists, music, answers and calls skills through their handlers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from services_skill_harness import SkillHarness, action_of, expecting

from assistant.router.services.contacts import SkypeLog

Make = Callable[..., SkillHarness]


def test_lists_add_read_remove_and_clear_with_confirmation(make_skill: Make, tmp_path: Path) -> None:
    lists = make_skill("lists")
    assert (
        lists.turn("lists.add", {"item": "milk", "list": "shopping list"}).text == "Added milk to your shopping list."
    )
    assert lists.turn("lists.add", {"item": "Milk"}).text == "Milk is already on your shopping list."
    lists.turn("lists.add", {"item": "eggs"})
    lists.turn("lists.add", {"item": "call the plumber"}, text="remember to call the plumber")
    assert (
        lists.turn("lists.read", {"list": "to do"}, text="what's on my list").text
        == "Your to-do list has 1 item: call the plumber."
    )
    assert (
        lists.turn("lists.read", {}, text="what's on my list").text == "Your shopping list has 2 items: milk and eggs."
    )
    assert (
        lists.turn("lists.read", {"item": "eggs"}, text="what's on my list").text
        == "Yes, eggs is on your shopping list."
    )
    assert lists.turn("lists.remove", {"item": "milk"}).text == "Removed milk from your shopping list."
    assert lists.turn("lists.remove", {"item": "bread"}).text == "Bread isn't on your shopping list."
    asked = lists.turn("lists.clear", {"list": "shopping"})
    assert expecting(asked) == "confirm" and asked.text == "Clear your shopping list? It has 1 item."
    assert lists.turn("lists.read", {}, text="what's on my list").text == "Your shopping list has 1 item: eggs."
    assert lists.turn("lists.clear", {"list": "shopping"}, confirmed=True).text == (
        "Done, I cleared your shopping list (1 item)."
    )
    assert lists.turn("lists.read", {}, text="what's on my list").text == "Your shopping list is empty."


def test_an_item_removed_with_no_list_named_comes_off_the_list_that_has_it(make_skill: Make) -> None:
    lists = make_skill("lists")
    lists.turn("lists.add", {"item": "call the bank", "list": "todo"})
    lists.turn("lists.add", {"item": "milk"})
    done = lists.turn("lists.remove", {"item": "call the bank"}, text="mark call the bank as done")
    assert done.text == "Removed call the bank from your to-do list."
    assert lists.turn("lists.remove", {"item": "call the bank", "list": "shopping"}).text == (
        "Call the bank isn't on your shopping list."
    )
    assert lists.turn("lists.read", {}, text="what's on it").text == "Your shopping list has 1 item: milk."


def test_list_items_are_free_words_one_or_several_but_not_somewhere_else(make_skill: Make) -> None:
    lists = make_skill("lists")
    added = lists.turn("lists.add", {"item": "milk and green tea"}, text="add milk and green tea")
    assert added.text == "Added milk and green tea to your shopping list."
    assert (
        lists.turn("lists.read", {}, text="what's on my list").text
        == "Your shopping list has 2 items: milk and green tea."
    )
    asked = lists.turn("lists.add", {"item": "something"}, text="add something to my shopping list")
    assert expecting(asked) == "item" and asked.text == "What should I add to your shopping list?"
    refused = lists.turn("lists.add", {"item": "mary to my phone plan, please"}, text="add mary to my phone plan")
    assert refused.text == "I can't add to your phone plan. I keep a shopping list and a to-do list."
    asked = lists.turn("lists.add", {"item": "trip"}, text="what's my budget for today's shopping trip")
    assert expecting(asked) == "confirm" and asked.text == "Should I add trip to your shopping list?"
    kettle = lists.turn("lists.add", {"item": "the kettle"}, text="put the kettle on")
    assert expecting(kettle) == "confirm" and kettle.text == "Should I add the kettle to your shopping list?"
    listed = lists.turn("lists.add", {"item": "eggs", "list": "shopping"}, text="put eggs on the shopping list")
    assert listed.text == "Added eggs to your shopping list."
    generic = lists.turn("lists.add", {"item": "bananas on the list"}, text="put bananas on the list")
    assert generic.text == "Added bananas to your shopping list."
    both = lists.turn("lists.add", {"item": "rice on my to do list", "list": "todo"}, text="put rice on my to do list")
    assert both.text == "Added rice to your to-do list."
    kept = lists.turn("lists.add", {"item": "water to the plants", "list": "todo"}, text="add ... to my to do list")
    assert kept.text == "Added water to the plants to your to-do list."


def test_both_lists_at_a_glance(make_skill: Make) -> None:
    lists = make_skill("lists")
    lists.turn("lists.add", {"item": "milk"})
    said = lists.turn("lists.read", {"list": "shopping"}, text="what lists do I have").text
    assert said == "You have two lists: your shopping list has 1 item and your to-do list has nothing on it."
    one = lists.turn("lists.read", {"list": "shopping"}, text="read my shopping lists").text
    assert one == "Your shopping list has 1 item: milk."


def test_music_play_next_pause_resume_volume(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.play", {"artist": "queen"})
    assert reply.text == "Playing Queen, starting with Bohemian Rhapsody."
    assert (reply.channel_data or {})["audio"] == {
        "url": "sim://catalogue/s05",
        "token": "s05",
        "title": "Bohemian Rhapsody by Queen",
    }
    assert music.turn("music.next").text == "Next up: Don't Stop Me Now by Queen."
    assert action_of(music.turn("music.pause")) == {"name": "player.pause", "properties": {}}
    assert music.turn("music.resume").text == "Resuming."
    assert music.turn("music.next").text == "Next up: We Will Rock You by Queen."
    assert music.turn("music.next").text == (
        "That was the last song in the queue, so here's more rock music: Yesterday by The Beatles."
    )
    volume = music.turn("music.volume", {"volume_change": "louder"})
    assert action_of(volume) == {"name": "player.volume", "properties": {"level": 60}}
    assert music.turn("music.volume", {"volume": 30}).text == "Volume 30."
    assert music.turn("music.volume", {}, text="turn it down").text == "Volume 20."
    playlist = music.turn("music.play", {"playlist": "workout"})
    assert playlist.text == "Playing the workout playlist, starting with We Will Rock You by Queen."
    assert music.turn("music.play", {"song": "yesterday"}).text == "Playing Yesterday by The Beatles."
    said_by = music.turn("music.play", {"artist": "nobody"}, text="play music by nobody")
    assert said_by.text == "Sorry, I don't have any music by nobody."


def test_a_name_the_words_did_not_say_the_kind_of_is_looked_up_as_each(make_skill: Make) -> None:
    """ "play Yesterday" read as an artist is still the song; an unknown name is not called an artist."""
    music = make_skill("music")
    assert music.turn("music.play", {"artist": "yesterday"}, text="play yesterday").text == (
        "Playing Yesterday by The Beatles."
    )
    assert music.turn("music.play", {"song": "workout"}, text="play workout").text.startswith(
        "Playing the workout playlist"
    )
    unknown = music.turn("music.play", {"artist": "Paranoid Android"}, text="play Paranoid Android")
    assert unknown.text == "Sorry, I can't find Paranoid Android in your music."
    named = music.turn("music.play", {"song": "yesterday"}, text="play the song yesterday by nobody")
    assert named.text == "Playing Yesterday by The Beatles."
    queen = music.turn("music.play", {"song": "queen"}, text="play the song queen")
    assert queen.text == "Sorry, I can't find the song queen."


def test_music_info_names_singers_and_lists_the_library(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.info", {"song": "yesterday"}).text == "Yesterday is by The Beatles."
    assert music.turn("music.info", {"song": "Paranoid Android"}).text == (
        "Sorry, I can't find the song Paranoid Android."
    )
    assert music.turn("music.info", {"artist": "abba"}).text.startswith("I have ")
    workout = music.turn("music.info", {"playlist": "workout"}).text
    assert workout.startswith("The workout playlist has ") and " by Queen" in workout
    assert music.turn("music.info", {}, text="what playlists do you have").text.startswith("Your playlists: ")
    library = music.turn("music.info", {}, text="what artists do you have").text
    assert library.startswith("Your music library has songs by The Beatles, Queen, ") and library.endswith(".")


def test_music_controls_with_nothing_playing(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.pause").text == "Nothing is playing."
    assert music.turn("music.next").text == "Nothing is playing."


def test_answers_facts_definitions_sums_and_conversions(make_skill: Make) -> None:
    answers = make_skill("answers")
    assert answers.turn("answers.question", {"subject": "hamlet"}, text="who wrote hamlet").text == (
        "Hamlet was written by William Shakespeare, around 1600."
    )
    assert answers.turn("answers.define", {"term": "photosynthesis"}, text="define photosynthesis").text == (
        "Photosynthesis: the process by which plants use sunlight, water and carbon dioxide to make sugar and "
        "release oxygen."
    )
    assert answers.turn("answers.calculate", {"number": 12}, text="what is 12 times 7").text == "84."
    assert answers.turn("answers.convert", {}, text="convert 5 miles to kilometers").text == (
        "5 miles is 8.047 kilometers."
    )
    by_slots = answers.turn("answers.convert", {"number": 2, "from_unit": "kilograms", "to_unit": "pounds"}, text="x")
    assert by_slots.text == "2 kilograms is 4.409 pounds."
    assert answers.turn("answers.question", {}, text="what is 6 times 7").text == "42."
    assert answers.turn("answers.calculate", {}, text="what is 1 divided by 0").text == (
        "That has no answer: division by zero."
    )
    assert answers.turn("answers.question", {}, text="who is the king of mars").text is not None
    assert expecting(answers.turn("answers.define", {}, text="define")) == "term"


def test_calls_and_messages_are_confirmed_and_logged(make_skill: Make, tmp_path: Path) -> None:
    calls = make_skill("calls")
    call = calls.turn("calls.call", {"contact": "mum"})
    assert call.text == "Calling Mom on Skype."
    assert action_of(call) == {"name": "skype.call", "properties": {"contact": "live:mom.chen", "name": "Mom"}}
    assert calls.turn("calls.hangup").text == "Call ended."
    asked = calls.turn("calls.message", {"contact": "alex", "message": "saying I'm late"})
    assert expecting(asked) == "confirm" and asked.text == 'Send "I\'m late" to Alex?'
    told = calls.turn("calls.message", {"contact": "dad", "message": "tell him dinner is at seven"})
    assert told.text == 'Send "dinner is at seven" to Dad?'  # the message, not the request to pass it on
    sent = calls.turn("calls.message", {"contact": "alex", "message": "I'm late"}, confirmed=True)
    assert sent.text == "Sent to Alex."
    assert calls.turn("calls.call", {"contact": "santa"}).text is not None
    assert expecting(calls.turn("calls.call", {})) == "contact"
    log = SkypeLog.in_dir(tmp_path)
    assert [(e.kind, e.contact, e.text) for e in log.entries()] == [
        ("call", "live:mom.chen", ""),
        ("message", "live:alex.wong", "I'm late"),
    ]
    log.close()


def test_a_long_list_is_read_in_part(make_skill: Make) -> None:
    lists = make_skill("lists")
    for n in range(200):
        lists.turn("lists.add", {"item": f"organic free range eggs batch {n}", "list": "shopping"})
    reply = lists.turn("lists.read", {"list": "shopping"}, text="read my shopping list").text or ""
    assert reply.startswith("Your shopping list has 200 items: organic free range eggs batch 0, ")
    assert reply.endswith("batch 17 and 182 more.") and len(reply) < 800  # 18 items fit in about 600 characters
