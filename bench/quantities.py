"""Benchmark of the quantity component: precision/recall/F1 for span, value, hedge, unit and source; speed.

Gold:
- the seed article's ``quantities`` (../shared/examples/afp-putin-kim-2025-08-15.gold.json, text beside it);
- ``bench/data/quantities_gold.jsonl``: German and English news sentences written for this benchmark, each
  line ``{"lang", "split", "text", "quantities": [{"text", "value", "hedge", "unit", "what", "source"}]}``;
  ``split`` is ``dev`` (every third line: the part the rules were tuned on) or ``test`` (held out).

Matching compares texts, not offsets: each gold ``text`` is looked up in the document (in order), and a
predicted quantity matches a gold one when their character spans overlap (one to one, largest overlap
first). ``span-exact`` also requires the same text. ``value`` is right within 0.1 % (shares like 66.67),
``hedge`` and ``unit`` must be equal, ``what`` must share a word stem with the gold description. ``source`` is
scored on the gold quantities that have one: right when the source the pipeline set (``source_name`` or the
name of ``source_entity``) shares a word stem with the gold source, generic words like "Angaben" aside.

Speed: the whole pipeline on news articles from ../shared/data (news-de, news-en), with the time spent in
each component, to show what ``sourcetrace_quantities`` adds.

    python bench/quantities.py [--articles 150] [--misses dev]

``--misses SPLIT`` prints the value/hedge errors and the wrong or missing sources of that split (``dev``,
``test``, ``seed``) after the summary.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GOLD = REPO / "bench" / "data" / "quantities_gold.jsonl"
SEED = SHARED / "examples" / "afp-putin-kim-2025-08-15"
REPORT = REPO / "bench" / "reports" / "quantities.md"
# words that say a source is a source, not which one: left out when sources are compared
GENERIC = frozenset(
    {
        *(
            "angaben",
            "angabe",
            "schätzungen",
            "informationen",
            "quellen",
            "kreisen",
            "darstellung",
            "zufolge",
        ),
        *("laut", "nach", "berufung", "according", "figures", "sources", "estimates", "data", "said"),
        *("die", "der", "des", "den", "dem", "the", "of", "für", "von"),
    }
)


# A manual check on real news, by reading, not re-run by this script (the article texts stay in ../shared):
# random predictions judged right or wrong on value and hedge (precision), and random sentences containing a
# number checked for the quantity claims they hold (recall).
MANUAL_AUDIT = [
    # (what, set, articles, sample, right, total, errors)
    (
        "precision",
        "news-de",
        "articles 801-1000, seed 11",
        60,
        55,
        60,
        "2× 'erste/zweite Hälfte' of a match read as 50 % (rule added after the audit), a product name "
        "(Playstation 4), 'geteilt durch zwei', an age ('mit 16')",
    ),
    (
        "precision",
        "news-en",
        "articles 801-1000, seed 11",
        60,
        54,
        60,
        "titles (12 Angry Men, Shrek 2, Million Dollar Baby after a quote mark), a company name (19 Entertainment), "
        "a chart position ('at five'), betting odds '6-9' read as a range",
    ),
    ("recall", "news-de", "40 sentences with a number, articles 801-1000, seed 5", 40, 31, 31, "none missed"),
    (
        "recall",
        "news-en",
        "40 sentences with a number, articles 801-1000, seed 5",
        40,
        16,
        17,
        "'two out of 10' read as two numbers, not 20 % (rule added after the audit)",
    ),
]


@dataclass
class Gold:
    start: int
    end: int
    text: str
    value: float
    hedge: str
    unit: str | None
    what: str | None
    source: str | None


@dataclass
class Pred:
    start: int
    end: int
    text: str
    value: float
    hedge: str
    unit: str | None
    what: str | None
    sources: list[str] = field(default_factory=list)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    hits: Counter = field(default_factory=Counter)  # measure -> matched pairs right on it
    what_total: int = 0
    attributed: int = 0  # gold quantities with a source
    source_right: int = 0
    pred_with_source: int = 0
    pred_source_right: int = 0
    errors: list[str] = field(default_factory=list)
    source_errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "gold",
            "pred",
            "what_total",
            "attributed",
            "source_right",
            "pred_with_source",
            "pred_source_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.hits.update(other.hits)
        self.errors.extend(other.errors)
        self.source_errors.extend(other.source_errors)

    def prf(self, measure: str) -> tuple[float, float, float]:
        tp = self.hits[measure]
        p = tp / self.pred if self.pred else 1.0
        r = tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def stems(text: str | None) -> set[str]:
    words = re.findall(r"[\wäöüß]+", (text or "").lower())
    return {w[:5] for w in words if len(w) >= 2 and w not in GENERIC}


def similar(a: str | None, b: str | None) -> bool:
    return bool(stems(a) & stems(b))


def close(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-9, 1e-3 * max(abs(a), abs(b)))


def locate(text: str, items: list[dict]) -> list[Gold]:
    golds, cursor = [], 0
    for item in items:
        k = text.find(item["text"], cursor)
        if k < 0:
            k = text.find(item["text"])
        if k < 0:
            raise ValueError(f"gold text not found: {item['text']!r}")
        cursor = k + len(item["text"])
        golds.append(
            Gold(
                k,
                cursor,
                item["text"],
                float(item["value"]),
                item["hedge"],
                item.get("unit"),
                item.get("what"),
                item.get("source"),
            )
        )
    return golds


# other components that raised (they are being developed alongside): name -> first error; the run goes on
FAILED: dict[str, str] = {}


def run_component(name: str, proc, doc):
    if name == "sourcetrace_quantities":
        return proc(doc)
    try:
        return proc(doc)
    except Exception as exc:  # a neighbour's failure must not hide this component's numbers
        FAILED.setdefault(name, f"{type(exc).__name__}: {exc}"[:200])
        return doc


def analyze(nlp, text: str, published: str | None):
    doc = nlp.make_doc(text)
    if published:
        doc._.published = datetime.fromisoformat(published)
    for name, proc in nlp.pipeline:
        doc = run_component(name, proc, doc)
    return doc


def predictions(doc) -> list[Pred]:
    names = {e.id: e.name for e in (doc._.entities or [])}
    preds = []
    for q in doc._.quantities or []:
        sources = [s for s in (q.source_name, names.get(q.source_entity or "")) if s]
        preds.append(
            Pred(q.span.start_char, q.span.end_char, q.span.text, q.value, q.hedge, q.unit, q.what, sources)
        )
    return preds


def score(golds: list[Gold], preds: list[Pred], label: str) -> Tally:
    tally = Tally(gold=len(golds), pred=len(preds))
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    for gi, g in enumerate(golds):
        if g.source:
            tally.attributed += 1
        pi = matched.get(gi)
        if pi is None:
            tally.errors.append(f"{label}: missed {g.text!r} ({g.value:g} {g.hedge})")
            continue
        p = preds[pi]
        tally.hits["span"] += 1
        tally.hits["span-exact"] += p.text.strip() == g.text.strip()
        value_ok, hedge_ok = close(p.value, g.value), p.hedge == g.hedge
        tally.hits["value"] += value_ok
        tally.hits["hedge"] += hedge_ok
        tally.hits["value+hedge"] += value_ok and hedge_ok
        tally.hits["unit"] += (p.unit or None) == (g.unit or None)
        if g.what:
            tally.what_total += 1
            tally.hits["what"] += similar(p.what, g.what)
        source_ok = any(similar(s, g.source) for s in p.sources) if g.source else not p.sources
        if g.source and source_ok:
            tally.source_right += 1
        if not source_ok:
            tally.source_errors.append(
                f"{label}: {g.text!r} source gold {g.source!r}, got {' / '.join(p.sources) or None!r}"
            )
        if p.sources:
            tally.pred_with_source += 1
            tally.pred_source_right += bool(g.source) and source_ok
        if not (value_ok and hedge_ok):
            tally.errors.append(
                f"{label}: {g.text!r} gold {g.value:g} {g.hedge}, got {p.text!r} {p.value:g} {p.hedge}"
            )
    for pi, p in enumerate(preds):
        if pi not in used:
            tally.errors.append(f"{label}: spurious {p.text!r} ({p.value:g} {p.hedge})")
    return tally


def run_gold(pipelines) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        item = json.loads(line)
        doc = analyze(pipelines(item["lang"]), item["text"], item.get("published"))
        tally = score(
            locate(item["text"], item["quantities"]), predictions(doc), f"line {n} ({item['lang']})"
        )
        for key in (item["split"], f"{item['split']}-{item['lang']}", "all"):
            tallies.setdefault(key, Tally()).add(tally)
    return tallies


def run_seed(pipelines) -> Tally | None:
    if not SEED.with_suffix(".txt").exists():
        return None
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    doc = analyze(pipelines(gold["lang"]), text, gold.get("published"))
    tally = score(locate(text, gold["quantities"]), predictions(doc), "seed")
    # the seed text stays in ../shared: keep only the kind of error, not the quoted text, for the report
    tally.errors = [e.split(":")[0] + ": " + e.split(":", 1)[1].split("'")[0].strip() for e in tally.errors]
    tally.source_errors = ["seed: source wrong or missing" for _ in tally.source_errors]
    return tally


def blank_pipelines(with_times: bool):
    """Pipelines without tagger and parser (spaCy blank + sentencizer), with or without the times component."""
    import spacy

    from sourcetrace.nlp.tokenizer import news_tokenizer

    cache = {}

    def get(lang: str):
        if lang not in cache:
            nlp = spacy.blank(lang)
            nlp.tokenizer = news_tokenizer(nlp)
            nlp.add_pipe("sentencizer")
            names = ("sourcetrace_times",) * with_times + (
                "sourcetrace_quantities",
                "sourcetrace_attribution",
            )
            for name in names:
                with contextlib.suppress(ValueError):  # a component not available in this checkout
                    nlp.add_pipe(name)
            cache[lang] = nlp
        return cache[lang]

    return get


def corpus_texts(lang: str, limit: int) -> list[str]:
    path = (
        SHARED / "data" / ("news-de/10kgnad_test.jsonl.gz" if lang == "de" else "news-en/bbc_news.jsonl.gz")
    )
    if not path.exists():
        return []
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row.get("text") or row.get("content") or row.get("body") or ""
            if text:
                texts.append(text)
            if len(texts) >= limit:
                break
    return texts


def run_speed(pipelines, limit: int) -> list[dict]:
    rows = []
    for lang in ("de", "en"):
        texts = corpus_texts(lang, limit)
        if not texts:
            continue
        nlp = pipelines(lang)
        per_component: Counter = Counter()
        tokens = found = 0
        for text in texts:
            t0 = time.perf_counter()
            doc = nlp.tokenizer(text)
            per_component["tokenizer"] += time.perf_counter() - t0
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                doc = run_component(name, proc, doc)
                per_component[name] += time.perf_counter() - t0
            tokens += len(doc)
            found += len(doc._.quantities or [])
        total = sum(per_component.values())
        mine = per_component["sourcetrace_quantities"]
        rows.append(
            {
                "lang": lang,
                "articles": len(texts),
                "tokens": tokens,
                "quantities": found,
                "total_s": total,
                "quantities_s": mine,
                "share": mine / total if total else 0.0,
                "components": dict(per_component),
            }
        )
    return rows


def fmt(x: float) -> str:
    return f"{x:.3f}"


def report(
    tallies: dict[str, Tally],
    seed: Tally | None,
    speed: list[dict],
    pipe_names: dict,
    command: str,
    variants: dict[str, tuple[dict[str, Tally], Tally | None]],
) -> str:
    measures = ("span", "span-exact", "value", "hedge", "value+hedge", "unit")
    lines = [
        "# Quantities benchmark",
        "",
        f"Command: `{command}` (run {datetime.now():%Y-%m-%d %H:%M}).",
        "",
        "Pipelines: "
        + "; ".join(f"`{lang}`: {', '.join(names)}" for lang, names in pipe_names.items())
        + ".",
        "",
        *(
            [
                "Components that raised during this run (skipped, the run went on): "
                + "; ".join(f"`{k}`: {v}" for k, v in FAILED.items()),
                "",
            ]
            if FAILED
            else []
        ),
        "Data: the seed article's gold quantities (`../shared/examples/afp-putin-kim-2025-08-15.gold.json`), and",
        "`bench/data/quantities_gold.jsonl`: 200 German and English news sentences written for this benchmark",
        "(221 quantities, with negatives: dates, years, times, durations, ordinals, labels). `dev` (every third",
        "line) is the part the rules were tuned on; `test` is held out (written before the rules were run on",
        "it; see 'How the numbers came about' for the two fixes it prompted). Matching: see the docstring of",
        "`bench/quantities.py` (overlap of character spans, one to one; value within 0.1 %).",
        "",
        "## Precision / recall / F1",
        "",
        "| set | gold | pred | "
        + " | ".join(f"{m} P / R / F1" for m in measures)
        + " | what | source right |",
        "|---|---:|---:|" + "---|" * len(measures) + "---:|---:|",
    ]
    rows = [("seed article", seed)] if seed else []
    rows += [
        (key, tallies[key])
        for key in ("dev", "test", "test-de", "test-en", "dev-de", "dev-en", "all")
        if key in tallies
    ]
    for name, t in rows:
        cells = []
        for m in measures:
            p, r, f = t.prf(m)
            cells.append(
                f"{fmt(p)} / {fmt(r)} / **{fmt(f)}**"
                if m == "value+hedge"
                else f"{fmt(p)} / {fmt(r)} / {fmt(f)}"
            )
        what = f"{t.hits['what']}/{t.what_total}" if t.what_total else "–"
        source = (
            f"{t.source_right}/{t.attributed} = {fmt(t.source_right / t.attributed)}" if t.attributed else "–"
        )
        lines.append(f"| {name} | {t.gold} | {t.pred} | " + " | ".join(cells) + f" | {what} | {source} |")
    lines += [
        "",
        "`what`: matched quantities whose counted noun shares a stem with the gold `what` / those with a gold",
        "`what`. `source right`: gold quantities with a source for which the pipeline set a matching source",
        "(`source_name`/`source_entity`, filled by `sourcetrace_attribution`) / all gold quantities with a source.",
    ]
    for name, t in rows:
        if t.pred_with_source:
            lines.append(
                f"Source precision ({name}): {t.pred_source_right}/{t.pred_with_source} matched predictions "
                "that carry a source carry the gold one."
            )
    lines += [
        "",
        "## Without tagger and parser, without the times component",
        "",
        "The same gold on pipelines without a trained model (spaCy blank + sentencizer), so numbers are told by",
        "shape alone; and without `sourcetrace_times`, so the component's own date/year/clock guards do all the",
        "work. value+hedge P / R / F1:",
        "",
        "| pipeline | seed | dev | test | test-de | test-en |",
        "|---|---|---|---|---|---|",
    ]
    for label, (var_tallies, var_seed) in variants.items():
        cells = []
        for t in [var_seed] + [var_tallies.get(k) for k in ("dev", "test", "test-de", "test-en")]:
            cells.append("–" if t is None else " / ".join(fmt(x) for x in t.prf("value+hedge")))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Manual audit on real news",
        "",
        "The gold set above was written by the author of the rules, so it flatters them. As an outside check,",
        "predictions on news articles not looked at during development were judged by reading (value and hedge",
        "right, and a quantity claim at all). Counts only: the texts are not copied here. Not re-run by this script",
        "(the figures are in `MANUAL_AUDIT`).",
        "",
        "| check | corpus | sample | right | errors |",
        "|---|---|---|---:|---|",
    ]
    for check, corpus, sample, _, right, total, errors in MANUAL_AUDIT:
        lines.append(f"| {check} | {corpus} | {sample} | {right}/{total} = {right / total:.3f} | {errors} |")
    lines += [
        "",
        "## How the numbers came about",
        "",
        "- The 200 gold sentences were written before the component was first run on them. The rules were tuned",
        "  on the `dev` lines, on the seed article, and on the output for news articles 1-175 (read in the",
        "  terminal, not annotated); a first precision audit on articles 401-800 led to rules for ages, capitalised",
        "  number words in names, German clock times (20.15), phone numbers and list markers.",
        "- `test` was run once before any fix it could inform: value+hedge P 0.986 / R 0.979 / F1 0.982. Two",
        "  general bugs it showed were then fixed (a currency amount followed by a sentence period, `€3.4bn.`; a",
        "  unit reaching into a time span, `Kilometern pro Stunde` next to the SET `pro Stunde`), so the `test`",
        "  figure above is no longer blind for those two. Its two remaining errors are left as they are:",
        "  `über 42,195 Kilometer` (über as 'across', read as more_than) and `mindestens aber 300 Euro` (the hedge",
        "  is split from its number).",
        "- The sources are set by `sourcetrace_attribution`, not by this component; its figures move as that",
        "  component changes. Source rules were tuned on the `dev` misses (`--misses dev`: source right was",
        "  15/20, source precision 15/20): the innermost statement covering a figure names its source, an",
        "  according-to phrase no longer swallows the figures a misparse hangs on it, a reported act in another",
        "  clause keeps its speaker beside an according-to phrase, and a figure in the next sentence of the same",
        "  report (link words, lexicon `de_report_links.tsv`) keeps the source. `test` was then run once: source",
        "  right 30/37 before, 34/37 after; its remaining source misses were left as they are.",
    ]
    lines += ["", "## Speed", ""]
    if speed:
        lines += [
            "Whole pipeline on the first articles of `news-de` (10kGNAD test) and `news-en` (BBC), one process,",
            "time per component summed over the articles:",
            "",
            "| lang | articles | tokens | quantities found | pipeline s | sourcetrace_quantities s | share |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in speed:
            lines.append(
                f"| {row['lang']} | {row['articles']} | {row['tokens']} | {row['quantities']} | "
                f"{row['total_s']:.2f} | {row['quantities_s']:.3f} | {100 * row['share']:.1f} % |"
            )
        lines.append("")
        for row in speed:
            comps = ", ".join(f"{k} {v:.2f} s" for k, v in row["components"].items())
            lines.append(f"- {row['lang']}: {comps}")
    else:
        lines.append("(../shared/data not present: speed not measured)")
    lines += [
        "",
        "## Errors",
        "",
        "On the sentences written for this benchmark (dev, then test); seed errors",
        "without the article's text.",
        "",
    ]
    for name, t in [("seed", seed)] + [(k, tallies.get(k)) for k in ("dev", "test")]:
        if t is None:
            continue
        lines.append(f"### {name} ({len(t.errors)})")
        lines.append("")
        lines += [f"- {e}" for e in t.errors] or ["- none"]
        lines.append("")
        lines.append(f"Sources wrong, missing or spurious ({len(t.source_errors)}):")
        lines.append("")
        lines += [f"- {e}" for e in t.source_errors] or ["- none"]
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150, help="articles per language for the speed run")
    parser.add_argument(
        "--misses", choices=("dev", "test", "seed"), help="print the errors and source misses of this split"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    import sourcetrace

    tallies = run_gold(sourcetrace.pipeline)
    seed = run_seed(sourcetrace.pipeline)
    speed = run_speed(sourcetrace.pipeline, args.articles) if args.articles else []
    pipe_names = {lang: sourcetrace.pipeline(lang).pipe_names for lang in ("de", "en")}
    variants = {}
    for label, with_times in (("blank + times", True), ("blank, no times", False)):
        get = blank_pipelines(with_times)
        variants[f"{label} ({', '.join(get('de').pipe_names)})"] = (run_gold(get), run_seed(get))
    command = "python bench/quantities.py" + (f" --articles {args.articles}" if args.articles != 150 else "")
    text = report(tallies, seed, speed, pipe_names, command, variants)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    summary = [("seed", seed)] + [(k, tallies.get(k)) for k in ("dev", "test")]
    for name, t in summary:
        if t is not None:
            p, r, f = t.prf("value+hedge")
            src = f"{t.source_right}/{t.attributed}" if t.attributed else "-"
            print(f"{name:5s} value+hedge P {p:.3f} R {r:.3f} F1 {f:.3f}   source right {src}")
    for label, (var_tallies, var_seed) in variants.items():
        f1 = [
            f"{k} {t.prf('value+hedge')[2]:.3f}"
            for k, t in [("seed", var_seed)] + list(var_tallies.items())
            if t is not None and k in ("seed", "dev", "test")
        ]
        print(f"{label}: value+hedge F1 " + ", ".join(f1))
    print(f"report written to {REPORT.relative_to(REPO)}")
    if args.misses:
        t = seed if args.misses == "seed" else tallies.get(args.misses)
        for line in (t.errors + t.source_errors) if t else []:
            print(line)


if __name__ == "__main__":
    main()
