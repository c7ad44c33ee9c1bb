"""Reading articles: bylines, datelines, captions, HTML, JSONL and the refusals of bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sourcetrace.errors import InputError
from sourcetrace.ingest.article import Failure
from sourcetrace.ingest.decode import decode_text
from sourcetrace.ingest.html import article_from_html
from sourcetrace.ingest.metadata import parse_caption, text_metadata
from sourcetrace.ingest.sources import read_inputs
from sourcetrace.ingest.url import check_target

HERE = Path(__file__).parent


def test_agency_byline_with_time_and_reading_time() -> None:
    meta = text_metadata("Von dpa 12.03.2026 - 14:05 Uhr Lesedauer: 3 Min.\n\nDer Hafen wächst weiter.")
    assert meta.agency == ["dpa"]
    assert meta.published == "2026-03-12T14:05+01:00"  # March: CET
    assert meta.reading_time_min == 3


def test_summer_byline_is_cest() -> None:
    meta = text_metadata("Von AFP 01.07.2026 - 09:00 Uhr\n\nText des Artikels.")
    assert meta.agency == ["afp"]
    assert meta.published == "2026-07-01T09:00+02:00"


def test_author_and_agency_byline() -> None:
    meta = text_metadata("Von Jana Beispiel, dpa\n\nDie Ernte fällt in diesem Jahr gut aus.")
    assert meta.authors == ["Jana Beispiel"]
    assert meta.agency == ["dpa"]


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("Rostock (dpa) - Der Zug fiel aus.", ["dpa"]),
        ("Paris (AFP/dpa) - Die Wahl wurde verschoben.", ["afp", "dpa"]),
        ("WASHINGTON (Reuters) - The vote was delayed.", ["Reuters"]),
        ("Reuters – Die Börse schloss fester.", ["Reuters"]),
        ("Der Bus kam zu spät.\n\nQuelle: dpa", ["dpa"]),
        ("Der Bus kam zu spät.\n\nfho/dpa/AFP", ["dpa", "afp"]),
    ],
)
def test_datelines_and_source_lines(text: str, agencies: list[str]) -> None:
    assert text_metadata(text).agency == agencies


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        (
            "Die Brücke im Nebel. (Quelle: Anna Muster/Bildagentur)",
            "Die Brücke im Nebel.",
            "Anna Muster/Bildagentur",
        ),
        (
            "Der Minister am Rednerpult. Foto: Ben Beispiel/dpa",
            "Der Minister am Rednerpult.",
            "Ben Beispiel/dpa",
        ),
        ("Bild: Stadtarchiv", "", "Stadtarchiv"),
        ("Workers on the site. Photo: Sam Example/AP", "Workers on the site.", "Sam Example/AP"),
    ],
)
def test_captions_and_credits(line: str, text: str, credit: str) -> None:
    caption = parse_caption(line)
    assert caption is not None
    assert (caption.text, caption.credit) == (text, credit)


def test_plain_sentence_is_no_caption() -> None:
    assert parse_caption("Der Rat tagte am Montag (wie üblich) im Rathaus.") is None


def test_reading_time_estimated_when_not_stated() -> None:
    text = "Wort " * 700
    assert text_metadata(text).reading_time_min == 4


def test_title_is_first_heading_line() -> None:
    meta = text_metadata("Neue Fähre für Sylt\n\nDie Reederei stellte am Montag ein neues Schiff vor.")
    assert meta.title == "Neue Fähre für Sylt"


def test_html_article_text_and_metadata() -> None:
    article = article_from_html((HERE / "data" / "article.html").read_bytes(), "article.html")
    assert article.text.startswith("Neue Brücke über die Schlei eröffnet\n\n")
    assert "Bürgermeister Arne Petersen" in article.text
    assert "Impressum" not in article.text and "Startseite" not in article.text
    assert article.meta.published == "2026-04-09T08:30+02:00"
    assert article.meta.outlet == "Beispielbote"
    assert article.meta.authors == ["Petra Nielsen"]
    assert article.meta.agency == ["dpa"]
    assert article.meta.captions[0].credit == "Lars Beispiel/Beispielbote"


def test_html_without_article_is_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        article_from_html("<html><body><nav>Start</nav></body></html>", "empty.html")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"   \n\t ", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("Straße".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_bytes_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_text("x.txt", data)


def test_jsonl_batch_keeps_good_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    lines = [
        json.dumps({"id": "a", "text": "Der Rat tagte am Montag.", "lang": "de"}),
        "{not json",
        json.dumps({"id": "c", "title": "ohne Text"}),
        json.dumps({"id": "d", "text": "The council met on Monday.", "published": "2026-01-05"}),
    ]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert items[1].source.endswith(":2") and "malformed JSON" in items[1].reason
    assert items[3].id == "d" and items[3].meta.published == "2026-01-05"


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Erster Artikel über den Hafen.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Zweiter Artikel über die Bahn.", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.id for i in items] == ["a", "c"]


def test_missing_file_is_a_failure() -> None:
    (item,) = read_inputs(["/no/such/file.txt"])
    assert isinstance(item, Failure) and "no such file" in item.reason


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/a.txt", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://127.0.0.1:8000/", "non-public address"),
        ("http://localhost/", "non-public address"),
        ("http://[::1]/", "non-public address"),
        ("http://10.1.2.3/", "non-public address"),
        ("http://169.254.169.254/latest/meta-data/", "non-public address"),
    ],
)
def test_url_targets_refused(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_target(url)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/2023/11/08/council-vote/", "2023-11-08"),
        ("https://news.example/politik/2021-03-05-haushalt.html", "2021-03-05"),
        ("https://news.example/politik/haushalt-100.html", None),
    ],
)
def test_url_date(url: str, day: str | None) -> None:
    from sourcetrace.ingest.html import url_date

    assert url_date(url) == day
