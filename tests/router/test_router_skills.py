"""Built-in skills' pure parts, and the training data compiled from all manifests."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.config import Settings
from assistant.errors import SkillError
from assistant.router.nlu.rasa_yaml import load_nlu_yaml
from assistant.router.nlu.types import OUT_OF_SCOPE
from assistant.router.skills.builtin.weather.handler import forecast
from assistant.router.skills.cities import CITIES
from assistant.router.skills.countries import COUNTRIES
from assistant.router.skills.dates import describe_day, resolve_day, unknown_day
from assistant.router.skills.manifest import parse_manifest
from assistant.router.skills.registry import load_manifests, skill_dirs
from assistant.router.training import compile_training_data, write_nlu_yaml

FRIDAY = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("today", FRIDAY),
        ("tomorrow", date(2024, 3, 16)),
        ("on monday", date(2024, 3, 18)),
        ("friday", FRIDAY),
        ("next friday", date(2024, 3, 22)),
        ("this weekend", date(2024, 3, 16)),
        ("in two days", date(2024, 3, 17)),
        ("2024-04-01", date(2024, 4, 1)),
        ({"date": "2024-03-20"}, date(2024, 3, 20)),
        ("the day after tomorrow", date(2024, 3, 17)),
        ("someday", None),
        ("march 3rd", date(2025, 3, 3)),  # passed this year: next year's
        ("march 20th", date(2024, 3, 20)),
        ("the 28th", date(2024, 3, 28)),
        ("the 10th", date(2024, 4, 10)),  # passed this month: next month's
        ({"day": 31}, date(2024, 3, 31)),
        ({"month": 2, "day": 29}, date(2028, 2, 29)),
        ({"month": 3, "day": 3, "year": 2024}, date(2024, 3, 3)),
        ({"month": 2, "day": 30, "year": 2024}, None),
        ({"weekday": 5, "next_week": True, "value": "next weekend"}, date(2024, 3, 16)),
        ({"weekday": 4, "next_week": True, "value": "next friday"}, date(2024, 3, 22)),
        ({"day_offset": 14, "value": "in two weeks"}, date(2024, 3, 29)),
        ({"day_offset": 3_000_000, "value": "in 3000000 days"}, None),  # past year 9999: none, not OverflowError
        ({"day_offset": 99_999_999_999}, None),
        ("2024-02-30", None),
        (42, None),
    ],
)
def test_day_references(said: object, day: date | None) -> None:
    assert resolve_day(said, FRIDAY) == day


def test_day_after_a_short_month_skips_to_one_that_has_it() -> None:
    assert resolve_day({"day": 31}, date(2024, 4, 5)) == date(2024, 5, 31)


def test_an_unknown_day_is_said_back_as_words() -> None:
    assert unknown_day({"value": "someday soon"}) == (
        'Sorry, I can\'t tell which day "someday soon" is. Try "tomorrow", "next Friday" or "March 3rd".'
    )


def test_days_are_described_back() -> None:
    assert [describe_day(date(2024, 3, d), FRIDAY) for d in (15, 16, 18, 28)] == [
        "today",
        "tomorrow",
        "on Monday",
        "on March 28",
    ]


def test_forecast_is_deterministic_and_plausible() -> None:
    paris, cairo = CITIES["Paris"], CITIES["Cairo"]
    assert forecast(paris, FRIDAY) == forecast(paris, FRIDAY)
    days = [forecast(paris, date(2024, m, 10)) for m in range(1, 13)]
    assert all(f.low_c < f.high_c for f in days)
    assert max(f.high_c for f in days[5:8]) > min(f.high_c for f in days[:2]) + 8  # summer is warmer
    assert sum(forecast(cairo, date(2024, 3, d)).rain_chance for d in range(1, 29)) < sum(
        forecast(CITIES["London"], date(2024, 3, d)).rain_chance for d in range(1, 29)
    )


def test_every_listed_city_has_a_time_zone_and_climate() -> None:
    for manifest in load_manifests(skill_dirs(Settings())):
        for slot in manifest.slots:
            if slot.type == "city":
                assert {v.value for v in slot.values} <= set(CITIES), manifest.path


def test_every_listed_country_has_its_time_zone_or_several() -> None:
    (datetime_skill,) = [m for m in load_manifests(skill_dirs(Settings())) if m.name == "datetime"]
    assert {v.value for v in datetime_skill.slot("country").values} == set(COUNTRIES)
    for zone in filter(None, COUNTRIES.values()):
        ZoneInfo(zone)  # a real IANA zone, or this raises


def test_training_data_covers_every_intent_with_annotations(tmp_path: Path) -> None:
    manifests = load_manifests(skill_dirs(Settings()))
    data = compile_training_data(manifests)
    intents = {i.name for m in manifests for i in m.intents}
    assert set(data.intents) == intents | {OUT_OF_SCOPE}
    for intent in intents:
        assert sum(e.intent == intent for e in data.examples) >= 10, intent
    annotated = [e for e in data.examples if e.entities]
    assert all(e.text[s.start : s.end] for e in annotated for s in e.entities)
    assert data.synonyms["nyc"] == "New York" and "Paris" in data.lookups["city"]
    assert compile_training_data(manifests) == data  # same seed, same data: a model cache can key on it
    # each example remembers its template, the group the engine holds out whole when it calibrates
    timers = {e.group for e in data.examples if e.intent == "timers.set"}
    assert len(timers) >= 3 and all(g and g.startswith("timers.set: ") for g in timers)
    assert "timers.set: (set|start|make|create) a timer for {duration}" in timers
    written = write_nlu_yaml(data, tmp_path / "nlu" / "nlu.yml")  # Rasa's format has no place for the groups
    ungrouped = tuple(dataclasses.replace(e, group=None) for e in data.examples)
    assert load_nlu_yaml(written) == dataclasses.replace(data, examples=ungrouped)


def test_conflicting_synonyms_are_refused(tmp_path: Path) -> None:
    text = """
