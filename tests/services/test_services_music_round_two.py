"""The music skill on the second QA pass: the volume asked is said, 1-10 is the ten-step scale, a bare "play" after
"pause" resumes, "next" on the last song goes on with more like it, and names or moods the library lacks are
answered with what it has ("play by", "something sad", "the chill playlist", "what playlists do I have")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from services_skill_harness import SkillHarness, action_of, expecting

from assistant.router.services.catalogue import catalogue
from assistant.router.skill_call import skill_activity
from assistant.router.skills.builtin.music.mood_words import mood_said
from assistant.router.skills.builtin.music.volume_words import asked_level, asks_level, asks_other_level
from assistant.router.speech import FALLBACK_START
from bridge.cortana import Activity, ChannelAccount, ConversationAccount

Make = Callable[..., SkillHarness]
PLAYLISTS = "morning coffee, workout, classical focus, sleep, road trip and jazz classics"


def _song_ended(music: SkillHarness, token: str) -> Activity:
    """The speaker's report that the stream ``token`` came to its end, as the router hands it to the skill."""
    incoming = Activity(
        type="event",
        id="event-1",
        from_=ChannelAccount(id="speaker", role="user"),
        recipient=ChannelAccount(id="router", role="bot"),
        conversation=ConversationAccount(id="session"),
        name="mediaplayer.playbackfinished",
        value={"token": token},
    )
    reply = music.handler.handle(skill_activity(incoming, "music.next", {}, music.state, False))
    music.state = (reply.channel_data or {}).get("state") or {}
    return reply


def test_asking_the_volume_says_it_and_changes_nothing(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"genre": "jazz"}, text="play some jazz")
    for asked in ("what's the volume", "how loud is it", "what volume is it at", "tell me the volume"):
        reply = music.turn("music.volume", {}, text=asked)
        assert reply.text == "The volume is 50." and action_of(reply) is None and expecting(reply) is None
    music.turn("music.volume", {"volume": 30}, text="volume 30")
    assert music.turn("music.volume", {}, text="how loud is the music").text == "The volume is 30."


def test_the_volume_of_something_else_is_no_request_to_the_speaker(make_skill: Make) -> None:
    music = make_skill("music")
    for asked in ("what is the volume of a sphere", "how loud is thunder", "tell me the volume of a gallon"):
        assert asks_other_level(asked) and not asks_level(asked)
        reply = music.turn("music.volume", {}, text=asked)
        assert reply.text.startswith(FALLBACK_START) and action_of(reply) is None and expecting(reply) is None
    assert not asks_other_level("what's the volume") and not asks_other_level("turn the volume up")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what's the volume", True),
        ("how loud is it right now", True),
        ("is the volume at 50", True),
        ("tell me the volume level", True),
        ("turn the volume up", False),
        ("how do I turn the volume up", False),
        ("tell it to set the volume to 30", False),
        ("set the volume to 30", False),
    ],
)
def test_which_words_ask_the_volume(text: str, asks: bool) -> None:
    assert asks_level(text) is asks


@pytest.mark.parametrize(
    ("text", "said", "level"),
    [
        ("set the volume to 7", 7.0, 70.0),
        ("volume 10", 10.0, 100.0),
        ("turn it up to 8", 8.0, 80.0),
        ("volume 7 percent", 7.0, 7.0),
        ("volume 7%", 7.0, 7.0),
        ("volume 30", 30.0, 30.0),
        ("volume 30 percent", 30.0, 30.0),
        ("volume 0", 0.0, 0.0),
        ("set the volume to minus 5", 5.0, -5.0),
    ],
)
def test_one_to_ten_is_the_ten_step_scale(text: str, said: float, level: float) -> None:
    assert asked_level(text, said, "", 50) == level


def test_volume_seven_then_a_bit_quieter_is_sixty_not_silence(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"genre": "jazz"}, text="play some jazz")
    reply = music.turn("music.volume", {"volume": 7}, text="set the volume to 7")
    assert reply.text == "Volume 70." and action_of(reply) == {"name": "player.volume", "properties": {"level": 70}}
    assert music.turn("music.volume", {}, text="turn the volume down a bit").text == "Volume 60."
    reply = music.turn("music.volume", {}, text="change the volume")
    assert reply.text == "What volume, from 1 to 10?" and expecting(reply) == "volume"
    assert music.turn("music.volume", {"volume": 4}, text="4").text == "Volume 40."


def test_a_bare_play_after_pause_resumes_the_same_song(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"artist": "Taylor Swift"}, text="play some taylor swift")
    music.turn("music.pause", {}, text="pause")
    for said in ("play", "play it please"):
        reply = music.turn("music.play", {}, text=said)
        assert reply.text == "Resuming." and action_of(reply) == {"name": "player.resume", "properties": {}}
        assert music.state["queue"] == ["s13", "s14"] and music.state["paused"] is False
        music.turn("music.pause", {}, text="pause")
    reply = music.turn("music.play", {}, text="play some music")  # says more than "play": the default
    assert reply.text == "Here's some music: Yesterday by The Beatles."


