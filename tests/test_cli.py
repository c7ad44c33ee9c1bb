"""The command line end to end: formats, batches, and bad input (a message and an exit code, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_DE = REPO / "examples" / "dpa-hafen-kiel-2026-03-12.txt"
EXAMPLE_EN = REPO / "examples" / "reuters-style-wind-2026-05-04.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace.cli", *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )


def test_analyze_json_on_bundled_example() -> None:
    result = run("analyze", str(EXAMPLE_DE), "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["schema"] == "sourcetrace/1"
    assert record["id"] == "dpa-hafen-kiel-2026-03-12"
    assert record["lang"] == "de"
    assert record["meta"]["agency"] == ["dpa"]
    assert record["meta"]["published"] == "2026-03-12T14:05+01:00"
    assert record["text"] == EXAMPLE_DE.read_text(encoding="utf-8")


def test_jsonl_keeps_input_order_and_published_override(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run(
        "analyze",
        str(EXAMPLE_EN),
        str(EXAMPLE_DE),
        "-f",
        "jsonl",
        "--published",
        "2026-05-04",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["lang"] for r in records] == ["en", "de"]
    assert all(r["meta"]["published"] == "2026-05-04" for r in records)
    assert records[0]["meta"]["agency"] == ["Reuters"] and records[0]["meta"]["authors"] == ["Clara Ashdown"]


def test_stdin_and_pretty() -> None:
    result = run(
        "analyze", "-", stdin="Von dpa 02.02.2026\n\nDer Fährverkehr nach Föhr ruht wegen Sturms.".encode()
    )
    assert result.returncode == 0, result.stderr
    assert "dpa" in result.stdout and "2026-02-02" in result.stdout


def test_schema_command_prints_the_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "sourcetrace/1"


def _bad_cases(tmp_path: Path) -> dict[str, tuple[str, str]]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n \t\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Die Straße ist gesperrt.".encode("latin-1"))
    (tmp_path / "nav.html").write_text(
        "<html><body><nav><a href='/'>Start</a></nav></body></html>", encoding="utf-8"
    )
    (tmp_path / "huge.txt").write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    return {
        "empty": (str(tmp_path / "empty.txt"), "empty input"),
        "whitespace": (str(tmp_path / "blank.txt"), "empty input"),
        "binary": (str(tmp_path / "image.txt"), "binary data"),
        "undecodable": (str(tmp_path / "latin1.txt"), "not valid UTF-8"),
        "html without article": (str(tmp_path / "nav.html"), "no article text"),
        "over the size limit": (str(tmp_path / "huge.txt"), "too large"),
        "missing file": (str(tmp_path / "missing.txt"), "no such file"),
        "refused URL": ("http://127.0.0.1:9/article", "non-public address"),
        "unsupported scheme": ("ftp://example.org/a.txt", "only http and https"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "whitespace",
        "binary",
        "undecodable",
        "html without article",
        "over the size limit",
        "missing file",
        "refused URL",
        "unsupported scheme",
    ],
)
def test_bad_input_gives_message_and_exit_code(tmp_path: Path, case: str) -> None:
    path, message = _bad_cases(tmp_path)[case]
    result = run("analyze", path, "-f", "json")
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_batch_keeps_good_records_and_lists_failures(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": "Der Rat tagte am Montag in Kiel.", "lang": "de"}),
                '{"id": "broken", "text": ',
                json.dumps({"id": "ok-2", "text": "The council met on Monday in Leeds.", "lang": "en"}),
            ]
        ),
        encoding="utf-8",
    )
    result = run("analyze", str(batch), "-f", "jsonl")
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok-1", "ok-2"]
    assert "2 of 3 inputs analyzed; 1 failed" in result.stderr
    assert f"{batch}:2: malformed JSON" in result.stderr


def test_bad_published_option() -> None:
    result = run("analyze", str(EXAMPLE_DE), "--published", "gestern")
    assert result.returncode == 2
    assert "not an ISO-8601 date" in result.stderr and "Traceback" not in result.stderr


def test_unsupported_language_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("Le conseil municipal a voté le budget lundi soir après un long débat.", encoding="utf-8")
    result = run("analyze", str(path))
    assert result.returncode == 1 and "language detected as 'fr'" in result.stderr
