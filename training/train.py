"""Rebuild a bundled pipeline from ../shared/data: convert, train syntax and NER, assemble, package.

    python training/train.py de|en [--stages convert,syntax,ner,assemble] [--data ../shared/data]
                                   [--pretrain syntax,ner]  (with the stage "pretrain" first)

Runs on one CPU thread. Intermediate corpora go to training/corpus/<lang>/, pretrained tok2vec weights
and trained pipelines to training/output/<lang>/{pretrain-syntax,pretrain-ner,syntax,ner}/, the
assembled pipeline to src/sourcetrace/models/<lang>_sourcetrace_news/. Measure it afterwards with
``python bench/backbone.py``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
CONFIGS = ROOT / "configs"
MODELS = REPO / "src" / "sourcetrace" / "models"

# per language: (syntax train, syntax dev, ner train, ner dev) under training/corpus/<lang>/
CORPORA = {
    "de": ("syntax-train.spacy", "syntax-dev.spacy", "ner-train.spacy", "ner-dev.spacy"),
    "en": ("ewt-train.spacy", "ewt-dev.spacy", "ner-train.spacy", "ner-dev.spacy"),
}


# How the NER gets its token vectors: "own" = its own tok2vec trained with it; "shared" = it listens to the
# frozen tok2vec of the syntax pipeline (configs/ner_<lang>_shared.cfg). Shared halves the pipeline's run
# time but, measured on English (UNER EWT test), cost 10 F1 points (46 -> 36), so both use "own".
NER_TOK2VEC = {"de": "own", "en": "own"}

# The stages whose tok2vec starts from weights pretrained on unlabelled text (`spacy pretrain` with the
# [pretraining] block of configs/<stage>_<lang>.cfg, on training/corpus/<lang>/raw-text.jsonl; the stage
# "pretrain" makes them). None for the shipped pipelines (training/README.md); `--pretrain syntax,ner`
# turns it on.
PRETRAIN: dict[str, tuple[str, ...]] = {"de": (), "en": ()}

DEFAULT_STAGES = {"de": "convert,syntax,ner,assemble", "en": "convert,syntax,ner,assemble"}

# German: the settings are tuned with GSD test (+ EmpiriST) -> GSD dev; the shipped model is trained on
# test + dev (+ EmpiriST) for a fixed number of steps (training.max_steps in configs/syntax_de.cfg), since
# GSD has no train split here.
FINAL_SYNTAX_TRAIN = "syntax-train-dev.spacy"


def pretrain_dir(lang: str, stage: str) -> Path:
    return ROOT / "output" / lang / f"pretrain-{stage}"


def pretrained_weights(lang: str, stage: str) -> Path:
    return pretrain_dir(lang, stage) / "model-last.bin"


def pretrain_stage(lang: str, stage: str) -> Path:
    """Pretrain the tok2vec of a stage's config on the unlabelled text (characters objective)."""
    import shutil

    from spacy.training.pretrain import pretrain
    from spacy.util import load_config

    import sourcetrace.nlp.tokenizer  # noqa: F401  (registers the tokenizer and the embedding)

    out = pretrain_dir(lang, stage)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    overrides = {"nlp.lang": lang, "paths.raw_text": str(ROOT / "corpus" / lang / "raw-text.jsonl")}
    config = load_config(CONFIGS / f"{stage}_{lang}.cfg", overrides=overrides, interpolate=True)
    pretrain(config, out, silent=False)
    return pretrained_weights(lang, stage)


def train_stage(
    lang: str,
    stage: str,
    extra: dict[str, str],
    syntax_train: str | None = None,
    pretrained: tuple[str, ...] = (),
) -> Path:
    from spacy.cli.train import train

    import sourcetrace.nlp.tokenizer  # noqa: F401  (registers the news tokenizer for the config)

    corpus = ROOT / "corpus" / lang
    syn_train, syn_dev, ner_train, ner_dev = CORPORA[lang]
    syn_train = syntax_train or syn_train
    train_file, dev_file = (syn_train, syn_dev) if stage == "syntax" else (ner_train, ner_dev)
    out = ROOT / "output" / lang / stage
    overrides = {
        "nlp.lang": lang,
        "paths.train": str(corpus / train_file),
        "paths.dev": str(corpus / dev_file),
        **extra,
    }
    if stage in pretrained and "paths.init_tok2vec" not in overrides:
        weights = pretrained_weights(lang, stage)
        if not weights.exists():
            sys.exit(f"{weights} is missing: run the pretrain stage first (--stages pretrain)")
        overrides["paths.init_tok2vec"] = str(weights)
    config = CONFIGS / f"{stage}_{lang}.cfg"
    if stage == "ner" and NER_TOK2VEC[lang] == "shared":
        config = CONFIGS / f"ner_{lang}_shared.cfg"
        overrides["paths.syntax"] = str(ROOT / "output" / lang / "syntax" / "model-best")
    train(config, out, use_gpu=-1, overrides=overrides)
    return out / "model-best"


def _value(text: str):
    """A config override value: JSON when it parses (numbers, booleans, lists), else the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang", choices=["de", "en"])
    parser.add_argument(
        "--stages", default=None, help="default: convert,syntax,ner,assemble (also: pretrain)"
    )
    parser.add_argument(
        "--pretrain",
        default=None,
        help="stages whose tok2vec starts from pretrained weights, e.g. syntax,ner (default: none)",
    )
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument(
        "--override",
        action="append",
        default=[],
        help="config override STAGE:key=value, e.g. ner:training.max_steps=800",
    )
    parser.add_argument(
        "--syntax-train",
        default=None,
        help="syntax training file under training/corpus/<lang>/ (default per language)",
    )
    args = parser.parse_args()
    stages = (args.stages or DEFAULT_STAGES[args.lang]).split(",")
    extra = dict(item.split("=", 1) for item in args.override)
    if args.syntax_train is None and args.lang == "de":
        args.syntax_train = FINAL_SYNTAX_TRAIN
    if "convert" in stages:
        cmd = [sys.executable, str(ROOT / "convert.py"), args.lang]
        if args.data:
            cmd += ["--data", str(args.data)]
        subprocess.run(cmd, check=True)
    pretrained = tuple(args.pretrain.split(",")) if args.pretrain else PRETRAIN[args.lang]
    if "pretrain" in stages:
        for stage in pretrained:
            pretrain_stage(args.lang, stage)
    for stage in ("syntax", "ner"):
        if stage in stages:
            overrides = {k.split(":", 1)[1]: _value(v) for k, v in extra.items() if k.startswith(stage + ":")}
            train_stage(args.lang, stage, overrides, args.syntax_train, pretrained)
    if "assemble" in stages:
        from assemble import assemble

        assemble(
            args.lang,
            ROOT / "output" / args.lang,
            MODELS / f"{args.lang}_sourcetrace_news",
            shared_ner=NER_TOK2VEC[args.lang] == "shared",
        )


if __name__ == "__main__":
    main()
