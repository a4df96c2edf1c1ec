"""The simulated forecast: the same for the same city and day on every run, so tests can assert exact answers.

A pure function of (city, day), seeded by a hash. No network: this simulator runs offline.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date

from assistant.router.skills.cities import City

CONDITIONS = ("sunny", "partly cloudy", "cloudy", "light rain", "rain", "thunderstorms", "windy", "foggy", "snow")
WET = ("light rain", "rain", "thunderstorms", "snow")
#: Today and the next FORECAST_DAYS - 1 days have a forecast.
FORECAST_DAYS = 10
#: How much falls on a wet day: (least, spread) in millimetres of rain, or centimetres of snow.
_AMOUNTS = {"light rain": (1, 4), "rain": (4, 12), "thunderstorms": (8, 20), "snow": (1, 10)}


@dataclass(frozen=True)
class Forecast:
    city: str
    day: date
    condition: str
    high_c: int
    low_c: int
    rain_chance: int
    """Percent."""
    wind_kmh: int
    humidity: int
    """Relative humidity, percent."""
    amount: int = 0
    """What falls: millimetres of rain, or centimetres of snow; 0 on a dry day."""


def forecast(city: City, day: date) -> Forecast:
    """The simulated forecast: seasonal around the city's mean, varied by a stable hash of (city, day)."""
    digest = hashlib.sha256(f"{city.name}|{day.isoformat()}".encode()).digest()
    season = math.cos(2 * math.pi * (day.timetuple().tm_yday - 200) / 365.25)
    mean = city.mean_c + (-season if city.southern else season) * city.swing_c
    high = round(mean + 4 + (digest[0] % 9) - 4)
    low = high - 5 - digest[1] % 6
    rain_chance = min(95, round(city.wet * 100 * (0.3 + digest[2] / 255 * 1.2)))
    if rain_chance >= 60:
        condition = "snow" if high <= 1 else ("thunderstorms" if high >= 24 and digest[3] % 3 == 0 else "rain")
    elif rain_chance >= 40:
        condition = "light rain" if high > 1 else "snow"
    else:
        condition = ("sunny", "partly cloudy", "cloudy", "windy", "foggy", "sunny")[digest[4] % 6]
    wind = 30 + digest[5] % 25 if condition in ("windy", "thunderstorms") else 3 + digest[5] % 22
    humidity = min(98, 35 + rain_chance // 2 + digest[6] % 20 + (15 if condition == "foggy" else 0))
    least, spread = _AMOUNTS.get(condition, (0, 1))
    amount = least + digest[7] % spread if condition in WET else 0
    return Forecast(city.name, day, condition, high, low, rain_chance, wind, humidity, amount)
