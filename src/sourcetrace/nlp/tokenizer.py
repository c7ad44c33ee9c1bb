"""The news tokenizer: spaCy's rules plus news abbreviations, dates, ordinals and every quote mark alone.

On top of the language's default rules it

- keeps the news abbreviations listed in ``data/news_abbreviations_<lang>.txt`` as one token ("l.", "Nr.",
  "Mio.", "Mrd.", ...),
- keeps numeric dates ("15.08.2025", "15.8.") and German ordinals of up to three digits ("80.", "2.") whole,
  but splits the period off a four-digit number ("im Jahr 2025." ends a sentence),
- splits every quotation mark („ “ ” » « ‚ ‘ › ‹ ") off as its own token, also inside a string
  ("er:„Nein" -> "er" ":" "„" "Nein"),
- splits "3.Mai" -> "3." "Mai" and "Nr.5" -> "Nr." "5",
- shows whitespace tokens (paragraph breaks) to the statistical components as a full stop: their NORM,
  PREFIX, SUFFIX and SHAPE are those of "." (the treebanks the models learn from have no whitespace tokens,
  so "\\n\\n" would otherwise reach them as an unknown word and disturb the tags of the paragraph's first words).

Registered as ``sourcetrace.news_tokenizer.v1`` so a trained pipeline's config can name it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

DATA_DIR = Path(__file__).resolve().parent / "data"
QUOTE_MARKS = '„“”»«‚‘›‹"'
_QUOTE_CLASS = "[" + "".join("\\" + q if q == '"' else q for q in QUOTE_MARKS) + "]"

EXTRA_PREFIXES = [_QUOTE_CLASS]
EXTRA_SUFFIXES = [
    _QUOTE_CLASS,
    # the period after a four-digit number is sentence punctuation, not an ordinal: "im Jahr 2025."
    r"(?<=\b\d{4})\.",
]
EXTRA_INFIXES = [
    _QUOTE_CLASS,
    r":(?=" + _QUOTE_CLASS + ")",
    # "3.Mai" -> "3." "Mai"
    r"(?<=\b\d\.)(?=[A-ZÄÖÜ][a-zäöüß]{2,})",
    r"(?<=\b\d\d\.)(?=[A-ZÄÖÜ][a-zäöüß]{2,})",
    # "Nr.5" -> "Nr." "5"
    r"(?<=\bNr\.)(?=\d)",
    r"(?<=\bNo\.)(?=\d)",
]


@cache
def news_abbreviations(lang: str) -> tuple[str, ...]:
    """The extra abbreviations for ``lang`` (empty when there is no list for the language)."""
    path = DATA_DIR / f"news_abbreviations_{lang}.txt"
    if not path.exists():
        return ()
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
        if line:
            entries.append(line)
    return tuple(entries)


class NewsTokenizer(Tokenizer):
    """spaCy's tokenizer; whitespace tokens get the lexical features of a full stop (see the module)."""

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        stop = self.vocab["."]
        for orth in {t.orth for t in doc if t.is_space}:
            lexeme = self.vocab[orth]  # new lexemes (also after a memory zone dropped them) get the features
            if lexeme.norm != stop.norm:
                lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = (
                    stop.norm_,
                    stop.prefix_,
                    stop.suffix_,
                    stop.shape_,
                )
        return doc


def news_tokenizer(nlp: Language) -> Tokenizer:
    """A tokenizer for ``nlp``'s language with the news rules added to spaCy's defaults."""
    defaults = nlp.Defaults
    rules = dict(defaults.tokenizer_exceptions)
    for abbreviation in news_abbreviations(nlp.lang):
        rules[abbreviation] = [{ORTH: abbreviation, NORM: abbreviation}]
    prefixes = list(defaults.prefixes or []) + EXTRA_PREFIXES
    suffixes = EXTRA_SUFFIXES + list(defaults.suffixes or [])
    infixes = EXTRA_INFIXES + list(defaults.infixes or [])
    return NewsTokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@spacy.registry.tokenizers("sourcetrace.news_tokenizer.v1")
def create_news_tokenizer():
    return news_tokenizer


# The bundled pipelines' configs also name these components and architectures; loading a bundled
# pipeline imports this module.
from sourcetrace.nlp import lemma_lexicon, name_lists, sentences, verb_lexicon, word_classes  # noqa: E402,F401
