"""PolNeAR (Political News Attribution Relations, English) reader and span scorer.

The corpus (``../shared/data/polnear/{train,dev}.jsonl.xz``) holds one JSON line per (article, annotator) with
the raw text and a brat standoff annotation: ``Source``/``Cue``/``Content`` text spans (possibly
discontinuous) tied together by ``E`` event lines. Articles annotated by several annotators are read once,
with the lexicographically first annotator id (the corpus README's deterministic choice).

Scoring works on token sets of the evaluated ``Doc`` (a gold character span covers the tokens it touches;
punctuation and whitespace tokens are left out of every set, so "said:" and "said" or a quote with and
without its trailing comma are the same span):

- exact: a predicted span is right when a gold span of the same role has the same token set;
- overlap: predicted and gold spans are paired one-to-one (largest shared token count first) when they
  share at least one token;
- attribution: a predicted attribution is right when it can be paired one-to-one with a gold attribution
  whose cue, source and content all match (exact, or overlap); a missing source matches a missing source
  and a punctuation-only cue (":") a punctuation-only cue;
- token (Citron-style): shared tokens over predicted tokens (precision) and over gold tokens (recall), per
  role, summed over the documents.

Spans of one role are de-duplicated per document (one source span may serve several attributions).
"""

from __future__ import annotations

import json
import lzma
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("cue", "source", "content")
CharSpan = tuple[tuple[int, int], ...]  # fragments (start, end), end exclusive


@dataclass
class GoldAttribution:
    cue: CharSpan
    source: CharSpan  # () for "Attribution-no-source"
    content: CharSpan


@dataclass
class Article:
    filename: str
    annotator: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _fragments(offsets: str) -> CharSpan:
    out = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attribution relations of one brat standoff file."""
    spans: dict[str, tuple[str, CharSpan]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _fragments(offsets))
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for ev in events:
        role = {
            k.lower(): spans[v][1] for k, v in ev.items() if v in spans and k in ("Cue", "Source", "Content")
        }
        if "cue" not in role or "content" not in role:
            continue
        out.append(GoldAttribution(cue=role["cue"], source=role.get("source", ()), content=role["content"]))
    return out


def read(path: Path, limit: int | None = None) -> list[Article]:
    """Articles of one compartment file, one annotation each (first annotator id), in file-name order."""
    chosen: dict[str, dict] = {}
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("text") is None:
                continue
            prev = chosen.get(row["filename"])
            if prev is None or row["annotator"] < prev["annotator"]:
                chosen[row["filename"]] = row
    rows = [chosen[k] for k in sorted(chosen)]
    if limit is not None:
        rows = rows[:limit]
    return [Article(r["filename"], r["annotator"], r["text"], parse_ann(r["ann"])) for r in rows]


# ------------------------------------------------------------------------------------ token sets
class TokenMap:
    """Character offsets → content token ids of one Doc (punctuation and whitespace tokens left out)."""

    def __init__(self, doc):
        self.doc = doc
        self.owner = [-1] * (len(doc.text) + 1)
        self.word = [not (t.is_punct or t.is_space) for t in doc]
        for t in doc:
            for c in range(t.idx, t.idx + len(t.text)):
                self.owner[c] = t.i

    def chars(self, span: CharSpan) -> frozenset[int]:
        out = set()
        for a, b in span:
            for c in range(max(a, 0), min(b, len(self.owner) - 1)):
                i = self.owner[c]
                if i >= 0 and self.word[i]:
                    out.add(i)
        return frozenset(out)

    def tokens(self, ids: Iterable[int]) -> frozenset[int]:
        return frozenset(i for i in ids if 0 <= i < len(self.word) and self.word[i])


@dataclass
class Triple:
    cue: frozenset[int]
    source: frozenset[int]
    content: frozenset[int]

    def role(self, name: str) -> frozenset[int]:
        return getattr(self, name)


# ------------------------------------------------------------------------------------ scoring
@dataclass
class Counts:
    pred: int = 0
    gold: int = 0
    tp_pred: int = 0
    tp_gold: int = 0

    def add(self, other: Counts) -> None:
        self.pred += other.pred
        self.gold += other.gold
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold

    @property
    def p(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def _pair(pred: list, gold: list, score) -> int:
    """Size of a greedy one-to-one pairing (highest score first) over pairs with a positive score."""
    cand = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            s = score(p, g)
            if s > 0:
                cand.append((s, i, j))
    cand.sort(key=lambda x: -x[0])
    used_p, used_g, n = set(), set(), 0
    for _, i, j in cand:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        n += 1
    return n


def _overlap(a: frozenset[int], b: frozenset[int]) -> int:
    return len(a & b)


def _exact(a: frozenset[int], b: frozenset[int]) -> int:
    return 1 if a == b else 0


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    token: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    whole_exact: Counts = field(default_factory=Counts)
    whole_overlap: Counts = field(default_factory=Counts)

    def add_doc(self, pred: list[Triple], gold: list[Triple]) -> None:
        for role in ROLES:
            ps = list(dict.fromkeys(t.role(role) for t in pred if t.role(role)))
            gs = list(dict.fromkeys(t.role(role) for t in gold if t.role(role)))
            n = _pair(ps, gs, _exact)
            self.exact[role].add(Counts(len(ps), len(gs), n, n))
            n = _pair(ps, gs, _overlap)
            self.overlap[role].add(Counts(len(ps), len(gs), n, n))
            pt = frozenset().union(*ps) if ps else frozenset()
            gt = frozenset().union(*gs) if gs else frozenset()
            shared = len(pt & gt)
            self.token[role].add(Counts(len(pt), len(gt), shared, shared))

        def whole(match):
            def same(a: frozenset[int], b: frozenset[int]) -> bool:
                # an empty set (no source, or a cue that is only punctuation such as ":") matches an empty set
                return (not a and not b) or (bool(a) and match(a, b))

            def score(p: Triple, g: Triple) -> int:
                return 1 if bool(p.content) and all(same(p.role(r), g.role(r)) for r in ROLES) else 0

            return score

        n = _pair(pred, gold, whole(lambda a, b: a == b))
        self.whole_exact.add(Counts(len(pred), len(gold), n, n))
        n = _pair(pred, gold, whole(lambda a, b: bool(a & b)))
        self.whole_overlap.add(Counts(len(pred), len(gold), n, n))


def gold_triples(article: Article, tmap: TokenMap) -> Iterator[Triple]:
    for g in article.attributions:
        yield Triple(tmap.chars(g.cue), tmap.chars(g.source), tmap.chars(g.content))
