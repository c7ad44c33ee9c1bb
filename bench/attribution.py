"""Benchmark of the attribution component (``sourcetrace_attribution``), German.

1. SpkAtt-2023 task 2 (German Wikinews quotation attribution), dev split: message, speaker, cue, frame and
   joint token-level F1 with the task's official metric (``bench/spkatt.py``), overall and per form.
2. The seed article (``../shared/examples``): gold statements found with the right speaker, relay KCNA,
   statements invented from the outlet's own narration.
3. Speed on ``../shared/data/news-de``: time the component adds to the pipeline (same run, ratio).

    python bench/attribution.py [--pipeline NAME_OR_PATH] [--split dev] [--limit N] [--speed-docs N]

Writes ``bench/reports/attribution.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(HERE))

import spkatt  # noqa: E402
from sourcetrace.extract.attribution.model import DIRECT  # noqa: E402
from sourcetrace.nlp.pipelines import add_components, load_base  # noqa: E402

COMPONENT = "sourcetrace_attribution"


def build(pipeline: str | None, min_confidence: float = 0.0):
    nlp = load_base("de", pipeline)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, config={"min_confidence": min_confidence})
    return nlp


# ------------------------------------------------------------------------------------ task2_news
def to_groups(doc, attributions, gold_doc: spkatt.Document) -> list[spkatt.Group]:
    cache: dict[int, list[int]] = {}

    def ids(tokens) -> list[int]:
        out: set[int] = set()
        for i in tokens:
            if i not in cache:
                t = doc[i]
                cache[i] = [] if t.is_space else gold_doc.tokens_in(t.idx, t.idx + len(t.text))
            out.update(cache[i])
        return sorted(out)

    groups = []
    for a in attributions:
        # the corpus marks no cue or frame for reported speech acts and free (indirect) continuations
        bare = a.form in ("Reported", "FreeIndirect", "IndirectFreeIndirect")
        roles = {
            "cue": [] if bare else ids(a.cue),
            "speaker": ids(range(*a.speaker)) if a.speaker else [],
            "frame": [] if bare else ids(a.frame),
            "addressee": [],
        }
        groups.append(spkatt.Group(ids(a.message), roles, form=a.form, medium="Speech"))
        for qs, qe in a.fragments:
            groups.append(
                spkatt.Group(ids(range(qs, qe)), dict(roles), form=DIRECT, medium="Speech", nested=True)
            )
    return groups


def run_spkatt(nlp, split: str, limit: int | None, thresholds: tuple[float, ...]):
    """System and gold groups per document, once per ``min_confidence`` setting of the component."""
    path = SHARED / "data" / "spkatt2023" / "task2_news" / f"{split}.jsonl.xz"
    gold_docs = list(spkatt.read(path))[:limit]
    comp = nlp.get_pipe(COMPONENT)
    setting = comp.min_confidence
    pairs: dict[float, list] = {t: [] for t in thresholds}
    rules: dict[float, Counter] = {t: Counter() for t in thresholds}
    t0 = time.perf_counter()
    docs = nlp.pipe((g.text for g in gold_docs), disable=[COMPONENT])
    for gold, doc in zip(gold_docs, docs, strict=True):
        for t in thresholds:
            comp.min_confidence = t
            found = comp.find(doc)
            rules[t].update(a.rule for a in found)
            pairs[t].append((to_groups(doc, found, gold), gold.groups))
    comp.min_confidence = setting
    elapsed = time.perf_counter() - t0
    return pairs, len(gold_docs), elapsed, rules


def spkatt_table(pairs) -> tuple[list[str], dict]:
    lines = [
        "| subset | gold | system | message F1 | speaker F1 | cue F1 | frame F1 | roles F1 | joint P | joint R | joint F1 | joint F1 (group-macro) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    summary = {}
    for form in (None, *spkatt.FORMS):
        c = spkatt.evaluate(pairs, form=form)
        n_gold = sum(1 for _, g in pairs for x in g if form is None or x.form == form)
        n_sys = sum(1 for s, _ in pairs for x in s if form is None or x.form == form)
        msg = c.prf(["quote"])[2]
        spk = c.prf(["speaker"])[2]
        cue = c.prf(["cue"])[2]
        frame = c.prf(["frame"])[2]
        roles = c.prf(spkatt.ROLES)[2]
        jp, jr, jf = c.prf(spkatt.PARTS)
        mf = c.macro_prf(spkatt.PARTS)[2]
        name = form or "all"
        summary[name] = {
            "message": msg,
            "speaker": spk,
            "cue": cue,
            "frame": frame,
            "joint": jf,
            "joint_macro": mf,
        }
        lines.append(
            f"| {name} | {n_gold} | {n_sys} | {msg:.1%} | {spk:.1%} | {cue:.1%} | {frame:.1%} | {roles:.1%} "
            f"| {jp:.1%} | {jr:.1%} | **{jf:.1%}** | {mf:.1%} |"
        )
    return lines, summary


# ------------------------------------------------------------------------------------ seed article
def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))


@dataclass
class SeedResult:
    """The seed article against its gold: the report lines and the counts they state."""

    lines: list[str]
    gold: int
    found: int
    right_speaker: int
    right_relay: int


def run_seed(nlp) -> SeedResult:
    base = SHARED / "examples" / "afp-putin-kim-2025-08-15"
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    gold = json.loads(base.with_suffix(".gold.json").read_text(encoding="utf-8"))
    doc = nlp(text)
    aliases = {e["name"]: {e["name"], *e["aliases"]} for e in gold["entities"]}
    statements = doc._.statements
    used: set[str] = set()
    lines = [
        "| gold content | gold speaker | system speaker | via gold / system | ok |",
        "|---|---|---|---|---|",
    ]
    found = right_speaker = relay_ok = 0
    search_from = 0
    for g in gold["statements"]:
        start = text.find(g["content"], search_from if g.get("where") != "caption" else 0)
        if start < 0:
            start = text.find(g["content"])
        gspan = (start, start + len(g["content"]))
        if g.get("where") != "caption":
            search_from = start
        best, best_ov = None, 0.0
        for s in statements:
            ov = _overlap(gspan, (s.content.start_char, s.content.end_char))
            if ov > best_ov and s.id not in used:
                best, best_ov = s, ov
        ok_speaker = ok_relay = False
        if best is not None and best_ov >= 0.5:
            used.add(best.id)
            found += 1
            names = aliases.get(g["speaker"], {g["speaker"]})
            mention = best.speaker_mention.text if best.speaker_mention is not None else ""
            ok_speaker = (
                best.speaker_name in names
                or mention in names
                or any(n and n in (best.speaker_name or "") for n in names if len(n) > 3)
            )
            right_speaker += ok_speaker
            sys_via = sorted(r.name for r in best.via)
            ok_relay = sorted(g["via"]) == sys_via
            relay_ok += ok_relay
        lines.append(
            f"| {g['content'][:60]}… | {g['speaker']} | {best.speaker_name if best else '—'} "
            f"| {g['via']} / {[r.name for r in best.via] if best else '—'} | "
            f"{'speaker ✓' if ok_speaker else 'speaker ✗'} {'relay ✓' if ok_relay else 'relay ✗'} |"
        )
    invented = [s for s in statements if s.id not in used]
    head = [
        f"- gold statements: {len(gold['statements'])}; found (content overlap ≥ 50 %): **{found}**; "
        f"with the right speaker: **{right_speaker}**; with the right relay list (KCNA or none): **{relay_ok}**",
        f"- system statements not in the gold (invented from narration): **{len(invented)}**"
        + ("".join(f"\n  - {s.kind} `{s.content.text[:80]}` ({s.speaker_name})" for s in invented)),
        "",
    ]
    return SeedResult(head + lines, len(gold["statements"]), found, right_speaker, relay_ok)


def candidate_row(name: str, nlp, pairs, seed: SeedResult, elapsed: float) -> str:
    """One row of the pipeline comparison: joint F1 per form, the seed article's counts, time."""
    summary = spkatt_table(pairs)[1]
    forms = " | ".join(f"{summary[f]['joint']:.1%}" for f in ("all", *spkatt.FORMS) if f in summary)
    before = [n for n in nlp.pipe_names if n != COMPONENT]
    return (
        f"| `{name}` | {', '.join(before)} | {forms} "
        f"| {seed.found} / {seed.right_speaker} / {seed.right_relay} of {seed.gold} "
        f"| {elapsed:.1f} s |"
    )


