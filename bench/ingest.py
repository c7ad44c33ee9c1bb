"""Corpus ingest: throughput against a bare ``nlp.pipe``, memory, Dask equality, safety, query latency.

    python bench/ingest.py [--sample N] [--statements 1000000] [--workdir DIR]

1. Throughput on ../shared/data/news-de (1,028 articles) and news-en (2,225): ``ingest`` with 1 and 2
   local workers (each ingest in a fresh process, so its peak memory is its own), against ``nlp.pipe`` over
   the same texts with the same pipeline in this process (texts that ingest analyzes: duplicates excluded).
2. The same inputs through a Dask LocalCluster with 2 worker processes: database digests compared.
3. Safety on news-de: duplicate ingest (counts before/after), kill -9 and resume (against a clean ingest of
   the same inputs), a second writer while an ingest runs.
4. Query latency on a store of at least N statements, built by repeating the ingested records under new
   ids (a marker appended to each text, so every copy is a new text; synthetic publication dates).

Writes bench/reports/ingest.md. ``--sample N`` takes the first N articles of each corpus (said in the report).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
REPORT = REPO / "bench" / "reports" / "ingest.md"
CORPORA = {
    "news-de": DATA / "news-de" / "10kgnad_test.jsonl.gz",
    "news-en": DATA / "news-en" / "bbc_news.jsonl.gz",
}
LANGS = {"news-de": "de", "news-en": "en"}


def log(*args: Any) -> None:
    print(time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


def sample_file(name: str, n: int | None, workdir: Path) -> Path:
    """The corpus file itself, or its first n lines as a .jsonl.gz in the work folder."""
    source = CORPORA[name]
    if n is None:
        return source
    target = workdir / f"{name}-{n}.jsonl.gz"
    with gzip.open(source, "rt", encoding="utf-8") as src, gzip.open(target, "wt", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i >= n:
                break
            out.write(line)
    return target


def child_ingest(
    inputs: list[str], db: str, workers: int | None, scheduler: str | None = None
) -> dict[str, Any]:
    """Run one ingest in a fresh Python process; returns its summary."""
    command = [sys.executable, __file__, "--child", db, "--workers", str(workers or 0)]
    if scheduler:
        command += ["--scheduler", scheduler]
    result = subprocess.run([*command, *inputs], capture_output=True, text=True, cwd=REPO, timeout=7200)
    if result.returncode != 0:
        raise SystemExit(f"ingest failed: {result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_child(args: argparse.Namespace) -> None:
    from sourcetrace.store.engine import IngestOptions, ingest

    options = IngestOptions(workers=args.workers or None, scheduler=args.scheduler)
    before = cpu_seconds()
    summary = ingest(args.inputs, args.child, options)
    result = summary.as_dict()
    # CPU of this process and of its worker processes (joined when the pool closes); a Dask cluster's
    # workers are not children, so their CPU is not counted
    result["cpu_seconds"] = round(cpu_seconds() - before, 2)
    print(json.dumps(result))


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def digest(db: Path) -> dict[str, str]:
    from sourcetrace.store import Store

    with Store(db, read_only=True) as store:
        return store.digest()


def counts(db: Path) -> dict[str, int]:
    from sourcetrace.store import Store

    with Store(db, read_only=True) as store:
        return store.counts()


def bare_pipe(path: Path, lang: str) -> dict[str, Any]:
    """nlp.pipe over the texts ingest analyzes (first occurrence of each text), with the same pipeline."""
    from sourcetrace.analysis import make_doc, prepare
    from sourcetrace.ingest.article import Article
    from sourcetrace.nlp.pipelines import pipeline
    from sourcetrace.store.engine import iter_articles

    seen: set[str] = set()
    articles: list[Article] = []
    for item in iter_articles([str(path)]):
        if isinstance(item, Article) and item.content_hash not in seen:
            seen.add(item.content_hash)
            articles.append(prepare(item))
    nlp = pipeline(lang)
    texts = [a for a in articles if a.lang == lang]
    for article in texts[:8]:  # warm-up
        with contextlib.suppress(Exception):
            nlp(make_doc(nlp, article))
    errors = statements = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), 32):  # as ingest does: on an error, the rest of the batch one by one
        batch = texts[i : i + 32]
        done = 0
        try:
            for doc in nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=32):
                statements += len(doc._.statements or [])
                done += 1
        except Exception:
            for article in batch[done:]:
                try:
                    statements += len(nlp(make_doc(nlp, article))._.statements or [])
                except Exception:
                    errors += 1
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    n = len(texts)
    return {
        "articles": n,
        "other_lang": len(articles) - n,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rate": n / seconds,
        "statements": statements,
        "components": nlp.pipe_names,
        "errors": errors,
    }


# -- safety --------------------------------------------------------------------------------------------------
def wait_for_commits(db: Path, proc: subprocess.Popen, extra: float) -> None:
    wal = Path(f"{db}.wal")

    def size() -> int:
        return wal.stat().st_size if wal.exists() else 0

    deadline = time.monotonic() + 600
    while size() == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    created = size()
    while size() <= created and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(extra)


def fresh(db: Path) -> Path:
    for leftover in db.parent.glob(f"{db.name}*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    return db


def cli_ingest(feed: Path, db: Path, workers: int) -> list[str]:
    """The ``sourcetrace ingest`` command line for ``feed`` into ``db``."""
    db_args = ["--db", str(db), "--workers", str(workers), "--quiet"]
    return [sys.executable, "-m", "sourcetrace.cli", "ingest", str(feed), *db_args]


def kill_and_resume(feed: Path, workdir: Path, clean: Path) -> dict[str, Any]:
    db = fresh(workdir / "killed.duckdb")
    command = cli_ingest(feed, db, 2)
    proc = subprocess.Popen(command, cwd=REPO, stderr=subprocess.DEVNULL)
    wait_for_commits(db, proc, 3.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed = proc.returncode == -signal.SIGKILL
    # the spawned workers lose their parent; they exit when their pipe closes
    after_kill = counts(db)
    resumed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=3600)
    after_resume = counts(db)
    from sourcetrace.store import Store

    with Store(db, read_only=True) as store:
        distinct, rows = store.con.execute("SELECT count(DISTINCT id), count(*) FROM articles").fetchone()
    return {
        "killed": killed,
        "after_kill": after_kill,
        "after_resume": after_resume,
        "resume_exit": resumed.returncode,
        "distinct_ids": distinct,
        "rows": rows,
        "same_as_clean": digest(db) == digest(clean),
    }


def second_writer(feed: Path, workdir: Path) -> dict[str, Any]:
    from sourcetrace.store import Store, StoreLockedError

    db = fresh(workdir / "writer.duckdb")
    command = cli_ingest(feed, db, 1)
    first = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True)
    wait_for_commits(db, first, 0.5)
    try:
        Store(db)
        api_message = "opened (no error)"
    except StoreLockedError as exc:
        api_message = f"StoreLockedError: {exc}"
    second = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    first.wait(timeout=3600)
    return {
        "api": api_message,
        "cli_exit": second.returncode,
        "cli_message": next(
            (line for line in second.stderr.splitlines() if "error" in line),
            second.stderr.strip().splitlines()[-1] if second.stderr.strip() else "",
        ),
        "first_exit": first.returncode,
        "counts": counts(db),
    }


# -- query latency -------------------------------------------------------------------------------------------
def build_big(source_dbs: list[Path], target: Path, statements: int) -> dict[str, Any]:
    """Copies of the records of ``source_dbs`` under new ids until the store holds ``statements``."""
    from sourcetrace.store import Store
    from sourcetrace.store.db import Entry

    records = []
    for db in source_dbs:
        with Store(db, read_only=True) as store:
            records += [r for r in store.iter_records() if r["statements"]]
    per_copy = sum(len(r["statements"]) for r in records)
    copies = -(-statements // per_copy)
    started = time.perf_counter()
    base = date(2015, 1, 1)
    rng = random.Random(7)
    with Store(target) as store:
        batch: list[Entry] = []
        for copy in range(copies):
            for rec in records:
                out = dict(rec)
                out["id"] = f"{rec['id']}~{copy}"
                out["text"] = f"{rec['text']}\n\n[{copy}]"
                out["meta"] = {
                    **rec["meta"],
                    "published": (base + timedelta(days=rng.randrange(3650))).isoformat(),
                }
                batch.append(Entry.from_record(out, source=f"copy {copy} of {rec['id']}"))
                if len(batch) >= 2000:
                    store.write(batch)
                    batch = []
        store.write(batch)
        store.resolve_entities()
        result = store.counts()
    result["seconds_to_build"] = round(time.perf_counter() - started, 1)
    result["copies"] = copies
    result["size_mb"] = round(target.stat().st_size / 2**20, 1)
    return result


def update_big(db: Path) -> None:
    """Bring a store built by an earlier run up to the current code (migrations, entity tables)."""
    from sourcetrace.store import Store

    with Store(db) as store:
        store.resolve_entities()


def latency(db: Path, runs: int) -> list[dict[str, Any]]:
    from sourcetrace.store import Store

    rows = []
    with Store(db, read_only=True) as store:
        t = time.perf_counter()
        top = store.speakers(limit=200)
        first_speakers = (time.perf_counter() - t) * 1000
        names = [s["name"] for s in top if s["name"]]
        rng = random.Random(3)
        frequent = names[:20]
        rare = names[100:200] or names
        words = ["Regierung", "government", "Polizei", "million", "Wahl", "election", "Euro", "market"]
        relays = sorted({r["name"] for s in top for r in s["relays"]}) or ["dpa"]
        whats = [n["what"] for n in store.numbers(limit=500) if n["what"]] or ["Menschen"]
        cases = {
            "statements --speaker (frequent speaker)": lambda: store.statements(speaker=rng.choice(frequent)),
            "statements --speaker (rarer speaker)": lambda: store.statements(speaker=rng.choice(rare)),
            "statements --speaker --since --until": lambda: store.statements(
                speaker=rng.choice(frequent), since="2018-01-01", until="2019-12-31"
            ),
            "statements --about WORD": lambda: store.statements(about=rng.choice(words)),
            "statements --via NAME": lambda: store.statements(via=rng.choice(relays)),
            "statements (newest 100)": lambda: store.statements(),
            "numbers --what NOUN": lambda: store.numbers(what=rng.choice(whats)),
            "timeline --about WORD": lambda: store.timeline(about=rng.choice(words)),
            "speakers (top 100)": lambda: store.speakers(),
            "relays (top 100)": lambda: store.relays(),
        }
        for name, call in cases.items():
            call()  # warm
            times, sizes = [], []
            n = runs if "speaker" in name and "speakers" not in name else max(10, runs // 5)
            for _ in range(n):
                t = time.perf_counter()
                result = call()
                times.append((time.perf_counter() - t) * 1000)
                sizes.append(len(result))
            times.sort()
            rows.append(
                {
                    "query": name,
                    "runs": n,
                    "p50": statistics.median(times),
                    "p95": times[min(len(times) - 1, int(0.95 * len(times)))],
                    "max": times[-1],
                    "rows": statistics.median(sizes),
                }
            )
        rows.append(
            {
                "query": "speakers (first call, cold)",
                "runs": 1,
                "p50": first_speakers,
                "p95": first_speakers,
                "max": first_speakers,
                "rows": len(top),
            }
        )
    return rows


# -- report --------------------------------------------------------------------------------------------------
def fmt_counts(c: dict[str, int]) -> str:
    keys = ("articles", "duplicates", "statements", "corpus_entities", "quantities", "times", "failures")
    return ", ".join(f"{k} {c.get(k, 0)}" for k in keys)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, default=None, help="first N articles of each corpus")
    parser.add_argument(
        "--limit", action="append", default=[], metavar="CORPUS=N", help="first N articles of one corpus"
    )
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--safety-sample", type=int, default=300, help="news-de articles for kill and resume")
    parser.add_argument("--writer-sample", type=int, default=60, help="news-de articles for the writer test")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the throughput and Dask results already in the work folder"
    )
    parser.add_argument("--runs", type=int, default=200, help="runs per speaker query")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--skip", action="append", default=[], help="throughput | dask | safety | latency")
    parser.add_argument(
        "--redo", action="append", default=[], help="with --reuse: a section to measure again"
    )
    parser.add_argument("--note", action="append", default=[], help="a line for the report (e.g. the load)")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", default=None, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # per-core figures; the passes with 2 workers use 2 processes
    if args.child:
        run_child(args)
        return
    if not all(p.exists() for p in CORPORA.values()):
        raise SystemExit(f"corpora not found under {DATA}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sourcetrace-ingest-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log("work folder", workdir)
    # Every pass (this process, the ingest processes, the Dask workers) runs the same copy of the code.
    snapshot = workdir / f"code-{os.getpid()}"
    shutil.copytree(
        REPO / "src" / "sourcetrace", snapshot / "sourcetrace", ignore=shutil.ignore_patterns("__pycache__")
    )
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snapshot), os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, str(snapshot))
    limits = {name: args.sample for name in CORPORA}
    for item in args.limit:
        name, _, n = item.partition("=")
        limits[name] = int(n)
    args.limits = limits
    files = {name: sample_file(name, limits[name], workdir) for name in CORPORA}
    results: dict[str, Any] = {"throughput": {}, "dask": {}, "load": {"start": round(os.getloadavg()[0], 1)}}
    stores: dict[tuple[str, int], Path] = {}
    if args.reuse and (workdir / "results.json").exists():
        previous = json.loads((workdir / "results.json").read_text())
        sections = (
            "throughput",
            "dask",
            "big",
            "latency",
            "duplicate_ingest",
            "kill",
            "writer",
            "safety_clean",
        )
        kept = [k for k in sections if previous.get(k) and k not in args.redo]
        results.update({k: previous[k] for k in kept})
        stores = {
            (name, w): workdir / f"{name}-w{w}.duckdb" for name in results["throughput"] for w in (1, 2)
        }
        args.skip += [k for k in ("throughput", "dask", "latency") if k in kept]
        args.skip += ["safety"] if "kill" in kept else []
        args.reused = True
        log("reusing", ", ".join(kept), "of", workdir)

    for name, path in files.items():
        if "throughput" in args.skip:
            break
        log(name, "bare nlp.pipe")
        bare = bare_pipe(path, LANGS[name])
        entry: dict[str, Any] = {"bare": bare}
        for workers in (1, 2):
            db = workdir / f"{name}-w{workers}.duckdb"
            for leftover in workdir.glob(f"{db.name}*"):
                leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover)
            log(name, f"ingest with {workers} worker(s)")
            summary = child_ingest([str(path)], str(db), workers)
            entry[f"w{workers}"] = summary
            entry[f"w{workers}_counts"] = counts(db)
            stores[(name, workers)] = db
        entry["same_content_w1_w2"] = digest(stores[(name, 1)]) == digest(stores[(name, 2)])
        results["throughput"][name] = entry
        log(name, json.dumps({k: v for k, v in entry.items() if k != "bare"})[:400])
        save(results, args, workdir)

    if "dask" not in args.skip and stores and not results["dask"]:
        from dask.distributed import LocalCluster

        log("dask LocalCluster, 2 workers")
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            for name, path in files.items():
                db = workdir / f"{name}-dask.duckdb"
                if db.exists():
                    db.unlink()
                summary = child_ingest([str(path)], str(db), None, scheduler=cluster.scheduler_address)
                results["dask"][name] = {
                    "summary": summary,
                    "counts": counts(db),
                    "same_as_local": digest(db) == digest(stores[(name, 1)]),
                }
                log(name, "dask", results["dask"][name]["same_as_local"])

    save(results, args, workdir)
    if "safety" not in args.skip and stores:
        safety_file = sample_file("news-de", args.safety_sample, workdir)
        if args.limits["news-de"] == args.safety_sample and not getattr(args, "reused", False):
            # the 1-worker ingest above (same file, same code) is the clean reference
            clean = stores[("news-de", 1)]
            results["safety_clean"] = results["throughput"]["news-de"]["w1"]
        else:
            clean = workdir / "safety-clean.duckdb"
            log("clean ingest of the safety sample")
            results["safety_clean"] = child_ingest([str(safety_file)], str(clean), 1)
        en_db = stores[("news-en", 2)]
        before = counts(en_db)
        log("duplicate ingest of news-en")
        again = child_ingest([str(files["news-en"])], str(en_db), 2)
        results["duplicate_ingest"] = {"before": before, "after": counts(en_db), "summary": again}
        log("kill -9 and resume on news-de")
        results["kill"] = kill_and_resume(safety_file, workdir, clean)
        log("second writer")
        results["writer"] = second_writer(sample_file("news-de", args.writer_sample, workdir), workdir)
        save(results, args, workdir)

    if "latency" not in args.skip and stores:
        big = workdir / "big.duckdb"
        if not args.reuse:
            for leftover in workdir.glob("big.duckdb*"):
                leftover.unlink()
        built = workdir / "big.json"
        if args.reuse and built.exists() and big.exists():
            log("reusing the big store")
            results["big"] = json.loads(built.read_text())
            update_big(big)
        else:
            log("building the big store")
            results["big"] = build_big([stores[("news-de", 1)], stores[("news-en", 1)]], big, args.statements)
            built.write_text(json.dumps(results["big"]))
        log("big store", results["big"])
        results["latency"] = latency(big, args.runs)

    save(results, args, workdir)
    log("wrote", REPORT)


def save(results: dict[str, Any], args: argparse.Namespace, workdir: Path) -> None:
    """Results so far: JSON in the work folder and the Markdown report (a long run reports as it goes)."""
    results.setdefault("load", {})["end"] = round(os.getloadavg()[0], 1)
    (workdir / "results.json").write_text(json.dumps(results, indent=2, default=str))
    write_report(results, args)


def write_report(results: dict[str, Any], args: argparse.Namespace) -> None:
    out: list[str] = ["# Corpus ingest: throughput, memory, Dask, safety, query latency", ""]
    command = "python bench/ingest.py" + (f" --sample {args.sample}" if args.sample else "")
    command += "".join(f" --limit {item}" for item in args.limit)
    if args.statements != 1_000_000:
        command += f" --statements {args.statements}"
    out.append(f"Command: `{command}`  ")

    def used(name: str, total: str) -> str:
        n = args.limits.get(name)
        return f"the first {n} of the {total} articles" if n else f"all {total} articles"

    out.append(
        f"Data: `../shared/data/news-de` (10kGNAD test: {used('news-de', '1,028')}) and `news-en` (BBC News: "
        f"{used('news-en', '2,225')}), read at run time.  "
    )
    load = results.get("load", {})
    out.append(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, one BLAS/OpenMP thread per "
        f"process; 1-minute load average {load.get('start', '?')} when the bench started and "
        f"{load.get('end', '?')} when this report was written (the bench's own passes keep it near their "
        "worker count).  "
    )
    out.append(
        "Code: a copy of `src/sourcetrace` (with the bundled pipelines present at that moment) taken when the "
        "bench starts; the bench process, every ingest process and the Dask workers import that copy"
        + (
            " (the sections come from successive runs with `--reuse`, each on its own copy: throughput and "
            "Dask first, then the safety tests, then query latency)."
            if getattr(args, "reused", False)
            else "."
        )
        + "  "
    )
    if args.limits.get("news-de"):
        out.append(
            "news-de is limited to its first articles because the bundled German pipeline runs at 2–5 "
            "articles/s on this machine: four passes over all 1,028 articles (bare, 1 worker, 2 workers, "
            "Dask) would take well over 25 minutes.  "
        )
    for note in args.note:
        out.append(f"{note}  ")
    out.append(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    out.append("")
    if results["throughput"]:
        out += ["## Throughput", ""]
        pipelines = "; ".join(
            f"{name}: {', '.join(e['bare']['components'])}" for name, e in results["throughput"].items()
        )
        out.append(
            f"Pipelines (`sourcetrace.pipeline(lang)`): {pipelines}. "
            "*bare* = `nlp.pipe` (batch 32) over the texts ingest analyzes (duplicates excluded), in the bench "
            "process after a warm-up. *ingest* = `sourcetrace ingest` in a fresh process, timed from opening "
            "the store to the end of entity resolution: reading the .jsonl.gz, language detection, hashing and "
            "duplicate checks, the same pipeline, building records, writing DuckDB, clustering entities. "
            "Rate = articles analyzed / wall time. CPU = user + system seconds of the pass (bare: the bench "
            "process during the loop; ingest: the ingest process from opening the store, plus its worker "
            "processes, pipeline loading included). Overhead = what the ingest costs beyond the bare pipeline "
            "over the same articles: ingest time / bare time − 1, by wall clock (1 worker) and by CPU (1 and 2 "
            "workers). Speed-up = bare wall time / 2-worker ingest wall time."
        )
        out.append("")
        out.append(
            "| corpus | articles analyzed | bare nlp.pipe | ingest, 1 worker | overhead, 1 worker (wall / CPU) "
            "| ingest, 2 workers | speed-up | CPU overhead, 2 workers | peak memory per worker (1 / 2 workers) "
            "| 1 and 2 workers: same database |"
        )
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        worst = 0.0
        for name, e in results["throughput"].items():
            bare, w1, w2 = e["bare"], e["w1"], e["w2"]
            m1 = max(w1["peak_rss_mb"].values(), default=0)
            m2 = max(w2["peak_rss_mb"].values(), default=0)
            wall1 = w1["seconds"] / bare["seconds"] - 1
            cpu1 = w1["cpu_seconds"] / bare["cpu_seconds"] - 1 if "cpu_seconds" in w1 else float("nan")
            cpu2 = w2["cpu_seconds"] / bare["cpu_seconds"] - 1 if "cpu_seconds" in w2 else float("nan")
            worst = max(worst, wall1, cpu1)
            out.append(
                f"| {name} | {w1['added']} (+{w1['duplicates']} duplicates, {w1['failures']} failed) "
                f"| {bare['rate']:.1f}/s ({bare['seconds']:.1f} s, CPU {bare.get('cpu_seconds', 0):.1f} s) "
                f"| {w1['articles_per_second']:.1f}/s ({w1['seconds']:.1f} s, CPU {w1.get('cpu_seconds', 0):.1f} s) "
                f"| {wall1:+.0%} / {cpu1:+.0%} "
                f"| {w2['articles_per_second']:.1f}/s ({w2['seconds']:.1f} s, CPU {w2.get('cpu_seconds', 0):.1f} s) "
                f"| {bare['seconds'] / w2['seconds']:.2f}× | {cpu2:+.0%} "
                f"| {m1:.0f} MB / {m2:.0f} MB | {'yes' if e['same_content_w1_w2'] else 'NO'} |"
            )
        out.append("")
        verdict = "met" if worst <= 0.30 else "NOT met"
        memory = max(
            max(e[w]["peak_rss_mb"].values(), default=0)
            for e in results["throughput"].values()
            for w in ("w1", "w2")
        )
        out.append(
            f"Target: everything beyond the spaCy pipeline costs ≤ 30 % (1 worker, wall and CPU): **{verdict}** "
            f"(worst {worst:+.0%}). Peak memory per worker ≤ 1 GB: **{'met' if memory <= 1024 else 'NOT met'}** "
            f"(largest {memory:.0f} MB)."
        )
        out.append("")
        out.append("Store contents after the 1-worker ingest:")
        out.append("")
        for name, e in results["throughput"].items():
            out.append(f"- {name}: {fmt_counts(e['w1_counts'])}")
        out.append("")
        out.append(
            "With 1 worker the analysis runs in the ingest process itself (its peak memory includes DuckDB); with "
            "2 workers two spawned processes analyze while the main process reads and writes (peak memory is the "
            "larger of the two workers)."
        )
        out.append("")
    if results["dask"]:
        out += ["## Dask LocalCluster (2 worker processes)", ""]
        out.append(
            "| corpus | articles/s | added | duplicates | failures | database identical to the local ingest |"
        )
        out.append("|---|---|---|---|---|---|")
        for name, d in results["dask"].items():
            s = d["summary"]
            out.append(
                f"| {name} | {s['articles_per_second']:.1f} | {s['added']} | {s['duplicates']} | {s['failures']} "
                f"| {'yes' if d['same_as_local'] else 'NO'} (MD5 of every table, sorted rows, timestamps excluded) |"
            )
        out.append("")
    if "duplicate_ingest" in results:
        d = results["duplicate_ingest"]
        out += ["## Safety", "", "### The same input twice (news-en, 2 workers)", ""]
        out.append(f"- before: {fmt_counts(d['before'])}")
        out.append(f"- after:  {fmt_counts(d['after'])}")
        s = d["summary"]
        out.append(f"- second run: {s['added']} added, {s['exists']} already stored, {s['seconds']:.1f} s")
        out.append("")
        k = results["kill"]
        out += [f"### kill -9 and resume (first {args.safety_sample} articles of news-de, 2 workers)", ""]
        out.append(
            "The ingest is killed with SIGKILL 3 s after its first articles are committed, then started again; "
            f"the result is compared with an uninterrupted 1-worker ingest of the same file "
            f"({results['safety_clean']['added']} articles, {results['safety_clean']['seconds']:.1f} s)."
        )
        out.append("")
        out.append(f"- killed by SIGKILL: {'yes' if k['killed'] else 'no (finished first)'}")
        out.append(f"- after the kill:   {fmt_counts(k['after_kill'])}")
        out.append(f"- after the resume: {fmt_counts(k['after_resume'])} (exit code {k['resume_exit']})")
        out.append(f"- rows in articles {k['rows']}, distinct ids {k['distinct_ids']}")
        out.append(
            f"- database identical to an uninterrupted ingest: {'yes' if k['same_as_clean'] else 'NO'}"
        )
        out.append("")
        w = results["writer"]
        out += [
            f"### A second writer while an ingest runs (first {args.writer_sample} articles of news-de)",
            "",
        ]
        out.append(f"- Python API: `{w['api']}`")
        out.append(f"- second `sourcetrace ingest`: exit code {w['cli_exit']}, `{w['cli_message']}`")
        out.append(
            f"- first ingest: exit code {w['first_exit']}; its store afterwards: {fmt_counts(w['counts'])}"
        )
        out.append("")
    if "latency" in results:
        b = results["big"]
        out += ["## Query latency", ""]
        out.append(
            f"Store: the analyzed records of both corpora with statements, copied {b['copies']} times under new "
            f"ids (a marker appended to each text, so every copy is a new text), synthetic publication dates "
            f"spread over 2015–2024: {fmt_counts(b)}; {b['size_mb']} MB on disk, built in "
            f"{b['seconds_to_build']} s. Queries through the Python API (`Store(path, read_only=True)`), "
            "100 rows each, parameters drawn at random from the store's own speakers, relays and nouns."
        )
        out.append("")
        out.append("| query | runs | p50 ms | p95 ms | max ms | rows (median) |")
        out.append("|---|---|---|---|---|---|")
        for r in results["latency"]:
            out.append(
                f"| {r['query']} | {r['runs']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {r['rows']:.0f} |"
            )
        out.append("")
        speaker = next(
            r for r in results["latency"] if r["query"].startswith("statements --speaker (frequent")
        )
        verdict = "met" if speaker["p95"] < 100 else "NOT met"
        out.append(f"Target p95 < 100 ms for a speaker query: **{verdict}** ({speaker['p95']:.1f} ms).")
        out.append("")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
