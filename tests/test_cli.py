"""The command line end to end: formats, batches, and bad input (a message and an exit code, no traceback)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
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


def test_pretty_groups_statements_by_speaker_and_names_unnamed_sources() -> None:
    text = (
        "Von dpa 02.02.2026\n\nVerbandssprecherin Jana Holm warnte, das Wasser steige weiter. "
        "Die Fähren sollten am Abend wieder fahren, hieß es."
    )
    result = run("analyze", "-", "--lang", "de", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    assert "Jana Holm (1)" in result.stdout
    assert "unnamed source (1)" in result.stdout


def test_pretty_prints_speaker_names_as_text_not_markup() -> None:
    from rich.console import Console

    from sourcetrace.out.pretty import statements_by_speaker

    statement = {
        "kind": "indirect",
        "cue": {"text": "sagte"},
        "content": {"text": "es werde [bold]teurer[/bold]"},
        "speaker": {"name": "Verband [Nord]"},
        "via": [],
        "confidence": 0.9,
    }
    console = Console(width=100, record=True)
    for part in statements_by_speaker({"statements": [statement]}):
        console.print(part)
    shown = console.export_text()
    assert "Verband [Nord] (1)" in shown and "es werde [bold]teurer[/bold]" in shown


def test_schema_command_prints_the_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "sourcetrace/1"


def _load_bad_input_suite():
    spec = importlib.util.spec_from_file_location("bad_input", REPO / "bench" / "bad_input.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bad_input"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


BAD_INPUT = _load_bad_input_suite()
CASE_NAMES = [case.name for case in BAD_INPUT.make_cases(Path(tempfile.mkdtemp()))]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_bad_input_gives_message_and_exit_code(tmp_path: Path, name: str) -> None:
    (case,) = [c for c in BAD_INPUT.make_cases(tmp_path) if c.name == name]
    result = BAD_INPUT.run_case(case)
    assert result.returncode == case.code
    assert case.expect in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == case.lines


def test_batch_keeps_good_records_in_order(tmp_path: Path) -> None:
    (case,) = [c for c in BAD_INPUT.make_cases(tmp_path) if c.name.startswith("malformed JSONL")]
    result = BAD_INPUT.run_case(case)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok-1", "ok-2"]
    assert "2 of 4 inputs analyzed; 2 failed" in result.stderr


def test_records_do_not_depend_on_the_process() -> None:
    """Two processes with different string-hash seeds (as ingest workers are) give the same records."""
    import os

    outputs = []
    for seed in ("1", "4"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sourcetrace.cli",
                "analyze",
                str(EXAMPLE_DE),
                str(EXAMPLE_EN),
                "-f",
                "jsonl",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        outputs.append([json.loads(line) for line in result.stdout.splitlines()])
    assert len(outputs[0]) == 2 and outputs[0] == outputs[1]