# ------------------------------------------------------------------------------------ speed
def run_speed(pipeline: str | None, n_docs: int) -> list[str]:
    path = SHARED / "data" / "news-de" / "10kgnad_test.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(n_docs), fh, strict=False)]
    full = add_components(load_base("de", pipeline))  # times → quantities → attribution, in pipeline order
    comp = full.get_pipe(COMPONENT)
    note = ""
    t0 = time.perf_counter()
    try:
        docs = list(full.pipe(texts, disable=[COMPONENT]))
    except Exception as exc:  # another component failing must not hide this measurement
        others = [n for n in full.pipe_names if n.startswith("sourcetrace_") and n != COMPONENT]
        note = f" (the full pipeline failed in another component: {type(exc).__name__}; measured without {others})"
        t0 = time.perf_counter()
        docs = list(full.pipe(texts, disable=[COMPONENT, *others]))
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_statements = 0
    for doc in docs:
        comp(doc)
        n_statements += len(doc._.statements)
    t_comp = time.perf_counter() - t0
    return [
        f"- {len(texts)} articles of news-de (10kGNAD test), pipeline `{' → '.join(full.pipe_names)}`{note}",
        f"- pipeline without the component: {t_base:.1f} s; the component alone on the same docs: {t_comp:.2f} s",
        f"- **the component adds {t_comp / t_base:.1%}** to the pipeline's time (target ≤ 15 %); "
        f"{n_statements} statements found",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description="attribution benchmark")
    ap.add_argument("--pipeline", default=None, help="spaCy pipeline name or path (default: the bundled one)")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--speed-docs", type=int, default=300)
    ap.add_argument(
        "--min-confidence", type=float, default=0.0, help="the component's min_confidence setting"
    )
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="PIPELINE",
        help="another base pipeline to score the same way ('blank', a name or a path); repeatable",
    )
    args = ap.parse_args()

    nlp = build(args.pipeline, args.min_confidence)
    thresholds = tuple(dict.fromkeys((args.min_confidence, 0.4)))
    pairs, n_docs, elapsed, rules = run_spkatt(nlp, args.split, args.limit, thresholds)
    tables = {t: spkatt_table(pairs[t])[0] for t in thresholds}
    for t in thresholds:
        print(f"min_confidence {t}")
        print("\n".join(tables[t]))
        print("rules:", dict(rules[t]))
    seed = run_seed(nlp)
    print("\n".join(seed.lines[:2]))
    speed = run_speed(args.pipeline, args.speed_docs) if args.speed_docs else ["- not measured"]
    print("\n".join(speed))
    candidates = []
    if args.compare:
        candidates.append(
            candidate_row(args.pipeline or "bundled", nlp, pairs[args.min_confidence], seed, elapsed)
        )
        for name in args.compare:
            other = build(name, args.min_confidence)
            other_pairs, _, other_elapsed, _ = run_spkatt(
                other, args.split, args.limit, (args.min_confidence,)
            )
            row = candidate_row(name, other, other_pairs[args.min_confidence], run_seed(other), other_elapsed)
            candidates.append(row)
            print(row)
    if args.no_write:
        return
    command = "python bench/attribution.py" + (f" --pipeline {args.pipeline}" if args.pipeline else "")
    command += "".join(f" --compare {name}" for name in args.compare)
    if args.split != "dev" or args.limit:
        command += f" --split {args.split}" + (f" --limit {args.limit}" if args.limit else "")
    report = [
        "# Attribution benchmark (German)",
        "",
        f"Command: `{command}`  ",
        f"Pipeline: `{' → '.join(nlp.pipe_names)}` ({args.pipeline or 'bundled de_sourcetrace_news or blank'})",
        "",
        f"## SpkAtt-2023 task 2 (German Wikinews), {args.split} split",
        "",
        f"{n_docs} documents, {elapsed:.1f} s. Data: `../shared/data/spkatt2023/task2_news/{args.split}.jsonl.xz` "
        "(CC BY-NC-SA 4.0). Metric: the task's official pairing of messages by linear sum assignment over "
        "token-overlap F1, token-level TP/FP/FN of message (quote) and roles (addressee, cue, frame, speaker) "
        "inside pairs, unpaired messages count with all roles; joint = message + roles, micro-averaged over "
        "tokens; the last column is the organisers' script's average over (pair, role) units. Nested quotations "
        "are included. Per-form rows restrict both gold and system to that form. The published rule-based "
        "baseline reached joint F1 39.1 on the (held-out) test split.",
        "",
        *[
            line
            for t in thresholds
            for line in (
                f"### Statements with confidence ≥ {t}"
                + (" (the component's default: every statement)" if t == 0.0 else "")
                + ("" if t == 0.0 else " (the component's `min_confidence` setting)"),
                "",
                *tables[t],
                "",
                f"Rules that fired: {', '.join(f'{k} {v}' for k, v in rules[t].most_common())}",
                "",
            )
        ],
        "## Seed article (afp-putin-kim-2025-08-15)",
        "",
        *seed.lines,
        "",
        "## Speed",
        "",
        *speed,
        "",
        *(
            [
                "## Base pipelines compared",
                "",
                "The same benchmark (joint F1 per form on the split above, the seed article) with the "
                "component on other base pipelines: what the tagger, parser and NER of a pipeline give the "
                "extraction. Time: the pipeline and the component over the split's documents.",
                "",
                "| base pipeline | components before the attribution | all | Direct | Indirect "
                "| IndirectFreeIndirect | FreeIndirect | Reported | seed: found / speaker / relay | time |",
                "|---|---|---|---|---|---|---|---|---|---|",
                *candidates,
                "",
            ]
            if candidates
            else []
        ),
    ]
    out = HERE / "reports" / "attribution.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(report), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
