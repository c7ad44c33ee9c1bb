"""German lemmas from a lexicon: the lemma of a known word form with its predicted STTS tag.

The edit-tree lemmatizer learns from about 50k words of UD German-GSD and EmpiriST; HanTa's TIGER-trained
model knows far more word forms ("Maßnahmen" -> "Maßnahme", "beschlossen" -> "beschließen"). The component
``sourcetrace_lemma_lexicon`` (placed after the tagger and the lemmatizer) looks each token up in
``data/lemmas_de.tsv.gz`` (built by ``training/build_lemma_lexicon.py``) under its form and the tag the
tagger gave it, and takes the lexicon's lemma when there is one. Only the lexical classes in
``LEXICAL_TAGS`` are listed; names, pronouns and articles keep the statistical lemma.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

DATA = Path(__file__).resolve().parent / "data" / "lemmas_de.tsv.gz"

LEXICAL_TAGS = frozenset(
    {
        "NN",
        "ADJA",
        "ADJD",
        "ADV",
        "APPR",
        "APPRART",
        "CARD",
        "PPOSAT",
        *(f"{kind}{form}" for kind in ("VV", "VA", "VM") for form in ("FIN", "INF", "PP", "IZU", "IMP")),
    }
)


HEADER = "# sections '## TAG' of lines 'form<TAB>lemma' (empty lemma: the form itself)"


def write_lemmas(rows: Iterable[tuple[str, str, str]], path: Path = DATA) -> int:
    """Write (form, STTS tag, lemma) rows as the gzip file ``load_lemmas`` reads: one section a tag, headed
    ``## TAG``, of ``form<TAB>lemma`` lines, the lemma left empty where it is the form itself. Returns
    the number of entries."""
    by_tag: dict[str, dict[str, str]] = {}
    for form, tag, lemma in rows:
        by_tag.setdefault(tag, {})[form] = "" if lemma == form else lemma
    lines = [HEADER]
    for tag in sorted(by_tag):
        lines.append(f"## {tag}")
        lines += (f"{form}\t{lemma}" for form, lemma in sorted(by_tag[tag].items()))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    return sum(map(len, by_tag.values()))


@cache
def load_lemmas(path: Path = DATA) -> dict[str, dict[str, str]]:
    """STTS tag -> {form: lemma}; an empty lemma stands for the form itself."""
    if not path.exists():
        raise FileNotFoundError(f"no lemma lexicon: {path} is missing (training/build_lemma_lexicon.py)")
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    table: dict[str, dict[str, str]] = {}
    for section in text.rstrip("\n").split("\n## ")[1:]:  # the first part is the header line
        tag, _, body = section.partition("\n")
        cells = body.replace("\n", "\t").split("\t")  # form, lemma, form, lemma, ...
        table[tag] = dict(zip(cells[0::2], cells[1::2], strict=True))
    return table


def lexicon_lemma(form: str, tag: str, table: dict[str, dict[str, str]]) -> str | None:
    """The lexicon's lemma of ``form`` tagged ``tag``, also for a capitalized word at the start of a
    sentence ("Beschlossen" -> "beschließen"); None when the lexicon does not list it."""
    forms = table.get(tag)
    if forms is None:
        return None
    lemma = forms.get(form)
    if lemma is None and tag != "NN" and form[:1].isupper():
        form = form.lower()
        lemma = forms.get(form)
    return form if lemma == "" else lemma


class LemmaLexicon:
    """Sets ``token.lemma_`` from the lemma lexicon where it lists the form with the token's tag."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.table = load_lemmas()

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for token in doc:
            lemma = lexicon_lemma(token.text, token.tag_, table)
            if lemma is not None:
                token.lemma_ = lemma
        return doc


@Language.factory("sourcetrace_lemma_lexicon")
def create_lemma_lexicon(nlp: Language, name: str) -> LemmaLexicon:
    return LemmaLexicon(nlp, name)
