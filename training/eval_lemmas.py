"""Lemma accuracy of a German syntax pipeline on UD German-GSD dev, with and without the lemma lexicons.

    python training/train.py de --stages convert,syntax --syntax-train syntax-train.spacy   # GSD test + EmpiriST
    python training/eval_lemmas.py training/output/de/syntax/model-last

Runs the pipeline on the gold tokens of ``training/corpus/de/syntax-dev.spacy`` four times: as trained,
with ``sourcetrace_lemma_lexicon`` after the edit-tree lemmatizer, with ``sourcetrace_verb_lexicon`` after
the parser, and with both (the bundled order), and prints spaCy's lemma accuracy for each.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.scorer import Scorer  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

import sourcetrace.nlp.tokenizer  # noqa: E402,F401  (registers the components and the tokenizer)

DEV = Path(__file__).resolve().parent / "corpus" / "de" / "syntax-dev.spacy"


def lemma_accuracy(model: Path, lemma_lexicon: bool, verb_lexicon: bool) -> float:
    nlp = spacy.load(model)
    if lemma_lexicon:
        nlp.add_pipe("sourcetrace_lemma_lexicon", after="trainable_lemmatizer")
    if verb_lexicon:
        nlp.add_pipe("sourcetrace_verb_lexicon", after="parser")
    examples = []
    for gold in DocBin().from_disk(DEV).get_docs(nlp.vocab):
        words = Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
        examples.append(Example(nlp(words), gold))
    return 100 * Scorer.score_token_attr(examples, "lemma")["lemma_acc"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "model", type=Path, help="a German syntax pipeline (tagger, trainable_lemmatizer, parser)"
    )
    args = parser.parse_args()
    for lemma_lexicon in (False, True):
        for verb_lexicon in (False, True):
            accuracy = lemma_accuracy(args.model, lemma_lexicon, verb_lexicon)
            print(
                f"lemma lexicon {'yes' if lemma_lexicon else 'no ':3}  verb lexicon "
                f"{'yes' if verb_lexicon else 'no ':3}  lemma accuracy {accuracy:.2f}"
            )


if __name__ == "__main__":
    main()
