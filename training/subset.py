"""The first part of a (shuffled) training corpus, for learning curves.

    python training/subset.py training/corpus/de/ner-train.spacy 0.5 training/corpus/de/ner-train-50.spacy
    python -m spacy train training/configs/ner_de.cfg --output training/output/de/ner-50 \\
        --paths.train training/corpus/de/ner-train-50.spacy --paths.dev training/corpus/de/ner-dev.spacy

``convert.py`` writes the training files shuffled, so their first documents are a random sample.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import DocBin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("fraction", type=float, help="share of the documents to keep, 0 < fraction <= 1")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if not 0 < args.fraction <= 1:
        parser.error("fraction must be above 0 and at most 1")
    docs = list(DocBin().from_disk(args.corpus).get_docs(spacy.blank("xx").vocab))
    part = docs[: int(len(docs) * args.fraction)]
    DocBin(docs=part, store_user_data=False).to_disk(args.out)
    print(f"{args.out}: {len(part)} of {len(docs)} docs, {sum(map(len, part))} tokens")


if __name__ == "__main__":
    main()
