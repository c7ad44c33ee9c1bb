"""The questions users bring to a corpus, as SQL over the store's tables. Each returns JSON-ready dicts.

Order: statements and articles newest first; numbers by what they count, then oldest first (so a figure's
path from source to source reads top-down); timeline in the order of the dates it mentions.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import duckdb

from sourcetrace.store.errors import StoreError


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, (_plain(v) for v in row), strict=True)) for row in cursor.fetchall()]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _like(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _day(value: str | date | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise StoreError(f"--{name}: not an ISO-8601 date: {value!r}") from None


def _page(limit: int, offset: int) -> list[int]:
    return [max(0, int(limit)), max(0, int(offset))]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = con.execute(
        """SELECT (SELECT count(*) FROM articles WHERE duplicate_of IS NULL),
                  (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
                  (SELECT count(*) FROM statements), (SELECT count(*) FROM entities),
                  (SELECT count(*) FROM corpus_entities), (SELECT count(*) FROM mentions),
                  (SELECT count(*) FROM quantities), (SELECT count(*) FROM times),
                  (SELECT count(*) FROM failures)"""
    ).fetchone()
    names = (
        "articles",
        "duplicates",
        "statements",
        "entities",
        "corpus_entities",
        "mentions",
        "quantities",
        "times",
        "failures",
    )
    return dict(zip(names, row, strict=True))  # type: ignore[arg-type]


def articles(con: duckdb.DuckDBPyConnection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    return _rows(
        con,
        """SELECT a.id, a.title, a.outlet, a.agency, a.published, a.lang, a.url, a.source, a.duplicate_of,
                  a.chars, (SELECT count(*) FROM statements s WHERE s.article_id = a.id) AS statements
           FROM articles a
           ORDER BY a.published_date DESC NULLS LAST, a.published DESC NULLS LAST, a.id
           LIMIT ? OFFSET ?""",
        _page(limit, offset),
    )


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The full record; for a duplicate, the record of its original with ``duplicate_of`` set."""
    row = con.execute(
        """SELECT a.record, a.duplicate_of, o.record FROM articles a
           LEFT JOIN articles o ON o.id = a.duplicate_of WHERE a.id = ?""",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    record, duplicate_of, original = row
    if duplicate_of is None:
        return json.loads(record)
    result = json.loads(original) if original else {"id": article_id}
    result["id"] = article_id
    result["duplicate_of"] = duplicate_of
    return result


def _speaker_keys(speaker: str, fallback: bool) -> tuple[str, list[Any]]:
    """SQL condition on s.speaker_key: the speaker's corpus entity (all its aliases), or a corpus entity id."""
    pattern = _like(speaker)
    condition = (
        "s.speaker_key IN (SELECT key FROM entity_aliases WHERE corpus_entity IN ("
        "SELECT corpus_entity FROM entity_aliases WHERE key LIKE ? ESCAPE '\\' OR corpus_entity = ?))"
    )
    params: list[Any] = [pattern, speaker.strip()]
    if fallback:  # names written since the last entity resolution are not in entity_aliases yet
        condition = f"({condition} OR s.speaker_key LIKE ? ESCAPE '\\')"
        params.append(pattern)
    return condition, params


def statements(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    about: str | None = None,
    via: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = 100,
    offset: int = 0,
    fallback: bool = False,
) -> list[dict[str, Any]]:
    """Statements, newest first. With a speaker (and entities resolved), they are read from
    speaker_statements, where each corpus entity's statements lie together, sorted by date."""
    where, params = ["TRUE"], []
    by_speaker = bool(speaker and speaker.strip()) and not fallback
    if by_speaker:
        where.append(
            "s.corpus_entity IN (SELECT DISTINCT corpus_entity FROM entity_aliases "
            "WHERE key LIKE ? ESCAPE '\\' OR corpus_entity = ?)"
        )
        params += [_like(speaker), speaker.strip()]  # type: ignore[union-attr]
    elif speaker and speaker.strip():
        condition, extra = _speaker_keys(speaker, fallback)
        where.append(condition)
        params += extra
    if _like(about):
        where.append("lower(s.content) LIKE ? ESCAPE '\\'")
        params.append(_like(about))
    if _like(via):
        where.append("len(list_filter(s.via, lambda v: lower(v) LIKE ? ESCAPE '\\')) > 0")
        params.append(_like(via))
    if _day(since, "since"):
        where.append("s.published_date >= ?")
        params.append(_day(since, "since"))
    if _day(until, "until"):
        where.append("s.published_date <= ?")
        params.append(_day(until, "until"))
    order = "ORDER BY s.published_date DESC NULLS LAST, s.article_id, s.content_start"
    columns = (
        "s.article_id, s.statement_id, s.kind, s.content, s.content_start, s.content_end, s.speaker_name, "
        "s.speaker_entity, {entity} AS corpus_entity, {name} AS corpus_name, s.cue, s.via, s.confidence, "
        "{a}.published, {a}.title, {a}.outlet, {a}.agency"
    )
    if by_speaker:
        sql = f"""
            SELECT {columns.format(entity="s.corpus_entity", name="s.corpus_name", a="s")}
            FROM speaker_statements s WHERE {" AND ".join(where)} {order} LIMIT ? OFFSET ?"""
    else:
        sql = f"""
            WITH hits AS (SELECT * FROM statements s WHERE {" AND ".join(where)} {order} LIMIT ? OFFSET ?)
            SELECT {columns.format(entity="c.id", name="c.name", a="a")}
            FROM hits s JOIN articles a ON a.id = s.article_id
            LEFT JOIN entity_aliases ea ON ea.key = s.speaker_key
            LEFT JOIN corpus_entities c ON c.id = ea.corpus_entity
            {order}"""
    return _rows(con, sql, params + _page(limit, offset))


def speakers(
    con: duckdb.DuckDBPyConnection, name: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Speakers by number of statements, with their aliases and who relays them (relay name and count)."""
    where, params = "", []
    if _like(name):
        where = (
            "WHERE ent IN (SELECT corpus_entity FROM entity_aliases WHERE key LIKE ? ESCAPE '\\') "
            "OR lower(any_name) LIKE ? ESCAPE '\\'"
        )
        params = [_like(name), _like(name)]
    sql = f"""
        WITH s AS (
            SELECT coalesce(ea.corpus_entity, 'k:' || s.speaker_key) AS ent, s.speaker_name, s.via, s.article_id
            FROM statements s LEFT JOIN entity_aliases ea ON ea.key = s.speaker_key
            WHERE s.speaker_key IS NOT NULL AND s.speaker_key <> ''),
        grouped AS (
            SELECT ent, count(*) AS statements, count(DISTINCT article_id) AS articles,
                   min(speaker_name) AS any_name
            FROM s GROUP BY ent),
        top AS (SELECT * FROM grouped {where} ORDER BY statements DESC, ent LIMIT ? OFFSET ?),
        relayed AS (
            SELECT ent, v AS name, count(*) AS n
            FROM (SELECT ent, unnest(via) AS v FROM s WHERE ent IN (SELECT ent FROM top))
            GROUP BY ALL)
        SELECT coalesce(c.name, top.any_name) AS name, c.id AS entity, c.type,
               coalesce(c.aliases, [top.any_name]) AS aliases, top.statements, top.articles,
               coalesce((SELECT list({{'name': r.name, 'count': r.n}} ORDER BY r.n DESC, r.name)
                         FROM relayed r WHERE r.ent = top.ent), []) AS relays
        FROM top LEFT JOIN corpus_entities c ON c.id = top.ent
        ORDER BY top.statements DESC, top.ent"""
    return _rows(con, sql, params + _page(limit, offset))


def numbers(
    con: duckdb.DuckDBPyConnection, what: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Each figure with what it counts, its hedge, who it is attributed to (and through whom), and when."""
    where, params = "", []
    if _like(what):
        where = "WHERE lower(q.what) LIKE ? ESCAPE '\\'"
        params = [_like(what)]
    sql = f"""
        SELECT q.article_id, q.text, q.value, q.hedge, q.unit, q.what, q.source_name AS source,
               c.name AS source_entity, coalesce(s.via, []) AS via, q.statement_id, a.published, a.title,
               a.outlet, a.agency, q.context, q.start, q."end"
        FROM quantities q JOIN articles a ON a.id = q.article_id
        LEFT JOIN statements s ON s.article_id = q.article_id AND s.statement_id = q.statement_id
        LEFT JOIN entity_aliases ea ON ea.key = q.source_key
        LEFT JOIN corpus_entities c ON c.id = ea.corpus_entity
        {where}
        ORDER BY lower(q.what) NULLS LAST, q.published_date NULLS LAST, a.published NULLS LAST,
                 q.article_id, q.start
        LIMIT ? OFFSET ?"""
    return _rows(con, sql, params + _page(limit, offset))


def relays(con: duckdb.DuckDBPyConnection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Chains outlet → agency → relays → speaker, with how many statements travelled each chain."""
    sql = """
        WITH chains AS (
            SELECT list_concat(
                       CASE WHEN a.outlet IS NULL THEN [] ELSE [a.outlet] END,
                       list_filter(coalesce(a.agency, []), lambda g: g IS DISTINCT FROM a.outlet),
                       list_filter(coalesce(s.via, []), lambda v: NOT list_contains(coalesce(a.agency, []), v)),
                       [coalesce(c.name, s.speaker_name)]) AS chain,
                   s.article_id
            FROM statements s JOIN articles a ON a.id = s.article_id
            LEFT JOIN entity_aliases ea ON ea.key = s.speaker_key
            LEFT JOIN corpus_entities c ON c.id = ea.corpus_entity
            WHERE s.speaker_name IS NOT NULL AND s.speaker_name <> '')
        SELECT chain, count(*) AS count, count(DISTINCT article_id) AS articles
        FROM chains WHERE len(chain) >= 2
        GROUP BY chain ORDER BY count DESC, chain LIMIT ? OFFSET ?"""
    return _rows(con, sql, _page(limit, offset))


def timeline(
    con: duckdb.DuckDBPyConnection, about: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Dates and times the articles mention (resolved values), in calendar order; ``about`` filters on the
    text around each expression."""
    where, params = "", []
    if _like(about):
        where = "AND lower(t.context) LIKE ? ESCAPE '\\'"
        params = [_like(about)]
    sql = f"""
        SELECT t.value, t.type, t.text, t.article_id, a.published, a.title, t.context
        FROM times t JOIN articles a ON a.id = t.article_id
        WHERE t.type IN ('DATE', 'TIME') AND regexp_matches(t.value, '^[0-9]{{4}}') {where}
        ORDER BY t.value, a.published_date NULLS LAST, t.article_id, t.start
        LIMIT ? OFFSET ?"""
    return _rows(con, sql, params + _page(limit, offset))


def failures(con: duckdb.DuckDBPyConnection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    return _rows(
        con,
        "SELECT input, reason, failed_at FROM failures ORDER BY failed_at DESC, input LIMIT ? OFFSET ?",
        _page(limit, offset),
    )
