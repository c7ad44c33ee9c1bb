"""The bad-input suite: every kind of input sourcetrace must refuse, its exit code and its message.

    python bench/bad_input.py [--report bench/reports/bad_input.md]

Each case runs ``sourcetrace analyze`` in a subprocess; a case passes when the exit code is non-zero, stderr
holds one line naming the input with the expected reason, and no traceback. The batch case checks that the
good items still yield records. ``tests/test_cli.py`` runs the same cases.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Case:
    name: str
    args: list[str]
    expect: str  # a part of the message
    code: int = 1
    lines: int = 1  # stderr lines expected


def make_cases(tmp: Path) -> list[Case]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n \t\n")
    (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp / "latin1.txt").write_bytes("Die Straße ist gesperrt.".encode("latin-1"))
    (tmp / "nav.html").write_text(
        "<html><body><nav><a href='/'>Start</a></nav></body></html>", encoding="utf-8"
    )
    (tmp / "huge.txt").write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    (tmp / "fr.txt").write_text(
        "Le conseil municipal a voté le budget lundi soir après un long débat.", encoding="utf-8"
    )
    batch = tmp / "batch.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": "Der Rat tagte am Montag in Kiel.", "lang": "de"}),
                '{"id": "broken", "text": ',
                json.dumps({"id": "no-text", "title": "nur ein Titel"}),
                json.dumps({"id": "ok-2", "text": "The council met on Monday in Leeds.", "lang": "en"}),
            ]
        ),
        encoding="utf-8",
    )
    return [
        Case("empty file", [str(tmp / "empty.txt")], "empty input"),
        Case("whitespace only", [str(tmp / "blank.txt")], "empty input"),
        Case("binary file", [str(tmp / "image.txt")], "binary data"),
        Case("undecodable bytes (Latin-1)", [str(tmp / "latin1.txt")], "not valid UTF-8"),
        Case("HTML with no article", [str(tmp / "nav.html")], "no article text"),
        Case("file over the size limit", [str(tmp / "huge.txt")], "too large"),
        Case("missing file", [str(tmp / "missing.txt")], "no such file"),
        Case("unsupported language", [str(tmp / "fr.txt")], "language detected as 'fr'"),
        Case("loopback URL", ["http://127.0.0.1:9/article"], "non-public address"),
        Case("cloud metadata URL", ["http://169.254.169.254/latest/meta-data/"], "non-public address"),
        Case("unreachable URL", ["http://no-such-host.invalid/a"], "cannot resolve host"),
        Case("unsupported scheme", ["ftp://example.org/a.txt"], "only http and https"),
        Case(
            "malformed JSONL lines in a batch",
            [str(batch), "-f", "jsonl"],
            f"{batch}:2: malformed JSON",
            1,
            5,
        ),
        Case("bad --published", [str(tmp / "fr.txt"), "--published", "gestern"], "not an ISO-8601 date", 2),
    ]


def run_case(case: Case) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace.cli", "analyze", *case.args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--report", type=Path, default=REPO / "bench" / "reports" / "bad_input.md")
    args = parser.parse_args()
    rows, passed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        cases = make_cases(Path(tmp))
        for case in cases:
            result = run_case(case)
            ok = (
                result.returncode == case.code
                and case.expect in result.stderr
                and "Traceback" not in result.stderr
                and len(result.stderr.strip().splitlines()) == case.lines
            )
            passed += ok
            message = " / ".join(result.stderr.strip().replace(tmp, "$TMP").splitlines())
            records = len(result.stdout.splitlines()) if "jsonl" in case.args else None
            extra = f" ({records} records on stdout)" if records is not None else ""
            rows.append(
                f"| {case.name} | {result.returncode} | `{message}`{extra} | {'yes' if ok else 'NO'} |"
            )
    lines = [
        "# Bad-input suite",
        "",
        "Command: `python bench/bad_input.py` (each case: `sourcetrace analyze INPUT` in a subprocess)",
        "",
        f"{passed} of {len(rows)} cases behave as specified (non-zero exit, one-line message naming the input, no traceback).",
        "",
        "| case | exit | stderr | ok |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
