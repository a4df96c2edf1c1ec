"""The music skill's controls a mature assistant has: previous, shuffle, repeat, unmute; genres it lacks; volume."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from services_skill_harness import SkillHarness, action_of

from assistant.router.services.catalogue import catalogue
from assistant.router.services.clock import ManualClock
from assistant.router.skills.builtin.music.genre_words import genre_said
from assistant.router.skills.builtin.music.request_words import asks_to_play
from assistant.router.speech import FALLBACK_START
from bridge.cortana import Activity

Make = Callable[..., SkillHarness]
WORKOUT = ["s07", "s06", "s13", "s29", "s30", "s17"]
LACKS = "It has rock, pop, mandopop, classical and jazz."


def token(reply: Activity) -> str | None:
    """The song the reply starts streaming (None: the speaker keeps what it plays)."""
    audio: Any = (reply.channel_data or {}).get("audio")
    return audio.get("token") if isinstance(audio, dict) else None


def test_previous_goes_back_in_the_queue_and_says_when_it_is_at_the_start(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.previous", {}, text="previous song").text == "Nothing is playing."
    music.turn("music.play", {"artist": "Queen"}, text="play some queen")
    assert token(music.turn("music.next", {}, text="next song")) == "s06"
    reply = music.turn("music.previous", {}, text="play the last song again")
    assert reply.text == "Going back to Bohemian Rhapsody by Queen." and token(reply) == "s05"
    assert music.state["index"] == 0
    reply = music.turn("music.previous", {}, text="go back")
    assert reply.text == "Bohemian Rhapsody is the first song in the queue, so there's nothing before it."
    assert token(reply) is None and music.state["index"] == 0
    assert token(music.turn("music.next", {}, text="next")) == "s06"  # the queue is still there after it


def test_a_question_or_another_sentence_never_moves_back(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"artist": "Queen"}, text="play some queen")
    music.turn("music.next", {}, text="next song")
    reply = music.turn("music.previous", {}, text="what was the last song")
    assert reply.text == "This is Don't Stop Me Now by Queen. The song before it was Bohemian Rhapsody by Queen."
    assert token(reply) is None and music.state["index"] == 1
    for said in ("go back to sleep", "what was the previous question"):  # what an engine read as previous
        reply = music.turn("music.previous", {}, text=said)
        assert (reply.text or "").startswith(FALLBACK_START) and '"previous song"' in (reply.text or "")
        assert token(reply) is None and music.state["index"] == 1


def test_sentences_that_share_a_word_with_a_control_do_nothing(make_skill: Make) -> None:
    music = make_skill("music")
    music.turn("music.play", {"artist": "Queen"}, text="play some queen")
    music.turn("music.pause", {}, text="mute the music")
    for intent, said in (
        ("music.resume", "unmute my phone"),
        ("music.resume", "please print out copies of my resume"),  # CLINC out-of-scope questions an engine took
        ("music.next", "how do i skip all of the advertisements"),
        ("music.repeat", "repeat after me"),
        ("music.repeat", "can you repeat that"),
        ("music.shuffle", "how do I shuffle cards"),
    ):
        reply = music.turn(intent, {}, text=said)
        assert (reply.text or "").startswith(FALLBACK_START), said
        assert action_of(reply) is None and token(reply) is None and music.state["paused"] is True
        assert music.state["queue"] == ["s05", "s06", "s07"] and "repeat" not in music.state


def test_shuffling_a_playlist_is_seeded_by_the_clock(make_skill: Make) -> None:
    def shuffle_at(minutes: int) -> list[str]:
        clock = ManualClock()
        clock.advance(timedelta(minutes=minutes))
        music = make_skill("music", clock=clock)
        reply = music.turn("music.shuffle", {"playlist": "workout"}, text="shuffle the workout playlist")
        queue = list(music.state["queue"])
        first = catalogue().song(queue[0])
        assert first is not None and reply.text == f"Shuffling the workout playlist, starting with {first.spoken}."
        assert token(reply) == queue[0] and music.state["shuffle"] is True and music.state["order"] == WORKOUT
        return queue

    orders = [shuffle_at(minutes) for minutes in range(4)]
    assert all(sorted(order) == sorted(WORKOUT) for order in orders)
    assert shuffle_at(0) == orders[0]  # the same time: the same order
    assert len({tuple(order) for order in orders}) > 1 and any(order != WORKOUT for order in orders)


def test_shuffle_while_playing_keeps_the_song_and_stopping_it_plays_in_order(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.shuffle", {}, text="stop shuffling").text == "Shuffle isn't on."
    music.turn("music.play", {"playlist": "workout"}, text="play the workout playlist")
    music.turn("music.next", {}, text="next song")  # s06 plays
    reply = music.turn("music.shuffle", {"playlist": "workout"}, text="turn on shuffle")  # the router carried it
    queue = list(music.state["queue"])
    assert token(reply) is None and queue[0] == "s06" and sorted(queue) == sorted(WORKOUT)
    after = catalogue().song(queue[1])
    assert after is not None and reply.text == f"Shuffle is on. Next up: {after.spoken}."
    assert token(music.turn("music.next", {}, text="next")) == queue[1]
    reply = music.turn("music.shuffle", {}, text="stop shuffling")
    assert reply.text == "Shuffle is off." and music.state["queue"] == WORKOUT and "shuffle" not in music.state
    assert music.state["index"] == WORKOUT.index(queue[1])  # where the song playing is in the playlist's order


def test_shuffle_with_nothing_playing_plays_everything_and_stays_on_for_the_next_request(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.shuffle", {}, text="shuffle my music")
    assert (reply.text or "").startswith("Shuffling your music, starting with ") and token(reply) is not None
    assert sorted(music.state["queue"]) == sorted(s.id for s in catalogue().songs)
    reply = music.turn("music.play", {"artist": "Queen"}, text="play some queen")  # shuffle is still on
    assert (reply.text or "").startswith("Shuffling Queen, starting with ")
    assert sorted(music.state["queue"]) == ["s05", "s06", "s07"] and music.state["order"] == ["s05", "s06", "s07"]
    reply = music.turn("music.shuffle", {}, text="shuffle the cards")
    assert reply.text == "Sorry, I can't find cards in your music." and token(reply) is None


def test_unmute_resumes_and_mute_the_volume_pauses(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.resume", {}, text="unmute").text == "Nothing is playing."
    music.turn("music.play", {"artist": "Queen"}, text="play some queen")
    reply = music.turn("music.volume", {}, text="mute the volume")  # asked "what volume?" before
    assert reply.text == 'Muted: the music is paused until you say "unmute".'
    assert action_of(reply) == {"name": "player.pause", "properties": {}}
    reply = music.turn("music.resume", {}, text="unmute the music")
    assert reply.text == "Resuming." and music.state["paused"] is False
    music.turn("music.pause", {}, text="mute the music")
    reply = music.turn("music.volume", {}, text="unmute the volume")
    assert reply.text == "Resuming." and action_of(reply) == {"name": "player.resume", "properties": {}}


def test_repeat_is_a_mode_the_speaker_is_told_and_what_s_playing_says(make_skill: Make) -> None:
    music = make_skill("music")
    assert music.turn("music.repeat", {}, text="repeat this song").text == "Nothing is playing."
    music.turn("music.play", {"song": "Hey Jude"}, text="play hey jude")
    reply = music.turn("music.repeat", {}, text="play this song on repeat")
    assert reply.text == "Repeating Hey Jude by The Beatles." and music.state["repeat"] is True
    assert action_of(reply) == {"name": "player.repeat", "properties": {"on": True}}
    assert (
        music.turn("music.now_playing", {}, text="what's playing").text
        == "This is Hey Jude by The Beatles (on repeat)."
    )
    reply = music.turn("music.repeat", {}, text="stop repeating")
    assert reply.text == "Repeat is off." and action_of(reply) == {"name": "player.repeat", "properties": {"on": False}}
    assert music.turn("music.now_playing", {}, text="what's playing").text == "This is Hey Jude by The Beatles."


def test_a_genre_the_library_lacks_is_said_with_the_genres_it_has(make_skill: Make) -> None:
    music = make_skill("music")
    for slots, said, genre in (
        ({"artist": "hip hop"}, "play hip hop", "hip hop"),
        ({}, "play some country music", "country music"),
        ({"artist": "heavy metal"}, "play heavy metal", "heavy metal"),
        ({"artist": "blues"}, "play some blues", "blues"),  # "some" made it an artist: "no music by blues"
    ):
        reply = music.turn("music.play", slots, text=said)
        assert reply.text == f"Sorry, your music library has no {genre}. {LACKS}" and token(reply) is None
        assert not music.state.get("queue")
    reply = music.turn("music.play", {"genre": "pop"}, text="play some k-pop")  # an engine tagged the library's pop
    assert reply.text == f"Sorry, your music library has no K-pop. {LACKS}" and token(reply) is None
    reply = music.turn("music.info", {"genre": "pop"}, text="do you have any k-pop")
    assert reply.text == f"Sorry, your music library has no K-pop. {LACKS}"
    reply = music.turn("music.play", {"song": "hip hop"}, text="play the song hip hop")  # said it is a song
    assert reply.text == "Sorry, I can't find the song hip hop."
    assert (
        music.turn("music.info", {}, text="do you have any rap").text
        == f"Sorry, your music library has no rap. {LACKS}"
    )
    reply = music.turn("music.info", {"genre": "jazz"}, text="do you have any jazz")
    assert reply.text == "Yes: 3 jazz songs, by Dave Brubeck, Miles Davis and Louis Armstrong."
    reply = music.turn("music.info", {}, text="what artists do you have")
    assert (reply.text or "").startswith("Your music library has songs by The Beatles, Queen, ABBA")
    reply = music.turn("music.info", {}, text="can you tell me who's calling me")  # what an engine took for it
    assert (reply.text or "").startswith(FALLBACK_START) and "what music do you have" in (reply.text or "")
    reply = music.turn("music.info", {}, text="what genres do you have")
    assert reply.text == "Your music library has rock, pop, mandopop, classical and jazz music."


def test_genre_words_are_read_whole() -> None:
    assert genre_said("some hip-hop music") == "hip hop" and genre_said("R&B") == "R and B"
    assert genre_said("country") == "country music" and genre_said("the blues") == "blues"
    for not_a_genre in ("coldplay", "house of the rising sun", "metallica", "", None):
        assert genre_said(not_a_genre) is None


def test_volume_to_the_top_or_to_a_number_while_turning_it_up(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.volume", {}, text="max volume")
    assert reply.text == "Volume 100." and action_of(reply) == {"name": "player.volume", "properties": {"level": 100}}
    assert music.turn("music.volume", {}, text="turn it all the way down").text == "Volume 0."
    assert music.turn("music.volume", {"volume": 80}, text="turn it up to 80").text == "Volume 80."
    assert music.turn("music.volume", {}, text="turn it down").text == "Volume 70."  # from the level set


def test_a_malformed_queue_position_reads_as_the_start(make_skill: Make) -> None:
    music = make_skill("music")
    music.state = {"queue": ["s05", "s06"], "index": "two", "paused": False}
    assert music.turn("music.now_playing", {}, text="what's playing").text == "This is Bohemian Rhapsody by Queen."
    music.state = {"queue": ["s05", "s06"], "index": 9}
    assert music.turn("music.previous", {}, text="previous song").text == "Going back to Bohemian Rhapsody by Queen."
    music.state = {"queue": ["s05"], "index": 0, "volume": "loud"}
    assert music.turn("music.volume", {}, text="turn it up").text == "Volume 60."  # from the default 50


@pytest.mark.parametrize(
    ("text", "names", "asks"),
    [
        ("play some queen", {"queen"}, True),
        ("how about some queen", {"queen"}, True),
        ("dancing queen please", {"dancing queen"}, True),
        ("i want to hear abba", {"abba"}, True),
        ("go back to sleep", {"sleep"}, False),
        ("time to sleep", {"sleeping"}, False),
    ],
)
def test_a_play_request_says_it_asks_to_hear_something(text: str, names: set[str], asks: bool) -> None:
    assert asks_to_play(text, names) is asks


def test_a_playlist_tagged_in_words_that_ask_for_nothing_is_not_played(make_skill: Make) -> None:
    music = make_skill("music")
    reply = music.turn("music.play", {"playlist": "sleep"}, text="go back to sleep")
    assert reply.text is not None and reply.text.startswith("Sorry, I can't help with that yet.")
    assert not (reply.channel_data or {}).get("audio")
