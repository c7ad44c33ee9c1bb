"""A sourcetrace/1 record → what the reader page shows: text segments with their marks, speakers, relay chains,
numbers and times. Pure functions on the record dict; the templates only lay them out (and escape every string).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sourcetrace.agencies import lookup

PALETTE_SIZE = 10  # colour classes sp-0 … sp-9 in static/style.css


@dataclass
class Segment:
    """A run of the article text with the same marks; ``text`` is rendered escaped, never as markup."""

    start: int
    end: int
    text: str
    statements: list[str] = field(default_factory=list)  # ids of the statements whose content covers it
    primary: str | None = None  # the innermost of them: its speaker's colour, the one a click selects
    colour: int | None = None
    first: bool = False  # first segment of ``primary``: the keyboard focus stop for the statement
    cue_of: list[str] = field(default_factory=list)
    speaker_of: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    number: bool = False
    time: bool = False

    @property
    def marked(self) -> bool:
        return bool(
            self.statements or self.cue_of or self.speaker_of or self.entities or self.number or self.time
        )


@dataclass
class Speaker:
    key: str
    name: str
    entity: str | None
    colour: int
    statements: list[str] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relays: Counter[str] = field(default_factory=Counter)

    @property
    def mention_counts(self) -> list[tuple[str, int]]:
        """Each way the text names the speaker, in order of first use, with how often."""
        return list(Counter(m["text"] for m in self.mentions).items())


def _span(value: Any, length: int) -> tuple[int, int] | None:
    """(start, end) of a span dict when its offsets are usable in a text of this length."""
    if not isinstance(value, dict):
        return None
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= length:
        return None
    return start, end


def speaker_key(statement: dict[str, Any]) -> str:
    speaker = statement.get("speaker") or {}
    return speaker.get("entity") or f"name:{speaker.get('name') or '?'}"


def speakers(record: dict[str, Any]) -> dict[str, Speaker]:
    """Speakers in order of their first statement, each with a colour, its statements and its mentions."""
    text = record.get("text") or ""
    entities = {e["id"]: e for e in record.get("entities") or []}
    found: dict[str, Speaker] = {}
    for statement in sorted(record.get("statements") or [], key=lambda s: s["content"]["start"]):
        key = speaker_key(statement)
        speaker = statement.get("speaker") or {}
        if key not in found:
            entity = entities.get(speaker.get("entity") or "")
            found[key] = Speaker(
                key=key,
                name=(entity or {}).get("name") or speaker.get("name") or "?",
                entity=speaker.get("entity"),
                colour=len(found) % PALETTE_SIZE,
            )
            if entity:
                found[key].mentions = [
                    m for m in entity.get("mentions") or [] if _span(m, len(text)) is not None
                ]
        entry = found[key]
        entry.statements.append(statement["id"])
        for relay in statement.get("via") or []:
            entry.relays[relay.get("name") or "?"] += 1
        mention = speaker.get("mention")
        if _span(mention, len(text)) and all(m["start"] != mention["start"] for m in entry.mentions):
            entry.mentions.append(mention)
    for entry in found.values():
        entry.mentions.sort(key=lambda m: m["start"])
    return found


def segments(record: dict[str, Any], colours: dict[str, int] | None = None) -> list[Segment]:
    """The text cut at every span boundary; each piece knows which statements, cues, mentions cover it."""
    text = record.get("text") or ""
    n = len(text)
    statements = [s for s in record.get("statements") or [] if _span(s.get("content"), n)]
    speaker_colour = colours or {}
    covers: list[tuple[int, int, str, str]] = []  # (start, end, role, id)
    for s in statements:
        covers.append((*_span(s["content"], n), "statement", s["id"]))  # type: ignore[misc]
        if cue := _span(s.get("cue"), n):
            covers.append((*cue, "cue", s["id"]))
        if mention := _span((s.get("speaker") or {}).get("mention"), n):
            covers.append((*mention, "speaker", s["id"]))
    for entity in record.get("entities") or []:
        for m in entity.get("mentions") or []:
            if span := _span(m, n):
                covers.append((*span, "entity", entity["id"]))
    for q in record.get("quantities") or []:
        if span := _span(q, n):
            covers.append((*span, "number", ""))
    for t in record.get("times") or []:
        if span := _span(t, n):
            covers.append((*span, "time", ""))
    cuts = sorted({0, n, *(c[0] for c in covers), *(c[1] for c in covers)})
    length = {s["id"]: s["content"]["end"] - s["content"]["start"] for s in statements}
    colour_of = {s["id"]: speaker_colour.get(speaker_key(s)) for s in statements}
    result = [Segment(a, b, text[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    first_of = {cut: i for i, cut in enumerate(cuts)}
    for c_start, c_end, role, ident in covers:  # each span marks exactly the segments between its cuts
        for seg in result[first_of[c_start] : first_of[c_end]]:
            if role == "statement":
                seg.statements.append(ident)
            elif role == "cue":
                seg.cue_of.append(ident)
            elif role == "speaker":
                seg.speaker_of.append(ident)
            elif role == "entity":
                seg.entities.append(ident)
            elif role == "number":
                seg.number = True
            else:
                seg.time = True
    seen: set[str] = set()
    for seg in result:
        if seg.statements:
            seg.primary = min(seg.statements, key=lambda i: length[i])
            seg.colour = colour_of.get(seg.primary)
            if seg.primary not in seen:
                seg.first = True
                seen.add(seg.primary)
    return _merge(result)


def _merge(parts: list[Segment]) -> list[Segment]:
    """Join neighbours that carry no marks, so the page holds as few elements as it needs."""
    merged: list[Segment] = []
    for seg in parts:
        if merged and not seg.marked and not merged[-1].marked:
            last = merged[-1]
            merged[-1] = Segment(last.start, seg.end, last.text + seg.text)
        else:
            merged.append(seg)
    return merged


def origin(record: dict[str, Any]) -> list[str]:
    """Where the article itself comes from: its outlet, then its agencies (display names)."""
    meta = record.get("meta") or {}
    chain = []
    if meta.get("outlet"):
        chain.append(str(meta["outlet"]))
    for name in meta.get("agency") or []:
        agency = lookup(name)
        label = (agency.aliases[0] if agency and agency.aliases else name) if agency else name
        if label not in chain:
            chain.append(label)
    return chain


def relay_chains(record: dict[str, Any], names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Distinct chains origin → relays → speaker, with how many statements took each, most used first."""
    start = origin(record)
    counts: Counter[tuple[str, ...]] = Counter()
    members: dict[tuple[str, ...], list[str]] = {}
    for s in record.get("statements") or []:
        speaker = (names or {}).get(speaker_key(s)) or (s.get("speaker") or {}).get("name") or "?"
        chain = tuple([*start, *((r.get("name") or "?") for r in s.get("via") or []), speaker])
        counts[chain] += 1
        members.setdefault(chain, []).append(s["id"])
    return [{"chain": list(c), "count": n, "statements": members[c]} for c, n in counts.most_common()]


