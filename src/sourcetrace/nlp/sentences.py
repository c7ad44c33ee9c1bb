"""Sentence boundaries around quotations, repaired after the parser.

The treebanks the bundled pipelines learn from have few quotations, and a parser trained on them
sometimes ends a sentence right after an opening quote mark („ | Wir kommen ...). The component
``sourcetrace_quote_boundaries`` (placed after the parser) attaches such a stranded opening quote mark
to the root of the sentence that follows it (relation ``punct``), which moves the boundary before the
mark. A quote mark counts as opening when it is „ or ‚ (German opening marks), or when it is attached to
the following word and not to the preceding one (» Nein, “We, ‘Fine). Likewise a closing quote mark (attached to the preceding word) that the parser put
at the start of a sentence is attached to the root of the sentence before it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

ALWAYS_OPENING = {"„", "‚"}
QUOTE_MARKS = {"„", "‚", "“", "”", "‘", "’", "»", "«", "›", "‹", '"', "'"}


def is_opening_quote(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.text in ALWAYS_OPENING:
        return True
    if token.text not in QUOTE_MARKS or token.whitespace_ or i + 1 >= len(doc):
        return False
    return i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_punct


class QuoteBoundaries:
    """Attaches an opening quote mark that the parser left in the previous sentence to the next one."""

    def __init__(self, nlp: Language, name: str = "sourcetrace_quote_boundaries"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            return doc
        for i in range(len(doc) - 1):
            if not is_opening_quote(doc, i) or doc[i + 1].is_space:
                continue
            quote, following = doc[i], doc[i + 1]
            if following.is_sent_start:
                quote.head = following.sent.root
                quote.dep_ = "punct"
        for i in range(1, len(doc)):
            quote = doc[i]
            closing = (
                quote.text in QUOTE_MARKS and not doc[i - 1].whitespace_ and not is_opening_quote(doc, i)
            )
            if closing and quote.is_sent_start:
                quote.head = doc[i - 1].sent.root
                quote.dep_ = "punct"
        return doc


@Language.factory(
    "sourcetrace_quote_boundaries",
    requires=["token.dep", "token.head"],
    assigns=["token.dep", "token.head", "token.is_sent_start"],
)
def create_quote_boundaries(nlp: Language, name: str) -> QuoteBoundaries:
    return QuoteBoundaries(nlp, name)
