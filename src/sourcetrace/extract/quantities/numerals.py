"""Reading numbers: digits in German and English notation, and number words (through text2num).

Digits: the language's own notation first (German ``10.000`` and ``1,5``; English ``10,000`` and ``1.5``),
the other notation where it cannot be the own one. A separator followed by exactly three digits groups
thousands when it is the language's thousands separator (``10.000`` in German), or when the three digits are
``000`` (``10,000`` in German text); otherwise it is the decimal mark (``42,195``; ``1.5`` in German text).
Apostrophes and (thin) spaces always group thousands (Swiss ``10'000``, ``10 000``). With both ``.`` and
``,``, the last one is the decimal mark (``1.234,5``, ``1,234.5``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

THOUSANDS_SEPARATOR = {"de": ".", "en": ","}
GROUPING = "'’\u00a0\u202f\u2009 "

# a number written with digits: grouped thousands (10.000, 10'000) or plain, with an optional decimal part
DIGITS = r"\d{1,3}(?:[.,'’\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
# a chunk of text without white space that starts with a number: currency sign, number, glued suffix
CHUNK_RE = re.compile(
    rf"(?P<cur>US\$|[$€£¥])?(?P<sign>[-−])?(?P<num>{DIGITS})"
    rf"(?:(?P<dash>[-–—])(?P<num2>{DIGITS}))?(?P<suffix>[^\W\d_]+\.?|%|‰|°[CF]?|²)?"
)

# word stems that may make up a German number word; only tokens containing one go to text2num
_DE_STEMS = re.compile(
    r"eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|ßig|ssig|"
    r"hundert|tausend|million|milliard"
)
_EN_WORDS = frozenset(
    {
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
        *("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"),
        *("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
        *("hundred", "thousand", "million", "billion", "trillion"),
    }
)


def parse_digits(text: str, lang: str) -> float | None:
    """``10.000`` → 10000.0 (de), ``3,5`` → 3.5, ``10,000`` → 10000.0 (en); None when it is no number."""
    s = text
    for ch in GROUPING:
        s = s.replace(ch, "")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        grouping = "," if decimal == "." else "."
        head, _, tail = s.rpartition(decimal)
        if not all(len(g) == 3 for g in head.split(grouping)[1:]):
            return None
        s = head.replace(grouping, "") + "." + tail
    elif dots or commas:
        sep = "." if dots else ","
        parts = s.split(sep)
        if len(parts) > 2:
            if not all(len(p) == 3 for p in parts[1:]):
                return None
            s = "".join(parts)
        else:
            whole, frac = parts
            thousands = (
                len(frac) == 3
                and whole != "0"
                and (sep == THOUSANDS_SEPARATOR.get(lang, ",") or frac == "000")
            )
            s = whole + frac if thousands else whole + "." + frac
    try:
        return float(s)
    except ValueError:
        return None


def may_be_number_word(word: str, lang: str) -> bool:
    low = word.lower()
    if not low.isalpha():
        return False
    if lang == "de":
        return _DE_STEMS.search(low) is not None
    return low in _EN_WORDS


@lru_cache(maxsize=4096)
def word_value(words: str, lang: str) -> float | None:
    """The value of number words (``dreihundertzwanzig``, ``twenty-one``, ``two million``), or None."""
    try:
        return float(text2num(words.lower(), lang))
    except (ValueError, TypeError, AssertionError, IndexError):
        return None
