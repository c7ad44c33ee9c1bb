"""The ``Doc._`` extensions sourcetrace sets, registered once."""

from __future__ import annotations

from spacy.tokens import Doc

# name -> default (lists use a getter-free default of None and are set by the components)
DOC_EXTENSIONS: dict[str, object] = {
    "published": None,  # datetime | None: the anchor for relative times (set before the pipeline runs)
    "article_meta": None,  # dict | None: article metadata known before analysis (agency, outlet, ...)
    "times": None,  # list[TimeExpr]
    "quantities": None,  # list[Quantity]
    "statements": None,  # list[Statement]
    "entities": None,  # list[Entity]
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
