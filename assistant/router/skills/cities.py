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
    country: str = ""
    """The country, as ``countries.COUNTRIES`` names it ("France", "the United States")."""
    region: str = ""
    """The state or province where people name it after the city ("Illinois": "Chicago, Illinois")."""
    swing_c: float = 9.0
    """How far the season moves the mean temperature, in °C (little near the equator)."""

    @property
    def where(self) -> str:
        """The city as said to tell it from others of its name: "Paris, France", "Chicago, Illinois"."""
        return f"{self.name}, {self.region or self.country.removeprefix('the ')}"


CITIES: dict[str, City] = {
    c.name: c
    for c in (
        City("Beijing", "Asia/Shanghai", 13.0, 0.25, 39.9, 116.4, country="China"),
        City("Shanghai", "Asia/Shanghai", 17.0, 0.45, 31.2, 121.5, country="China"),
        City("Shenzhen", "Asia/Shanghai", 23.0, 0.5, 22.5, 114.1, country="China"),
        City("Hong Kong", "Asia/Hong_Kong", 23.0, 0.5, 22.3, 114.2, country="China"),
        City("Tokyo", "Asia/Tokyo", 16.0, 0.45, 35.7, 139.7, country="Japan"),
        City("Seoul", "Asia/Seoul", 13.0, 0.35, 37.6, 127.0, country="South Korea"),
        City("Singapore", "Asia/Singapore", 27.5, 0.6, 1.35, 103.8, country="Singapore"),
        City(
            "Sydney",
            "Australia/Sydney",
            18.0,
            0.35,
            -33.9,
            151.2,
            southern=True,
            country="Australia",
            region="New South Wales",
        ),
        City("Delhi", "Asia/Kolkata", 25.0, 0.2, 28.6, 77.2, country="India"),
        City("Dubai", "Asia/Dubai", 28.0, 0.05, 25.2, 55.3, country="the United Arab Emirates"),
        City("Moscow", "Europe/Moscow", 6.0, 0.4, 55.75, 37.6, country="Russia"),
        City("Berlin", "Europe/Berlin", 10.0, 0.4, 52.5, 13.4, country="Germany"),
        City("Paris", "Europe/Paris", 12.5, 0.4, 48.85, 2.35, country="France"),
        City("London", "Europe/London", 11.5, 0.5, 51.5, -0.13, country="the United Kingdom", region="England"),
        City("Madrid", "Europe/Madrid", 15.0, 0.2, 40.4, -3.7, country="Spain"),
        City("Rome", "Europe/Rome", 15.5, 0.3, 41.9, 12.5, country="Italy"),
        City("New York", "America/New_York", 13.0, 0.35, 40.7, -74.0, country="the United States", region="New York"),
        City("Chicago", "America/Chicago", 10.0, 0.35, 41.9, -87.6, country="the United States", region="Illinois"),
        City(
            "Los Angeles",
            "America/Los_Angeles",
            18.5,
            0.1,
            34.05,
            -118.25,
            country="the United States",
            region="California",
        ),
        City(
            "San Francisco",
            "America/Los_Angeles",
            14.5,
            0.25,
            37.8,
            -122.4,
            country="the United States",
            region="California",
        ),
        City(
            "Seattle", "America/Los_Angeles", 11.5, 0.55, 47.6, -122.3, country="the United States", region="Washington"
        ),
        City("Toronto", "America/Toronto", 8.0, 0.35, 43.7, -79.4, country="Canada", region="Ontario"),
        City("Mexico City", "America/Mexico_City", 16.5, 0.35, 19.4, -99.1, country="Mexico"),
        City("Sao Paulo", "America/Sao_Paulo", 19.5, 0.45, -23.55, -46.6, southern=True, country="Brazil"),
        City("Cairo", "Africa/Cairo", 22.0, 0.02, 30.0, 31.2, country="Egypt"),
        # Very large cities, so "Mumbai" is not "no forecast"; near the equator the seasons barely move the mean.
        City("Mumbai", "Asia/Kolkata", 27.5, 0.4, 19.08, 72.88, country="India", swing_c=2.0),
        City("Kolkata", "Asia/Kolkata", 26.5, 0.4, 22.57, 88.36, country="India", swing_c=4.0),
        City("Chennai", "Asia/Kolkata", 28.5, 0.3, 13.08, 80.27, country="India", swing_c=2.5),
        City("Karachi", "Asia/Karachi", 26.0, 0.05, 24.86, 67.0, country="Pakistan", swing_c=5.0),
        City("Lahore", "Asia/Karachi", 24.5, 0.2, 31.55, 74.34, country="Pakistan", swing_c=8.0),
        City("Dhaka", "Asia/Dhaka", 26.0, 0.5, 23.81, 90.41, country="Bangladesh", swing_c=4.0),
        City("Manila", "Asia/Manila", 27.5, 0.5, 14.6, 120.98, country="the Philippines", swing_c=1.5),
        City("Jakarta", "Asia/Jakarta", 27.5, 0.6, -6.2, 106.85, southern=True, country="Indonesia", swing_c=0.5),
        City("Guangzhou", "Asia/Shanghai", 22.5, 0.5, 23.13, 113.26, country="China", swing_c=7.0),
        City("Osaka", "Asia/Tokyo", 17.0, 0.4, 34.69, 135.5, country="Japan"),
        City("Istanbul", "Europe/Istanbul", 14.5, 0.35, 41.01, 28.98, country="Turkey", swing_c=8.0),
        City("Tehran", "Asia/Tehran", 18.0, 0.1, 35.69, 51.39, country="Iran", swing_c=12.0),
        City("Lagos", "Africa/Lagos", 27.0, 0.45, 6.52, 3.38, country="Nigeria", swing_c=1.5),
        City("Kinshasa", "Africa/Kinshasa", 25.5, 0.45, -4.32, 15.31, southern=True, country="Congo", swing_c=1.5),
        City("Johannesburg", "Africa/Johannesburg", 16.0, 0.25, -26.2, 28.05, southern=True, country="South Africa"),
        City("Nairobi", "Africa/Nairobi", 18.0, 0.3, -1.29, 36.82, southern=True, country="Kenya", swing_c=1.5),
        City(
            "Buenos Aires",
            "America/Argentina/Buenos_Aires",
            18.0,
            0.3,
            -34.6,
            -58.38,
            southern=True,
            country="Argentina",
        ),
        City(
            "Rio de Janeiro",
            "America/Sao_Paulo",
            24.0,
            0.35,
            -22.9,
            -43.2,
            southern=True,
            country="Brazil",
            swing_c=3.0,
        ),
        City("Lima", "America/Lima", 19.5, 0.02, -12.05, -77.04, southern=True, country="Peru", swing_c=3.5),
        City("Bogota", "America/Bogota", 14.0, 0.5, 4.71, -74.07, country="Colombia", swing_c=0.5),
    )
}


#: Other names people use for a listed city (an open slot passes them through as said).
ALIASES = {
    "bombay": "Mumbai",
    "calcutta": "Kolkata",
    "madras": "Chennai",
    "new delhi": "Delhi",
    "rio": "Rio de Janeiro",
    "bogotá": "Bogota",
    "são paulo": "Sao Paulo",
}


def find_city(value: object) -> City | None:
    """The city a slot value names (case-insensitive, or one of its ``ALIASES``), or None."""
    if not isinstance(value, str):
        return None
    wanted = " ".join(value.split()).casefold()
    wanted = ALIASES.get(wanted, wanted).casefold()
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
