"""The rich terminal view of a record: article header, statements by speaker, numbers, timeline."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

KIND_STYLE = {"direct": "bold green", "indirect": "cyan", "mixed": "magenta", "according_to": "yellow"}


def _clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(record: dict[str, Any]) -> Panel:
    meta = record["meta"]
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="bold")
    rows.add_column()
    fields = [
        ("title", meta.get("title")),
        ("outlet", meta.get("outlet")),
        ("agency", ", ".join(meta.get("agency") or [])),
        ("authors", ", ".join(meta.get("authors") or [])),
        ("published", meta.get("published")),
        ("reading time", f"{meta['reading_time_min']} min" if meta.get("reading_time_min") else None),
        ("language", record.get("lang")),
        ("url", meta.get("url")),
    ]
    for name, value in fields:
        if value:
            rows.add_row(name, str(value))
    for caption in meta.get("captions") or []:
        credit = f"  [dim](credit: {caption['credit']})[/dim]" if caption.get("credit") else ""
        rows.add_row("caption", Text.from_markup(f"{_clip(caption['text'], 160)}{credit}"))
    return Panel(rows, title=f"[bold]{record['id']}[/bold]", title_align="left")


def statements_by_speaker(record: dict[str, Any]) -> list[Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for statement in record["statements"]:
        groups[statement["speaker"]["name"]].append(statement)
    parts: list[Any] = []
    if not groups:
        return [Text("No attributed statements found.", style="dim")]
    for speaker, statements in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        name = f"[bold]{escape(speaker)}[/bold]" if speaker else "[italic]unnamed source[/italic]"
        table = Table(title=f"{name} ({len(statements)})", title_justify="left", expand=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("cue", no_wrap=True)
        table.add_column("statement", ratio=1)
        table.add_column("via", no_wrap=True)
        for s in statements:
            low = " [dim](low confidence)[/dim]" if s["confidence"] < 0.5 else ""
            table.add_row(
                Text(s["kind"], style=KIND_STYLE.get(s["kind"], "")),
                s["cue"]["text"] if s["cue"] else "—",
                Text.from_markup(Text(_clip(s["content"]["text"])).markup + low),
                " → ".join(v["name"] for v in s["via"]) or "—",
            )
        parts.append(table)
    return parts


def numbers(record: dict[str, Any]) -> Table | Text:
    if not record["quantities"]:
        return Text("No numeric claims found.", style="dim")
    table = Table(title="[bold]Numbers[/bold]", title_justify="left", expand=True)
    for column in ("text", "value", "hedge", "unit", "what", "source"):
        table.add_column(column)
    for q in record["quantities"]:
        table.add_row(
            q["text"],
            f"{q['value']:,}",
            q["hedge"],
            q["unit"] or "",
            q["what"] or "",
            (q["source"] or {}).get("name") or "",
        )
    return table


def timeline(record: dict[str, Any]) -> Table | Text:
    if not record["times"]:
        return Text("No time expressions found.", style="dim")
    table = Table(title="[bold]Timeline[/bold]", title_justify="left", expand=True)
    for column in ("value", "type", "text"):
        table.add_column(column)
    for t in sorted(record["times"], key=lambda t: (t["value"][:1].isdigit() is False, t["value"])):
        table.add_row(t["value"], t["type"], t["text"])
    return table


def render(record: dict[str, Any], console: Console) -> None:
    console.print(Group(header(record), *statements_by_speaker(record), numbers(record), timeline(record)))
