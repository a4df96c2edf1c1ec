"""The weather skill's replies through its handler, on a manual clock starting Friday 2024-03-15 9:30 UTC; the
forecast itself is computed here too, so the replies are checked against it rather than against copied numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from services_skill_harness import SkillHarness

from assistant.router.skills.builtin.weather.handler import forecast
from assistant.router.skills.cities import CITIES

Make = Callable[..., SkillHarness]
FRIDAY = date(2024, 3, 15)


def test_the_answer_is_about_what_was_asked_snow_or_rain(make_skill: Make) -> None:
    skill = make_skill("weather")
    london = forecast(CITIES["London"], FRIDAY)
    assert london.condition == "light rain"  # the fixed forecast this test reads
    asked_snow = skill.turn("weather.rain", {"city": "London", "date": "today"}, text="will it snow in london today")
    assert (
        asked_snow.text == f"No snow expected in London today, but light rain: a {london.rain_chance} percent chance."
    )
    asked_rain = skill.turn("weather.rain", {"city": "London", "date": "today"}, text="will it rain in london today")
    assert asked_rain.text == f"Yes, expect rain in London today: a {london.rain_chance} percent chance."
    paris = forecast(CITIES["Paris"], date(2024, 3, 16))
    assert paris.condition not in ("light rain", "rain", "thunderstorms", "snow")
    dry = skill.turn("weather.rain", {"city": "Paris", "date": "tomorrow"}, text="will it rain in paris tomorrow")
    assert (
        dry.text
        == f"Probably not: {paris.condition} in Paris tomorrow, with a {paris.rain_chance} percent chance of rain."
    )


def test_fahrenheit_when_asked_and_past_or_far_days_explained(make_skill: Make) -> None:
    skill = make_skill("weather")
    dubai = forecast(CITIES["Dubai"], FRIDAY)
    reply = skill.turn("weather.temperature", {"city": "Dubai"}, text="what's the temperature in dubai in fahrenheit")
    low_f, high_f = round(dubai.low_c * 9 / 5 + 32), round(dubai.high_c * 9 / 5 + 32)
    assert reply.text == f"In Dubai today it will be between {low_f} and {high_f} degrees Fahrenheit."
    assert skill.turn("weather.forecast", {"city": "Paris", "date": "yesterday"}).text == (
        "I don't have past weather, only forecasts up to 9 days ahead."
    )
    assert skill.turn("weather.forecast", {"city": "Paris", "date": "in 10 days"}).text == (
        "I only have forecasts up to 9 days ahead."
    )


def test_wind_and_humidity_answer_what_was_asked(make_skill: Make) -> None:
    skill = make_skill("weather")
    london = forecast(CITIES["London"], FRIDAY)
    wind = skill.turn("weather.wind_humidity", {"city": "London"}, text="how windy is it in london")
    assert wind.text == f"Today in London: wind at {london.wind_kmh} kilometres per hour."
    humid = skill.turn("weather.wind_humidity", {"city": "London"}, text="what's the humidity in london")
    assert humid.text == f"Today in London: {london.humidity} percent humidity."
    miles = skill.turn("weather.wind_humidity", {"city": "London"}, text="wind in london in mph")
    assert miles.text == f"Today in London: wind at {round(london.wind_kmh / 1.609)} miles per hour."
    both = skill.turn("weather.wind_humidity", {"city": "London"}, text="conditions in london")
    assert both.text == (
        f"Today in London: wind at {london.wind_kmh} kilometres per hour and {london.humidity} percent humidity."
    )


def test_simulated_wind_and_humidity_fit_the_sky() -> None:
    days = [forecast(city, date(2024, 3, d)) for city in CITIES.values() for d in range(1, 29)]
    windy = [f for f in days if f.condition == "windy"]
    calm = [f for f in days if f.condition in ("sunny", "partly cloudy", "cloudy")]
    assert windy and calm
    assert min(f.wind_kmh for f in windy) >= 30 > max(f.wind_kmh for f in calm)
    assert all(0 < f.humidity <= 98 for f in days)
    wet = [f.humidity for f in days if f.condition in ("rain", "thunderstorms")]
    dry = [f.humidity for f in days if f.condition == "sunny"]
    assert sum(wet) / len(wet) > sum(dry) / len(dry)


def test_a_windy_day_says_so(make_skill: Make) -> None:
    skill = make_skill("weather")
    windy = next(
        (name, day)
        for name, city in CITIES.items()
        for day in (date(2024, 3, 15 + d) for d in range(10))
        if forecast(city, day).condition == "windy"
    )
    reply = skill.turn("weather.wind_humidity", {"city": windy[0], "date": windy[1].isoformat()}, text="how windy")
    assert "windy, with wind at " in reply.text


def test_a_yes_or_no_question_about_the_sky_is_answered_first(make_skill: Make) -> None:
    skill = make_skill("weather")
    london = forecast(CITIES["London"], FRIDAY)  # light rain
    rome = forecast(CITIES["Rome"], FRIDAY)
    assert london.condition == "light rain" and rome.condition == "sunny"  # the fixed forecasts this test reads
    no = skill.turn("weather.forecast", {"city": "London"}, text="will it be sunny in london")
    assert no.text is not None and no.text.startswith("No. Today in London: light rain")
    yes = skill.turn("weather.forecast", {"city": "Rome"}, text="is it nice in rome")
    assert yes.text is not None and yes.text.startswith("Yes. Today in Rome: sunny")
    plain = skill.turn("weather.forecast", {"city": "Rome"}, text="what's the weather in rome")
    assert plain.text is not None and plain.text.startswith("Today in Rome")
