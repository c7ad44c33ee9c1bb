"""Ingest: inputs → articles → (local worker processes | a Dask cluster) → records → the corpus store.

The main process reads the inputs, settles language and date, and decides what needs analysis: an id
already stored is skipped, a text already stored (or queued) under another id becomes a duplicate of it.
Articles go out in chunks; results come back in submission order and each chunk is written in one
transaction, so a run killed at any moment loses at most the chunks in flight, and the next run redoes
exactly those. On Dask, workers write each chunk's records to a Parquet part that the main process loads.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sourcetrace.errors import SourcetraceError
from sourcetrace.ingest.article import Article, Failure, content_hash
from sourcetrace.ingest.warc import is_warc, read_warc
from sourcetrace.store.db import Entry, Store, StoreError

Outcome = tuple[str | None, str | None]  # (record as JSON, failure reason): exactly one is set
WRITE_EVERY = 128  # analyzed articles per transaction ...
WRITE_SECONDS = 5.0  # ... or whatever is ready after this long


@dataclass
class IngestOptions:
    lang: str | None = None
    published: str | None = None
    pipeline_name: str | None = None
    allow_private: bool = False
    workers: int | None = None  # None: one per CPU; 1: in this process
    scheduler: str | None = None  # address of a Dask scheduler
    chunk_size: int = 32
    parts_dir: Path | None = None  # Dask: where workers write Parquet parts (shared storage)


@dataclass
class IngestSummary:
    inputs: int = 0
    added: int = 0
    duplicates: int = 0
    exists: int = 0
    failures: int = 0
    seconds: float = 0.0
    workers: int = 1
    mode: str = "local"
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker → peak resident memory

    @property
    def rate(self) -> float:
        """Articles analyzed (added) per second of wall time."""
        return self.added / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "added": self.added,
            "duplicates": self.duplicates,
            "exists": self.exists,
            "failures": self.failures,
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.rate, 2),
            "workers": self.workers,
            "mode": self.mode,
            "peak_rss_mb": self.peak_rss_mb,
        }


# -- reading -------------------------------------------------------------------------------------------------
def iter_articles(inputs: Iterable[str], allow_private: bool = False) -> Iterator[Article | Failure]:
    """What ``sourcetrace analyze`` reads, plus WARC files (also inside directories)."""
    from sourcetrace.ingest.sources import DIRECTORY_SUFFIXES, read_inputs

    for item in inputs:
        path = Path(item)
        if item != "-" and is_warc(item) and path.is_file():
            yield from read_warc(path)
        elif path.is_dir():
            warcs = sorted(p for p in path.rglob("*") if p.is_file() and is_warc(p.name))
            for warc in warcs:
                yield from read_warc(warc)
            others = any(p.is_file() and p.name.lower().endswith(DIRECTORY_SUFFIXES) for p in path.rglob("*"))
            if others or not warcs:
                yield from read_inputs([item], allow_private=allow_private)
        else:
            yield from read_inputs([item], allow_private=allow_private)


def estimate_total(inputs: Iterable[str]) -> int | None:
    """How many articles the inputs hold (for the progress bar), or None when it cannot be told cheaply."""
    from sourcetrace.ingest.jsonl import is_jsonl
    from sourcetrace.ingest.sources import DIRECTORY_SUFFIXES

    total = 0
    for item in inputs:
        path = Path(item)
        files = [path] if path.is_file() else []
        if path.is_dir():
            files = [
                p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(DIRECTORY_SUFFIXES)
            ]
            if any(is_warc(p.name) for p in path.rglob("*")):
                return None
        elif not path.is_file():
            total += 1
            continue
        for file in files:
            name = file.name.lower()
            if is_warc(name):
                return None
            if is_jsonl(name):
                try:
                    opener = gzip.open if name.endswith(".gz") else open
                    with opener(file, "rb") as stream:  # type: ignore[operator]
                        total += sum(1 for line in stream if line.strip())
                except (OSError, EOFError):
                    total += 1
            else:
                total += 1
    return total


# -- work done in workers ------------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def analyze_chunk(
    articles: list[Article], options: IngestOptions, free_vocab: bool = True
) -> tuple[list[Outcome], float]:
    """Settle language and date, analyze → one outcome per article, in order; and peak memory (MB).
    ``free_vocab``: see ``analysis.analyze_batch`` (off where threads may share the pipeline: Dask)."""
    from sourcetrace.analysis import analyze_batch, prepare
    from sourcetrace.nlp.pipelines import pipeline

    outcomes: list[Outcome] = [(None, "not analyzed")] * len(articles)
    by_lang: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        try:
            prepare(article, options.lang, options.published)
        except SourcetraceError as exc:
            outcomes[i] = (None, getattr(exc, "reason", None) or str(exc))
            continue
        by_lang.setdefault(article.lang or "", []).append(i)
    for lang, positions in by_lang.items():
        try:
            nlp = pipeline(lang, options.pipeline_name)
        except SourcetraceError as exc:
            for i in positions:
                outcomes[i] = (None, str(exc))
            continue
        batch = analyze_batch([articles[i] for i in positions], nlp, free_vocab=free_vocab)
        for i, result in zip(positions, batch, strict=True):
            if isinstance(result, Failure):
                outcomes[i] = (None, result.reason)
            else:
                outcomes[i] = (json.dumps(result, ensure_ascii=False), None)
    return outcomes, peak_rss_mb()


def analyze_chunk_to_parquet(
    articles: list[Article], options: IngestOptions, part: str
) -> tuple[str, float, str]:
    """Dask task: analyze a chunk and write it as a Parquet part (id, source, record, failure)."""
    import socket

    import pyarrow as pa
    import pyarrow.parquet as pq

    outcomes, rss = analyze_chunk(articles, options, free_vocab=False)  # a Dask worker may run threads
    table = pa.table(
        {
            "id": [a.id for a in articles],
            "source": [a.source for a in articles],
            "record": [o[0] for o in outcomes],
            "failure": [o[1] for o in outcomes],
        }
    )
    target = Path(part)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    pq.write_table(table, temporary)
    temporary.replace(target)  # a part is either complete or absent
    return part, rss, f"{socket.gethostname()}:{os.getpid()}"


# -- executors -----------------------------------------------------------------------------------------------
class _Serial:
    """Runs each chunk in this process when its result is asked for."""

    workers = 1
    mode = "local"

    def __init__(self, options: IngestOptions) -> None:
        self.options = options

    def submit(self, chunk: list[Article], part: str | None = None) -> Any:
        return lambda: (*analyze_chunk(chunk, self.options), f"main:{os.getpid()}")

    def result(self, handle: Any) -> tuple[list[Outcome], float, str]:
        return handle()

    def close(self) -> None:
        pass


def _worker_chunk(chunk: list[Article], options: IngestOptions) -> tuple[list[Outcome], float, str]:
    outcomes, rss = analyze_chunk(chunk, options)
    return outcomes, rss, f"worker:{os.getpid()}"


def _watch_parent(parent: int) -> None:
    """Worker initializer: exit when the ingest process is gone (killed), instead of lingering."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class _Pool:
    """Worker processes on this machine (spawned, so the parent's DuckDB connection is never shared)."""

    mode = "local"

    def __init__(self, options: IngestOptions, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.options, self.workers = options, workers
        self._make = lambda: ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        )
        self.pool = self._make()

    def submit(self, chunk: list[Article], part: str | None = None) -> Future:
        return self.pool.submit(_worker_chunk, chunk, self.options)

    def result(self, handle: Future) -> tuple[list[Outcome], float, str]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return handle.result()
        except BrokenProcessPool:
            self.pool.shutdown(cancel_futures=True)
            self.pool = self._make()
            raise

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class _Dask:
    """Chunks run on a Dask cluster; each task writes a Parquet part that this process loads."""

    mode = "dask"

    def __init__(self, options: IngestOptions, store: Store) -> None:
        try:
            from dask.distributed import Client
        except ImportError:
            raise SourcetraceError("--scheduler needs dask: pip install 'sourcetrace[cluster]'") from None
        self.options, self.store = options, store
        try:
            self.client = Client(options.scheduler, timeout="20s")
        except OSError as exc:
            raise SourcetraceError(f"cannot reach the Dask scheduler at {options.scheduler}: {exc}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, chunk: list[Article], part: str | None = None) -> Any:
        return self.client.submit(analyze_chunk_to_parquet, chunk, self.options, part, pure=False, retries=1)

    def result(self, handle: Any) -> tuple[list[Outcome], float, str]:
        part, rss, worker = handle.result()
        outcomes = [(record, failure) for _, _, record, failure in read_part(self.store, part)]
        return outcomes, rss, worker

    def close(self) -> None:
        self.client.close()


def read_part(store: Store, part: str) -> list[tuple[str, str, str | None, str | None]]:
    return store.con.execute(
        "SELECT id, source, record, failure FROM read_parquet(?)", [str(part)]
    ).fetchall()


def load_leftover_parts(store: Store, parts_dir: Path) -> int:
    """Parts written by a run that was stopped before loading them: load them now (idempotent)."""
    if not parts_dir.is_dir():
        return 0
    loaded = 0
    for part in sorted(parts_dir.glob("*.parquet")):
        entries, failures = [], []
        for _id, source, record, failure in read_part(store, str(part)):
            if record is not None:
                entries.append(Entry.from_record(json.loads(record), source))
            else:
                failures.append((source, failure or "analysis failed"))
        result = store.write(entries, failures)
        loaded += result.added + result.duplicates
        part.unlink()
    for leftover in parts_dir.glob("*.tmp"):
        leftover.unlink()
    return loaded


# -- the run -------------------------------------------------------------------------------------------------
@dataclass
class _Chunk:
    articles: list[Article] = field(default_factory=list)
    duplicates: dict[str, list[Article]] = field(default_factory=dict)  # original id → its duplicates
    part: str | None = None
    handle: Any = None


def _duplicate_entry(article: Article, original: str) -> Entry:
    from dataclasses import asdict

    return Entry(
        id=article.id or article.content_hash,
        content_hash=article.content_hash,
        source=article.source,
        lang=article.lang,
        meta=asdict(article.meta),
        duplicate_of=original,
        chars=len(article.text),
    )


def ingest(
    inputs: list[str],
    db: str | Path,
    options: IngestOptions | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Ingest the inputs into the store at ``db``; returns what happened (counts, time, memory)."""
    from sourcetrace.analysis import normalize_published, prepare

    options = options or IngestOptions()
    options = replace(options, published=normalize_published(options.published))
    summary = IngestSummary()
    started = time.perf_counter()
    with Store(db) as store:
        parts_dir = options.parts_dir or Path(f"{db}.parts")
        load_leftover_parts(store, parts_dir)
        ids, hashes = store.known()
        workers = options.workers or os.cpu_count() or 1
        executor: _Serial | _Pool | _Dask
        if options.scheduler:
            executor = _Dask(options, store)
        elif workers <= 1:
            executor = _Serial(options)
        else:
            executor = _Pool(options, workers)
        summary.workers, summary.mode = executor.workers, executor.mode
        in_flight: deque[_Chunk] = deque()
        window = 2 * executor.workers + 1
        pending_entries: list[Entry] = []
        pending_failures: list[tuple[str, str]] = []
        pending_parts: list[str] = []  # Dask parts whose rows wait in pending_entries
        queued: dict[str, _Chunk] = {}  # id of an article in flight → its chunk
        chunk = _Chunk()
        part_number = 0
        last_write = time.perf_counter()

        def report() -> None:
            summary.seconds = time.perf_counter() - started
            if on_progress:
                on_progress(summary)

        def flush() -> None:
            """Write what is pending in one transaction (then the parts it came from can go)."""
            nonlocal last_write
            if pending_entries or pending_failures:
                result = store.write(pending_entries, pending_failures)
                summary.added += result.added
                summary.duplicates += result.duplicates
                summary.exists += result.exists
                summary.failures += result.failures
            pending_entries.clear()
            pending_failures.clear()
            for part in pending_parts:
                Path(part).unlink(missing_ok=True)
            pending_parts.clear()
            last_write = time.perf_counter()

        def duplicate(article: Article, original: str, lang: str | None) -> None:
            try:
                prepare(article, lang or options.lang, options.published)
            except SourcetraceError as exc:
                pending_failures.append((article.source, getattr(exc, "reason", None) or str(exc)))
                return
            pending_entries.append(_duplicate_entry(article, original))

        def finish(done: _Chunk) -> None:
            try:
                outcomes, rss, worker = executor.result(done.handle)
                summary.peak_rss_mb[worker] = round(max(rss, summary.peak_rss_mb.get(worker, 0.0)), 1)
            except Exception as exc:  # a lost worker or task: its articles fail, the run goes on
                outcomes = [(None, f"worker failed ({type(exc).__name__}: {exc})")] * len(done.articles)
            for article, (record_json, reason) in zip(done.articles, outcomes, strict=True):
                queued.pop(article.id or "", None)
                twins = done.duplicates.get(article.id or "", [])
                if record_json is not None:
                    entry = Entry.from_record(json.loads(record_json), article.source, record_json)
                    pending_entries.append(entry)
                    for twin in twins:
                        duplicate(twin, entry.id, entry.lang)
                else:
                    pending_failures.append((article.source, reason or "analysis failed"))
                    pending_failures.extend(
                        (twin.source, f"same text as {article.id}, whose analysis failed") for twin in twins
                    )
                    hashes.pop(article.content_hash, None)
                    ids.pop(article.id or "", None)
            if done.part:
                pending_parts.append(done.part)
            # Fewer, larger transactions: every WRITE_EVERY articles or WRITE_SECONDS, whichever comes first.
            if len(pending_entries) >= WRITE_EVERY or time.perf_counter() - last_write >= WRITE_SECONDS:
                flush()
            report()

        def submit() -> None:
            nonlocal chunk, part_number
            if not chunk.articles:
                return
            if executor.mode == "dask":
                part_number += 1
                chunk.part = str(parts_dir / f"part-{os.getpid()}-{part_number:06d}.parquet")
            chunk.handle = executor.submit(chunk.articles, chunk.part)
            in_flight.append(chunk)
            chunk = _Chunk()
            while len(in_flight) > window:
                finish(in_flight.popleft())

        try:
            for item in iter_articles(inputs, options.allow_private):
                summary.inputs += 1
                if isinstance(item, Failure):
                    pending_failures.append((item.source, item.reason))
                    continue
                article = item
                digest = content_hash(article.text)
                article.id = article.id or digest
                if article.id in ids:
                    if ids[article.id] == digest:
                        summary.exists += 1
                    else:
                        reason = f"id {article.id!r} is already stored with a different text"
                        pending_failures.append((article.source, reason))
                elif digest in hashes:
                    original = hashes[digest]
                    ids[article.id] = digest
                    owner = queued.get(original)
                    if owner is not None:  # its original is being analyzed: written together with it
                        owner.duplicates.setdefault(original, []).append(article)
                    else:
                        duplicate(article, original, None)
                else:
                    ids[article.id], hashes[digest] = digest, article.id
                    chunk.articles.append(article)
                    queued[article.id] = chunk
                    if len(chunk.articles) >= options.chunk_size:
                        submit()
                if summary.inputs % 64 == 0:
                    report()
            submit()
            while in_flight:
                finish(in_flight.popleft())
            flush()
            store.resolve_entities()
        finally:
            executor.close()
        if parts_dir.is_dir() and not any(parts_dir.iterdir()):
            parts_dir.rmdir()
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["IngestOptions", "IngestSummary", "StoreError", "estimate_total", "ingest", "iter_articles"]
