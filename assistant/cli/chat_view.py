"""How the text chat shows a turn: the reply, what the speaker does, what the NLU understood, and the trace."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape

from assistant.speaker.media_state import instruction, is_player_action
from assistant.turn import TurnResult


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
            console.print(f"[magenta]  playing[/] {escape(str(title))} [dim]({escape(item['stream']['url'])})[/]")
    name = result.action.get("name") if result.action else None
    if result.action and isinstance(name, str) and is_player_action(name):
        console.print(f"[magenta]  player[/] {escape(instruction(name, result.action.get('properties') or {}))}")
    elif result.action and name != "mihome.control":
        console.print(
            f"[magenta]  action[/] {escape(result.action['name'])} {escape(_compact(result.action['properties']))}"
        )
    for spoken in result.announcements:
        console.print(f"[bold yellow]announce[/] {escape(spoken)}")
    console.print(f"[dim]{escape(_nlu_line(result))}[/]")
    if result.skill_error:  # for whoever writes the skill: what went wrong, in one line (the log has the rest)
        console.print(f"[bold red]  skill error[/] [red]{escape(result.skill_error)}[/]")
    if result.open_mic:
        console.print("[green]  (microphone open: the assistant is waiting for your answer)[/]")
    if trace:
        show_trace(console, result)


def show_announcement(console: Console, text: str) -> None:
    console.print(f"\n[bold yellow]announce[/] {escape(text)}")


def show_trace(console: Console, result: TurnResult) -> None:
    """One line per hop (who, milliseconds), then its message in and out: cut to a terminal's width, whole when the
    output goes to a file or a pipe (``assistant chat --trace > trace.txt``)."""
    width = max(40, console.width - 10) if console.is_terminal else 1_000_000
    for record in result.trace:
        console.print(f"[bold blue]  {record.hop:22}[/] [blue]{record.side:7} {record.ms:7.2f} ms[/]")
        for label, message in (("in ", record.message_in), ("out", record.message_out)):
            if message is not None:
                console.print(f"[dim]    {label} {escape(_cut(_compact(message), width))}[/]")


def trace_json(result: TurnResult) -> list[dict[str, Any]]:
    """The full trace for ``--json --trace``."""
    return [
        {"hop": r.hop, "side": r.side, "ms": round(r.ms, 3), "in": r.message_in, "out": r.message_out}
        for r in result.trace
    ]


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
    """One hub change (``assistant.speaker.mihome.hub.Change``): ``kitchen lamp: power off -> on``."""
    name = change.get("name") or change.get("device") or "device"
    old, new = (_plain(change.get(k)) for k in ("old", "new"))
    return f"{name}: {change.get('property', '?')} {old} -> {new}"


def _plain(value: object) -> str:
    return value if isinstance(value, str) else _compact(value)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
