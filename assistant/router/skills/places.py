"""A known city's name followed by another place ("paris texas", "london ontario"): not the city in the table.

The tagger finds "paris" in "what's the weather in paris texas"; answering for Paris, France would be an answer about
the wrong place, said as if it were right. The words after the city are checked against the states, provinces and
countries people add to tell towns of one name apart; the city's own ("paris france") is fine.
"""

from __future__ import annotations

import re

from assistant.router.skills.cities import City
from assistant.router.skills.countries import COUNTRIES

_STATES = [
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
    "alberta",
    "manitoba",
    "quebec",
    "ontario",
    "saskatchewan",
    "yukon",
    "queensland",
    "tasmania",
    "victoria",
]
_TWO_WORDS = (
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "british columbia",
    "nova scotia",
    "new brunswick",
    "new south wales",
    "western australia",
    "south australia",
)
#: Other names of a country, as said after a city ("london uk").
_COUNTRY_WORDS = {
    "the United Kingdom": ("uk", "england", "britain", "great britain", "united kingdom", "scotland", "wales"),
    "the United States": ("usa", "america", "united states", "the us", "the usa"),
    "the United Arab Emirates": ("uae", "united arab emirates", "the emirates"),
}
_COUNTRIES = {name.casefold().removeprefix("the "): name for name in COUNTRIES}
_PLACES = {*_STATES, *_TWO_WORDS, *_COUNTRIES} | {w for words in _COUNTRY_WORDS.values() for w in words}
_LONGEST = max(len(place.split()) for place in _PLACES)


def other_place(text: str, city: City) -> str | None:
    """The place ``text`` names right after ``city``'s name when it is not the city's own ("Texas" in "paris
    texas"), else None."""
    words = re.findall(r"[a-z]+", text.casefold())
    name = re.findall(r"[a-z]+", city.name.casefold())
    for start in range(len(words) - len(name) + 1):
        if words[start : start + len(name)] != name:
            continue
        after = words[start + len(name) :]
        for size in range(min(_LONGEST, len(after)), 0, -1):
            said = " ".join(after[:size])
            if said in _PLACES and not _own(said, city):
                return _spoken(said)
    return None


def _own(said: str, city: City) -> bool:
    """Whether ``said`` names the city's own state or country ("paris france", "seattle washington")."""
    country = city.country.casefold().removeprefix("the ")
    return said in (city.region.casefold(), country) or said in _COUNTRY_WORDS.get(city.country, ())


def _spoken(said: str) -> str:
    if said in _COUNTRIES:
        return _COUNTRIES[said]
    short = {"uk": "the UK", "usa": "the USA", "uae": "the UAE", "the us": "the US", "the usa": "the USA"}
    return short.get(said, said.title())


def city_in_own_place(value: str, city: City) -> bool:
    """Whether a tagged city value is ``city``'s name and then its own state or country ("paris france")."""
    words = re.findall(r"[a-z]+", value.casefold())
    name = re.findall(r"[a-z]+", city.name.casefold())
    rest = " ".join(words[len(name) :])
    return words[: len(name)] == name and bool(rest) and _own(rest.removeprefix("in "), city)
