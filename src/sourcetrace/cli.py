"""The ``sourcetrace`` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from sourcetrace.cli_options import PIPELINE_HELP, Lang, err
from sourcetrace.errors import SourcetraceError
from sourcetrace.ingest.article import Failure

app = typer.Typer(
    help="Who said what, through whom, about what, with which numbers, and when: analyze news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    pretty = "pretty"
    json = "json"
    jsonl = "jsonl"


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/bold red] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


@app.command()
def analyze(
    inputs: Annotated[
        list[str], typer.Argument(help="Files (.txt, .html, .jsonl[.gz]), directories, URLs, or - for stdin.")
    ],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.pretty,  # noqa: A002
    lang: Annotated[Lang, typer.Option(help="Language of the articles.")] = Lang.auto,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO-8601), the anchor for relative times.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    pipeline: Annotated[str | None, typer.Option(help=PIPELINE_HELP)] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private or loopback addresses.")] = False,
) -> None:
    """Analyze articles and print their sourcetrace/1 records."""
    from sourcetrace.analysis import analyze_many, normalize_published
    from sourcetrace.ingest.sources import read_inputs

    try:
        published = normalize_published(published)
    except SourcetraceError as exc:
        raise fail(str(exc), 2) from None
    stream: TextIO
    try:
        stream = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}", 2) from None
    console = Console(file=stream, soft_wrap=False) if format is OutputFormat.pretty else None
    records, failures = [], []
    try:
        results = analyze_many(
            read_inputs(inputs, allow_private=allow_private),
            lang=None if lang is Lang.auto else lang.value,
            published=published,
            pipeline_name=pipeline,
        )
        for result in results:
            if isinstance(result, Failure):
                failures.append(result)
                err.print(
                    f"[bold red]error:[/bold red] {result}", soft_wrap=True, markup=True, highlight=False
                )
                continue
            records.append(result)
            if format is OutputFormat.jsonl:
                stream.write(result.to_json(indent=None) + "\n")
                stream.flush()
            elif format is OutputFormat.pretty and console is not None:
                from sourcetrace.out.pretty import render

                render(result, console)
        if format is OutputFormat.json and records:
            payload = records[0] if len(records) == 1 and len(inputs) == 1 else records
            stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    except SourcetraceError as exc:
        raise fail(str(exc)) from None
    finally:
        if output:
            stream.close()
    total = len(records) + len(failures)
    if failures:
        if total > 1:
            err.print(f"{len(records)} of {total} inputs analyzed; {len(failures)} failed:", highlight=False)
            for failure in failures:
                err.print(f"  {failure}", highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the sourcetrace/1 record."""
    from sourcetrace.record import schema as record_schema

    typer.echo(json.dumps(record_schema(), ensure_ascii=False, indent=2))


ACCURACY_COLUMNS = {
    "pos_acc": "UPOS",
    "morph_acc": "UFeats",
    "lemma_acc": "lemma",
    "dep_las": "LAS",
    "ents_f": "NER F1",
}


@app.command()
def models() -> None:
    """List the bundled pipelines with version, licence and measured accuracy."""
    from rich.table import Table

    from sourcetrace.nlp.models import list_models

    table = Table(title="sourcetrace pipelines (accuracy on held-out data, see each MODEL_CARD.md)")
    for column in (
        "name",
        "lang",
        "version",
        "licence",
        "size",
        *ACCURACY_COLUMNS.values(),
        "words/s",
        "evaluated on",
    ):
        table.add_column(column, overflow="fold")
    for model in list_models():
        accuracy = model.get("accuracy") or {}
        scores = [f"{100 * accuracy[k]:.1f}" if k in accuracy else "—" for k in ACCURACY_COLUMNS]
        table.add_row(
            model["name"],
            model.get("lang", ""),
            model.get("version", ""),
            model.get("license", ""),
            f"{model['size_mb']:.1f} MB" if model.get("size_mb") is not None else "",
            *scores,
            f"{model['words_per_second']:,}" if model.get("words_per_second") else "—",
            "; ".join(f"{k}: {v}" for k, v in (model.get("evaluated_on") or {}).items()),
        )
    Console(width=160).print(table)


# Commands of the corpus store (ingest, query, export) and the web service (serve), registered here.
def _register_commands() -> None:
    from sourcetrace.store.commands import register as register_store
    from sourcetrace.web.commands import register as register_web

    register_store(app)
    register_web(app)


_register_commands()


def main() -> None:
    try:
        app()
    except SourcetraceError as exc:
        err.print(f"[bold red]error:[/bold red] {exc}", soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
