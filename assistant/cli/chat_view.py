"""How the text chat shows a turn: the reply, what the speaker does, what the NLU understood, and the trace."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assistant.turn import TurnResult

MAX_TRACE_JSON = 600


def show_turn(console: Console, result: TurnResult, *, trace: bool) -> None:
    if result.speech:
        console.print(f"[bold cyan]speaker[/] {escape(result.speech)}")
    if result.reply_text and result.reply_text != result.speech:
        console.print(f"[cyan]  shows[/] {escape(result.reply_text)}")
    for change in result.device_changes:
        console.print(f"[yellow]  mi-home[/] {escape(_change_line(change))}")
    for directive in result.directives:
        item = directive.get("audio_item")
        if item:
            title = item.get("title") or item["stream"]["url"]
            console.print(f"[magenta]  playing[/] {escape(str(title))}")
    if result.action and result.action.get("name") != "mihome.control":
        console.print(
            f"[magenta]  action[/] {escape(result.action['name'])} {escape(_compact(result.action['properties']))}"
        )
    for spoken in result.announcements:
        console.print(f"[bold yellow]announce[/] {escape(spoken)}")
    console.print(f"[dim]{escape(_nlu_line(result))}[/]")
    if result.open_mic:
        console.print("[green]  (microphone open: the assistant is waiting for your answer)[/]")
    if trace:
        console.print(trace_table(result))


def show_announcement(console: Console, text: str) -> None:
    console.print(f"\n[bold yellow]announce[/] {escape(text)}")


def trace_table(result: TurnResult) -> Table:
    table = Table(title="trace", show_lines=True, expand=True)
    table.add_column("hop", no_wrap=True)
    table.add_column("side", no_wrap=True)
    table.add_column("ms", justify="right", no_wrap=True)
    table.add_column("message in")
    table.add_column("message out")
    for record in result.trace:
        table.add_row(
            record.hop,
            record.side,
            f"{record.ms:.2f}",
            escape(_compact(record.message_in)),
            escape(_compact(record.message_out)),
        )
    return table


def _nlu_line(result: TurnResult) -> str:
    parts = []
    if result.intent:
        confidence = f" {result.confidence:.2f}" if result.confidence is not None else ""
        parts.append(f"intent {result.intent}{confidence}")
    if result.skill:
        parts.append(f"skill {result.skill}")
    if result.slots:
        parts.append("slots " + ", ".join(f"{k}={_compact(v)}" for k, v in result.slots.items()))
    parts.append(f"{result.ms.get('total', 0.0):.1f} ms")
    return "  " + " · ".join(parts)


def _change_line(change: dict[str, Any]) -> str:
    name = change.get("name") or change.get("device") or change.get("id") or "device"
    before, after = change.get("before") or {}, change.get("after") or change.get("set") or {}
    moved = [f"{k} {before.get(k, '?')} -> {v}" for k, v in after.items() if before.get(k) != v]
    return f"{name}: " + (", ".join(moved) if moved else _compact(after))


def _compact(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text if len(text) <= MAX_TRACE_JSON else text[: MAX_TRACE_JSON - 3] + "..."
