"""Word-class features for a tok2vec: what a large lexicon knows about a word form, as one more embedding.

The bundled German pipeline learns from about 29k words of UD German, so most words of a news article are
new to it. ``sourcetrace.WordClassHashEmbed.v1`` is spaCy's ``MultiHashEmbed`` (hash embeddings of NORM,
PREFIX, SUFFIX, SHAPE) with one more column: the word form's class from a lexicon shipped in ``nlp/data``.

- ``word_classes_<lang>.tsv.gz`` (built by ``training/build_word_classes.py``): the tags HanTa gives the
  form out of context, STTS from its TIGER model for German (``essen -> VV(INF)|VV(FIN)``), CLAWS5 from its
  BNC model for English (``run -> VVI|NN1|VVN|VVB``).
- With ``name_lists = true`` the class also says whether the form is a listed given name or a one-word place
  name (the lists of the ``sourcetrace_name_lists`` component), a gazetteer feature for the NER.

Forms not in the lexicon are looked up lower-cased and capitalized, else they get the class "?" (words) or
"#" (numbers, punctuation, symbols: tokens without a letter).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.strings import hash_string
from spacy.tokens import Doc
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

DATA = Path(__file__).resolve().parent / "data"
UNKNOWN = "?"
NO_LETTERS = "#"


@lru_cache(maxsize=8)
def _file_lexicon(lang: str) -> dict[str, str]:
    path = DATA / f"word_classes_{lang}.tsv.gz"
    if not path.exists():
        raise FileNotFoundError(f"no word-class lexicon for language {lang!r}: {path} is missing")
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    if text.startswith("#"):  # the header line
        text = text.partition("\n")[2]
    cells = text.rstrip("\n").replace("\t", "\n").split("\n")  # form, class, form, class, ...
    return dict(zip(cells[0::2], cells[1::2], strict=True))


@lru_cache(maxsize=8)
def _name_classes(lang: str) -> dict[str, str]:
    """The classes of the one-word given names and places, with their flags ("NE+GIVEN", "?+PLACE")."""
    from .name_lists import name_list

    base = _file_lexicon(lang)
    classes: dict[str, str] = {}
    for flag, names in (("+GIVEN", name_list("first_names")), ("+PLACE", name_list("place_names"))):
        for name in names:
            if " " not in name:
                classes[name] = classes.get(name, base.get(name, UNKNOWN)) + flag
    return classes


def lexicon(lang: str, name_lists: bool = False) -> dict[str, str]:
    """Word form -> class, from ``word_classes_<lang>.tsv.gz`` (and, flagged, the name lists)."""
    return {**_file_lexicon(lang), **_name_classes(lang)} if name_lists else _file_lexicon(lang)


@lru_cache(maxsize=8)
def word_classes(lang: str, name_lists: bool = False) -> dict[str, int]:
    """Word form -> hashed class, the table the feature extractor reads."""
    if name_lists:
        flagged = _name_classes(lang)
        return {**word_classes(lang), **{form: hash_string(cls) for form, cls in flagged.items()}}
    table = _file_lexicon(lang)
    hashes = {cls: hash_string(cls) for cls in set(table.values())}
    return dict(zip(table, map(hashes.__getitem__, table.values()), strict=True))


def class_of(text: str, table: dict, unknown=UNKNOWN, no_letters=NO_LETTERS):
    """The class of a word form in ``table``: as written, else lower-cased, else capitalized, else
    ``unknown`` (or ``no_letters`` for a token without a letter)."""
    found = table.get(text)
    if found is None:
        lower = text.lower()
        found = table.get(lower)
        if found is None:
            found = table.get(lower[:1].upper() + lower[1:])
            if found is None:
                found = unknown if any(ch.isalpha() for ch in text) else no_letters
    return found


def class_ids(doc: Doc, table: dict[str, int]) -> numpy.ndarray:
    """The hashed class of each token of ``doc``."""
    unknown, no_letters = hash_string(UNKNOWN), hash_string(NO_LETTERS)
    classes = (class_of(token.text, table, unknown, no_letters) for token in doc)
    return numpy.fromiter(classes, dtype="uint64", count=len(doc))


def WordClassFeatures(columns: Sequence[str], lang: str, name_lists: bool) -> Model[list[Doc], list[Ints2d]]:
    """Like spaCy's FeatureExtractor, with the word class as one more column after ``columns``."""
    return Model(
        "extract_word_class_features",
        _extract_forward,
        attrs={"columns": list(columns), "lang": lang, "name_lists": name_lists},
    )


def _extract_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], Callable]:
    columns = model.attrs["columns"]
    table = word_classes(model.attrs["lang"], model.attrs["name_lists"])
    features: list[Ints2d] = []
    for doc in docs:
        attrs = doc.to_array(columns).reshape((len(doc), len(columns)))
        both = numpy.hstack([attrs, class_ids(doc, table).reshape((len(doc), 1))])
        features.append(model.ops.asarray2i(both, dtype="uint64"))
    return features, lambda d_features: []


@spacy.registry.architectures("sourcetrace.WordClassHashEmbed.v1")
def word_class_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    class_rows: int,
    lang: str,
    name_lists: bool = False,
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed (without static vectors) plus an embedding of the lexicon's word class."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(attrs)} attrs")
    word_classes(lang, name_lists)  # fail at load time, not at the first document, if the lexicon is missing
    all_rows = [*rows, class_rows]
    embeddings = [
        HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(all_rows)
    ]
    return chain(
        WordClassFeatures(attrs, lang, name_lists),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
