"""Load test of the web service on loopback, and what its guards answer to hostile input.

Starts ``sourcetrace serve`` in a subprocess on 127.0.0.1, sends one warm-up request, then N requests of
``POST /api/analyze`` with the seed article (C at a time) and reports throughput and latency. Then sends the
SSRF and XSS payloads of tests/test_web.py to the same server and records what each returned.

    python bench/web_load.py [--requests 200] [--concurrency 20] [--seed PATH]

Writes bench/reports/web_load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import markupsafe

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "examples" / "afp-putin-kim-2025-08-15.txt"
REPORT = REPO / "bench" / "reports" / "web_load.md"
sys.path.insert(0, str(REPO / "tests"))
JS_LINK = 'href="javascript:'


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "sourcetrace.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"server did not start: {server.stderr.read().decode() if server.stderr else ''}")


async def load(base: str, body: dict[str, str], requests: int, concurrency: int) -> dict[str, object]:
    latencies: list[float] = []
    statuses: dict[int | str, int] = {}
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:

        async def one() -> None:
            async with gate:
                started = time.perf_counter()
                try:
                    response = await client.post("/api/analyze", json=body)
                    key: int | str = response.status_code
                    if response.status_code == 200 and response.json().get("schema") != "sourcetrace/1":
                        key = "bad body"
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append(time.perf_counter() - started)
                statuses[key] = statuses.get(key, 0) + 1

        wall = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(requests)))
        wall = time.perf_counter() - wall
    latencies.sort()
    return {
        "wall_s": wall,
        "throughput": requests / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, int(round(0.95 * len(latencies))) - 1)] * 1000,
        "max_ms": latencies[-1] * 1000,
        "statuses": statuses,
        "errors": sum(n for k, n in statuses.items() if k != 200),
    }


def reader_pages(base: str, text: str, n: int = 20) -> dict[str, float]:
    """Median time of the reader page (analysis + rendering) against the bare API, one request at a time."""
    times: dict[str, list[float]] = {"api": [], "page": []}
    with httpx.Client(base_url=base, timeout=120) as client:
        for _ in range(n):
            for kind in ("api", "page"):
                started = time.perf_counter()
                if kind == "api":
                    response = client.post("/api/analyze", json={"text": text})
                else:
                    response = client.post("/read", data={"text": text})
                response.raise_for_status()
                times[kind].append(time.perf_counter() - started)
        size = len(client.post("/read", data={"text": text}).content)
    return {
        "api_ms": statistics.median(times["api"]) * 1000,
        "page_ms": statistics.median(times["page"]) * 1000,
        "page_kb": size / 1024,
        "n": n,
    }


class Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.scripts: list[str | None] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"{tag}[{k}]" for k, _ in attrs if k.lower().startswith("on")]
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))


def probe(base: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from test_web import SSRF, XSS, xss_record

    ssrf = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for url, _ in SSRF:
            r = client.post("/api/analyze", json={"url": url})
            detail = r.json().get("detail")
            reason = detail.get("reason") if isinstance(detail, dict) else str(detail)
            ssrf.append((url, f"{r.status_code}: {reason}"))
        path = client.post("/api/analyze", json={"path": "/etc/passwd"})
        ssrf.append(('{"path": "/etc/passwd"}', f"{path.status_code}: {path.json()['detail'][0]['msg']}"))
        xss = []
        for payload in XSS:
            text = f"Der Sprecher sagte am Montag: „{payload}“ Das sei alles, erklärte er."
            r = client.post("/read", data={"text": text, "lang": "de"})
            tags = Tags(r.text)
            escaped = str(markupsafe.escape(payload))
            xss.append(
                (
                    f"pasted `{payload}`",
                    f"{r.status_code}; raw in page: {payload in r.text}; on* attributes: {tags.handlers or 'none'}; "
                    f"scripts: {tags.scripts}; escaped form `{escaped}` in page: {escaped in r.text}",
                )
            )
        files = {"file": ("payloads.json", json.dumps(xss_record()).encode(), "application/json")}
        r = client.post("/read", files=files)
        tags = Tags(r.text)
        xss.append(
            (
                "record with payloads in text, title, url, ids, speaker names, relays, unit",
                f"{r.status_code}; on* attributes: {tags.handlers or 'none'}; scripts: {tags.scripts}; "
                f"javascript: link: {JS_LINK in r.text}",
            )
        )
        big = client.post(
            "/api/analyze", content=b"x" * (12 * 1024 * 1024), headers={"Content-Type": "application/json"}
        )
        ssrf.append(("12 MB request body", f"{big.status_code}: {big.json()['detail']}"))
    return ssrf, xss


def main() -> None:
    parser = argparse.ArgumentParser(description="Load test of POST /api/analyze on loopback.")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seed", type=Path, default=SEED, help="the article to send (read, never copied)")
    args = parser.parse_args()
    text = args.seed.read_text(encoding="utf-8")
    load_before = os.getloadavg()[0]
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        warm = time.perf_counter()
        first = httpx.post(f"{base}/api/analyze", json={"text": text}, timeout=300)
        warm = time.perf_counter() - warm
        record = first.json()
        result = asyncio.run(load(base, {"text": text}, args.requests, args.concurrency))
        pages = reader_pages(base, text)
        ssrf, xss = probe(base)
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_after = os.getloadavg()[0]
    lines = [
        "# Web service load test and security probes",
        "",
        f"Command: `python bench/web_load.py --requests {args.requests} --concurrency {args.concurrency}`  ",
        f"Data: the seed article `{args.seed.name}` ({len(text)} characters; read at run time, not kept), "
        f'sent as `POST /api/analyze` with JSON `{{"text": …}}`. The analysis finds '
        f"{len(record['statements'])} statements, {len(record['quantities'])} quantities, "
        f"{len(record['times'])} times in it.  ",
        f"Server: `sourcetrace serve` (uvicorn, one process) on 127.0.0.1; client: httpx, {args.concurrency} "
        f"concurrent connections, on the same machine ({os.cpu_count()} cores, Python "
        f"{platform.python_version()}). Analyses run one at a time (the pipeline is shared). The machine is shared: "
        f"1-minute load average {load_before:.1f} before and {load_after:.1f} after the run, so the figures are "
        "a floor for an idle machine.",
        "",
        "## Load",
        "",
        "| measure | value |",
        "|---|---|",
        f"| first request (pipelines load in the background at start-up) | {warm * 1000:.0f} ms |",
        f"| requests | {args.requests} |",
        f"| concurrency | {args.concurrency} |",
        f"| wall time | {result['wall_s']:.1f} s |",
        f"| throughput | {result['throughput']:.1f} requests/s |",
        f"| latency p50 | {result['p50_ms']:.0f} ms |",
        f"| latency p95 | {result['p95_ms']:.0f} ms |",
        f"| latency max | {result['max_ms']:.0f} ms |",
        f"| responses | {', '.join(f'{k}: {v}' for k, v in result['statuses'].items())} |",
        f"| errors | {result['errors']} |",
        "",
        "Latency includes queueing: with 20 requests in flight and one analysis at a time, p50 is about "
        "20 × the single-analysis time.",
        "",
        f"Reader page, one request at a time ({pages['n']} each, median): `POST /api/analyze` "
        f"{pages['api_ms']:.0f} ms, `POST /read` (same analysis, rendered page of {pages['page_kb']:.0f} KB) "
        f"{pages['page_ms']:.0f} ms.",
        "",
        "## SSRF, file paths and body size: what each request returned",
        "",
        "| request | response |",
        "|---|---|",
        *(f"| `{u}` | {cell(r)} |" for u, r in ssrf),
        "",
        "## XSS: what each payload returned (`POST /read`, real pipeline)",
        "",
        "| payload | response |",
        "|---|---|",
        *(f"| {cell(p)} | {cell(r)} |" for p, r in xss),
        "",
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    if result["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
