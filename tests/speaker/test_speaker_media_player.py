"""The speaker's media player through the real Player on a fake loudspeaker: what comes out, when, and how loud."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from speaker_fake_loudspeaker import FakeLoudspeaker, acting, playing

from assistant.speaker import media_sound
from assistant.speaker.media_player import MediaPlayer
from assistant.speaker.media_state import Status
from assistant.speaker.tts import Player
from bridge.miai import MiAiResponse

TITLE = "Take Five by Dave Brubeck"
OTHER = "So What by Miles Davis"
LONG = 30.0  # seconds: a clip that cannot end by itself while a test looks at it


def _play(title: str = TITLE) -> MiAiResponse:
    return playing(title, f"sim://catalogue/{title[:8]}", title[:8], f"Playing {title}.")


Make = Callable[..., tuple[MediaPlayer, FakeLoudspeaker]]


@pytest.fixture
def make(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Make]:
    made: list[MediaPlayer] = []

    def build(
        *, pace: float = 1.0, seconds: float = LONG, enabled: bool = True, track_s: float | None = None
    ) -> tuple[MediaPlayer, FakeLoudspeaker]:
        loudspeaker = FakeLoudspeaker(pace=pace)
        monkeypatch.setitem(sys.modules, "sounddevice", loudspeaker.module())
        media = MediaPlayer(Player(enabled=enabled), folder=tmp_path / "tracks", seconds=seconds, track_s=track_s)
        made.append(media)
        return media, loudspeaker

    yield build
    for media in made:
        media.close()


def _sound(title: str, volume: int, seconds: float = LONG) -> NDArray[np.int16]:
    return media_sound.render(title, volume, seconds=seconds)


def _started(loudspeaker: FakeLoudspeaker, count: int) -> bool:
    return loudspeaker.wait_for(lambda streams: len(streams) >= count and bool(streams[count - 1].blocks))


def test_play_sends_the_tracks_stand_in_to_the_loudspeaker_and_it_ends_by_itself(make: Make) -> None:
    media, loudspeaker = make(pace=0.0, seconds=0.5)
    media.apply(_play())
    assert media.wait(5.0)
    [stream] = loudspeaker.streams
    assert stream.rate == media_sound.RATE and stream.closed.is_set()
    assert stream.samples.tolist() == media_sound.render(TITLE, 50, seconds=0.5).tolist()
    assert media.state.status is Status.STOPPED and media.state.describe().startswith("finished Take Five")


def test_a_track_lasts_its_length_its_clip_played_again_until_then(make: Make) -> None:
    media, loudspeaker = make(pace=0.0, seconds=0.2, track_s=0.6)
    media.apply(_play())
    assert media.wait(5.0)
    assert len(loudspeaker.streams) == 3  # 0.6 s of track from a 0.2 s clip
    clip = media_sound.render(TITLE, 50, seconds=0.2)
    assert all(s.samples.tolist() == clip.tolist() for s in loudspeaker.streams)
    assert media.state.status is Status.STOPPED
    assert media.ended.get_nowait().title == TITLE and media.ended.empty()  # reported once, at the very end


def test_clips_heard_before_a_pause_count_towards_the_tracks_length(make: Make) -> None:
    media, loudspeaker = make(pace=1.0, seconds=0.3, track_s=0.9)
    media.apply(_play())
    assert loudspeaker.wait_for(lambda streams: len(streams) >= 2 and bool(streams[1].blocks))
    media.apply(acting("player.pause", "Paused."))  # the second clip cut short: one heard to its end
    media.apply(acting("player.resume", "Resuming."))
    assert media.wait(5.0) and media.state.status is Status.STOPPED
    assert len(loudspeaker.streams) == 4  # the cut clip again from its top, then the third


def test_pause_stops_the_sound_mid_track_and_resume_plays_it_again(make: Make) -> None:
    media, loudspeaker = make()
    media.apply(_play())
    assert _started(loudspeaker, 1) and media.sounding
    media.apply(acting("player.pause", "Paused."))
    first = loudspeaker.streams[0]
    assert not media.sounding and first.closed.is_set()
    assert 0 < first.samples.size < media_sound.RATE * LONG / 2  # cut off, not played out
    assert media.state.status is Status.PAUSED
    assert len(loudspeaker.streams) == 1  # paused means silent: nothing new opens
    media.apply(acting("player.resume", "Resuming."))
    assert _started(loudspeaker, 2) and media.sounding and media.state.status is Status.PLAYING
    assert loudspeaker.streams[1].starts_with(_sound(TITLE, 50))


def test_a_volume_change_plays_on_at_the_new_gain(make: Make) -> None:
    media, loudspeaker = make()
    media.apply(_play())
    assert _started(loudspeaker, 1)
    media.apply(acting("player.volume", "Volume 80.", {"level": 80}))
    assert _started(loudspeaker, 2) and loudspeaker.streams[0].closed.is_set()
    louder = loudspeaker.streams[1]
    assert louder.starts_with(_sound(TITLE, 80))
    assert not louder.starts_with(_sound(TITLE, 50))
    assert media.state.volume == 80


def test_repeat_plays_the_track_again_until_it_is_turned_off(make: Make) -> None:
    media, loudspeaker = make(pace=0.1, seconds=0.3)
    media.apply(_play())
    media.apply(acting("player.repeat", "Repeating.", {"on": True}))
    assert loudspeaker.wait_for(lambda streams: len(streams) >= 3)
    assert media.state.status is Status.PLAYING
    media.apply(acting("player.repeat", "Repeat is off.", {"on": False}))
    assert media.wait(5.0) and media.state.status is Status.STOPPED
    clip = media_sound.render(TITLE, 50, seconds=0.3)
    assert all(s.samples.tolist() == clip.tolist() for s in loudspeaker.streams)


def test_another_track_replaces_the_one_playing(make: Make) -> None:
    media, loudspeaker = make()
    media.apply(_play())
    assert _started(loudspeaker, 1)
    media.apply(_play(OTHER))
    assert _started(loudspeaker, 2) and loudspeaker.streams[0].closed.is_set()
    assert loudspeaker.streams[1].starts_with(_sound(OTHER, 50))
    assert media.state.track is not None and media.state.track.title == OTHER


def test_a_hold_makes_way_for_a_reply_and_the_music_comes_back_after(make: Make) -> None:
    media, loudspeaker = make()
    media.apply(_play())
    assert _started(loudspeaker, 1)
    with media.held():
        assert not media.sounding and loudspeaker.streams[0].closed.is_set()
        assert media.state.status is Status.PLAYING  # held, not paused
    assert _started(loudspeaker, 2) and media.sounding


def test_a_track_started_while_held_waits_for_the_release(make: Make) -> None:
    media, loudspeaker = make()
    media.hold()
    media.apply(_play())
    assert loudspeaker.streams == [] and media.state.status is Status.PLAYING
    media.release()
    assert _started(loudspeaker, 1)


def test_without_a_sound_device_the_state_still_follows_and_nothing_plays(make: Make) -> None:
    media, loudspeaker = make(enabled=False)
    media.apply(_play())
    media.apply(acting("player.volume", "Volume 30.", {"level": 30}))
    assert media.state.status is Status.PLAYING and media.state.volume == 30
    assert loudspeaker.streams == [] and not media.sounding


def test_an_unknown_player_action_is_a_logged_warning_and_changes_nothing(
    make: Make, caplog: pytest.LogCaptureFixture
) -> None:
    media, loudspeaker = make()
    media.apply(_play())
    assert _started(loudspeaker, 1)
    before = media.state
    with caplog.at_level(logging.WARNING, logger="assistant.speaker.media_player"):
        [change] = media.apply(acting("player.seek", "Skipping ahead.", {"ms": 5000}))
    assert change.problem is not None and "player.seek" in caplog.text
    assert media.state == before and media.sounding and len(loudspeaker.streams) == 1


def test_actions_for_others_are_left_to_them(make: Make) -> None:
    media, _ = make()
    assert media.apply(acting("mihome.control", "Turning on the lamp.", {"commands": []})) == []


def test_close_silences_the_player_and_removes_the_stand_ins_it_made(monkeypatch: pytest.MonkeyPatch) -> None:
    loudspeaker = FakeLoudspeaker(pace=1.0)
    monkeypatch.setitem(sys.modules, "sounddevice", loudspeaker.module())
    media = MediaPlayer(Player(), seconds=LONG)
    media.apply(_play())
    assert _started(loudspeaker, 1)
    [rendered] = list(Path(media._scratch or "missing").glob("*.wav"))
    media.close()
    assert not media.sounding and loudspeaker.streams[0].closed.is_set() and not rendered.exists()
    media.apply(acting("player.resume", "Resuming."))
    assert len(loudspeaker.streams) == 1  # closed: the state moves, the loudspeaker stays silent
