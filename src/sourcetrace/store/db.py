"""The corpus store: one DuckDB file holding every analyzed article, its statements, entities, figures and
times. Opening it writable migrates the schema; a second writer gets ``StoreLockedError``."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from sourcetrace.ingest.article import content_hash
from sourcetrace.store import queries
from sourcetrace.store.entities import Name, cluster
from sourcetrace.store.errors import StoreError, StoreLockedError

if TYPE_CHECKING:
    import pandas

SCHEMA_VERSION = 2
# version -> SQL file (beside this module) that brings a store from version-1 to version.
MIGRATIONS: dict[int, str] = {1: "schema.sql", 2: "migration_002.sql"}
TABLES = (
    "articles",
    "statements",
    "entities",
    "mentions",
    "quantities",
    "times",
    "failures",
    "corpus_entities",
    "entity_aliases",
    "speaker_statements",
)
# Columns that differ between two ingests of the same inputs (when, not what).
VOLATILE_COLUMNS = ("ingested_at", "failed_at")

_open_writers: set[str] = set()
_open_lock = threading.Lock()


def _sql(name: str) -> str:
    return resources.files("sourcetrace.store").joinpath(name).read_text(encoding="utf-8")


def published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@dataclass
class Entry:
    """One row of ``articles`` to write: an analyzed record, or a duplicate pointing to its original."""

    id: str
    content_hash: str
    source: str | None
    lang: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    record_json: str | None = None
    duplicate_of: str | None = None
    chars: int | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any], source: str | None = None, text: str | None = None) -> Entry:
        """The entry of a record; ``text``: the record already serialized as JSON, if at hand."""
        if not isinstance(record, dict) or not record.get("id") or not isinstance(record.get("text"), str):
            raise StoreError("not a sourcetrace/1 record (it needs at least 'id' and 'text')")
        return cls(
            id=str(record["id"]),
            content_hash=content_hash(record["text"]),
            source=source,
            lang=record.get("lang"),
            meta=dict(record.get("meta") or {}),
            record_json=text or json.dumps(record, ensure_ascii=False),
            chars=len(record["text"]),
        )


@dataclass
class WriteResult:
    added: int = 0
    duplicates: int = 0
    exists: int = 0
    failures: int = 0
    status: dict[str, str] = field(default_factory=dict)  # id -> added | duplicate | exists


def _lock_message(path: Path, exc: Exception, read_only: bool) -> str:
    text = str(exc)
    holder = ""
    if "PID" in text:
        holder = " (process " + text.split("PID", 1)[1].strip(" )").split(")")[0].strip() + ")"
    what = "read" if read_only else "write to"
    return (
        f"{path} is being written by another process{holder}; cannot {what} it now. "
        "Wait for that ingest to finish (one writer at a time)."
    )


class Store:
    """A corpus store in one DuckDB file. Use as a context manager: ``with Store("corpus.duckdb") as s:``."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._key = str(self.path.resolve())
        if read_only and not self.path.exists():
            raise StoreError(f"no corpus store at {self.path}")
        if not read_only:
            with _open_lock:
                if self._key in _open_writers:
                    raise StoreLockedError(f"{self.path} is already open for writing in this process")
                _open_writers.add(self._key)
        try:
            # a writer shares its process with an analysis pipeline: bound DuckDB's buffer pool, which would
            # otherwise keep growing with the rows written during a long ingest
            config = {} if read_only else {"memory_limit": WRITER_MEMORY}
            self.con = duckdb.connect(str(self.path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            self._release()
            if "lock" in str(exc).lower():
                raise StoreLockedError(_lock_message(self.path, exc, read_only)) from None
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        except duckdb.Error as exc:
            self._release()
            if "different configuration" in str(exc):
                raise StoreLockedError(f"{self.path} is already open for writing in this process") from None
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        self.con.execute("SET enable_progress_bar = false")
        try:
            self._migrate()
        except BaseException:
            self.close(resolve=False)
            raise
        self._dirty = self._meta("entities_dirty") == "1"
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []

    def _reader(self) -> duckdb.DuckDBPyConnection:
        """A cursor of this thread: queries may run from several threads (a web server's pool) at once."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            with _open_lock:
                cursor = self.con.cursor()
                self._cursors.append(cursor)
            self._local.cursor = cursor
        return cursor

    # -- lifecycle ---------------------------------------------------------------------------------------
    def _release(self) -> None:
        if not self.read_only:
            with _open_lock:
                _open_writers.discard(self._key)

    def close(self, resolve: bool = True) -> None:
        con = getattr(self, "con", None)
        if con is None:
            return
        try:
            if resolve and not self.read_only and self._dirty:
                self.resolve_entities()
            if not self.read_only:
                con.execute("CHECKPOINT")
        finally:
            for cursor in getattr(self, "_cursors", []):
                cursor.close()
            con.close()
            self.con = None  # type: ignore[assignment]
            self._release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        try:
            row = self.con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchone()
        except duckdb.CatalogException:
            return None
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [key, value])

    @property
    def schema_version(self) -> int:
        value = self._meta("schema_version")
        return int(value) if value else 0

    def _migrate(self) -> None:
        version = self.schema_version
        if version == 0:
            tables = self.con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0]  # type: ignore[index]
            if tables:
                raise StoreError(f"{self.path} is a DuckDB database but not a sourcetrace corpus store")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has store schema version {version}; this sourcetrace reads up to "
                f"{SCHEMA_VERSION}. Upgrade sourcetrace."
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"{self.path} has store schema version {version} (current: {SCHEMA_VERSION}); "
                "open it once for writing (e.g. sourcetrace ingest) to migrate it"
            )
        self.con.execute("BEGIN TRANSACTION")
        try:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                self.con.execute(_sql(MIGRATIONS[step]))
                self._set_meta("schema_version", str(step))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # -- writes --------------------------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")

    def known(self) -> tuple[dict[str, str], dict[str, str]]:
        """(id → content hash) for every stored article, and (content hash → id) for the originals."""
        ids: dict[str, str] = {}
        hashes: dict[str, str] = {}
        for article_id, digest, duplicate_of in self.con.execute(
            "SELECT id, content_hash, duplicate_of FROM articles ORDER BY ingested_at, id"
        ).fetchall():
            ids[article_id] = digest
            if duplicate_of is None:
                hashes.setdefault(digest, article_id)
        return ids, hashes

    def add_record(self, record: dict[str, Any], source: str | None = None) -> str:
        """Store one sourcetrace/1 record: "added", "exists" (id already stored) or "duplicate" (same text
        already stored under another id: kept as a pointer to it, not analyzed again)."""
        entry = Entry.from_record(record, source)
        return self.write(entries=[entry]).status[entry.id]

    def add_failure(self, source: str, reason: str) -> None:
        self.write(failures=[(source, reason)])

    def write(self, entries: Iterable[Entry] = (), failures: Iterable[tuple[str, str]] = ()) -> WriteResult:
        """Write articles and failures in one transaction (all or nothing). An entry whose id is stored
        already is skipped; one whose text is stored under another id becomes a duplicate of it."""
        self._writable()
        entries, failures = list(entries), list(failures)
        result = WriteResult()
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            rows: list[Entry] = []
            if entries:
                ids = [e.id for e in entries]
                hashes = [e.content_hash for e in entries]
                existing = {
                    r[0]
                    for r in con.execute(
                        "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]
                    ).fetchall()
                }
                originals = dict(
                    con.execute(
                        "SELECT content_hash, min(id) FROM articles WHERE duplicate_of IS NULL "
                        "AND content_hash IN (SELECT unnest(?)) GROUP BY 1",
                        [hashes],
                    ).fetchall()
                )
                for entry in entries:
                    if entry.id in existing:
                        result.status[entry.id] = "exists"
                        result.exists += 1
                        continue
                    existing.add(entry.id)
                    original = entry.duplicate_of or originals.get(entry.content_hash)
                    if original is not None and original != entry.id:
                        entry.duplicate_of, entry.record_json = original, None
                        result.status[entry.id] = "duplicate"
                        result.duplicates += 1
                    elif entry.record_json is None:
                        raise StoreError(f"article {entry.id} has neither a record nor an original")
                    else:
                        originals[entry.content_hash] = entry.id
                        result.status[entry.id] = "added"
                        result.added += 1
                    rows.append(entry)
            if rows:
                self._insert_articles(rows)
                sources = [e.source for e in rows if e.source]
                if sources:
                    con.execute("DELETE FROM failures WHERE input IN (SELECT unnest(?))", [sources])
            if failures:
                inputs = [f[0] for f in failures]
                con.execute("DELETE FROM failures WHERE input IN (SELECT unnest(?))", [inputs])
                con.execute(
                    "INSERT INTO failures (input, reason) SELECT unnest(?), unnest(?)",
                    [inputs, [f[1] for f in failures]],
                )
                result.failures = len(failures)
            if result.added or result.duplicates:
                self._set_meta("entities_dirty", "1")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        if result.added or result.duplicates:
            self._dirty = True
        return result

    def _insert_articles(self, rows: list[Entry]) -> None:
        def col(get: Any) -> list[Any]:
            return [get(e) for e in rows]

        def text_list(value: Any) -> list[str]:
            return [str(v) for v in value] if isinstance(value, list) else []

        self.con.execute(
            """INSERT INTO articles (id, content_hash, duplicate_of, source, lang, title, outlet, agency,
                   authors, published, published_date, url, chars, record)
               SELECT unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?),
                   unnest(?::VARCHAR[][]), unnest(?::VARCHAR[][]), unnest(?), unnest(?::DATE[]), unnest(?),
                   unnest(?::INTEGER[]), unnest(?::VARCHAR[])::JSON""",
            [
                col(lambda e: e.id),
                col(lambda e: e.content_hash),
                col(lambda e: e.duplicate_of),
                col(lambda e: e.source),
                col(lambda e: e.lang),
                col(lambda e: e.meta.get("title")),
                col(lambda e: e.meta.get("outlet")),
                col(lambda e: text_list(e.meta.get("agency"))),
                col(lambda e: text_list(e.meta.get("authors"))),
                col(lambda e: e.meta.get("published")),
                col(lambda e: published_date(e.meta.get("published"))),
                col(lambda e: e.meta.get("url")),
                col(lambda e: e.chars),
                col(lambda e: e.record_json),
            ],
        )
        analyzed = [e for e in rows if e.record_json is not None]
        if analyzed:  # the child tables are flattened from this batch alone, whatever the store's size
            self.con.execute(
                "CREATE TEMP TABLE IF NOT EXISTS _batch (id VARCHAR, published_date DATE, record JSON)"
            )
            self.con.execute("DELETE FROM _batch")
            self.con.execute(
                "INSERT INTO _batch SELECT unnest(?), unnest(?::DATE[]), unnest(?::VARCHAR[])::JSON",
                [
                    [e.id for e in analyzed],
                    [published_date(e.meta.get("published")) for e in analyzed],
                    [e.record_json for e in analyzed],
                ],
            )
            self.con.execute(_sql("flatten.sql"))

    # -- entities across articles --------------------------------------------------------------------------
    def resolve_entities(self) -> int:
        """Rebuild corpus_entities and entity_aliases from every name in the store; returns the entity count."""
        self._writable()
        rows = self.con.execute(
            """SELECT key, alias, type, count(*) FROM (
                   SELECT s.speaker_key AS key, trim(s.speaker_name) AS alias, e.type
                   FROM statements s LEFT JOIN entities e
                     ON e.article_id = s.article_id AND e.entity_id = s.speaker_entity
                   UNION ALL SELECT name_key, trim(name), type FROM entities
                   UNION ALL SELECT source_key, trim(source_name), NULL FROM quantities
               ) WHERE key IS NOT NULL AND key <> '' GROUP BY ALL"""
        ).fetchall()
        per_key: dict[str, dict[str, Any]] = {}
        for key, alias, kind, n in rows:
            slot = per_key.setdefault(key, {"aliases": {}, "types": {}, "count": 0})
            slot["aliases"][alias] = slot["aliases"].get(alias, 0) + n
            if kind:
                slot["types"][kind] = slot["types"].get(kind, 0) + n
            slot["count"] += n
        names = [
            Name(
                key=key,
                alias=max(slot["aliases"].items(), key=lambda kv: (kv[1], kv[0]))[0],
                type=max(slot["types"].items(), key=lambda kv: (kv[1], kv[0]))[0] if slot["types"] else None,
                count=slot["count"],
            )
            for key, slot in sorted(per_key.items())
        ]
        entities = cluster(names)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM entity_aliases")
            con.execute("DELETE FROM corpus_entities")
            if entities:
                con.execute(
                    "INSERT INTO corpus_entities SELECT unnest(?), unnest(?), unnest(?), "
                    "unnest(?::VARCHAR[][]), 0, 0",
                    [
                        [e.id for e in entities],
                        [e.name for e in entities],
                        [e.type for e in entities],
                        [e.aliases for e in entities],
                    ],
                )
                alias_of = {n.key: n.alias for n in names}
                pairs = [(k, e.id) for e in entities for k in e.keys]
                con.execute(
                    "INSERT INTO entity_aliases SELECT unnest(?), unnest(?), unnest(?)",
                    [[k for k, _ in pairs], [c for _, c in pairs], [alias_of[k] for k, _ in pairs]],
                )
                con.execute(
                    """UPDATE corpus_entities c SET statements = x.n FROM (
                           SELECT a.corpus_entity, count(*) AS n FROM statements s
                           JOIN entity_aliases a ON a.key = s.speaker_key GROUP BY 1) x
                       WHERE x.corpus_entity = c.id"""
                )
                con.execute(
                    """UPDATE corpus_entities c SET articles = x.n FROM (
                           SELECT corpus_entity, count(DISTINCT article_id) AS n FROM (
                               SELECT a.corpus_entity, s.article_id FROM statements s
                               JOIN entity_aliases a ON a.key = s.speaker_key
                               UNION ALL SELECT a.corpus_entity, e.article_id FROM entities e
                               JOIN entity_aliases a ON a.key = e.name_key) GROUP BY 1) x
                       WHERE x.corpus_entity = c.id"""
                )
            con.execute(_sql("speakers.sql"))
            self._set_meta("entities_dirty", "0")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._dirty = False
        return len(entities)

    def _fresh(self) -> None:
        if self._dirty and not self.read_only:
            self.resolve_entities()

    # -- queries -------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        self._fresh()
        return queries.counts(self._reader())

    def articles(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return queries.articles(self._reader(), limit=limit, offset=offset)

    def article(self, id: str) -> dict[str, Any] | None:  # noqa: A002
        return queries.article(self._reader(), id)

    def statements(
        self,
        speaker: str | None = None,
        about: str | None = None,
        via: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        self._fresh()
        return queries.statements(
            self._reader(),
            speaker,
            about,
            via,
            since,
            until,
            limit=limit,
            offset=offset,
            fallback=self._dirty,
        )

    def speakers(self, name: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        self._fresh()
        return queries.speakers(self._reader(), name, limit=limit, offset=offset)

    def numbers(self, what: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        self._fresh()
        return queries.numbers(self._reader(), what, limit=limit, offset=offset)

    def relays(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        self._fresh()
        return queries.relays(self._reader(), limit=limit, offset=offset)

    def timeline(self, about: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return queries.timeline(self._reader(), about, limit=limit, offset=offset)

    def failures(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return queries.failures(self._reader(), limit=limit, offset=offset)

    def frame(self, query: str, **params: Any) -> pandas.DataFrame:
        """A query's rows as a pandas DataFrame: ``store.frame("statements", speaker="Putin")``."""
        if query not in QUERIES:
            raise StoreError(f"unknown query {query!r} (queries: {', '.join(QUERIES)})")
        pd = _pandas()
        rows = getattr(self, query)(**params)
        return pd.DataFrame(rows) if rows else pd.DataFrame(columns=self._columns(query))

    def _columns(self, query: str) -> list[str]:
        """The columns of an empty query result (asked for with one row of the query, if any)."""
        probe = getattr(self, query)(limit=1)
        return list(probe[0]) if probe else []

    # -- bulk access ---------------------------------------------------------------------------------------
    def dataframe(self, table: str) -> pandas.DataFrame:
        """A whole table as a pandas DataFrame (needs pandas: ``pip install sourcetrace[cluster]``)."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")
        self._fresh()
        _pandas()
        return self._reader().execute(f"SELECT * FROM {table}").df()

    def export_parquet(self, directory: str | Path) -> list[Path]:
        """Write every table to ``DIRECTORY/TABLE.parquet``; returns the files."""
        self._fresh()
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        files = []
        for table in TABLES:
            target = out / f"{table}.parquet"
            self.con.execute(f"COPY {table} TO '{_quote(str(target))}' (FORMAT parquet)")
            files.append(target)
        return files

    def digest(self) -> dict[str, str]:
        """MD5 per table over its sorted rows, without the timestamp columns: equal digests, equal content."""
        self._fresh()
        out = {}
        for table in TABLES:
            cols = [
                r[0]
                for r in self.con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                    [table],
                ).fetchall()
                if r[0] not in VOLATILE_COLUMNS
            ]
            select = ", ".join(f'"{c}"' for c in cols)
            out[table] = self.con.execute(
                f"SELECT md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR)), '')) "
                f"FROM (SELECT {select} FROM {table}) t"
            ).fetchone()[0]  # type: ignore[index]
        return out

    def iter_records(self) -> Iterator[dict[str, Any]]:
        for (text,) in self.con.execute(
            "SELECT record FROM articles WHERE record IS NOT NULL ORDER BY id"
        ).fetchall():
            yield json.loads(text)


WRITER_MEMORY = "256MB"  # DuckDB memory limit of a writing connection (it spills to disk beyond it)
QUERIES = ("articles", "statements", "speakers", "numbers", "relays", "timeline", "failures")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise StoreError("DataFrames need pandas (pip install 'sourcetrace[cluster]')") from None
    return pandas


def _quote(text: str) -> str:
    return text.replace("'", "''")
