"""Normalization functions: a rule match (its fields) in its context -> a TIMEX3 ``(type, value)``, or None
when the match is not a temporal expression after all.

Each rule in ``data/rules.<lang>.tsv`` names one of the functions registered here (``@normalizer("name")``)
and may pass it arguments. Field names are shared by all rules:

``year`` (4 digits), ``year2`` (2 digits), ``yearwords`` ("nineteen ninety-six"), ``month`` (month name),
``mon`` (month number), ``day``, ``weekday``/``weekdays`` (a day / every such day), ``daypart``, ``hour``,
``minute``, ``ampm``, ``noon`` (noon/midnight), ``num`` (a number in digits or words), ``half``,
``unit``/``units`` (singular/plural unit noun), ``reldir`` (-1 past, 0 this, 1 next), ``vague`` (an unspecified
amount: "einige", "several"), ``season``, ``ordinal``, ``decade``/``decade2``/``decade4``, ``holiday``,
``next`` (the word after a bare year).

A value that starts with ``T`` (``T16:38``, ``TEV``) is a time of day still waiting for its date; the
component gives it the date of the sentence (or the anchor) afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from sourcetrace.extract.times import calendar as cal
from sourcetrace.extract.times.context import Context, Fields
from sourcetrace.extract.times.lexicon import parse_number

Result = tuple[str, str] | None
Normalizer = Callable[[Fields, Context, tuple[str, ...]], Result]

NORMALIZERS: dict[str, Normalizer] = {}

_DIRECTION_OF_RELDIR = {-1: "last", 0: "this", 1: "next"}
# languages whose annotation writes fractions in the next smaller unit (TimeBank: P2Y6M), not as decimals
# (KRAUTS: P1.5Y)
_COMPOUND_FRACTIONS = frozenset({"en"})
_WORDS = re.compile(r"\w+")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_QUARTER_WORD = re.compile(r"quarter|period", re.IGNORECASE)
_PERIOD = re.compile(r"^(\d{4})(-(?:Q[1-4]|H[12]|0[1-9]|1[0-2]))$")
_CALENDAR_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4]))?$")


def normalizer(name: str) -> Callable[[Normalizer], Normalizer]:
    def register(function: Normalizer) -> Normalizer:
        NORMALIZERS[name] = function
        return function

    return register


# --- reading fields -------------------------------------------------------------------------------------


def _reldir(f: Fields) -> int | None:
    value = f.lex("reldir")
    return int(value) if value is not None else None


def _direction(f: Fields, ctx: Context) -> str | None:
    """last/next/this from a modifier ("vergangenen", "next"), else past/future from the sentence's tense."""
    reldir = _reldir(f)
    if reldir is not None:
        return _DIRECTION_OF_RELDIR[reldir]
    tense = ctx.tense()
    return tense if tense in ("past", "future") else None


