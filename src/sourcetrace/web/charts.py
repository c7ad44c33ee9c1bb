"""Small SVG charts drawn server-side: coordinates only, the templates draw them (every label escaped there)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

SERIES = 8  # colour classes se-0 … se-7 in static/style.css


def number(value: Any) -> str:
    """A number as the tables show it: thousands separated, no trailing .0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ")


def day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value)[:10]).date()
    except ValueError:
        return None


def per_month(rows: list[dict[str, Any]], width: int = 640, height: int = 140) -> dict[str, Any]:
    """Bars of how many rows fall in each month of their ``published`` date."""
    counts = Counter(d.strftime("%Y-%m") for r in rows if (d := day(r.get("published"))))
    if not counts:
        return {"bars": [], "width": width, "height": height}
    months = sorted(counts)
    first, last = months[0], months[-1]
    y, m = int(first[:4]), int(first[5:])
    span = []
    while f"{y:04d}-{m:02d}" <= last:
        span.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(counts.values())
    plot_h = height - 30
    step = (width - 40) / len(span)
    bars = []
    for i, month in enumerate(span):
        n = counts.get(month, 0)
        h = round(plot_h * n / top) if top else 0
        bars.append(
            {
                "x": round(36 + i * step, 1),
                "w": max(round(step * 0.8, 1), 1),
                "y": 6 + plot_h - h,
                "h": h,
                "label": month,
                "count": n,
                "tick": i in (0, len(span) - 1) or len(span) <= 12,
            }
        )
    return {"bars": bars, "width": width, "height": height, "top": top, "base": 6 + plot_h}


def scatter(rows: list[dict[str, Any]], width: int = 640, height: int = 260) -> dict[str, Any]:
    """Points of a figure (value) over publication date, one colour per source."""
    points = []
    for r in rows:
        d, value = day(r.get("published")), r.get("value")
        if d is None or not isinstance(value, int | float):
            continue
        source = r.get("source")
        name = (source.get("name") if isinstance(source, dict) else source) or "unattributed"
        points.append((d, float(value), str(name), r))
    if not points:
        return {"points": [], "series": [], "width": width, "height": height}
    names = [n for n, _ in Counter(p[2] for p in points).most_common()]
    colour = {n: i % SERIES for i, n in enumerate(names)}
    lo, hi = min(p[0] for p in points), max(p[0] for p in points)
    top = max(p[1] for p in points) or 1.0
    left, right, bottom, upper = 64, 20, 28, 16
    days = max((hi - lo).days, 1)
    out = []
    for d, value, name, r in points:
        x = left + (width - left - right) * ((d - lo).days / days if hi != lo else 0.5)
        y = upper + (height - upper - bottom) * (1 - value / top)
        out.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "series": colour[name],
                "label": f"{number(value)} ({r.get('hedge') or 'exact'}) — {name}, {d.isoformat()}: {r.get('text') or ''}",
            }
        )
    lines = []
    for n in names:
        path = sorted((p for p in out if p["series"] == colour[n]), key=lambda p: p["x"])
        if len(path) > 1:
            lines.append({"series": colour[n], "points": " ".join(f"{p['x']},{p['y']}" for p in path)})
    return {
        "points": out,
        "lines": lines,
        "series": [{"name": n, "colour": colour[n]} for n in names],
        "width": width,
        "height": height,
        "left": left,
        "base": height - bottom,
        "top_label": number(top),
        "first": lo.isoformat(),
        "last": hi.isoformat(),
        "right": width - right,
        "upper": upper,
    }
