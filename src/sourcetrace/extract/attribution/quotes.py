"""Finding quotations in raw text, character by character, with the one quote-mark inventory.

Handles German, English and straight marks, nesting (``„… ‚…‘ …“``), quotes across sentences and
paragraphs (a quote left open at a paragraph end continues if the next paragraph re-opens it, as German
typesetting does; otherwise it is closed there and marked unbalanced) and stray closing marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc

from sourcetrace.extract.attribution.lexicon import quote_marks

MAX_DEPTH = 3


@dataclass
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end when unbalanced)
    inner_start: int
    inner_end: int
    depth: int  # 0 = top level
    balanced: bool = True

    @property
    def length(self) -> int:
        return self.inner_end - self.inner_start


def _openers() -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    for open_mark, close_mark, level in quote_marks():
        table.setdefault(open_mark, []).append((close_mark, level))
    return table


def _closers() -> set[str]:
    return {c for _, c, _ in quote_marks()}


_LEFT_CONTEXT = set(" \t\n([{/:–—-»«„“\"'‚‘›‹")


def _can_open(text: str, i: int) -> bool:
    """An opening mark stands before a word: start or space/bracket before it, no space after it."""
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    if after.isspace():
        return False
    return before in _LEFT_CONTEXT


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace():
        return False
    return not after.isalnum()


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text`` (any depth), ordered by start offset."""
    openers = _openers()
    closers = _closers()
    stack: list[tuple[int, str, set[str]]] = []  # (offset, open mark, closing marks it accepts)
    found: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and stack:
            # paragraph end with open quotes: continue if the next paragraph re-opens the same mark
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] == stack[0][1]:
                i = j + 1
                continue
            while stack:
                pos, _, _ = stack.pop()
                found.append(Quote(pos, i, pos + 1, i, len(stack), balanced=False))
            i += 1
            continue
        if ch not in openers and ch not in closers:
            i += 1
            continue
        # closing the innermost open quote wins over opening a new one
        if stack and ch in stack[-1][2] and _can_close(text, i):
            pos, _, _ = stack.pop()
            found.append(Quote(pos, i + 1, pos + 1, i, len(stack)))
            i += 1
            continue
        # a closer of an outer quote closes the inner ones left open
        outer = next((k for k in range(len(stack) - 2, -1, -1) if ch in stack[k][2]), None)
        if outer is not None and _can_close(text, i) and not (ch in openers and _can_open(text, i)):
            while len(stack) > outer + 1:
                pos, _, _ = stack.pop()
                found.append(Quote(pos, i, pos + 1, i, len(stack), balanced=False))
            pos, _, _ = stack.pop()
            found.append(Quote(pos, i + 1, pos + 1, i, len(stack)))
            i += 1
            continue
        if ch in openers and _can_open(text, i) and len(stack) < MAX_DEPTH:
            level_ok = [c for c, level in openers[ch] if level == "double" or stack or ch not in "'’‘"]
            if ch == "'" and not stack:
                level_ok = []  # a straight apostrophe opens quotes only inside other quotes
            if level_ok:
                stack.append((i, ch, set(level_ok)))
        i += 1
    while stack:
        pos, _, _ = stack.pop()
        found.append(Quote(pos, n, pos + 1, n, len(stack), balanced=False))
    found.sort(key=lambda q: (q.start, -q.end))
    return found


def index_quotes(
    doc: Doc, quotes: Iterable[Quote]
) -> tuple[list[tuple[int, int, bool]], list[int | None], list[tuple[int, int]]]:
    """Top-level quotations as token ranges ``(start, end, balanced)`` including their marks, the quotation
    index of each token (or None), and the token ranges of quotations nested inside others. Quotations of one
    token and quotations overlapping an earlier one are left out."""
    top: list[tuple[int, int, bool]] = []
    quote_of: list[int | None] = [None] * len(doc)
    inner: list[tuple[int, int]] = []
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        if q.depth > 0:
            inner.append((span.start, span.end))
            continue
        if len(span) < 2 or any(quote_of[i] is not None for i in range(span.start, span.end)):
            continue
        for i in range(span.start, span.end):
            quote_of[i] = len(top)
        top.append((span.start, span.end, q.balanced))
    return top, quote_of, inner


def paragraph_index(doc: Doc, text: str | None = None) -> list[int]:
    """The paragraph number of each token (a line break after a token starts the next paragraph);
    ``text``: ``doc.text`` when the caller has it already."""
    breaks = [m.start() for m in re.finditer("\n", doc.text if text is None else text)]
    if not breaks:
        return [0] * len(doc)
    starts = doc.to_array(IDX)
    marks = numpy.zeros(len(doc) + 1, dtype=numpy.int64)
    marks[numpy.unique(numpy.searchsorted(starts, breaks, side="right") - 1) + 1] = 1  # token after a break
    return numpy.cumsum(marks)[: len(doc)].tolist()
