"""The ``serve`` command; FastAPI and uvicorn are imported only when it runs (the ``web`` extra)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Annotated

import typer

LOOPBACK = ("127.0.0.1", "localhost", "::1")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")  # Host headers a local browser sends


def _warm_up() -> None:
    """Load the pipelines while the server starts, so the first reader does not wait for them."""
    from sourcetrace.nlp.pipelines import SUPPORTED_LANGS, pipeline

    for lang in SUPPORTED_LANGS:
        with contextlib.suppress(Exception):  # a broken pipeline is reported when an article needs it
            pipeline(lang)


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    db: Annotated[
        Path | None, typer.Option("--db", help="A corpus store (DuckDB file) for the corpus pages.")
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="Allow cross-origin requests from this origin (repeatable)."),
    ] = None,
    max_body_mb: Annotated[
        float, typer.Option(help="Largest request body accepted, in MB.", min=0.01)
    ] = 11.0,
) -> None:
    """Serve the reader and the JSON API (OpenAPI docs at /docs); with --db also the corpus pages."""
    from sourcetrace.errors import SourcetraceError

    try:
        import uvicorn

        from sourcetrace.web.app import create_app
    except ImportError as exc:
        raise SourcetraceError(
            f"the web service needs the 'web' extra ({exc.name} is missing): pip install 'sourcetrace[web]'"
        ) from None
    if db is not None and not db.is_file():
        raise SourcetraceError(f"{db}: no such corpus database (create it with the store commands first)")
    loopback = host in LOOPBACK
    if not loopback:
        typer.echo(f"warning: listening on {host}: the service is reachable from other machines", err=True)
    application = create_app(
        db,
        max_body=int(max_body_mb * 1024 * 1024),
        cors_origins=cors_origin or None,
        allowed_hosts=list(LOOPBACK_NAMES) if loopback else None,
    )
    threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
    typer.echo(
        f"sourcetrace: http://{host}:{port}/ (API docs at /docs){' with corpus ' + str(db) if db else ''}"
    )
    uvicorn.run(application, host=host, port=port, log_level="warning")