name: {name}
description: x
invocations: [{name}]
handler: {{url: "http://127.0.0.1:9/"}}
slots:
  city:
    values: [{{value: {city}, synonyms: [the big city]}}]
intents:
  {name}.go:
    examples: ["go to {{city}}"]
"""
    a = parse_manifest(text.format(name="a", city="Paris"), tmp_path / "a" / "skill.yml")
    b = parse_manifest(text.format(name="b", city="London"), tmp_path / "b" / "skill.yml")
    with pytest.raises(
        SkillError, match=r"synonym 'the big city' means 'Paris' in skill 'a'.*but 'London' in skill 'b'"
    ):
        compile_training_data([a, b])


def test_factory_builds_a_router_and_writes_the_nlu_file(tmp_path: Path) -> None:
    from router_support import TinyEngine, activity

    from assistant.router.factory import build_router, compile_nlu_file
    from assistant.router.services.clock import ManualClock

    settings = Settings(models_dir=tmp_path / "models", data_dir=tmp_path / "data")
    written = compile_nlu_file(settings)
    assert written == tmp_path / "models" / "nlu" / "nlu.yml" and load_nlu_yaml(written).examples

    def make_engine(_: Settings, data: object) -> TinyEngine:
        engine = TinyEngine()
        engine.train(data)  # type: ignore[arg-type]
        return engine

    router = build_router(settings, ManualClock(), make_engine)
    assert "In Tokyo" in (router.handle(activity("what time is it in Tokyo")).text or "")


def test_unknown_time_zone_is_a_config_error() -> None:
    from assistant.config import parse_settings
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match=r"config.yml:2: router.timezone: 'Mars/Base' is not an IANA time zone"):
        parse_settings("router:\n  timezone: Mars/Base\n", "config.yml", base=Path("."))


def test_a_request_that_implies_a_kind_finds_it_without_a_name() -> None:
    """ "set the temperature to 21" names no device: the previous turn's AC, else the only AC, else "which room?";
    the previous turn's lamp is not the AC meant. Without the implication nothing named is "which device?"."""
    from assistant.router.skills.builtin.devices.targets import find_targets

    lamp = {"id": "lamp.kitchen", "kind": "lamp", "room": "kitchen"}
    acs = [{"id": f"ac.{room}", "kind": "ac", "room": room} for room in ("bedroom", "office")]
    assert find_targets([lamp, *acs], None, None, ["lamp.kitchen"], default_kind="ac", implied=True).missing == "room"
    assert find_targets([lamp, *acs], None, None, ["ac.office"], default_kind="ac", implied=True).devices == (acs[1],)
    assert find_targets([lamp, acs[0]], None, None, ["lamp.kitchen"], default_kind="ac", implied=True).devices == (
        acs[0],
    )
    assert find_targets([lamp, *acs], None, None, [], default_kind="ac").missing == "device"
    assert find_targets([lamp, *acs], None, None, ["lamp.kitchen"], default_kind="ac").devices == (lamp,)
