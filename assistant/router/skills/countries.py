"""Countries the date-and-time skill knows: the one time zone most of each keeps, or none when it spans several.

"What time zone is Japan in" has one answer; "what time zone is Canada in" has six, and the honest reply names
that and asks for a city. Keyed by the canonical name used as the ``country`` slot value in the date-time manifest
(a test checks that every country it lists is here).
"""

from __future__ import annotations

#: Country -> IANA zone, or None for a country with several zones.
COUNTRIES: dict[str, str | None] = {
    "Japan": "Asia/Tokyo",
    "China": "Asia/Shanghai",
    "South Korea": "Asia/Seoul",
    "India": "Asia/Kolkata",
    "Thailand": "Asia/Bangkok",
    "Vietnam": "Asia/Ho_Chi_Minh",
    "the Philippines": "Asia/Manila",
    "Israel": "Asia/Jerusalem",
    "Turkey": "Europe/Istanbul",
    "Egypt": "Africa/Cairo",
    "Kenya": "Africa/Nairobi",
    "Nigeria": "Africa/Lagos",
    "South Africa": "Africa/Johannesburg",
    "the United Kingdom": "Europe/London",
    "Ireland": "Europe/Dublin",
    "Portugal": "Europe/Lisbon",
    "Spain": "Europe/Madrid",
    "France": "Europe/Paris",
    "Germany": "Europe/Berlin",
    "Italy": "Europe/Rome",
    "the Netherlands": "Europe/Amsterdam",
    "Belgium": "Europe/Brussels",
    "Switzerland": "Europe/Zurich",
    "Austria": "Europe/Vienna",
    "Poland": "Europe/Warsaw",
    "Sweden": "Europe/Stockholm",
    "Norway": "Europe/Oslo",
    "Denmark": "Europe/Copenhagen",
    "Finland": "Europe/Helsinki",
    "Greece": "Europe/Athens",
    "Ukraine": "Europe/Kyiv",
    "Cuba": "America/Havana",
    "Jamaica": "America/Jamaica",
    "Colombia": "America/Bogota",
    "Peru": "America/Lima",
    "Argentina": "America/Argentina/Buenos_Aires",
    "Chile": "America/Santiago",
    "New Zealand": "Pacific/Auckland",
    "the United States": None,
    "Canada": None,
    "Mexico": None,
    "Brazil": None,
    "Russia": None,
    "Australia": None,
    "Indonesia": None,
}


#: What a country's people or language are called, said for the country ("japanese time", "the french time zone").
_DEMONYMS = {
    "japanese": "Japan", "chinese": "China", "korean": "South Korea", "south korean": "South Korea",
    "indian": "India", "thai": "Thailand", "vietnamese": "Vietnam", "filipino": "the Philippines",
    "israeli": "Israel", "turkish": "Turkey", "egyptian": "Egypt", "kenyan": "Kenya", "nigerian": "Nigeria",
    "south african": "South Africa", "british": "the United Kingdom", "english": "the United Kingdom",
    "irish": "Ireland", "portuguese": "Portugal", "spanish": "Spain", "french": "France", "german": "Germany",
    "italian": "Italy", "dutch": "the Netherlands", "belgian": "Belgium", "swiss": "Switzerland",
    "austrian": "Austria", "polish": "Poland", "swedish": "Sweden", "norwegian": "Norway", "danish": "Denmark",
    "finnish": "Finland", "greek": "Greece", "ukrainian": "Ukraine", "cuban": "Cuba", "jamaican": "Jamaica",
    "colombian": "Colombia", "peruvian": "Peru", "argentinian": "Argentina", "argentine": "Argentina",
    "chilean": "Chile", "new zealand": "New Zealand", "american": "the United States", "canadian": "Canada",
    "mexican": "Mexico", "brazilian": "Brazil", "russian": "Russia", "australian": "Australia",
    "indonesian": "Indonesia",
}  # fmt: skip
_BY_NAME = {name.casefold(): name for name in COUNTRIES} | _DEMONYMS


def find_country(value: object) -> str | None:
    """The country a slot value names (case-insensitive, as ``cities.find_city``), or None."""
    return _BY_NAME.get(" ".join(value.split()).casefold()) if isinstance(value, str) else None