def _year(f: Fields, ctx: Context) -> int | None:
    if f.has("year"):
        return int(f.text("year"))
    if f.has("yearwords"):
        spelled = year_words(f, ctx, ())
        return int(spelled[1]) if spelled else None
    if f.has("year2"):
        short = int(f.text("year2"))
        pivot = (ctx.anchor.year if ctx.anchor else 2000) + 20
        year = (pivot // 100) * 100 + short
        return year - 100 if year > pivot else year
    return None


def _month(f: Fields) -> int | None:
    if f.has("month"):
        value = f.lex("month")
        return int(value) if value else None
    if f.has("mon"):
        return int(f.text("mon"))
    return None


def _weekday(f: Fields) -> int | None:
    value = f.lex("weekday") or f.lex("weekdays")
    return int(value) if value else None


def _unit(f: Fields) -> str | None:
    return f.lex("unit") or f.lex("units")


def _amount(f: Fields) -> float | None:
    """The number of a duration: "zwei" 2, "eineinhalb" 1.5, "ein halbes" 0.5; None when unspecified."""
    if f.has("vague"):
        return None
    amount = f.number("num") if f.has("num") else 1.0
    if amount is None:
        return None
    if f.has("half"):
        amount = amount + 0.5 if f.has("num") else 0.5
    return amount


def _clock(f: Fields) -> str | None:
    """``T16:38`` from hour/minute/am-pm fields (or noon/midnight), ``TEV`` from a part of the day, else None."""
    if f.has("noon"):
        return "T24:00" if f.folded("noon") == "midnight" else "T12:00"
    if f.has("hour"):
        hour_number = f.integer("hour")
        if hour_number is None:
            return None
        hour = hour_number
        minute = int(f.text("minute")) if f.has("minute") else 0
        ampm = f.lex("ampm") or _ampm(f.text("ampm"))
        part = f.lex("daypart")
        evening = part in ("AF", "EV") or (part == "NI" and hour >= 6)
        if ampm == "pm" or (ampm is None and evening):
            if hour < 12:
                hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        return f"T{hour:02d}:{minute:02d}"
    part = f.lex("daypart")
    return f"T{part}" if part else None


def _ampm(text: str | None) -> str | None:
    if not text:
        return None
    letter = text.strip().lower()[:1]
    return "am" if letter == "a" else "pm" if letter == "p" else None


# --- dates ----------------------------------------------------------------------------------------------


@normalizer("date")
def date_(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """A calendar date from its parts; the missing year comes from the anchor and the tense."""
    year = _year(f, ctx)
    month = _month(f)
    day = f.integer("day")
    if month is None and year is None:
        return weekday(f, ctx, args) if f.has("weekday") else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not 1 <= day <= 31):
        return None
    if year is None and month is not None and ctx.anchor is not None:
        if "relyear" in args and _reldir(f) is not None:
            year = ctx.anchor.year + _reldir(f)
        else:
            year = cal.resolve_year(ctx.anchor, month, day, _direction(f, ctx))
    if year is not None and day is not None and not cal.valid_date(year, month, day):
        return None
    value = f"{year:04d}" if year is not None else "XXXX"
    if month is not None:
        value += f"-{month:02d}"
    if day is not None:
        value += f"-{day:02d}"
    clock = _clock(f) if day is not None else None
    if clock:
        return "TIME", value + clock
    return "DATE", value


@normalizer("year")
def year_(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """A bare four-digit number as a year, unless it counts something ("1500 Azubis", "2000 Euro")."""
    year = int(f.text("year"))
    strong = f.has("pre") or "strong" in args
    following = ctx.after(16).split(maxsplit=1)
    if following and following[0].lower().rstrip(".,;:") in ctx.lexicon.words("year_blocker"):
        return None
    if not strong:
        low, high = (1900, 2099) if not ctx.anchor else (1900, max(2099, ctx.anchor.year + 50))
        if not low <= year <= high:
            return None
        following = f.text("next") or ""
        capitalized = following[:1].isupper() and ctx.lang == "de"
        if capitalized and following.lower() not in ctx.lexicon.words("year_follower"):
            return None
        words_before = _WORDS.findall(ctx.before(16).lower())
        if words_before and words_before[-1] in ctx.lexicon.words("year_count_cue"):
            return None
    return "DATE", f"{year:04d}"


@normalizer("year_words")
def year_words(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """A year in words: "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    text = f.folded("yearwords").replace("-", " ")
    if text.startswith("nineteen "):
        rest = text.removeprefix("nineteen ").strip()
        value = 0.0 if rest == "hundred" else parse_number(rest, ctx.lexicon)
        if value is None or value >= 100:
            return None
        return "DATE", f"{1900 + int(value):04d}"
    value = parse_number(text, ctx.lexicon)
    if value is None or not 1000 <= value <= 2100:
        return None
    return "DATE", f"{int(value):04d}"


@normalizer("fixed_month")
def fixed_month(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "each July": the month of every year."""
    month = _month(f)
    return ("SET", f"XXXX-{month:02d}") if month else None


@normalizer("year_earlier")
def year_earlier(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "a year earlier", "the year-ago quarter": a year before the period last mentioned (a quarter, half or
    month, as in results reports), else the year before the anchor's."""
    last = ctx.last_value or ""
    period = _PERIOD.match(last)
    about_quarter = bool(_QUARTER_WORD.search(ctx.text[ctx.start : ctx.end]))
    if about_quarter and not _QUARTER.match(last):
        if ctx.anchor is None:
            return "DATE", "XXXX-QX"
        previous = cal.shift(ctx.anchor, "Q", -1)
        return "DATE", cal.at_granularity(cal.shift(previous, "Y", -1), "Q")
    if period:
        return "DATE", f"{int(period.group(1)) - 1:04d}{period.group(2)}"
    if ctx.anchor is None:
        return "DATE", "XXXX"
    return "DATE", f"{ctx.anchor.year - 1:04d}"


@normalizer("weekday")
def weekday(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    number = _weekday(f)
    if number is None:
        return None
    clock = _clock(f)
    if ctx.anchor is None:
        value = f"XXXX-WXX-{number}"
        return ("TIME", value + clock) if clock else ("DATE", value)
    base = ctx.reference if "ref" in args else ctx.anchor
    day = cal.resolve_weekday(base, number, _direction(f, ctx))
    if clock:
        return "TIME", day.isoformat() + clock
    return "DATE", day.isoformat()


@normalizer("weekend")
def weekend(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    if ctx.anchor is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = cal.resolve_weekend(ctx.anchor, _direction(f, ctx))
    return "DATE", cal.iso_week(saturday) + "-WE"


@normalizer("dayrel")
def dayrel(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """gestern/heute/morgen, yesterday/today/tomorrow: anchor + offset (a part of the day makes it a TIME)."""
    if "initial" in args and not ctx.at_sentence_start():
        return None
    offset = int(f.lex("dayrel") or 0)
    clock = _clock(f)
    for arg in args:
        if arg.lstrip("-+").isdigit():
            offset = int(arg)
        elif arg in ("MO", "MI", "AF", "EV", "NI"):
            clock = f"T{arg}"
    if offset == 0 and not clock and "generic" in args and ctx.style == "timeml" and _generic_today(f, ctx):
        return "DATE", "PRESENT_REF"
    value = "XXXX-XX-XX" if ctx.anchor is None else (ctx.anchor + timedelta(days=offset)).isoformat()
    return ("TIME", value + clock) if clock else ("DATE", value)


def _generic_today(f: Fields, ctx: Context) -> bool:
    """German "heute" often means "nowadays" ("wie wir heute wissen"), and KRAUTS marks it PRESENT_REF unless
    it closes or opens a period ("bis heute", "ab heute") or the sentence is about a dated event (a clock
    time, "gestern", a deadline, a past-tense verb). Only in the ``timeml`` style: the record keeps the date,
    which still places a "nowadays" statement correctly."""
    before = ctx.before(12).lower().rstrip()
    if before.endswith(("bis", "ab", "seit")):
        return False
    if before.endswith("von"):
        return True
    words = set(_WORDS.findall(ctx.sentence_text().lower()))
    if words & ctx.lexicon.words("today_dated_cue"):
        return False
    return not words & ctx.lexicon.words("tense_past")


@normalizer("relative")
def relative(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "vergangene Woche", "im nächsten Jahr", "this month", "im Vorjahr": the anchor's unit moved by -1/0/+1.

    Arguments (all optional): the offset (else the ``reldir`` field), a unit code (else the ``unit`` field),
    ``ref`` to count from the last date mentioned instead of the anchor."""
    offset = _reldir(f)
    unit = _unit(f)
    for arg in args:
        if arg.lstrip("-+").isdigit():
            offset = int(arg)
        elif arg != "ref":
            unit = arg
    if unit is None or offset is None:
        return None
    if unit == "WE":
        return weekend(f, ctx, args)
    if unit not in ("D", "W", "M", "Q", "HY", "Y", "DE", "CE"):
        return None
    base = _last_date(ctx) if "ref" in args else ctx.anchor
    if base is None:
        return "DATE", cal.unknown_at_granularity(unit)
    return "DATE", cal.at_granularity(cal.shift(base, unit, offset), unit)


def _last_date(ctx: Context) -> date | None:
    """The date of the last calendar expression mentioned (its first day), else the reference date."""
    last = _CALENDAR_VALUE.match(ctx.last_value or "")
    if last is None:
        return ctx.reference
    year, month, day, quarter = last.groups()
    if quarter:
        return date(int(year), 3 * int(quarter) - 2, 1)
    return date(int(year), int(month or 1), int(day or 1))


@normalizer("relative_plural")
def relative_plural(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "in den vergangenen Jahren", "in coming months": a vague past or future (or, in TimeML style for a
    past, an unspecified duration as KRAUTS annotates it)."""
    reldir = _reldir(f)
    unit = _unit(f)
    if reldir is None or unit is None:
        return None
    if reldir < 0:
        if ctx.style == "timeml" and "ref" not in args:
            return "DURATION", cal.duration_value(None, unit)
        return "DATE", "PAST_REF"
    if reldir > 0:
        return "DATE", "FUTURE_REF"
    return "DATE", "PRESENT_REF"


@normalizer("shifted")
def shifted(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "vor zwei Wochen", "three years ago", "in zwei Tagen": the anchor moved by an amount, at the unit's
    granularity. Argument ``-1`` for the past, ``1`` for the future; ``ref`` to count from the reference date."""
    sign = int(args[0]) if args else -1
    unit = _unit(f)
    if unit is None:
        return None
    amount = _amount(f)
    if amount is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    base = ctx.reference if "ref" in args else ctx.anchor
    if unit in ("h", "min", "s"):
        return None
    if base is None:
        return "DATE", cal.unknown_at_granularity(unit)
    if unit == "WE":
        unit = "W"
    if unit in ("DE", "CE", "ML"):
        amount, unit = amount * {"DE": 10, "CE": 100, "ML": 1000}[unit], "Y"
    if amount != int(amount):
        if unit == "Y":
            return "DATE", cal.at_granularity(cal.shift(base, "M", round(sign * amount * 12)), "M")
        amount = round(amount)
    return "DATE", cal.at_granularity(cal.shift(base, unit, sign * int(amount)), unit)


@normalizer("anaphoric_day")
def anaphoric_day(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "am Vortag", "tags darauf", "the next day": a day counted from the last date mentioned."""
    offset = int(args[0]) if args else 0
    base = ctx.reference
    clock = _clock(f)
    value = "XXXX-XX-XX" if base is None else (base + timedelta(days=offset)).isoformat()
    return ("TIME", value + clock) if clock else ("DATE", value)


@normalizer("anniversary")
def anniversary(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "des 80. Jahrestags", "the 80th anniversary": the day, ``num`` years on, of a date mentioned before
    whose anniversary falls near the anchor (without an anchor: of the last date mentioned)."""
    years = f.integer("num")
    if not years:
        return None
    if ctx.history is None:  # settling overlaps: the dates before are not known yet
        return "DATE", "XXXX-XX-XX"
    for earlier in reversed(ctx.history):
        year = earlier.year + years
        if ctx.anchor is None or abs(year - ctx.anchor.year) <= 1:
            if earlier.month == 2 and earlier.day == 29 and not cal.valid_date(year, 2, 29):
                return "DATE", f"{year:04d}-02-28"
            return "DATE", date(year, earlier.month, earlier.day).isoformat()
    return None


@normalizer("part_of_unit")
def part_of_unit(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "Ende des Jahres", "Anfang der Woche", "earlier this month": the anchor's current unit."""
    unit = _unit(f) or (args[0] if args else None)
    if unit is None:
        return None
    offset = _reldir(f) or 0
    if ctx.anchor is None:
        return "DATE", cal.unknown_at_granularity(unit)
    return "DATE", cal.at_granularity(cal.shift(ctx.anchor, unit, offset), unit)


# --- durations and sets -----------------------------------------------------------------------------------


@normalizer("duration")
def duration(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    unit = _unit(f) or (args[0] if args else None)
    if unit is None:
        return None
    amount = _amount(f)
    if amount is not None and amount <= 0:
        return None
    if amount is not None and amount > 10000:
        return None
    return "DURATION", cal.duration_value(amount, unit, compound=ctx.lang in _COMPOUND_FRACTIONS)


@normalizer("every")
def every(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "jeden Tag", "alle vier Jahre", "every two weeks", "pro Jahr": a SET with the period as its value."""
    unit = _unit(f) or (args[0] if args else None)
    if unit is None:
        return None
    amount = None if f.has("vague") else (f.number("num") if f.has("num") else 1.0)
    return "SET", cal.duration_value(amount, unit)


@normalizer("weekly")
def weekly(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "jeden Montag", "montags", "every Thursday": ``XXXX-WXX-1`` (with a part of the day: ``...TEV``)."""
    number = _weekday(f)
    if number is None:
        return None
    clock = _clock(f) or ""
    return "SET", f"XXXX-WXX-{number}{clock}"


@normalizer("lexvalue")
def lexvalue(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """Type from the first argument, value from the lexicon entry of the group named by the second."""
    value = f.lex(args[1])
    if value is None:
        return None
    return args[0], value


@normalizer("fixed")
def fixed(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    return args[0], args[1]


@normalizer("daypart")
def daypart(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "am Abend", "in the morning": a part of the day of the sentence's date (attached later)."""
    clock = _clock(f)
    return ("TIME", clock) if clock else None


@normalizer("clock")
def clock(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "16:38 Uhr", "4:38 p.m.", "9 Uhr": a time of day, dated later from its sentence."""
    value = _clock(f)
    return ("TIME", value) if value else None


# --- seasons, quarters, decades, centuries, holidays ---------------------------------------------------------

_SEASON_INDEX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def _season_of(d: date) -> str:
    return ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[d.month - 1]


@normalizer("season")
def season(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    name = f.lex("season")
    if name is None:
        return None
    year = _year(f, ctx)
    if year is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-{name}"
        year = ctx.anchor.year
        current = _SEASON_INDEX[_season_of(ctx.anchor)]
        if ctx.anchor.month <= 2:
            current = -1  # January/February: the winter that began last year
        wanted = _SEASON_INDEX[name]
        reldir = _reldir(f)
        direction = _direction(f, ctx)
        backwards = reldir == -1 or (reldir is None and direction == "past")
        forwards = reldir == 1 or (reldir is None and direction == "future")
        if backwards and (wanted > current or (reldir == -1 and wanted == current)):
            year -= 1
        elif forwards and (wanted < current or (reldir == 1 and wanted == current)):
            year += 1
        if ctx.anchor.month <= 2 and name == "WI" and reldir is None:
            year = ctx.anchor.year - 1  # the winter that began last December
    return "DATE", f"{year:04d}-{name}"


@normalizer("quarter")
def quarter(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "im dritten Quartal", "the fourth quarter", "zweite Jahreshälfte", "the quarter"."""
    unit = _unit(f) or (args[0] if args else "Q")
    letter = "Q" if unit == "Q" else "H"
    size = 3 if unit == "Q" else 6
    count = 4 if unit == "Q" else 2
    number = None
    if f.has("ordinal"):
        number = int(f.lex("ordinal") or f.integer("ordinal") or 0)
    elif f.has("num"):
        number = f.integer("num")
    if number is not None and not 1 <= number <= count:
        return None
    year = _year(f, ctx)
    if year is None and ctx.anchor is None:
        return "DATE", f"XXXX-{letter}{number or 'X'}"
    if year is None:
        current = (ctx.anchor.month - 1) // size + 1
        year = ctx.anchor.year
        reldir = _reldir(f)
        if reldir is not None:
            if number is None:
                index = year * count + current - 1 + reldir
                year, number = divmod(index, count)
                number += 1
            else:
                year += reldir
        elif number is None and ctx.last_value and _QUARTER.match(ctx.last_value) and letter == "Q":
            return "DATE", ctx.last_value
        elif number is None:
            tense = ctx.tense()
            if tense == "future":
                number = current
            else:
                index = year * count + current - 2
                year, number = divmod(index, count)
                number += 1
        elif number > current:
            year -= 1  # a quarter named without a year is the current one or one already reported
    if number is None:
        return None
    return "DATE", f"{year:04d}-{letter}{number}"


@normalizer("decade")
def decade(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "die 90er Jahre", "den neunziger Jahren", "the 1990s", "1990er-Jahre" -> ``199``."""
    if f.has("decade4"):
        text = f.text("decade4")
        return "DATE", text[:3]
    digit = None
    if f.has("decade2"):
        two = f.text("decade2")
        digit = int(two[0])
        if two[1] != "0":
            return None
    elif f.has("decade"):
        value = f.lex("decade")
        digit = int(value) if value is not None else None
    if digit is None:
        return None
    if f.has("century"):
        century = int(f.lex("century") or f.text("century"))
        return "DATE", f"{century - 1:02d}{digit}" if "ordinal" in args else f"{century:02d}{digit}"
    anchor_year = ctx.anchor.year if ctx.anchor else 2000
    century = anchor_year // 100
    if century * 100 + digit * 10 + 10 > anchor_year:
        century -= 1
    return "DATE", f"{century:02d}{digit}"


@normalizer("century")
def century(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """ "20. Jahrhundert" / "the 20th century" -> ``19``; "dieses Jahrhundert", "vorigen Jahrhunderts"."""
    unit = _unit(f) or "CE"
    size = 1000 if unit == "ML" else 100
    width = 1 if unit == "ML" else 2
    if f.has("ordinal") or f.has("num"):
        number = int(f.lex("ordinal") or 0) if f.has("ordinal") else f.integer("num")
        if not number or number > (3 if unit == "ML" else 30):
            return None
        if f.has("bc"):
            return "DATE", f"BC{number - 1:0{width}d}"
        return "DATE", f"{number - 1:0{width}d}"
    reldir = _reldir(f)
    if reldir is None or ctx.anchor is None:
        return "DATE", "X" * width
    return "DATE", f"{ctx.anchor.year // size + reldir:0{width}d}"


@normalizer("holiday")
def holiday(f: Fields, ctx: Context, args: tuple[str, ...]) -> Result:
    """Named days: a fixed ``MM-DD`` or an offset from Easter ``E+49`` (lexicon category ``holiday``)."""
    spec = f.lex("holiday")
    if spec is None:
        return None
    year = _year(f, ctx)
    if year is None and ctx.anchor is None:
        if spec.startswith("E"):
            return "DATE", "XXXX-XX-XX"
        return "DATE", f"XXXX-{spec}"
    if year is None:
        year = ctx.anchor.year
        direction = _direction(f, ctx)
        candidate = _holiday_date(spec, year)
        if direction in ("past", "last") and candidate > ctx.anchor:
            year -= 1
        elif direction in ("future", "next") and candidate < ctx.anchor:
            year += 1
    return "DATE", _holiday_date(spec, year).isoformat()


def _holiday_date(spec: str, year: int) -> date:
    if spec.startswith("E"):
        return cal.easter(year) + timedelta(days=int(spec[1:]))
    if "/" in spec:  # MM/n/d: the n-th (-1: last) weekday d of month MM
        month, nth, weekday = (int(part) for part in spec.split("/"))
        return cal.nth_weekday(year, month, nth, weekday)
    month, day = (int(part) for part in spec.split("-"))
    return date(year, month, day)
