"""Plain text → Article: the text stays exactly as given (offsets index the user's string)."""

from __future__ import annotations

from sourcetrace.errors import InputError
from sourcetrace.ingest.article import Article
from sourcetrace.ingest.decode import check_size, require_text
from sourcetrace.ingest.metadata import text_metadata


def article_from_text(text: str, source: str = "<string>") -> Article:
    check_size(source, len(text.encode("utf-8", "surrogatepass")))
    require_text(source, text)
    if "\x00" in text:
        raise InputError(source, "binary data, not text (NUL characters)")
    return Article(text=text, meta=text_metadata(text), source=source)
