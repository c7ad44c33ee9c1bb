"""Readers for the annotated corpora the backbone is trained and measured on: CoNLL-U treebanks and
token-per-line NER files (IOB/IOB2), turned into spaCy ``Doc`` objects with gold annotation.

Multiword tokens of a treebank ("im" = "in" + "dem") become one token, as spaCy's tokenizers keep them:
its UPOS, lemma, head and relation are those of the first syntactic word, its morphology that of the
last one (the article), its STTS tag the contraction tag ``APPRART`` when the words are ADP + DET.
"""

from __future__ import annotations

import gzip
import lzma
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.training import biluo_tags_to_spans, iob_to_biluo
from spacy.vocab import Vocab


@dataclass
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0-based index of the head word in the sentence, -1 for the root
    deprel: str
    space_after: bool = True


@dataclass
class Sentence:
    words: list[Word] = field(default_factory=list)
    sent_id: str = ""
    text: str = ""
    # for each syntactic word of the file (in order), the index of the token it belongs to
    token_of_word: list[int] = field(default_factory=list)


def open_text(path: Path) -> Iterator[str]:
    """Lines of a plain, xz- or gzip-compressed UTF-8 file."""
    name = str(path)
    opener = lzma.open if name.endswith(".xz") else gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from handle


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file with multiword tokens merged into one token."""
    rows: list[list[str]] = []
    meta: dict[str, str] = {}
    for line in open_text(path):
        line = line.rstrip("\n")
        if not line:
            if rows:
                yield _sentence(rows, meta)
            rows, meta = [], {}
        elif line.startswith("#"):
            key, _, value = line[1:].partition("=")
            meta[key.strip()] = value.strip()
        else:
            rows.append(line.split("\t"))
    if rows:
        yield _sentence(rows, meta)


def _sentence(rows: list[list[str]], meta: dict[str, str]) -> Sentence:
    words = [r for r in rows if r[0].isdigit()]
    ranges = {}
    for r in rows:
        if "-" in r[0]:
            start, end = (int(x) for x in r[0].split("-"))
            ranges[start] = (end, r[1], "SpaceAfter=No" not in r[9])
    # map syntactic word ids (1-based) to output token indices
    token_of: dict[int, int] = {}
    groups: list[tuple[list[list[str]], str | None, bool | None]] = []
    i = 1
    while i <= len(words):
        if i in ranges:
            end, form, space = ranges[i]
            members = words[i - 1 : end]
            for wid in range(i, end + 1):
                token_of[wid] = len(groups)
            groups.append((members, form, space))
            i = end + 1
        else:
            token_of[i] = len(groups)
            groups.append(([words[i - 1]], None, None))
            i += 1
    out: list[Word] = []
    for index, (members, form, space) in enumerate(groups):
        first, last = members[0], members[-1]
        # the member whose head lies outside the group carries the token's attachment
        ids = {int(m[0]) for m in members}
        outer = next((m for m in members if int(m[6]) not in ids), first)
        head_id = int(outer[6]) if outer[6] not in ("_", "") else 0
        head = token_of[head_id] if head_id else -1
        if head == index:
            head = -1
        upos = first[3]
        xpos = first[4]
        if len(members) > 1:
            xpos = "APPRART" if (first[3], last[3]) == ("ADP", "DET") else "_".join(m[4] for m in members)
        out.append(
            Word(
                form=form if form is not None else first[1],
                lemma=first[2],
                upos=upos,
                xpos=xpos,
                feats=(last if len(members) > 1 else first)[5],
                head=head,
                deprel=outer[7],
                space_after=space if space is not None else "SpaceAfter=No" not in first[9],
            )
        )
    word_map = [token_of[wid] for wid in range(1, len(words) + 1)]
    return Sentence(out, meta.get("sent_id", ""), meta.get("text", ""), word_map)


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence], *, tags: bool = True) -> Doc:
    """One Doc holding ``sentences`` with words, POS, tags, morphology, lemmas and the dependency tree."""
    words, spaces, pos, tag, morph, lemma, heads, deps, starts = [], [], [], [], [], [], [], [], []
    for sentence in sentences:
        offset = len(words)
        for j, w in enumerate(sentence.words):
            words.append(w.form)
            spaces.append(w.space_after)
            pos.append(w.upos if w.upos not in ("_", "") else "X")
            tag.append(w.xpos if tags and w.xpos not in ("_", "") else "")
            morph.append(w.feats if w.feats not in ("_", "") else "")
            lemma.append(w.lemma if w.lemma != "_" or w.form == "_" else w.form)
            heads.append(offset + (w.head if w.head >= 0 else j))
            deps.append("ROOT" if w.head < 0 else w.deprel)
            starts.append(j == 0)
        if spaces:
            spaces[-1] = True
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=pos,
        tags=tag if tags else None,
        morphs=morph,
        lemmas=lemma,
        heads=heads,
        deps=deps,
        sent_starts=starts,
    )


def conllu_docs(vocab: Vocab, path: Path, *, per_doc: int = 10, tags: bool = True) -> Iterator[Doc]:
    """Docs of ``per_doc`` consecutive sentences each from a CoNLL-U file."""
    yield from _chunked(read_conllu(path), per_doc, lambda chunk: sentences_to_doc(vocab, chunk, tags=tags))


def _chunked(items: Iterable, size: int, make) -> Iterator:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield make(chunk)
            chunk = []
    if chunk:
        yield make(chunk)


def read_token_tags(
    path: Path, *, token_col: int, tag_col: int, sep: str | None = "\t", comment: str | None = "#"
) -> Iterator[list[tuple[str, str]]]:
    """Sentences of a one-token-per-line NER file as lists of (token, IOB tag); blank lines separate,
    lines starting with ``comment`` are skipped."""
    sentence: list[tuple[str, str]] = []
    for line in open_text(path):
        line = line.rstrip("\n")
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        if comment and line.startswith(comment):
            continue
        parts = line.split(sep)
        if len(parts) <= max(token_col, tag_col):
            continue
        sentence.append((parts[token_col], parts[tag_col]))
    if sentence:
        yield sentence


def tagged_to_doc(vocab: Vocab, sentences: list[list[tuple[str, str]]], label_map: dict[str, str]) -> Doc:
    """One Doc with entity annotation from IOB-tagged sentences; labels missing from ``label_map`` become O."""
    words: list[str] = []
    iob: list[str] = []
    starts: list[bool] = []
    for sentence in sentences:
        prev = "O"
        for j, (token, tag) in enumerate(sentence):
            words.append(token)
            starts.append(j == 0)
            prefix, _, label = tag.partition("-")
            mapped = label_map.get(label) if prefix in ("B", "I") else None
            if mapped is None:
                iob.append("O")
                prev = "O"
                continue
            # repair I- without a preceding entity of the same type (IOB1 or broken IOB2)
            if prefix == "I" and prev != mapped:
                prefix = "B"
            iob.append(f"{prefix}-{mapped}")
            prev = mapped
    doc = Doc(vocab, words=words, sent_starts=starts)
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(iob))
    return doc


def tagged_docs(
    vocab: Vocab, sentences: Iterable[list[tuple[str, str]]], label_map: dict[str, str], per_doc: int = 10
) -> Iterator[Doc]:
    yield from _chunked(sentences, per_doc, lambda chunk: tagged_to_doc(vocab, chunk, label_map))


def entity_spans(doc: Doc, labels: Iterable[str]) -> set[tuple[int, int, str]]:
    """(start_char, end_char, label) of the entities with one of ``labels``."""
    wanted = set(labels)
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in wanted}


__all__ = [
    "Sentence",
    "Span",
    "Word",
    "conllu_docs",
    "entity_spans",
    "read_conllu",
    "read_token_tags",
    "sentences_to_doc",
    "tagged_docs",
    "tagged_to_doc",
]
