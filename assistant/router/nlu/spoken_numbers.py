"""Numbers as people say them ("twenty five", "3.5", "a hundred and ten", "21st", "二十五") turned into values.

A pure table-driven parser: slot normalisation, durations and times all build on it, and both NLU engines share it.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINALS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}
_ARTICLES = {"a": 1, "an": 1, "a couple of": 2, "a dozen": 12, "half a dozen": 6, "a few": 3}
_DIGITS = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_DIGIT_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_SCALES = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}


def _ordinal_to_cardinal(word: str) -> str:
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word.endswith("ieth"):
        return word[:-4] + "y"
    if word.endswith("th") and word[:-2] in {**_UNITS, **_TENS, **_SCALES}:
        return word[:-2]
    return word


def number_words() -> frozenset[str]:
    """Every word a spoken number is made of: "seven", "forty", "hundred", and their ordinals ("fifth",
    "fortieth"). Speech-to-text writes numbers so; they are as much a number as "7"."""
    irregular = {*_ORDINALS.values(), "zero", "oh"}  # "third", not "threeth"
    regular = {w + "th" for w in (*_UNITS, *_SCALES) if w not in irregular}
    return frozenset({*_UNITS, *_TENS, *_SCALES, *_ORDINALS, *regular, *(w[:-1] + "ieth" for w in _TENS)})


def parse_words(text: str) -> int | None:
    """English number words ("one hundred and twenty three", "twenty-first") -> int, else None."""
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    seen = False
    for raw in words:
        word = _ordinal_to_cardinal(raw)
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_chinese(text: str) -> int | None:
    """Chinese numerals ("二十五", "一百零八", "两千", "十") -> int, else None."""
    if not text or any(ch not in _ZH_DIGITS and ch not in _ZH_SCALES for ch in text):
        return None
    if all(ch in _ZH_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(_ZH_DIGITS[ch]) for ch in text))  # digit by digit: "二零二四"
    total = section = digit = 0
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif _ZH_SCALES[ch] >= 10_000:
            total += (section + digit) * _ZH_SCALES[ch]
            section = digit = 0
        else:
            section += max(digit, 1) * _ZH_SCALES[ch]
            digit = 0
    return total + section + digit


def clean(raw: str) -> str:
    """Lower case, single spaces, no edge punctuation: the form every table is keyed on."""
    return " ".join(raw.lower().replace("’", "'").split()).strip(" .,!?;:")


def parse_number(text: str) -> int | float | None:
    """A spoken or written number -> int (or float for decimals), else None.

    Accepts digits ("25", "3.5", "1,000", "-4"), ordinals ("21st", "third"), words ("twenty five",
    "a hundred"), "a"/"an"/"a dozen", "two point five", and Chinese numerals.
    """
    cleaned = " ".join(text.lower().strip().split())
    if not cleaned:
        return None
    if _DIGITS.match(cleaned):
        value = float(cleaned.replace(",", ""))
        return int(value) if "." not in cleaned else value
    ordinal = _DIGIT_ORDINAL.match(cleaned)
    if ordinal:
        return int(ordinal.group(1))
    if cleaned in _ARTICLES:
        return _ARTICLES[cleaned]
    if " point " in f" {cleaned} ":
        whole, _, fraction = cleaned.partition(" point ")
        whole_value = parse_words(whole) if whole else 0
        digits = [parse_words(w) for w in fraction.split()]
        if whole_value is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        return float(f"{whole_value}.{''.join(str(d) for d in digits)}")
    words = cleaned.removeprefix("a ").removeprefix("an ") if cleaned.split()[-1] in _SCALES else cleaned
    spoken = parse_words(words)
    if spoken is not None:
        return spoken
    return parse_chinese(cleaned.replace(" ", ""))
