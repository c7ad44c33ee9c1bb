"""The word lists the time rules are built from (``data/lexicon.<lang>.tsv``): month and weekday names, number
words, units, cue words. Each category becomes a regex alternation for the rules and a lookup table for the
normalization functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The lookup key of a matched form: lower case, single spaces, no soft hyphens."""
    if text.isalnum():
        return text.lower()
    return _SPACES.sub(" ", text.replace("\u00ad", "")).strip().lower()


def string_of(strings, key: int) -> str:
    """The text of a hash in a spaCy StringStore, or "" when the store does not know it."""
    try:
        return strings[key]
    except KeyError:
        return ""


@dataclass
class Lexicon:
    lang: str
    categories: dict[str, dict[str, str]] = field(default_factory=dict)

    def alternation(self, category: str) -> str:
        """A regex alternation of the category's forms, longest first (spaces match any whitespace)."""
        forms = self.categories.get(category)
        if not forms:
            raise KeyError(f"lexicon {self.lang}: no category {category!r}")
        ordered = sorted(forms, key=len, reverse=True)
        return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)

    def value(self, category: str, text: str) -> str | None:
        return self.categories.get(category, {}).get(fold(text))

    def words(self, category: str) -> frozenset[str]:
        return frozenset(self.categories.get(category, {}))


def parse_lexicon(text: str, lang: str) -> Lexicon:
    lexicon = Lexicon(lang)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3:
            raise ValueError(f"lexicon.{lang}.tsv line {number}: expected 3 tab-separated fields: {line!r}")
        category, form, value = (part.strip() for part in parts)
        lexicon.categories.setdefault(category, {})[fold(form)] = value
    return lexicon


@cache
def load_lexicon(lang: str) -> Lexicon:
    path = DATA_DIR / f"lexicon.{lang}.tsv"
    return parse_lexicon(path.read_text(encoding="utf-8"), lang)


def parse_number(text: str, lexicon: Lexicon) -> float | None:
    """A number written in digits or words: ``12``, ``1,5``, ``2 1/2``, ``fünfundzwanzig``, ``twenty-five``."""
    key = fold(text)
    if not key:
        return None
    digits = key.replace(" ", "")
    if re.fullmatch(r"\d+", digits):
        return float(digits)
    if re.fullmatch(r"\d+[.,]\d+", digits):
        return float(digits.replace(",", "."))
    fraction = re.fullmatch(r"(\d+)\s*(?:and\s+)?(\d)/(\d)", key)
    if fraction:
        return int(fraction.group(1)) + int(fraction.group(2)) / int(fraction.group(3))
    direct = lexicon.value("number", key)
    if direct is not None:
        return float(direct)
    return _compound_number(key, lexicon)


def _compound_number(key: str, lexicon: Lexicon) -> float | None:
    words = lexicon.categories.get("number", {})
    # German: "fünfundzwanzig", "zweihundert", "dreitausend"; English: "twenty-five", "two hundred"
    for multiplier_word, multiplier in (
        ("tausend", 1000),
        ("thousand", 1000),
        ("hundert", 100),
        ("hundred", 100),
    ):
        if multiplier_word in key:
            left, _, right = key.partition(multiplier_word)
            left_value = _compound_number(left.strip(" -"), lexicon) if left.strip(" -") else 1.0
            right_text = right.strip(" -").removeprefix("and ").removeprefix("und")
            right_value = _compound_number(right_text, lexicon) if right_text else 0.0
            if left_value is None or right_value is None:
                return None
            return left_value * multiplier + right_value
    if key in words:
        return float(words[key])
    if "und" in key:
        unit, _, tens = key.partition("und")
        if unit in words and tens in words:
            return float(words[unit]) + float(words[tens])
    parts = re.split(r"[\s-]+", key)
    if len(parts) == 2 and all(part in words for part in parts):
        return float(words[parts[0]]) + float(words[parts[1]])
    return None


def calendar_words(langs: tuple[str, ...] = ("de", "en")) -> frozenset[str]:
    """Month and weekday names of the languages, lower case ("mai", "may", "montag", "jänner", "sept.")."""
    return frozenset().union(*(load_lexicon(lang).words(c) for lang in langs for c in ("month", "weekday")))
