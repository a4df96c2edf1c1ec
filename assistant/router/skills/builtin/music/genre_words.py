"""Common music genres as people say them, so a genre the catalogue lacks is said back as a genre.

"play hip hop" must not become "no music by hip hop" (the words read as an artist's name) nor a random song: the
handler asks :func:`genre_said` about words the catalogue did not find, and answers that the library has no hip hop
and which genres it does have. These words are read from the text, never listed as slot values: a long list of
values the catalogue cannot play would dilute the speech grammar and make the NLU expect them.
"""

from __future__ import annotations

import re

#: How each genre is said back, by the ways people say it (normalised: lower case, hyphens as spaces, "&" as "and").
_GENRES: dict[str, tuple[str, ...]] = {
    "hip hop": ("hip hop", "hiphop", "hip hop music"),
    "rap": ("rap", "rap music"),
    "country music": ("country", "country music", "country western", "country and western"),
    "heavy metal": ("heavy metal", "metal", "metal music"),
    "death metal": ("death metal",),
    "black metal": ("black metal",),
    "thrash metal": ("thrash metal",),
    "punk": ("punk", "punk rock"),
    "blues": ("blues", "the blues", "blues music"),
    "reggae": ("reggae",),
    "reggaeton": ("reggaeton",),
    "electronic music": ("electronic", "electronica", "edm", "electronic dance music"),
    "techno": ("techno",),
    "house music": ("house", "house music", "deep house"),
    "trance": ("trance",),
    "dubstep": ("dubstep",),
    "drum and bass": ("drum and bass", "drum n bass"),
    "dance music": ("dance", "dance music"),
    "disco": ("disco",),
    "funk": ("funk",),
    "soul": ("soul", "soul music", "motown"),
    "R and B": ("r and b", "r n b", "rnb", "rhythm and blues"),
    "gospel": ("gospel", "gospel music", "christian music", "worship music"),
    "folk music": ("folk", "folk music"),
    "bluegrass": ("bluegrass",),
    "latin music": ("latin", "latin music"),
    "salsa": ("salsa",),
    "bossa nova": ("bossa nova",),
    "K-pop": ("k pop", "kpop", "korean pop"),
    "J-pop": ("j pop", "jpop", "japanese pop"),
    "indie music": ("indie", "indie rock", "indie pop"),
    "alternative rock": ("alternative", "alternative rock", "alt rock"),
    "grunge": ("grunge",),
    "emo": ("emo",),
    "ska": ("ska",),
    "opera": ("opera", "operas"),
    "lo-fi": ("lo fi", "lofi", "lo fi beats", "lofi beats", "lofi hip hop", "lo fi hip hop"),
    "ambient music": ("ambient", "ambient music"),
    "new age music": ("new age",),
    "Christmas music": ("christmas", "christmas music", "christmas songs", "holiday music", "christmas carols"),
    "children's music": ("kids music", "kids songs", "children's music", "children's songs", "nursery rhymes"),
    "soundtracks": ("soundtrack", "soundtracks", "movie music", "film music", "film scores"),
}
_SAID = {said: spoken for spoken, ways in _GENRES.items() for said in ways}
#: Words around a genre that name nothing ("music" is not one: it is part of some names, and tried both ways).
_AROUND = frozenset({"some", "any", "the", "a", "bit", "of", "little", "more", "good", "songs", "song", "tunes",
                     "please", "by", "genre", "style", "kind", "type", "stuff"})  # fmt: skip


def _words(text: str) -> list[str]:
    text = text.lower().replace("&", " and ").replace("-", " ")
    return re.findall(r"[a-z0-9']+", text)


def genre_said(text: object) -> str | None:
    """The genre the words are, as a reply says it ("hip-hop music" -> "hip hop", "some country" -> "country
    music"); None when they are anything more (a name, a sentence) or not a genre at all."""
    if not isinstance(text, str):
        return None
    words = _words(text)
    while words and words[0] in _AROUND:
        words.pop(0)
    while words and words[-1] in _AROUND:
        words.pop()
    phrase = " ".join(words)
    if phrase in _SAID:
        return _SAID[phrase]
    if words and words[-1] == "music":
        return _SAID.get(" ".join(words[:-1]))
    return None
