"""The cities the built-in skills know: time zone, place on the globe and a rough climate for the simulated forecast.

Keyed by the canonical name used as the slot value in the weather and date-time manifests (a test checks
that every city those manifests list is here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    timezone: str
    """IANA zone name."""
    mean_c: float
    """A yearly mean temperature in °C (the simulated forecast varies around it)."""
    wet: float
    """0..1, how rainy the place tends to be."""
    latitude: float
    """Degrees north (negative: south), for the sun's times."""
    longitude: float
    """Degrees east (negative: west)."""
    southern: bool = False
    """Seasons are reversed south of the equator."""


CITIES: dict[str, City] = {
    c.name: c
    for c in (
        City("Beijing", "Asia/Shanghai", 13.0, 0.25, 39.9, 116.4),
        City("Shanghai", "Asia/Shanghai", 17.0, 0.45, 31.2, 121.5),
        City("Shenzhen", "Asia/Shanghai", 23.0, 0.5, 22.5, 114.1),
        City("Hong Kong", "Asia/Hong_Kong", 23.0, 0.5, 22.3, 114.2),
        City("Tokyo", "Asia/Tokyo", 16.0, 0.45, 35.7, 139.7),
        City("Seoul", "Asia/Seoul", 13.0, 0.35, 37.6, 127.0),
        City("Singapore", "Asia/Singapore", 27.5, 0.6, 1.35, 103.8),
        City("Sydney", "Australia/Sydney", 18.0, 0.35, -33.9, 151.2, southern=True),
        City("Delhi", "Asia/Kolkata", 25.0, 0.2, 28.6, 77.2),
        City("Dubai", "Asia/Dubai", 28.0, 0.05, 25.2, 55.3),
        City("Moscow", "Europe/Moscow", 6.0, 0.4, 55.75, 37.6),
        City("Berlin", "Europe/Berlin", 10.0, 0.4, 52.5, 13.4),
        City("Paris", "Europe/Paris", 12.5, 0.4, 48.85, 2.35),
        City("London", "Europe/London", 11.5, 0.5, 51.5, -0.13),
        City("Madrid", "Europe/Madrid", 15.0, 0.2, 40.4, -3.7),
        City("Rome", "Europe/Rome", 15.5, 0.3, 41.9, 12.5),
        City("New York", "America/New_York", 13.0, 0.35, 40.7, -74.0),
        City("Chicago", "America/Chicago", 10.0, 0.35, 41.9, -87.6),
        City("Los Angeles", "America/Los_Angeles", 18.5, 0.1, 34.05, -118.25),
        City("San Francisco", "America/Los_Angeles", 14.5, 0.25, 37.8, -122.4),
        City("Seattle", "America/Los_Angeles", 11.5, 0.55, 47.6, -122.3),
        City("Toronto", "America/Toronto", 8.0, 0.35, 43.7, -79.4),
        City("Mexico City", "America/Mexico_City", 16.5, 0.35, 19.4, -99.1),
        City("Sao Paulo", "America/Sao_Paulo", 19.5, 0.45, -23.55, -46.6, southern=True),
        City("Cairo", "Africa/Cairo", 22.0, 0.02, 30.0, 31.2),
    )
}


def find_city(value: object) -> City | None:
    """The city a slot value names (case-insensitive), or None."""
    if not isinstance(value, str):
        return None
    wanted = " ".join(value.split()).casefold()
    for city in CITIES.values():
        if city.name.casefold() == wanted:
            return city
    return None


def cities_in(text: str) -> list[City]:
    """The known cities ``text`` names, in the order said ("between Paris and Tokyo": Paris, Tokyo)."""
    said = f" {' '.join(re.findall(r'[a-z]+', text.casefold()))} "
    found = [(said.find(f" {key} "), city) for city in CITIES.values() for key in [_key(city.name)]]
    return [city for at, city in sorted(found, key=lambda pair: pair[0]) if at >= 0]


def _key(name: str) -> str:
    return " ".join(re.findall(r"[a-z]+", name.casefold()))
