"""The answers skill's sources: knowledge base, unit conversion, spoken arithmetic; the catalogue and contacts."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.router.services.calculator import CalculationError, calculate, continued, goes_on
from assistant.router.services.catalogue import catalogue
from assistant.router.services.contacts import SkypeLog, find_contact
from assistant.router.services.knowledge import knowledge_base
from assistant.router.services.units import ConversionError, convert, find_unit, parse_conversion


def test_the_knowledge_base_has_sixty_entries_that_answer() -> None:
    kb = knowledge_base()
    assert len(kb) >= 60
    assert kb.answer("who wrote hamlet") == "Hamlet was written by William Shakespeare, around 1600."
    assert kb.answer("What's the capital of France?") == "The capital of France is Paris."
    assert kb.answer("who painted the starry night") == "The Starry Night was painted by Vincent van Gogh in 1889."
    assert kb.answer("what is the capital of atlantis") is None
    assert kb.answer("who wrote") is None
    assert kb.define("define photosynthesis") is not None
    assert kb.define("what are galaxies") == (
        "galaxy",
        "a huge system of stars, gas and dust held together by gravity.",
    )
    assert kb.define("define flibbertigibbet") is None


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("convert 5 miles to kilometers", "5 miles is 8.047 kilometers."),
        ("how many feet are in a mile", "1 mile is 5280 feet."),
        ("what is 100 fahrenheit in celsius", "100 degrees fahrenheit is 37.778 degrees celsius."),
        ("convert twenty five kg to pounds", "25 kilograms is 55.116 pounds."),
        ("what is 0 celsius in kelvin", "0 degrees celsius is 273.15 kelvin."),
    ],
)
def test_conversions(question: str, sentence: str) -> None:
    parsed = parse_conversion(question)
    assert parsed is not None
    assert convert(*parsed).sentence() == sentence


def test_conversion_negatives() -> None:
    assert parse_conversion("convert 5 apples to pears") is None
    assert parse_conversion("who wrote hamlet") is None
    mile, kilogram = find_unit("miles"), find_unit("kg")
    assert mile is not None and kilogram is not None
    with pytest.raises(ConversionError, match="length"):
        convert(1, mile, kilogram)


@pytest.mark.parametrize(
    ("question", "result"),
    [
        ("what is 12 times 7", 84),
        ("what is 2 plus 3 times 4", 14),
        ("what's 15 percent of 80", 12),
        ("square root of 81", 9),
        ("what is the square root of 144", 12),
        ("twenty five divided by five", 5),
        ("what is 2 to the power of 10", 1024),
        ("100 minus 7 minus 3", 90),
        ("what is 3 squared", 9),
        ("who wrote hamlet", None),
        ("what is five", None),
        ("what is the capital of france", None),
    ],
)
def test_arithmetic(question: str, result: float | None) -> None:
    found = calculate(question)
    assert (found.result if found else None) == result


def test_arithmetic_without_an_answer() -> None:
    with pytest.raises(CalculationError, match="zero"):
        calculate("what is 10 divided by 0")


def test_catalogue_lookups() -> None:
    music = catalogue()
    assert len(music.songs) == 30 and len(music.playlists) >= 5
    assert music.find_artist("beethoven") == "Ludwig van Beethoven"
    assert music.find_artist("beatles") == "The Beatles"
    assert music.find_artist("nobody") is None
    song = music.find_song("bohemian rhapsody")
    assert song is not None and song.url == "sim://catalogue/s05"
    playlist = music.find_playlist("the workout playlist")
    assert playlist is not None and len(music.queue(playlist.songs)) == len(playlist.songs)


def test_contacts_and_the_log_survive_reopening(tmp_path: Path) -> None:
    mom = find_contact("my mum")
    assert mom is not None and mom.name == "Mom"
    assert find_contact("the office") is not None and find_contact("office") is not None
    assert find_contact("santa") is None
    assert find_contact("mom's") == mom and find_contact("Mum’s") == mom  # "what's mom's number"
    assert find_contact("mom's number") == mom and find_contact("Dad's phone number") == find_contact("dad")
    assert find_contact("number") is None
    log = SkypeLog.in_dir(tmp_path)
    log.record("message", mom, datetime(2024, 3, 15, tzinfo=timezone.utc), "I'm late")
    log.close()
    again = SkypeLog.in_dir(tmp_path)
    assert [(e.kind, e.contact, e.text) for e in again.entries()] == [("message", "live:mom.chen", "I'm late")]
    again.close()


@pytest.mark.parametrize(
    ("words", "result"),
    [
        ("times 3", 36),
        ("and times 3", 36),
        ("minus 4", 8),
        ("and then divide that by 2", 6),
        ("multiply it by 2", 24),
        ("add 5 to that", 17),
        ("squared", 144),
    ],
)
def test_arithmetic_goes_on_from_the_last_result(words: str, result: float) -> None:
    assert goes_on(words)
    found = continued(12.0, words)
    assert found is not None and found.result == result


@pytest.mark.parametrize("words", ["square root of 9", "what is 2 plus 2", "what is the capital of france"])
def test_arithmetic_that_stands_alone_does_not_go_on(words: str) -> None:
    assert not goes_on(words) and continued(12.0, words) is None


def test_arithmetic_going_on_into_no_answer_says_so() -> None:
    with pytest.raises(CalculationError):
        continued(12.0, "divided by zero")
