"""``sourcetrace ingest``, ``sourcetrace query …`` and ``sourcetrace export``: the corpus store's commands."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sourcetrace.cli_options import PIPELINE_HELP, Lang, err


class QueryFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


DbOption = Annotated[Path, typer.Option("--db", help="The corpus store (a DuckDB file).")]
FormatOption = Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")]
LimitOption = Annotated[int, typer.Option(help="At most this many rows.")]
OffsetOption = Annotated[int, typer.Option(help="Skip this many rows first.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/bold red] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def _open(db: Path):  # noqa: ANN202
    from sourcetrace.store import Store, StoreError

    if not db.exists():
        raise _fail(f"no corpus store at {db} (create one with: sourcetrace ingest INPUT --db {db})", 2)
    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        raise _fail(str(exc)) from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return (
            " → ".join(_cell(v) for v in value)
            if value and not isinstance(value[0], dict)
            else ", ".join(
                f"{v.get('name')} ({v.get('count')})" if isinstance(v, dict) else _cell(v) for v in value
            )
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _emit(rows: list[dict[str, Any]], fmt: QueryFormat, columns: list[str], title: str) -> None:
    if fmt is QueryFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is QueryFormat.csv:
        writer = csv.writer(sys.stdout)
        names = list(rows[0]) if rows else columns
        writer.writerow(names)
        for row in rows:
            writer.writerow(
                [json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in row.values()]
            )
    else:
        from rich.table import Table

        table = Table(title=f"{title} ({len(rows)} rows)", show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        Console().print(table)


def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .jsonl[.gz], .warc[.gz]), directories, URLs, or - for stdin."
        ),
    ],
    db: DbOption,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes on this machine (default: one per CPU; 1: none).")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Run on this Dask scheduler (tcp://host:8786) instead of locally.")
    ] = None,
    parts: Annotated[
        Path | None,
        typer.Option(help="With --scheduler: folder for the workers' Parquet parts (default DB.parts/)."),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the articles.")] = Lang.auto,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO-8601) for every input.")
    ] = None,
    pipeline: Annotated[str | None, typer.Option(help=PIPELINE_HELP)] = None,
    chunk_size: Annotated[int, typer.Option(help="Articles per work unit.")] = 32,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private or loopback addresses.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyze many articles into a corpus store (safe to re-run: stored articles are skipped)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from sourcetrace.errors import SourcetraceError
    from sourcetrace.store.engine import IngestOptions, IngestSummary, estimate_total
    from sourcetrace.store.engine import ingest as run_ingest

    options = IngestOptions(
        lang=None if lang is Lang.auto else lang.value,
        published=published,
        pipeline_name=pipeline,
        allow_private=allow_private,
        workers=workers,
        scheduler=scheduler,
        chunk_size=max(1, chunk_size),
        parts_dir=parts,
    )
    total = estimate_total(inputs)
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    task = progress.add_task("ingest", total=total, rate=0.0)

    def on_progress(s: IngestSummary) -> None:
        done = s.added + s.duplicates + s.exists + s.failures
        progress.update(task, completed=done, rate=(done / s.seconds) if s.seconds else 0.0)

    try:
        with progress:
            summary = run_ingest(inputs, db, options, on_progress)
            progress.update(task, total=summary.inputs)
            on_progress(summary)
    except SourcetraceError as exc:
        raise _fail(str(exc)) from None
    from sourcetrace.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
    memory = max(summary.peak_rss_mb.values(), default=0.0)
    err.print(
        f"[bold]{summary.inputs}[/bold] inputs in {summary.seconds:.1f} s: "
        f"[green]{summary.added} added[/green] ({summary.rate:.1f} articles/s, {summary.workers} "
        f"{summary.mode} worker{'s' if summary.workers != 1 else ''}, peak {memory:.0f} MB per worker), "
        f"{summary.duplicates} duplicates, {summary.exists} already stored, "
        f"[red]{summary.failures} failed[/red]",
        markup=True,
    )
    err.print(
        f"{db}: {counts['articles']} articles (+{counts['duplicates']} duplicates), {counts['statements']} "
        f"statements, {counts['corpus_entities']} corpus entities, {counts['quantities']} figures, "
        f"{counts['times']} times, {counts['failures']} failures",
        highlight=False,
    )
    if summary.failures:
        err.print("failures are listed by: sourcetrace query failures --db " + str(db), highlight=False)


query_app = typer.Typer(
    help="Ask a corpus store: statements, speakers, numbers, relays, timeline.", no_args_is_help=True
)


@query_app.command("statements")
def query_statements(
    db: DbOption,
    speaker: Annotated[
        str | None, typer.Option(help="Who said it (any alias: Putin finds Wladimir Putin).")
    ] = None,
    about: Annotated[str | None, typer.Option(help="Words in what was said.")] = None,
    via: Annotated[
        str | None, typer.Option(help="A relay it passed through (agency, state media...).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    format: FormatOption = QueryFormat.table,  # noqa: A002
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
) -> None:
    """Statements, newest first."""
    from sourcetrace.errors import SourcetraceError

    with _open(db) as store:
        try:
            rows = store.statements(speaker, about, via, since, until, limit=limit, offset=offset)
        except SourcetraceError as exc:
            raise _fail(str(exc), 2) from None
    _emit(rows, format, ["published", "speaker_name", "kind", "content", "via", "article_id"], "statements")


@query_app.command("speakers")
def query_speakers(
    db: DbOption,
    name: Annotated[str | None, typer.Option(help="Only speakers with this in a name or alias.")] = None,
    format: FormatOption = QueryFormat.table,  # noqa: A002
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
) -> None:
    """Speakers by number of statements, with aliases and who relays them."""
    with _open(db) as store:
        rows = store.speakers(name, limit=limit, offset=offset)
    _emit(rows, format, ["name", "statements", "articles", "aliases", "relays"], "speakers")


@query_app.command("numbers")
def query_numbers(
    db: DbOption,
    what: Annotated[str | None, typer.Option(help="What is counted (a noun: Soldaten, people...).")] = None,
    format: FormatOption = QueryFormat.table,  # noqa: A002
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
) -> None:
    """Figures with their source, hedge and date, oldest first per what they count."""
    with _open(db) as store:
        rows = store.numbers(what, limit=limit, offset=offset)
    _emit(
        rows,
        format,
        ["what", "text", "value", "hedge", "source", "via", "published", "article_id"],
        "numbers",
    )


@query_app.command("relays")
def query_relays(
    db: DbOption,
    format: FormatOption = QueryFormat.table,  # noqa: A002
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
) -> None:
    """Chains outlet → agency → relays → source, by number of statements."""
    with _open(db) as store:
        rows = store.relays(limit=limit, offset=offset)
    _emit(rows, format, ["chain", "count", "articles"], "relays")


@query_app.command("timeline")
def query_timeline(
    db: DbOption,
    about: Annotated[str | None, typer.Option(help="Words near the date in the text.")] = None,
    format: FormatOption = QueryFormat.table,  # noqa: A002
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
) -> None:
    """Dates the articles mention, in calendar order."""
    with _open(db) as store:
        rows = store.timeline(about, limit=limit, offset=offset)
    _emit(rows, format, ["value", "text", "published", "article_id", "context"], "timeline")


@query_app.command("failures")
def query_failures(
    db: DbOption,
    format: FormatOption = QueryFormat.table,  # noqa: A002
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
) -> None:
    """Inputs that yielded no record, and why."""
    with _open(db) as store:
        rows = store.failures(limit=limit, offset=offset)
    _emit(rows, format, ["input", "reason", "failed_at"], "failures")


@query_app.command("counts")
def query_counts(db: DbOption, format: FormatOption = QueryFormat.table) -> None:  # noqa: A002
    """How many articles, duplicates, statements, entities, figures, times and failures the store holds."""
    with _open(db) as store:
        counts = store.counts()
    _emit([{"table": k, "rows": v} for k, v in counts.items()], format, ["table", "rows"], "counts")


def export(
    db: DbOption,
    parquet: Annotated[Path, typer.Option("--parquet", help="Write every table as DIR/TABLE.parquet.")],
) -> None:
    """Export the corpus store's tables as Parquet files."""
    from sourcetrace.errors import SourcetraceError

    with _open(db) as store:
        try:
            files = store.export_parquet(parquet)
        except (SourcetraceError, OSError) as exc:
            raise _fail(f"cannot export to {parquet}: {exc}") from None
    err.print(f"wrote {len(files)} tables to {parquet}/", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.add_typer(query_app, name="query")
    app.command()(export)
