"""Calendar arithmetic for TIMEX3 values: shifting a date by units, resolving weekdays and months against an
anchor, Easter, and writing values at a granularity (``2025-08-15``, ``2025-W33``, ``2025-Q3``, ``199``).

Granularities (the ``unit`` codes used throughout the package):
``D`` day, ``W`` week, ``WE`` weekend, ``M`` month, ``Q`` quarter, ``HY`` half-year, ``Y`` year,
``DE`` decade, ``CE`` century, ``ML`` millennium; ``h``/``min``/``s`` only occur in durations.
"""

from __future__ import annotations

from datetime import date, timedelta

# unit code -> how it is written in a TIMEX3 duration (P2Y, P3W, PT4H, P2DE)
DURATION_CODES = {
    "Y": "Y",
    "M": "M",
    "W": "W",
    "WE": "WE",
    "D": "D",
    "Q": "Q",
    "HY": "HY",
    "DE": "DE",
    "CE": "CE",
    "ML": "ML",
    "h": "H",
    "min": "M",
    "s": "S",
    "MO": "MO",
    "AF": "AF",
    "EV": "EV",
    "NI": "NI",
}
TIME_UNITS = {"h", "min", "s"}
TENSE_MARGIN = 60  # days: how far on the wrong side of the anchor the tense lets a date be


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clipped to the length of the target month."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    day = min(d.day, _month_length(year, month0 + 1))
    return date(year, month0 + 1, day)


def _month_length(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (D, W, WE, M, Q, HY, Y, DE, CE)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "HY":
        return add_months(d, 6 * n)
    if unit == "Y":
        return add_months(d, 12 * n)
    if unit == "DE":
        return add_months(d, 120 * n)
    if unit == "CE":
        return add_months(d, 1200 * n)
    raise ValueError(f"cannot shift by unit {unit!r}")


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def at_granularity(d: date, unit: str) -> str:
    """The TIMEX3 value of the ``unit`` that contains ``d`` (``2025-W33`` for a week, ``202`` for a decade)."""
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        return iso_week(d)
    if unit == "WE":
        return iso_week(d) + "-WE"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "HY":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    if unit == "ML":
        return f"{d.year // 1000}"
    raise ValueError(f"no granularity {unit!r}")


def unknown_at_granularity(unit: str) -> str:
    """The value of a unit that the text does not fix (no anchor): ``XXXX-WXX`` for a week."""
    return {
        "D": "XXXX-XX-XX",
        "W": "XXXX-WXX",
        "WE": "XXXX-WXX-WE",
        "M": "XXXX-XX",
        "Q": "XXXX-QX",
        "HY": "XXXX-HX",
        "Y": "XXXX",
        "DE": "XXX",
        "CE": "XX",
        "ML": "X",
    }.get(unit, "XXXX-XX-XX")


# a fraction of a unit written in the next smaller one: 2.5 years = P2Y6M
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("h", 24), "h": ("min", 60), "min": ("s", 60)}


def duration_value(amount: float | None, unit: str, compound: bool = False) -> str:
    """``P2Y``, ``PT4H``, ``P1.5Y``, ``PXDE`` (``amount`` None for an unspecified number); with ``compound``,
    a fraction is written in the next smaller unit where that comes out whole (``P2Y6M``, ``PT1M30S``)."""
    code = DURATION_CODES[unit]
    prefix = "PT" if unit in TIME_UNITS else "P"
    if amount is None:
        return f"{prefix}X{code}"
    if compound and amount != int(amount) and unit in _SMALLER:
        smaller, factor = _SMALLER[unit]
        rest = round((amount - int(amount)) * factor, 6)
        if rest == int(rest):
            whole = f"{int(amount)}{code}" if int(amount) else ""
            small_code = DURATION_CODES[smaller]
            if smaller in TIME_UNITS and unit not in TIME_UNITS:
                return f"P{whole}T{int(rest)}{small_code}"
            return f"{prefix}{whole}{int(rest)}{small_code}"
    number = str(int(amount)) if amount == int(amount) else f"{amount:g}"
    return f"{prefix}{number}{code}"


def resolve_weekday(anchor: date, weekday: int, direction: str | None) -> date:
    """The date of ``weekday`` (1 = Monday) seen from ``anchor``.

    ``past``: the latest such day on or before the anchor; ``future``: the first on or after it;
    ``last``/``next``: strictly before/after; ``this``: in the anchor's week; otherwise the nearest day.
    """
    delta = weekday - anchor.isoweekday()
    if direction == "past":
        if delta > 0:
            delta -= 7
    elif direction == "future":
        if delta < 0:
            delta += 7
    elif direction == "last":
        if delta >= 0:
            delta -= 7
    elif direction == "next":
        if delta <= 0:
            delta += 7
    elif direction == "this":
        pass
    else:
        if delta > 3:
            delta -= 7
        elif delta < -3:
            delta += 7
    return anchor + timedelta(days=delta)


def resolve_weekend(anchor: date, direction: str | None) -> date:
    """A Saturday: of the weekend before/after the anchor, or of the anchor's own weekend."""
    saturday = anchor + timedelta(days=6 - anchor.isoweekday())
    if anchor.isoweekday() >= 6:
        return saturday
    if direction in ("past", "last"):
        return saturday - timedelta(days=7)
    if direction in ("future", "next", "this"):
        return saturday
    # no cue: early in the week it is the weekend just gone, late in the week the coming one
    return saturday - timedelta(days=7) if anchor.isoweekday() <= 2 else saturday


def resolve_year(anchor: date, month: int, day: int | None, direction: str | None) -> int:
    """The year of a day or month the text gives without one.

    The occurrence nearest to the anchor (a month counts from its middle), unless that lies more than
    ``TENSE_MARGIN`` days on the wrong side of the anchor for the tense: then the last (past) or next (future)
    occurrence. ``last``/``next``/``this`` (from a modifier) decide alone.
    """
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day if day is not None else 0)
    if direction == "last":
        return anchor.year if there <= here else anchor.year - 1
    if direction == "next":
        return anchor.year if there >= here else anchor.year + 1
    if direction == "this":
        return anchor.year
    best_year, best_distance = anchor.year, None
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        when = date(year, month, min(day or 15, _month_length(year, month)))
        distance = abs((when - anchor).days)
        if best_distance is None or distance < best_distance:
            best_year, best_distance = year, distance
    offset = (date(best_year, month, min(day or 15, _month_length(best_year, month))) - anchor).days
    if direction == "past" and offset > TENSE_MARGIN:
        return best_year - 1
    if direction == "future" and offset < -TENSE_MARGIN:
        return best_year + 1
    return best_year


def easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The ``nth`` (1-based; -1 = last) ``weekday`` (1 = Monday) of a month: Thanksgiving = (11, 4, 4)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, _month_length(year, month))
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
