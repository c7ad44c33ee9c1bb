"""Finding quantity claims in a Doc: the number, its scale, unit, range and hedge.

The scanner walks the tokens once. At each token it tries to read a *core* (a number in digits or words,
a vague count word, a share), drops cores that are dates, years, clock times, durations or labels, then
extends the core by a unit, the second half of a range and a hedge on either side. What is counted is
looked up afterwards (``counted``), because an elliptic number borrows it from the one before it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.tokens import Doc

from sourcetrace.extract.quantities.annotations import Annotations
from sourcetrace.extract.quantities.lexicon import Lexicon, Unit, load
from sourcetrace.extract.quantities.numerals import CHUNK_RE, may_be_number_word, parse_digits, word_value

CURRENCY_SIGNS = ("US$", "$", "€", "£", "¥")
CURRENCY_SIGNS_LOWER = tuple(sign.lower() for sign in CURRENCY_SIGNS)
CLOSING = frozenset("\"'“”„‚‘’»«")
SHARE = Unit("%", "percent")
DATE = Unit("date", "clock")
YEAR_MIN, YEAR_MAX = 1000, 2100
CHANGE_FROM = ("from", "by", "um")  # a number after these and before to/bis is a change, not a range


@dataclass
class Core:
    """A number before unit, range and hedge are known: token span [start, end) and its value."""

    start: int
    end: int
    value: float
    vague: bool = False
    share: bool = False  # a fraction or ratio, value in percent
    unit: Unit | None = None
    scale: float = 1.0  # the scale word applied (Millionen → 1e6, bn → 1e9), 1 when none
    plain: bool = False  # digits only, no separator, sign, suffix or scale: may be a year or a day
    ranged: bool = False  # a range in one chunk (10-20, 10.000–15.000)


@dataclass
class Found:
    """A quantity claim before ``what`` is known."""

    start: int
    end: int
    value: float
    hedge: str
    unit: Unit | None
    share: bool
    scaled: bool
    number: tuple[int, int]  # the tokens of the number itself; a unit may reach into a time (km pro Stunde)


@dataclass
class _Shared:
    """What all scans of one language share: lexicon, stop words and the cache of trigger words."""

    lex: Lexicon
    stop_words: frozenset[str]
    triggers: dict[int, bool]


@cache
def _shared(lang: str) -> _Shared:
    return _Shared(load(lang), frozenset(spacy.util.get_lang_class(lang).Defaults.stop_words), {})


class Scanner:
    """Scans one Doc (it keeps the Doc's state while it does: make one per Doc)."""

    def __init__(self, lang: str):
        shared = _shared(lang)
        self.lang = lang
        self.lex: Lexicon = shared.lex
        self.stop_words = shared.stop_words
        self._triggers = shared.triggers

    # --- entry point -------------------------------------------------------------------------------------

    def scan(self, doc: Doc, blocked: set[int]) -> list[Found]:
        self.doc = doc
        self.text = doc.text
        self.annotations = Annotations.of(doc)
        offsets = _Offsets(doc)
        self.ends = offsets.ends  # char offset → index after the token ending there
        self.starts = offsets.starts  # char offset → index of the token starting there
        self.lows = _LowerForms(doc)
        lower_ids = self.lows.ids
        found: list[Found] = []
        i, n = 0, len(doc)
        while i < n:
            if i in blocked or not self._trigger(lower_ids[i]):
                i += 1
                continue
            hit = self._quantity_at(i)
            if hit is None or any(k in blocked for k in range(*hit.number)):
                i += 1
                continue
            found.append(hit)
            i = hit.end
        return found

    # --- a quantity at token i ---------------------------------------------------------------------------

    def _quantity_at(self, i: int) -> Found | None:
        core = self._core(i)
        if core is None or self._not_a_quantity(core) or self._compound(core.end):
            return None
        end = core.end
        unit = core.unit
        if unit is None:
            unit, end = self._unit_after(end, core)
            if unit is not None and unit.kind in ("duration", "clock"):
                return None
        if unit is None and not core.share and not core.vague:
            shared = self._shared_unit(end)
            if shared is not None:
                if shared.kind in ("duration", "clock"):
                    return None  # zwölf oder 18 Monate, 23 oder 24 Jahre alt
                unit = shared  # von 20 auf 16 Prozent, 1,6 statt 1,3 Prozent
        if core.share and unit is None:
            unit = SHARE
        # a range: 10 bis 20, zwischen 10 und 20, 10 to 20, 10-20
        start = core.start
        ranged = core.ranged
        second = self._range_end(core, end, unit)
        if second is not None:
            core2, end2 = second
            if core2.unit is None:
                unit2, end2 = self._unit_after(end2, core2)
                if unit2 is not None and unit2.kind in ("duration", "clock"):
                    return None
                core2.unit = unit2
            if core2.scale > 1 and core.scale == 1 and core.value < core2.value:
                core.value *= core2.scale  # zwei bis drei Millionen
                core.scale = core2.scale
            if unit is None:
                unit = core2.unit
            end = end2
            ranged = True
            if start > 0 and self.lex.is_(self.doc[start - 1].text, "between"):
                start -= 1
        hedge = None
        post = self._post_hedge(end)
        if post is not None:
            hedge, end = post
        pre = self._pre_hedge(start)
        if pre is not None:
            hedge, start = pre
        if core.vague:
            hedge = "vague"
        elif hedge is None:
            hedge = "at_least" if ranged else "exact"
        return Found(start, end, core.value, hedge, unit, core.share, core.scale > 1, (core.start, core.end))

    # --- cores ---------------------------------------------------------------------------------------------

    def _trigger(self, lower_id: int) -> bool:
        """Whether a token (by its lower-case form's id) may start a quantity: a cheap test, cached."""
        hit = self._triggers.get(lower_id)
        if hit is None:
            low = self.doc.vocab.strings[lower_id]
            hit = (
                low[:1].isdigit()
                or low.startswith(CURRENCY_SIGNS_LOWER)
                or (low[:1] in "-−" and low[1:2].isdigit())
                or low in self.lex.words
                or may_be_number_word(low, self.lang)
            )
            self._triggers[lower_id] = hit
        return hit

    def _core(self, i: int) -> Core | None:
        doc = self.doc
        tok = doc[i]
        first = tok.text[:1]
        if first.isdigit() or tok.text.startswith(CURRENCY_SIGNS) or (first in "-−" and len(tok) > 1):
            core = self._digits(i)
        elif tok.is_alpha or self.lows[i] in self.lex.words:
            core = self._words(i)
        else:
            return None
        if core is None:
            return None
        if not core.vague and not core.share:
            core = self._after_number(core)
        if i > 0 and self.lex.word(doc[i - 1].text, "sign") is not None and not core.vague:
            core.start, core.value, core.plain = i - 1, -core.value, False
        return core

    def _chunk_end(self, i: int) -> int:
        """Char offset where the run of tokens from i without white space between them ends."""
        doc = self.doc
        k = i
        while k + 1 < len(doc) and not doc[k].whitespace_ and not doc[k + 1].is_space:
            k += 1
        return doc[k].idx + len(doc[k].text)

    def _digits(self, i: int) -> Core | None:
        doc, text = self.doc, self.text
        tok = doc[i]
        if i > 0 and not doc[i - 1].whitespace_:
            before = doc[i - 1].text[-1]
            if before.isalnum() or before in "-/–:.,":  # F-16, Covid-19, 2024/25, a glued code
                return None
        chunk_start, chunk_end = tok.idx, self._chunk_end(i)
        m = CHUNK_RE.match(text, chunk_start, chunk_end)
        if m is None or m.start() != chunk_start:
            return None
        end_char = m.end()
        suffix = m.group("suffix")
        if suffix and suffix.endswith(".") and end_char - 1 in self.ends:  # €3.4bn. at a sentence end
            end_char, suffix = end_char - 1, suffix[:-1]
        if end_char not in self.ends and suffix:  # the suffix runs on inside a token: read without it
            end_char, suffix = m.start("suffix"), None
        if end_char not in self.ends:
            # "15." is one token: an ordinal (15. August), unless the period ends the sentence
            if (
                text[end_char : end_char + 1] == "."
                and end_char + 1 in self.ends
                and self._sentence_period(self.ends[end_char + 1])
            ):
                end_char += 1
            else:
                return None
        rest = text[end_char:chunk_end]
        if rest[:1] in ("/", ":") or (rest[:1] in "-–." and rest[1:2].isalnum()) or rest[:1] == "'":
            return None  # 2024/25, 3:1, 45-year-old, 15.08.2025 split, 1990's
        num = m.group("num")
        value = parse_digits(num, self.lang)
        if value is None or (len(num) > 1 and num[0] == "0" and num[1].isdigit()):
            return None
        if m.group("sign"):
            value = -value
        end = self.ends[end_char]
        core = Core(i, end, value)
        core.plain = (
            num.isdigit()
            and not m.group("cur")
            and not m.group("sign")
            and not suffix
            and not m.group("num2")
        )
        if num.isdigit() and len(num) > 9:
            return None
        if m.group("cur"):
            core.unit = self.lex.unit_before(m.group("cur"))
        elif (
            i > 0 and (unit := self.lex.unit_before(doc[i - 1].text)) is not None and unit.kind == "currency"
        ):
            core.start, core.unit = i - 1, unit  # CHF 5 Mio., EUR 300
        if m.group("num2"):
            low, high = value, parse_digits(m.group("num2"), self.lang)
            if high is None or high <= low:
                return None
            core.ranged = True
        if suffix and not self._read_suffix(core, suffix, end):
            return None
        return core

    def _read_suffix(self, core: Core, suffix: str, end: int) -> bool:
        """A suffix glued to the digits: 4bn, 1.5m, 10%, 41.2C, 12km. False when it is no quantity."""
        low = suffix.lower()
        scale = self.lex.word(low, "scale")
        if scale is not None and low not in ("hundert", "hundred", "tausend", "thousand", "dutzend", "dozen"):
            if low == "m" and core.unit is None and self._metres_follow(end):
                core.unit = self.lex.unit_after("m")  # 100m sprint, 5m tall: metres
                return True
            core.value *= scale
            core.scale *= scale
            return True
        unit = self.lex.unit_after(low) or (self.lex.unit_after("°c") if low in ("c", "°") else None)
        if unit is None or unit.kind in ("duration", "clock"):
            return False  # 1990s, 1990er, 80th, 3pm, 10x, G-codes
        if core.unit is None:
            core.unit = unit
        return True

    def _metres_follow(self, end: int) -> bool:
        return end < len(self.doc) and self.lex.is_(self.doc[end].text, "metres")

    def _sentence_period(self, after: int) -> bool:
        """Whether a period glued to a number ends the sentence (auf 15. Danach) rather than an ordinal."""
        doc = self.doc
        if after >= len(doc):
            return True
        nxt = doc[after]
        if nxt.is_space or nxt.text[:1] in CLOSING:
            return True
        if self.lex.is_(nxt.text, "month"):
            return False
        return nxt.text[:1].isupper() and nxt.lower_ in self.stop_words

    def _words(self, i: int) -> Core | None:
        doc, lex = self.doc, self.lex
        low = self.lows[i]
        kinds = lex.words.get(low)
        if not kinds:
            return self._number_words(i)
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        # jeder dritte / jede fünfte: a share
        if "each" in kinds and nxt is not None:
            denominator = _ordinal(lex, nxt.lower_)
            if denominator:
                return Core(i, i + 2, 100.0 / denominator, share=True)
        # mehrere Hundert, ein paar Tausend, a few thousand
        if low in lex.phrase_heads:
            for width in (3, 2, 1):
                if i + width < len(doc) and lex.word(" ".join(self.lows[i : i + width]), "vaguer"):
                    scale_tok = doc[i + width]
                    scale = lex.word(scale_tok.text, "scale") or _power_word(scale_tok.text, self.lang)
                    if scale:
                        return self._scales(Core(i, i + width + 1, scale, vague=True))
        # Tausende, Dutzende, tens of thousands, hundreds of millions
        vague = kinds.get("vague")
        if vague is not None:
            return self._vague(i, vague)
        # half a million / eine halbe Million
        if "half" in kinds and nxt is not None and lex.word(nxt.text, "one"):
            if i + 2 < len(doc) and (scale := lex.word(doc[i + 2].text, "scale")):
                return self._scales(Core(i, i + 3, 0.5 * scale, scale=scale))
            return None
        fraction = kinds.get("fraction")
        if fraction is not None:
            return self._bare_fraction(i, fraction)
        # eine Million, a dozen, ein Drittel, a third
        if "one" in kinds and nxt is not None:
            k = i + 1
            factor = 1.0
            if (half := lex.word(nxt.text, "number")) is not None and half < 1:  # eine halbe Million
                factor, k = half, k + 1
            if k < len(doc):
                if (scale := lex.word(doc[k].text, "scale")) is not None and doc[k].lower_ not in (
                    "m",
                    "b",
                    "k",
                ):
                    return self._scales(Core(i, k + 1, factor * scale, scale=scale))
                if factor == 1.0 and (frac := lex.word(doc[k].text, "fraction")) is not None:
                    return Core(i, k + 1, frac, share=True) if self._share_word_ok(k) else None
            if low == "one":
                ratio = self._ratio(Core(i, i + 1, 1.0))
                if ratio is not None:
                    return ratio
            return None
        number = kinds.get("number")
        if number is not None:
            return None if number < 1 else Core(i, i + 1, number)
        if "not" in kinds:
            return None
        return self._number_words(i)

    def _number_words(self, i: int) -> Core | None:
        doc = self.doc
        if not may_be_number_word(doc[i].text, self.lang):
            return None
        if self.lang != "en":
            value = word_value(doc[i].lower_, self.lang)
            return None if value is None or value == 1 else Core(i, i + 1, value)
        # English number words span tokens: twenty - one, three hundred and twenty, two million
        k = i
        parts = [doc[i].lower_]
        ends = [i + 1]
        while k + 1 < len(doc):
            nxt = doc[k + 1]
            if may_be_number_word(nxt.text, "en"):
                parts.append(nxt.lower_)
                k += 1
                ends.append(k + 1)
            elif (
                nxt.text in ("-", "and")
                and k + 2 < len(doc)
                and may_be_number_word(doc[k + 2].text, "en")
                and (nxt.text == "and" or not doc[k].whitespace_)
            ):
                parts.append("-" if nxt.text == "-" else "and")
                k += 1
            else:
                break
        words = list(parts)
        while ends:
            n_tokens = ends[-1] - i
            phrase = " ".join(words).replace(" - ", "-")
            value = word_value(phrase, "en")
            if value is not None:
                if value == 1 and n_tokens == 1:
                    return None
                return Core(i, ends[-1], value)
            ends.pop()
            # drop the last word and a trailing connector
            words = words[:-1]
            while words and words[-1] in ("-", "and"):
                words = words[:-1]
        return None

    def _vague(self, i: int, value: float) -> Core | None:
        doc, lex = self.doc, self.lex
        low = doc[i].lower_
        k = i + 1
        # tens of thousands, hundreds of millions
        while k + 1 < len(doc) and lex.is_(doc[k].text, "of") and (v := lex.word(doc[k + 1].text, "vague")):
            value *= v
            k += 2
        if low in ("tens", "scores") and (k == i + 1 and (low == "tens" or not _next_is(doc, k, "of"))):
            return None  # "tens" needs "of thousands"; "scores" needs "of"
        core = Core(i, k, value, vague=True)
        return self._scales(core)  # Hunderte Millionen

    def _bare_fraction(self, i: int, value: float) -> Core | None:
        """A share word without a number: die Hälfte, half of."""
        doc, lex = self.doc, self.lex
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if self.lang == "de":
            if doc[i].lower_ != "hälfte" or (i > 0 and lex.is_(doc[i - 1].text, "part")):
                return None  # in der zweiten Hälfte: a part of a match or a year, not a share
            start = i - 1 if i > 0 and doc[i - 1].lower_ in ("die", "der") else i
            return Core(start, i + 1, value, share=True)
        if doc[i].lower_ != "half" or nxt is None:
            return None
        if lex.is_(nxt.text, "of") or lex.is_(nxt.text, "det"):
            return Core(i, i + 1, value, share=True)
        return None

    def _after_number(self, core: Core) -> Core:
        """Scale words (2,5 Mio.), dozens (zwei Dutzend), fractions (zwei Drittel) and ratios (sechs von zehn)."""
        doc, lex = self.doc, self.lex
        k = core.end
        if k < len(doc):
            hyphen = doc[k].text == "-" and not doc[k - 1].whitespace_ and k + 1 < len(doc)
            frac_tok = doc[k + 1] if hyphen else doc[k]
            frac = lex.word(frac_tok.text, "fraction")
            if (
                frac is not None
                and core.unit is None
                and (self.lang == "de" or frac_tok.lower_ != "half")
                and self._share_word_ok(frac_tok.i)
            ):
                return Core(core.start, frac_tok.i + 1, core.value * frac, share=True)
            ratio = self._ratio(core)
            if ratio is not None:
                return ratio
        return self._scales(core)

    def _share_word_ok(self, k: int) -> bool:
        """An English fraction word is a share before "of" or a clause end (a third of; not a third quarter)."""
        if self.lang == "de":
            return True
        nxt = self.doc[k + 1] if k + 1 < len(self.doc) else None
        return nxt is None or nxt.is_punct or self.lex.is_(nxt.text, "of")

    def _ratio(self, core: Core) -> Core | None:
        """sechs von zehn, one in five, 9 in 10: a share in percent."""
        doc, lex = self.doc, self.lex
        k = core.end
        if k + 2 < len(doc) and doc[k].lower_ == "out" and doc[k + 1].lower_ == "of":
            k += 1  # two out of 10
        elif k + 1 >= len(doc) or not lex.is_(doc[k].text, "per"):
            return None
        if core.unit is not None:
            return None
        other = doc[k + 1]
        if other.text.isdigit():
            denominator = float(other.text)
        elif may_be_number_word(other.text, self.lang):
            denominator = word_value(other.lower_, self.lang)
        else:
            return None
        if not denominator or not (
            core.value < denominator and (denominator <= 10 or denominator in (100, 1000))
        ):
            return None
        return Core(core.start, k + 2, 100.0 * core.value / denominator, share=True)

    def _scales(self, core: Core) -> Core:
        doc, lex = self.doc, self.lex
        k = core.end
        while k < len(doc):
            tok = doc[k]
            scale = lex.word(tok.text, "scale")
            if scale is None:
                break
            if tok.lower_ in ("m", "b", "k") and doc[k - 1].whitespace_:
                break  # "5 m" is five metres; only a glued m (1.5m) is a million
            if tok.lower_ == "m" and core.unit is None and self._metres_follow(k + 1):
                break
            core.value *= scale
            core.scale *= scale
            core.plain = False
            k += 1
        core.end = k
        return core

    # --- what is not a quantity --------------------------------------------------------------------------

    def _not_a_quantity(self, core: Core) -> bool:
        doc, lex = self.doc, self.lex
        if core.vague or core.share:
            return False
        prev = doc[core.start - 1] if core.start > 0 else None
        nxt = doc[core.end] if core.end < len(doc) else None
        if prev is not None and lex.is_(prev.text, "label"):
            return True  # Artikel 5, Platz 3, Flight 302
        if self._age(core.start):
            return True  # aged 62, the ages of six and 11, im Alter von 80
        if (
            nxt is not None
            and nxt.text == ")"
            and not any(t.text == "(" for t in doc[max(0, core.start - 3) : core.start])
        ):
            return True  # 1) a list item
        if self._in_digit_chain(core):
            return True  # 059133 66 3100: a phone number or code
        if self._capitalised_word_number(core, prev):
            return True  # BBC Three, Ocean's Eleven, Million Dollar Baby: part of a name
        if prev is not None and self._version(core, prev):
            return True
        if self._german_clock(core):
            return True  # 20.15 (TV listings, timetables): a clock time
        if not core.plain:
            return False
        value = core.value
        if prev is not None and nxt is not None and prev.text == "(" and nxt.text == ")":
            return True  # Anna M. (45), Ecuador (3): an age or a table score
        if (
            prev is not None
            and nxt is not None
            and prev.text == nxt.text == ","
            and value < 120
            and core.start >= 2
            and doc[core.start - 2].is_alpha
            and doc[core.start - 2].text[:1].isupper()
        ):
            return True  # Mr Ebbers, 63, has always insisted: an age
        if prev is not None and self._product_name(core, prev):
            return True  # Dell Chromebook 13, UE Boom 2, WebOS 2.0
        if (
            prev is not None
            and self._name_like(prev)
            and not self._unit_after(core.end, core)[0]
            and not self._scale_follows(core.end)
            and not self._noun_follows(core.end)
            and self._pre_hedge(core.start) is None
        ):
            return True  # Ligue 1, Rossija 1, iOS 10: a number that is part of a name
        if 1 <= value <= 31 and (
            (nxt is not None and lex.is_(nxt.text, "month"))
            or (prev is not None and lex.is_(prev.text, "month"))
        ):
            return True  # 9 November, August 15
        if prev is not None and prev.lower_ in ("jahr", "year", "jahres") and value <= YEAR_MAX:
            return True
        if YEAR_MIN <= value <= YEAR_MAX:
            if prev is not None and (lex.is_(prev.text, "year") or lex.is_(prev.text, "month")):
                return True  # seit 2015, in 2022, November 1989
            if self._unit_after(core.end, core)[0] is not None or self._scale_follows(core.end):
                return False
            # a year unless a noun (1900 Soldaten) or a hedge (mehr als 2000) makes it a count
            return not self._noun_follows(core.end) and self._pre_hedge(core.start) is None
        return False

    def _age(self, start: int) -> bool:
        doc, lex = self.doc, self.lex
        prev = doc[start - 1] if start > 0 else None
        if prev is None:
            return False
        if lex.is_(prev.text, "age"):
            return True
        return start > 1 and lex.is_(prev.text, "of") and lex.is_(doc[start - 2].text, "age")

    def _in_digit_chain(self, core: Core) -> bool:
        """Whether the number stands in a run of bare digit groups one of which starts with 0 (a phone number)."""
        doc = self.doc
        k = core.start - 1
        while k >= 0 and doc[k].text.isdigit() and doc[k].whitespace_:
            if doc[k].text[0] == "0" and len(doc[k]) > 1:
                return True
            k -= 1
        k = core.end
        while k < len(doc) and doc[k].text.isdigit() and doc[k - 1].whitespace_:
            if doc[k].text[0] == "0" and len(doc[k]) > 1:
                return True
            k += 1
        return False

    def _capitalised_word_number(self, core: Core, prev) -> bool:
        """A number word written with a capital inside a sentence is part of a name (BBC Three, A Five spokesman)."""
        first = self.doc[core.start]
        if not first.is_alpha or not first.text[:1].isupper() or prev is None:
            return False
        if (
            self.lex.word(first.text, "vague") is not None
            or self.lex.word(first.text, "fraction") is not None
        ):
            return False  # German nouns: Tausende, Hälfte, Drittel
        if self.lang == "de" and self.lex.word(first.text, "one") is not None:
            return False  # "Ein Drittel" at a clause start after a colon or quote
        return prev.is_alpha or prev.text in ("'s", "’s", ",")

    def _version(self, core: Core, prev) -> bool:
        """A version number after a name: Web 2.0, Industrie 4.0, WebOS 2.0."""
        text = self.doc[core.start : core.end].text
        return (
            text.endswith(".0")
            and text[:-2].isdigit()
            and prev.text[:1].isupper()
            and not self._unit_after(core.end, core)[0]
        )

    def _german_clock(self, core: Core) -> bool:
        if self.lang != "de" or core.end - core.start != 1 or core.unit is not None:
            return False
        text = self.doc[core.start].text
        hours, dot, minutes = text.partition(".")
        return (
            bool(dot)
            and hours.isdigit()
            and len(minutes) == 2
            and minutes.isdigit()
            and int(hours) <= 23
            and int(minutes) <= 59
            and self._unit_after(core.end, core)[0] is None
        )

    def _product_name(self, core: Core, prev) -> bool:
        """A number ending a name of two capitalised words, with no noun after it (Dell Chromebook 13)."""
        if not core.plain or core.value > 1000 or core.start < 2:
            return False
        before = self.doc[core.start - 2]
        return (
            prev.is_alpha
            and before.is_alpha
            and prev.text[:1].isupper()
            and before.text[:1].isupper()
            and not before.is_sent_start
            and not self._unit_after(core.end, core)[0]
            and not self._scale_follows(core.end)
            and not self._noun_follows(core.end)
            and self._pre_hedge(core.start) is None
        )

    def _name_like(self, tok) -> bool:
        """A token that may be a name a number belongs to (Rossija 1, ZiB 2, iOS 10, Chelsea 2).

        German capitalises every noun (laut Polizei 15 festgenommen), so without a tagger only acronym-like
        words count there: two capitals or more (ORF, ZiB, iOS).
        """
        if not tok.is_alpha or tok.is_sent_start:
            return False
        if self.annotations.pos:
            return tok.pos_ == "PROPN"
        capitals = sum(c.isupper() for c in tok.text)
        if self.lang == "de":
            return capitals >= 2
        return capitals >= 1

    def _compound(self, end: int) -> bool:
        """A number glued by a hyphen to a word: seven-month high, 45-year-old, 2,500-strong."""
        doc = self.doc
        return (
            end + 1 < len(doc)
            and doc[end].text in ("-", "–")
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        )

    def _scale_follows(self, k: int) -> bool:
        return k < len(self.doc) and self.lex.word(self.doc[k].text, "scale") is not None

    def _noun_follows(self, k: int) -> bool:
        doc = self.doc
        if k >= len(doc):
            return False
        tok = doc[k]
        if self.annotations.pos:
            return tok.pos_ in ("NOUN", "PROPN") or (
                tok.pos_ == "ADJ" and k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN")
            )
        if not tok.is_alpha or tok.lower_ in self.stop_words or self.lex.is_(tok.text, "notnoun"):
            return self.lex.is_(tok.text, "count")
        if self.lang == "de":
            return tok.text[:1].isupper()
        return not tok.text.endswith("ly")

    # --- units, ranges, hedges ---------------------------------------------------------------------------

    def _unit_after(self, end: int, core: Core) -> tuple[Unit | None, int]:
        """The unit right after token index ``end`` (exclusive), and the new end."""
        if end >= len(self.doc):
            return None, end
        start_char = self.doc[end - 1].idx + len(self.doc[end - 1].text)
        m = self.lex.unit_after_re.match(self.text, start_char, min(len(self.text), start_char + 40))
        if m is None:
            return None, end
        surface = m.group(1)
        unit = self.lex.unit_after(surface)
        end_char = m.end(1)
        if unit is None or end_char not in self.ends:
            return None, end
        if surface == "C" and self.lang == "en" and self.doc[end - 1].whitespace_:
            return None, end  # "30 C" is rare; "C" glued is handled as a suffix
        return unit, self.ends[end_char]

    def _shared_unit(self, end: int) -> Unit | None:
        """The unit of the next number when only a connector stands between (20 auf 16 Prozent, 12 oder 18 Monate)."""
        doc, lex = self.doc, self.lex
        k = end
        if k >= len(doc) or not lex.is_(doc[k].text, "alt"):
            return None
        k += 1
        if k < len(doc) and lex.is_(doc[k].text, "det"):
            k += 1
        if k >= len(doc) or not (doc[k].text[:1].isdigit() or may_be_number_word(doc[k].text, self.lang)):
            return None
        core2 = self._core(k)
        if core2 is None or core2.vague or core2.share:
            return None
        if core2.plain and core2.end < len(doc) and lex.is_(doc[core2.end].text, "month"):
            return DATE  # 16 or 17 March
        return core2.unit or self._unit_after(core2.end, core2)[0]

    def _range_end(self, core: Core, end: int, unit: Unit | None) -> tuple[Core, int] | None:
        doc, lex = self.doc, self.lex
        if end + 1 >= len(doc):
            return None
        link = doc[end]
        if lex.is_(link.text, "range"):
            if link.text in "-–—" and (link.whitespace_ != doc[end - 1].whitespace_):
                return None  # a dash used as a clause break: "10 Menschen – rund 20 ..."
            if link.lower_ in ("to", "bis") and core.start > 0 and doc[core.start - 1].lower_ in CHANGE_FROM:
                return None  # from 10 to 20, by 0.4 points to 2.6 percent: a change, two quantities
        elif link.lower_ in ("und", "and"):
            if not (core.start > 0 and lex.is_(doc[core.start - 1].text, "between")):
                return None
        else:
            return None
        core2 = self._core(end + 1)
        if core2 is None or core2.vague != core.vague or core2.share != core.share:
            return None
        second_unit = core2.unit or self._unit_after(core2.end, core2)[0]
        if second_unit is not None and unit is not None and second_unit != unit:
            return None  # 76% to $1.13bn, 0.4 percentage points to 2.6 percent: a change, no range
        if (
            core.plain
            and core2.plain
            and YEAR_MIN <= core2.value <= YEAR_MAX
            and not self._noun_follows(core2.end)
        ):
            return None
        if core2.value < core.value and not (core2.scale > 1 and core.scale == 1):
            return None
        return core2, core2.end

    def _pre_hedge(self, start: int) -> tuple[str, int] | None:
        if start == 0:
            return None
        start_char = self.doc[start].idx
        window_start = max(0, start_char - 40)
        m = self.lex.pre_hedge_re.search(self.text, window_start, start_char)
        if m is None:
            return None
        first = self.starts.get(m.start(1))
        if first is None:
            return None
        phrase = " ".join(m.group(1).lower().split())
        return self.lex.pre_hedges[phrase], first

    def _post_hedge(self, end: int) -> tuple[str, int] | None:
        if end >= len(self.doc):
            return None
        start_char = self.doc[end - 1].idx + len(self.doc[end - 1].text)
        m = self.lex.post_hedge_re.match(self.text, start_char, min(len(self.text), start_char + 20))
        if m is None or m.end(1) not in self.ends:
            return None
        phrase = " ".join(m.group(1).lower().split())
        return self.lex.post_hedges[phrase], self.ends[m.end(1)]


class _Offsets:
    """Token boundaries by character offset, read from the Doc's arrays (no Token objects are built)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.idx = doc.to_array("IDX").tolist()
        self.ends = _Ends(self)
        self.starts = _Starts(self)

    def token_at(self, char: int) -> int:
        return bisect_right(self.idx, char) - 1


class _Ends:
    def __init__(self, offsets: _Offsets):
        self.offsets = offsets

    def get(self, char: int) -> int | None:
        k = self.offsets.token_at(char - 1)
        if k < 0:
            return None
        return k + 1 if self.offsets.idx[k] + len(self.offsets.doc[k]) == char else None

    def __contains__(self, char: int) -> bool:
        return self.get(char) is not None

    def __getitem__(self, char: int) -> int:
        end = self.get(char)
        if end is None:
            raise KeyError(char)
        return end


class _Starts:
    def __init__(self, offsets: _Offsets):
        self.offsets = offsets

    def get(self, char: int) -> int | None:
        k = self.offsets.token_at(char)
        return k if k >= 0 and self.offsets.idx[k] == char else None


class _LowerForms:
    """The lower-case forms of a Doc's tokens, looked up on demand from their ids."""

    def __init__(self, doc: Doc):
        self.strings = doc.vocab.strings
        self.ids = doc.to_array("LOWER").tolist()

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.strings[x] for x in self.ids[i]]
        return self.strings[self.ids[i]]


def _ordinal(lex: Lexicon, word: str) -> float | None:
    for form in (word, word.rstrip("rns")):
        if (value := lex.word(form, "ordinal")) is not None:
            return value
    return None


def _power_word(word: str, lang: str) -> float | None:
    """A number word that is a power of ten used as a scale (hunderttausend)."""
    if not may_be_number_word(word, lang):
        return None
    value = word_value(word.lower(), lang)
    return value if value in (100.0, 1000.0, 10000.0, 100000.0, 1e6, 1e9) else None


def _next_is(doc: Doc, k: int, word: str) -> bool:
    return k < len(doc) and doc[k].lower_ == word