def times_in(record: dict[str, Any], statement: dict[str, Any]) -> list[dict[str, Any]]:
    """The time expressions inside the statement, or else in its paragraph (the time it speaks of)."""
    text = record.get("text") or ""
    start, end = statement["content"]["start"], statement["content"]["end"]
    times = record.get("times") or []
    inside = [t for t in times if start <= t["start"] and t["end"] <= end]
    if inside:
        return inside
    para_start = text.rfind("\n\n", 0, start) + 1
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    return [t for t in times if para_start <= t["start"] and t["end"] <= para_end]


def timeline(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Dates and times in the order they point to (durations and sets after them), the publication date marked."""
    published = (record.get("meta") or {}).get("published")
    points = [
        {**t, "published": False} for t in record.get("times") or [] if t.get("type") in ("DATE", "TIME")
    ]
    if published:
        points.append(
            {"value": published, "type": "DATE", "text": "publication", "published": True, "start": None}
        )
    points.sort(key=lambda t: (str(t["value"]), not t["published"]))
    rest = [t for t in record.get("times") or [] if t.get("type") not in ("DATE", "TIME")]
    return points + [{**t, "published": False} for t in rest]


def graph(chains: list[dict[str, Any]], width: int = 560) -> dict[str, Any]:
    """A layered drawing of relay chains: nodes by their position in the chain, edges weighted by use."""
    depth: dict[str, int] = {}
    for c in chains:
        for i, name in enumerate(c["chain"]):
            depth[name] = max(depth.get(name, 0), i)
    edges: Counter[tuple[str, str]] = Counter()
    for c in chains:
        for a, b in zip(c["chain"], c["chain"][1:], strict=False):
            if a != b:
                edges[(a, b)] += c["count"]
    columns = max(depth.values(), default=0) + 1
    rows: dict[int, list[str]] = {}
    for name, d in depth.items():
        rows.setdefault(d, []).append(name)
    # order each column by where its predecessors sit (fewer crossings), busiest nodes first on ties
    weight: Counter[str] = Counter()
    for (a, b), count in edges.items():
        weight[a] += count
        weight[b] += count
    position: dict[str, float] = {}
    for d in sorted(rows):

        def rank(name: str) -> tuple[float, int]:
            before = [position[a] for (a, b) in edges if b == name and a in position]
            return (sum(before) / len(before) if before else 0.0, -weight[name])

        rows[d].sort(key=rank)
        position.update({name: i for i, name in enumerate(rows[d])})
    box_w, box_h, gap_y = 150, 28, 14
    col_w = max((width - box_w) / max(columns - 1, 1), box_w + 24) if columns > 1 else box_w
    nodes = {}
    for d, names in rows.items():
        for i, name in enumerate(names):
            nodes[name] = {
                "name": name,
                "label": name if len(name) <= 20 else name[:19] + "…",
                "x": round(4 + d * col_w),
                "y": round(4 + i * (box_h + gap_y)),
                "w": box_w,
                "h": box_h,
            }
    lines = []
    for (a, b), count in edges.most_common():
        na, nb = nodes[a], nodes[b]
        lines.append(
            {
                "x1": na["x"] + box_w,
                "y1": na["y"] + box_h // 2,
                "x2": nb["x"],
                "y2": nb["y"] + box_h // 2,
                "count": count,
                "label": f"{a} → {b}",
            }
        )
    height = max((n["y"] + box_h for n in nodes.values()), default=0) + 8
    total_w = max((n["x"] + box_w for n in nodes.values()), default=0) + 8
    return {"nodes": list(nodes.values()), "edges": lines, "width": total_w, "height": height}


def reader(record: dict[str, Any]) -> dict[str, Any]:
    """Everything the reader template needs for one record."""
    found = speakers(record)
    names = {key: s.name for key, s in found.items()}
    chains = relay_chains(record, names)
    by_id = {s["id"]: s for s in record.get("statements") or []}
    details = []
    for s in sorted(by_id.values(), key=lambda s: s["content"]["start"]):
        key = speaker_key(s)
        details.append(
            {
                "statement": s,
                "speaker": found[key],
                "chain": [*origin(record), *((r.get("name") or "?") for r in s.get("via") or []), names[key]],
                "times": times_in(record, s),
            }
        )
    index = {d["statement"]["id"]: n for n, d in enumerate(details, 1)}
    return {
        "record": record,
        "index": index,
        "kinds": {d["statement"]["id"]: d["statement"]["kind"].replace("_", " ") for d in details},
        "speaker_names": {d["statement"]["id"]: d["speaker"].name for d in details},
        "segments": segments(record, {k: s.colour for k, s in found.items()}),
        "speakers": list(found.values()),
        "details": details,
        "chains": chains,
        "graph": graph(chains),
        "numbers": record.get("quantities") or [],
        "timeline": timeline(record),
        "origin": origin(record),
    }


def indices(ids: list[str], index: dict[str, int]) -> str:
    """Statement ids as the space-separated numbers the page uses for them."""
    return " ".join(str(index[i]) for i in ids if i in index)


def is_http_url(value: object) -> bool:
    """Only http(s) links become clickable; anything else (javascript:, data:) is shown as text."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def span_text(value: object) -> str:
    """The text of a span dict, or the value itself when the store gives a plain string."""
    if isinstance(value, dict):
        return str(value.get("text") or "")
    return "" if value is None else str(value)


def names(values: object) -> list[str]:
    """Names from a list of strings, of {name: …} dicts, or of (name, count) pairs (counts shown)."""
    if not values:
        return []
    if isinstance(values, dict):
        return [f"{k} ({v})" for k, v in values.items()]
    if isinstance(values, str):
        return [values]
    out = []
    for v in values:  # type: ignore[attr-defined]
        if isinstance(v, dict):
            name = v.get("name") or v.get("alias") or ""
            out.append(f"{name} ({v['count']})" if v.get("count") is not None else str(name))
        elif isinstance(v, list | tuple) and len(v) == 2:
            out.append(f"{v[0]} ({v[1]})")
        else:
            out.append(str(v))
    return out


def source_name(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or "—")
    return str(value) if value else "—"