def test_a_bare_play_with_nothing_held_plays_the_default(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.play", {}, text="play music").text == "Here's some music: Yesterday by The Beatles."
    music.turn("music.play", {"song": "Hello"}, text="play hello by adele")
    _song_ended(music, "s15")  # the queue played to its end: nothing to resume
    assert music.state["paused"] is True
    reply = music.turn("music.play", {}, text="play")
    assert reply.text == "Here's some music: Yesterday by The Beatles."
    assert music.state["queue"][0] == "s01" and "ended" not in music.state
    music.turn("music.play", {"song": "Hello"}, text="play hello by adele")
    _song_ended(music, "s15")
    music.turn("music.resume", {}, text="resume")  # the ended queue plays again: a pause and "play" resume it
    music.turn("music.pause", {}, text="pause")
    assert music.turn("music.play", {}, text="play").text == "Resuming."


def test_next_on_the_last_song_goes_on_with_the_artist_then_the_genre(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"song": "Hello", "artist": "Adele"}, text="play hello by adele")
    reply = music.turn("music.next", {}, text="play the next one")
    assert reply.text == "That was the last song in the queue, so here's more by Adele: Rolling in the Deep by Adele."
    assert action_of(reply) is None and music.state["paused"] is False
    assert music.state["queue"][:2] == ["s15", "s16"] and music.state["index"] == 1
    pop = {s.id for s in catalogue().by_genre("pop")}
    assert set(music.state["queue"]) == pop  # then the other pop songs, each once
    assert music.turn("music.previous", {}, text="previous song").text == "Going back to Hello by Adele."


def test_next_when_nothing_is_like_it_says_so_and_keeps_playing(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"genre": "jazz"}, text="play some jazz")  # every jazz song, each artist's only one
    music.turn("music.next", {}, text="next")
    music.turn("music.next", {}, text="next")
    before = dict(music.state)
    reply = music.turn("music.next", {}, text="next")
    assert reply.text == "That was the last song." and action_of(reply) is None
    assert music.state == before and music.state["paused"] is False


def test_more_songs_join_the_order_shuffle_keeps(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.shuffle", {"artist": "Adele"}, text="shuffle some songs by adele")
    music.turn("music.next", {}, text="next")
    reply = music.turn("music.next", {}, text="next")
    assert reply.text.startswith("That was the last song in the queue, so here's more pop music: ")
    assert music.state["order"][2:] == music.state["queue"][2:]  # "stop shuffling" keeps them in the queue
    assert music.turn("music.shuffle", {}, text="stop shuffling").text == "Shuffle is off."
    assert len(music.state["queue"]) == len(catalogue().by_genre("pop"))


def test_play_by_asks_whose_music(make_skill: Make) -> None:
    music = make_skill("music")
    for said in ("play by", "play some music by"):
        reply = music.turn("music.play", {}, text=said)
        assert (
            reply.text == "Music by whom? You have The Beatles, Queen, ABBA, Jay Chou, Taylor Swift, Adele and others."
        )
        assert expecting(reply) == "artist" and not music.state.get("queue")
    reply = music.turn("music.play", {"artist": "Queen"}, text="queen")
    assert reply.text == "Playing Queen, starting with Bohemian Rhapsody."


def test_a_mood_the_library_lacks_names_the_playlists(make_skill: Make) -> None:
    music = make_skill("music")
    for slots, said in (
        ({"artist": "something sad"}, "play something sad"),
        ({}, "play something sad"),
        ({"artist": "sad music"}, "play some sad music"),
    ):
        reply = music.turn("music.play", slots, text=said)
        assert reply.text == f"Sorry, none of your playlists is for sad music. Your playlists are {PLAYLISTS}."
        assert not music.state.get("queue")
    reply = music.turn("music.play", {"artist": "something upbeat"}, text="can you play something upbeat")
    assert reply.text == "Playing the workout playlist, starting with We Will Rock You by Queen."
    reply = music.turn("music.play", {"artist": "something chill"}, text="play something chill")
    assert reply.text.startswith("Playing the sleep playlist, ")


def test_a_playlist_the_library_lacks_names_the_one_for_that_mood_or_all(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.play", {"mood": "relaxing"}, text="play the chill playlist")
    assert reply.text == "Sorry, there's no playlist called chill. For chill music, there's the sleep playlist."
    assert not music.state.get("queue")
    reply = music.turn("music.play", {"playlist": "party mix"}, text="play my party mix playlist")
    assert reply.text == f"Sorry, there's no playlist called party mix. Your playlists are {PLAYLISTS}."


def test_what_playlists_do_i_have_is_the_music_skills(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.info", {}, text="what playlists do I have")
    assert reply.text == f"Your playlists: {PLAYLISTS}."


def test_mood_words_are_read_whole() -> None:
    assert mood_said("something sad") == "sad" and mood_said("some feel-good songs") == "happy"
    assert mood_said("a chill vibe") == "chill" and mood_said("upbeat music") == "upbeat"
    for not_a_mood in ("coldplay", "sad but true", "hello", "", None):
        assert mood_said(not_a_mood) is None
