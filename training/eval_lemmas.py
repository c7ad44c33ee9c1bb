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
from spacy.language import Language  # noqa: E402
from spacy.scorer import Scorer  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

import sourcetrace.nlp.tokenizer  # noqa: E402,F401  (registers the components and the tokenizer)

DEV = Path(__file__).resolve().parent / "corpus" / "de" / "syntax-dev.spacy"
LEXICONS = ("sourcetrace_lemma_lexicon", "sourcetrace_verb_lexicon")


def lemma_accuracy(nlp: Language, gold: list[Doc], lexicons: list[str]) -> float:
    """Lemma accuracy with the lexicon components in ``lexicons`` on and the others off."""
    off = [name for name in LEXICONS if name not in lexicons]
    with nlp.select_pipes(disable=off):
        examples = [
            Example(
                nlp(Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])), g
            )
            for g in gold
        ]
    return 100 * Scorer.score_token_attr(examples, "lemma")["lemma_acc"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "model", type=Path, help="a German syntax pipeline (tagger, trainable_lemmatizer, parser)"
    )
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    nlp.add_pipe("sourcetrace_lemma_lexicon", after="trainable_lemmatizer")
    nlp.add_pipe("sourcetrace_verb_lexicon", after="parser")
    gold = list(DocBin().from_disk(DEV).get_docs(nlp.vocab))
    for lemma_lexicon in (False, True):
        for verb_lexicon in (False, True):
            on = [
                name for name, wanted in zip(LEXICONS, (lemma_lexicon, verb_lexicon), strict=True) if wanted
            ]
            accuracy = lemma_accuracy(nlp, gold, on)
            print(
                f"lemma lexicon {'yes' if lemma_lexicon else 'no ':3}  verb lexicon "
                f"{'yes' if verb_lexicon else 'no ':3}  lemma accuracy {accuracy:.2f}"
            )


if __name__ == "__main__":
    main()
