"""SpkAtt-2023 task 2 (German Wikinews quotation attribution): reader and the official metric.

The metric follows the task's README (and the organisers' evaluation script): system and gold quotations
(``quote`` = Message) of a document are paired by a linear sum assignment over the F1 of their token
overlap (same form +0.01 and same medium +0.001 as tie-breakers, each quotation at most once); inside a pair
every token of the message and of the roles ``addressee``, ``cue``, ``frame``, ``speaker`` counts as
TP/FP/FN; unpaired quotations add FP (system) or FN (gold) for the message and all their roles.

Two aggregations are reported:
- ``micro``: token counts summed over the whole corpus (the token-level P/R/F1 of the README);
- ``group-macro``: precision/recall averaged over (pair, role) units, as the organisers' script prints them.

Token ids are the corpus' own (document-global); a system maps its character offsets onto them with
``Document.tokens_in``.
"""

from __future__ import annotations

import bisect
import json
import lzma
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("addressee", "cue", "frame", "speaker")
PARTS = ("quote", *ROLES)
FORMS = ("Direct", "Indirect", "IndirectFreeIndirect", "FreeIndirect", "Reported")


@dataclass
class Group:
    """One annotated (or predicted) quotation with its roles as sorted token-id lists."""

    message: list[int]
    roles: dict[str, list[int]]
    form: str | None = None
    medium: str | None = None
    nested: bool = False


@dataclass
class Document:
    doc_id: str
    text: str
    token_starts: list[int]
    token_ends: list[int]
    groups: list[Group] = field(default_factory=list)

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Ids of the corpus tokens that overlap the character range ``[start, end)``."""
        if end <= start:
            return []
        first = bisect.bisect_right(self.token_ends, start)
        ids = []
        for i in range(first, len(self.token_starts)):
            if self.token_starts[i] >= end:
                break
            if self.token_ends[i] > start:
                ids.append(i)
        return ids


def _ids(role: dict | None) -> list[int]:
    return sorted(set((role or {}).get("tokenIds", [])))


def read(path: Path) -> Iterator[Document]:
    """Documents of a ``task2_news`` split file (``*.jsonl.xz``)."""
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            raw = json.loads(line)
            tokens = raw["tokens"]
            doc = Document(
                doc_id=str(raw["doc_id"]),
                text=raw["originalText"],
                token_starts=[t["charBegin"] for t in tokens],
                token_ends=[t["charEnd"] for t in tokens],
            )
            for ann in raw["annotations"]:
                doc.groups.append(
                    Group(
                        message=_ids(ann["quote"]),
                        roles={r: _ids(ann.get(r)) for r in ROLES},
                        form=ann.get("type"),
                        medium=ann.get("medium"),
                        nested=bool(ann.get("isNested")),
                    )
                )
            yield doc


# ----------------------------------------------------------------------------------------------- metric


def _overlap_f1(gold: list[int], sys: list[int]) -> float:
    both = len(set(gold) & set(sys))
    if not both:
        return 0.0
    p, r = both / len(sys), both / len(gold)
    return 2 * p * r / (p + r)


def _assign(sys: list[Group], gold: list[Group]) -> list[tuple[int, int]]:
    if not sys or not gold:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    scores = np.zeros((len(gold), len(sys)))
    for i, g in enumerate(gold):
        for j, s in enumerate(sys):
            ov = _overlap_f1(g.message, s.message)
            if ov > 0:
                ov += (0.01 if g.form == s.form else 0.0) + (0.001 if g.medium == s.medium else 0.0)
            scores[i, j] = ov
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(c), int(r)) for r, c in zip(rows, cols, strict=True)]


@dataclass
class Counts:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    # group-macro: per (pair, part) precision and recall values where defined
    macro_p: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PARTS})
    macro_r: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PARTS})

    def add_pair(self, sys: Group | None, gold: Group | None) -> None:
        for part in PARTS:
            s = set((sys.message if part == "quote" else sys.roles.get(part, [])) if sys else [])
            g = set((gold.message if part == "quote" else gold.roles.get(part, [])) if gold else [])
            tp, fp, fn = len(s & g), len(s - g), len(g - s)
            self.tp[part] += tp
            self.fp[part] += fp
            self.fn[part] += fn
            if tp + fp:
                self.macro_p[part].append(tp / (tp + fp))
            if tp + fn:
                self.macro_r[part].append(tp / (tp + fn))

    def prf(self, parts: Iterable[str]) -> tuple[float, float, float]:
        parts = tuple(parts)
        tp = sum(self.tp[p] for p in parts)
        fp = sum(self.fp[p] for p in parts)
        fn = sum(self.fn[p] for p in parts)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def macro_prf(self, parts: Iterable[str]) -> tuple[float, float, float]:
        parts = tuple(parts)
        ps = [v for p in parts for v in self.macro_p[p]]
        rs = [v for p in parts for v in self.macro_r[p]]
        p = sum(ps) / len(ps) if ps else 0.0
        r = sum(rs) / len(rs) if rs else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(pairs: Iterable[tuple[list[Group], list[Group]]], form: str | None = None) -> Counts:
    """Score (system groups, gold groups) per document; ``form`` restricts both sides to one form."""
    counts = Counts()
    for sys, gold in pairs:
        if form is not None:
            sys = [g for g in sys if g.form == form]
            gold = [g for g in gold if g.form == form]
        matched = _assign(sys, gold)
        for si, gi in matched:
            counts.add_pair(sys[si], gold[gi])
        done_s = {si for si, _ in matched}
        done_g = {gi for _, gi in matched}
        for i, s in enumerate(sys):
            if i not in done_s:
                counts.add_pair(s, None)
        for i, g in enumerate(gold):
            if i not in done_g:
                counts.add_pair(None, g)
    return counts
