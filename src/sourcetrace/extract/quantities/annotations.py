"""Which annotations a Doc carries (POS, dependency parse, sentence starts), read once from its arrays.

``Doc.has_annotation`` walks every token in Python; on a whole article that costs more than the scan itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True)
class Annotations:
    pos: bool
    dep: bool
    sent_starts: list[int] | None  # per token: 1 starts a sentence; None without sentence boundaries

    @classmethod
    def of(cls, doc: Doc) -> Annotations:
        if not len(doc):
            return cls(False, False, None)
        arrays = doc.to_array(["POS", "DEP", "SENT_START"])
        sent = arrays[:, 2]
        return cls(
            pos=bool(arrays[:, 0].any()),
            dep=bool(arrays[:, 1].any()),
            sent_starts=sent.tolist() if bool(sent[1:].any()) else None,
        )

    def sentence_start(self, i: int) -> int:
        """The first token of the sentence token ``i`` is in (0 without sentence boundaries)."""
        if self.sent_starts is None:
            return 0
        while i > 0 and self.sent_starts[i] != 1:
            i -= 1
        return i
