"""Web archives (``.warc``, ``.warc.gz``): every HTTP response with an HTML or plain-text body becomes an
Article (id: the WARC-Record-ID, url: the WARC-Target-URI). Other records (requests, metadata, images) are
skipped; a response that cannot be read becomes a Failure naming ``file#n`` (n = record number)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sourcetrace.errors import InputError
from sourcetrace.ingest.article import Article, Failure

WARC_SUFFIXES = (".warc", ".warc.gz")
_TEXTUAL = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _record_id(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip("<> ")
    return value.removeprefix("urn:uuid:") or None


def read_warc(path: Path) -> Iterator[Article | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from sourcetrace.ingest.sources import article_from_bytes

    try:
        with path.open("rb") as stream:
            for number, rec in enumerate(ArchiveIterator(stream), start=1):
                if rec.rec_type not in ("response", "resource"):
                    continue
                source = f"{path}#{number}"
                content_type = ""
                if rec.http_headers is not None:
                    status = rec.http_headers.get_statuscode()
                    if status and not status.startswith("2"):
                        continue
                    content_type = rec.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = rec.rec_headers.get_header("Content-Type") or ""
                content_type = content_type.split(";")[0].strip().lower()
                if content_type and content_type not in _TEXTUAL:
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                try:
                    body = rec.content_stream().read()
                    html = None if not content_type else content_type != "text/plain"
                    article = article_from_bytes(body, source, url=url, html=html)
                except InputError as exc:
                    yield Failure(source, exc.reason)
                    continue
                except Exception as exc:  # a broken record must not end the archive
                    yield Failure(source, f"cannot read WARC record ({type(exc).__name__}: {exc})")
                    continue
                article.id = article.id or _record_id(rec.rec_headers.get_header("WARC-Record-ID"))
                yield article
    except (OSError, ArchiveLoadFailed, EOFError) as exc:
        yield Failure(str(path), f"cannot read WARC file ({exc})")
