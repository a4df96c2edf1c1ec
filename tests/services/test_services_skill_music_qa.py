"""The music skill on what a QA pass found: a name the catalogue lacks is said so, genres and moods are played."""

from __future__ import annotations

from collections.abc import Callable

from services_skill_harness import SkillHarness, action_of, expecting

from assistant.router.services.catalogue import catalogue

Make = Callable[..., SkillHarness]


def test_a_name_outside_the_catalogue_is_said_never_a_random_song(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.play", {}, text="play something by coldplay")  # the NLU tagged nothing
    assert reply.text == "Sorry, I don't have any music by coldplay." and not music.state.get("queue")
    reply = music.turn("music.play", {}, text="play yellow by coldplay")
    assert reply.text == "Sorry, I can't find yellow by coldplay in your music." and not music.state.get("queue")
    reply = music.turn("music.play", {}, text="play something by queen")
    assert reply.text == "Playing Queen, starting with Bohemian Rhapsody."
    reply = music.turn("music.play", {"artist": "death metal"}, text="play death metal")  # a genre it lacks
    assert reply.text == "Sorry, your music library has no death metal. It has rock, pop, mandopop, classical and jazz."


def test_genres_and_moods_play_what_matches(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.play", {"artist": "jazz"}, text="play some jazz")  # a genre read as an artist
    assert reply.text == "Here's some jazz music: Take Five by Dave Brubeck."
    assert set(music.state["queue"]) == {"s26", "s27", "s28"}
    reply = music.turn("music.play", {"artist": "classical music"}, text="play classical music")
    assert reply.text == "Here's some classical music: Fur Elise by Ludwig van Beethoven."
    assert {catalogue().song(i).genre for i in music.state["queue"]} == {"classical"}  # type: ignore[union-attr]
    reply = music.turn("music.play", {"genre": "rock"}, text="play some rock")
    assert reply.text.startswith("Here's some rock music: ")
    reply = music.turn("music.play", {}, text="play some music for sleeping")  # the NLU tagged nothing
    assert reply.text == "Playing the sleep playlist, starting with Clair de Lune by Claude Debussy."
    reply = music.turn("music.play", {"mood": "working out"}, text="play some music for working out")
    assert reply.text.startswith("Playing the workout playlist, ")
    reply = music.turn("music.play", {}, text="play my gym playlist")  # a playlist's name, not a mood
    assert reply.text == "Sorry, there's no playlist called gym. For gym music, there's the workout playlist."


def test_only_a_request_that_names_nothing_plays_the_default(make_skill: Make) -> None:
    music = make_skill("music")
    for said in ("play some music", "play something", "can you play some music for me please"):
        assert music.turn("music.play", {}, text=said).text == "Here's some music: Yesterday by The Beatles."
    reply = music.turn("music.play", {}, text="play music for a rainy afternoon")
    assert reply.text == "Sorry, I don't have any music for a rainy afternoon."


def test_the_catalogue_knows_genres_and_moods() -> None:
    music = catalogue()
    assert music.find_genre("classical music") == "classical" and music.find_genre("coldplay") is None
    assert {s.artist for s in music.by_genre("jazz")} == {"Dave Brubeck", "Miles Davis", "Louis Armstrong"}
    assert all(song.genre in music.genres for song in music.songs)
    sleep = music.find_mood("sleeping")
    assert sleep is not None and sleep.name == "sleep"
    assert music.mentioned("put on something for working out") == ("mood", "working out")


def test_a_volume_out_of_range_says_the_range_and_changes_nothing(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"artist": "queen"}, text="play some queen")
    reply = music.turn("music.volume", {"volume": 5}, text="set the volume to minus 5")  # the number lost its sign
    assert reply.text == "The volume goes from 0 to 100, not -5. What volume?" and expecting(reply) == "volume"
    assert action_of(reply) is None
    reply = music.turn("music.volume", {"volume": 150}, text="set the volume to 150")
    assert reply.text == "The volume goes from 0 to 100, not 150. What volume?" and action_of(reply) is None
    reply = music.turn("music.volume", {"volume": 20}, text="20")
    assert reply.text == "Volume 20." and action_of(reply) == {"name": "player.volume", "properties": {"level": 20}}
    assert music.turn("music.volume", {"volume_change": "quieter"}).text == "Volume 10."
    assert music.turn("music.volume", {}, text="turn it down").text == "Volume 0."
    assert music.turn("music.volume", {}, text="turn it down").text == "Volume 0."  # a step stops at the end


def test_a_mood_word_in_a_long_sentence_plays_nothing(make_skill: Make) -> None:
    music = make_skill("music")  # a CLINC out-of-scope question the engine took for music.play, with no slot
    text = "is michonne wrong for not working with the kingdom to put on the fair"
    reply = music.turn("music.play", {}, text=text)
    assert reply.text == f"Sorry, I can't find {text} in your music."  # said, not the classical focus playlist
    assert (music.turn("music.play", {}, text="play something for working out").text or "").startswith(
        "Playing the workout playlist"
    )


def test_a_mood_slot_in_a_long_question_plays_nothing(make_skill: Make) -> None:
    music = make_skill("music")  # what an engine tagged in that question: "working" as the mood
    text = "is michonne wrong for not working with the kingdom to put on the fair"
    assert not (music.turn("music.play", {"mood": "working"}, text=text).text or "").startswith("Playing")
    assert (music.turn("music.play", {"mood": "sleeping"}, text="play music for sleeping").text or "").startswith(
        "Playing the sleep playlist"
    )
