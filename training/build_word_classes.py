"""Build the word-class lexicon that a bundled pipeline's tok2vec reads as an extra feature.

    python training/build_word_classes.py de|en [--words 200000]

Each line of ``src/sourcetrace/nlp/data/word_classes_<lang>.tsv.gz`` is ``form<TAB>class``: the tags that
HanTa (LGPL-3.0-or-later, https://github.com/wartaal/HanTa) gives the word form out of context, best first,
keeping the tags within ``MARGIN`` log-probability of the best (at most three). German: STTS tags of its
TIGER-trained model (``Essen -> NE|NNI|NN``, ``essen -> VV(INF)|VV(FIN)``); English: CLAWS5 tags of its
BNC-trained model (``run -> VVI|NN1|VVN|VVB``). The forms are the ``--words`` most frequent words of
wordfreq (CC BY-SA 4.0), lower-case and capitalized; for German also their spellings with "ß" (wordfreq
folds "ß" to "ss") and the abbreviations the news tokenizer keeps whole ("Dr.", "bzw."). Nothing else: the
training corpora's rarer words stay out, so the pipelines learn in training what to make of a word the
lexicon does not know, as they must at run time. This brings what HanTa learnt from its large corpora
into pipelines trained on 29k (German) and 200k (English) words, at the cost of one dictionary look-up per
token at run time.

Needs the build-time packages ``HanTa`` and ``wordfreq`` (not run-time dependencies of sourcetrace).
"""

from __future__ import annotations

import argparse
import gzip
import string
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "sourcetrace" / "nlp" / "data"
HANTA_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}

MARGIN = 2.5  # keep the tags whose log-probability is within this of the best one
MAX_TAGS = 3
# wordfreq case-folds its lists, which turns German "ß" into "ss" ("groß" is listed as "gross"): a spelling
# with "ß" joins the lexicon when HanTa finds it this much likelier (log-probability) than the listed one
SHARP_S_MARGIN = 0.5


def word_class(tagger, form: str) -> str:
    """The HanTa ambiguity class of one word form, e.g. 'VV(INF)|VV(FIN)'."""
    analyses = tagger.tag_word(form)
    if not analyses:
        return ""
    best = float(analyses[0][1])
    tags: list[str] = []
    for tag, logprob in analyses:
        if best - float(logprob) > MARGIN or len(tags) == MAX_TAGS:
            break
        if tag not in tags:
            tags.append(tag)
    return "|".join(tags)


def best_logprob(tagger, form: str) -> float:
    analyses = tagger.tag_word(form)
    return float(analyses[0][1]) if analyses else float("-inf")


def sharp_s_spellings(tagger, form: str) -> list[str]:
    """The spellings of a case-folded form with "ß" for "ss" (one at a time, or all) that HanTa knows
    better than the form itself: "gross" -> ["groß"], "Strasse" -> ["Straße"], "Masse" -> ["Maße"]."""
    starts = [i for i in range(len(form) - 1) if form.startswith("ss", i)]
    if not starts:
        return []
    variants = {form[:i] + "ß" + form[i + 2 :] for i in starts} | {form.replace("ss", "ß")}
    floor = best_logprob(tagger, form) + SHARP_S_MARGIN
    return sorted(v for v in variants if best_logprob(tagger, v) > floor)


def abbreviations(lang: str) -> set[str]:
    """The abbreviations the news tokenizer keeps whole with their period ("Dr.", "bzw.", "Nr."), and
    initials ("A."): the frequency lists have them without the period, if at all."""
    import spacy

    from sourcetrace.nlp.tokenizer import news_tokenizer

    nlp = spacy.blank(lang)
    nlp.tokenizer = news_tokenizer(nlp)
    forms = {rule for rule in nlp.tokenizer.rules if rule.endswith(".") and any(ch.isalpha() for ch in rule)}
    return forms | {f"{letter}." for letter in string.ascii_uppercase + "ÄÖÜ"}


def candidate_forms(lang: str, n_words: int) -> list[str]:
    from wordfreq import top_n_list

    forms: set[str] = set()
    for word in top_n_list(lang, n_words, wordlist="large"):
        forms.add(word)
        forms.add(word[:1].upper() + word[1:])
    # punctuation, numbers and symbols are covered by the shape feature
    return sorted(form for form in forms if any(ch.isalpha() for ch in form) and "\t" not in form)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lang", choices=sorted(HANTA_MODELS))
    parser.add_argument("--words", type=int, default=200_000, help="most frequent wordfreq words to include")
    args = parser.parse_args()
    out = DATA / f"word_classes_{args.lang}.tsv.gz"

    from HanTa import HanoverTagger

    tagger = HanoverTagger.HanoverTagger(HANTA_MODELS[args.lang])
    forms = candidate_forms(args.lang, args.words)
    if args.lang == "de":
        extra = {v for form in forms for v in sharp_s_spellings(tagger, form)} | abbreviations(args.lang)
        forms = sorted({*forms, *extra})
    print(f"{len(forms):,} word forms", file=sys.stderr)
    start = time.time()
    rows: list[str] = []
    for i, form in enumerate(forms, 1):
        cls = word_class(tagger, form)
        if cls:
            rows.append(f"{form}\t{cls}\n")
        if i % 50_000 == 0:
            print(f"{i:,} / {len(forms):,} ({time.time() - start:.0f} s)", file=sys.stderr)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as lines:
        lines.write("# form\tHanTa ambiguity class; built by training/build_word_classes.py\n")
        lines.writelines(rows)
    print(f"wrote {len(rows):,} forms to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
