"""Build the German lemma lexicon read by the ``sourcetrace_lemma_lexicon`` component.

    python training/build_lemma_lexicon.py      # after build_word_classes.py de; about 8 min on one core

For every word form of the word-class lexicon (``nlp/data/word_classes_de.tsv.gz``) and each of its
out-of-context tags that belongs to the lexical classes below, the lemma HanTa's TIGER-trained model
gives the form with that tag (``HanoverTagger.analyze(form, pos=tag)``), written to
``src/sourcetrace/nlp/data/lemmas_de.tsv.gz`` by ``sourcetrace.nlp.lemma_lexicon.write_lemmas``: a section
per STTS tag of ``form<TAB>lemma`` lines, the lemma left empty when it is the form itself.

The lexical classes are those where HanTa's lemma beat the pipeline's edit-tree lemmatizer on UD
German-GSD dev (trained on GSD test + EmpiriST): nouns, adjectives, verbs, adverbs, prepositions,
numbers and possessive determiners. Names, pronouns and articles keep the statistical lemma (HanTa writes
"USA" as "Usa" and gives pronouns their form, where UD German writes "ich" for "mir").

Needs the build-time package ``HanTa`` (not a run-time dependency of sourcetrace).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sourcetrace.nlp.lemma_lexicon import DATA as OUT  # noqa: E402
from sourcetrace.nlp.lemma_lexicon import LEXICAL_TAGS, write_lemmas  # noqa: E402
from sourcetrace.nlp.word_classes import lexicon  # noqa: E402

_VERB = re.compile(r"^(VV|VA|VM)\((FIN|INF|PP|IZU|IMP)\)$")


def stts(hanta_tag: str) -> str:
    """A HanTa tag in the STTS spelling of the pipeline's tagger: 'VV(FIN)' -> 'VVFIN', 'ADJ(A)' -> 'ADJA';
    the nominalised adjectives and the other noun subclasses ('NNA', 'NNI') are 'NN'."""
    if match := _VERB.match(hanta_tag):
        return match[1] + match[2]
    if hanta_tag in ("ADJ(A)", "ADJ(D)"):
        return "ADJ" + hanta_tag[4]
    if hanta_tag.startswith("NN"):
        return "NN"
    return hanta_tag.replace("PROAV", "PAV")


def main() -> None:
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    rows = list(lexicon("de").items())  # (form, its HanTa tags out of context)
    lemmas: list[tuple[str, str, str]] = []
    start = time.perf_counter()
    for n, (form, word_class) in enumerate(rows, 1):
        done: set[str] = set()
        for hanta_tag in word_class.split("|"):
            tag = stts(hanta_tag)
            if tag not in LEXICAL_TAGS or tag in done:
                continue
            done.add(tag)
            lemma = tagger.analyze(form, pos=hanta_tag, taglevel=1)[0]
            lemmas.append((form, tag, lemma))
        if n % 50000 == 0:
            print(f"{n}/{len(rows)} forms, {time.perf_counter() - start:.0f} s", flush=True)
    entries = write_lemmas(lemmas, OUT)
    print(f"{OUT.relative_to(REPO)}: {entries} entries, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
