"""The level a volume request asks for (``music.volume_words``), before the skill clamps or questions it."""

from __future__ import annotations

import pytest

from assistant.router.skills.builtin.music.volume_words import DEFAULT_VOLUME, asked_level, current_volume, number_in


@pytest.mark.parametrize(
    ("text", "said", "change", "level"),
    [
        ("volume 30", 30.0, "", 30.0),
        ("set the volume to minus 5", 5.0, "", -5.0),
        ("max volume", None, "", 100),
        ("turn it all the way down", None, "", 0),
        ("turn it up", None, "", 70),
        ("a bit quieter please", None, "quieter", 50),
        ("lower the volume", None, "", 50),
        ("change the volume", None, "", None),
        ("the music is too quiet", None, "", 70),
        ("I can't hear you", None, "", 70),
        ("it's too loud", None, "", 50),
    ],
)
def test_the_level_asked_for(text: str, said: float | None, change: str, level: float | None) -> None:
    assert asked_level(text, said, change, 60) == level


def test_a_malformed_kept_volume_reads_as_the_default() -> None:
    assert current_volume({"volume": 35}) == 35
    assert (
        current_volume({"volume": True}) == current_volume({"volume": "loud"}) == current_volume({}) == DEFAULT_VOLUME
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [("volume to fifty", 50.0), ("set it to seventy five percent", 75.0), ("volume 30", 30.0), ("turn it up", None)],
)
def test_a_number_no_slot_took_is_read_from_the_words(text: str, number: float | None) -> None:
    assert number_in(text) == number
