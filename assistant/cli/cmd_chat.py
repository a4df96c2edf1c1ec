"""`assistant chat`: the text chat. Each line travels speaker -> bridge -> router -> bridge -> speaker."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from assistant.cli.chat_view import show_announcement, show_turn, trace_json
from assistant.cli.command import Command, UsageError
from assistant.config import Settings
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.app import Assistant

SLASH_COMMANDS = {
    "/trace": "show or hide every hop's message and milliseconds",
    "/devices": "the Mi-Home devices and their state",
    "/new": "start a new conversation (forget the context)",
    "/quit": "leave (or Ctrl-D)",
}
ONCE_SLASH = ("/devices", "/help")
"""What ``--once`` runs of them; the others change the interactive chat, and no text with a slash reaches the NLU."""
HELP_LINES = (
    'Type what you would say to the speaker, e.g. "what\'s the weather in Paris tomorrow" or "turn on the kitchen '
    'lamp".\n' + "\n".join(f"  {name:10} {about}" for name, about in SLASH_COMMANDS.items())
)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--once",
        metavar="TEXT",
        help=f"answer one utterance and exit; {' and '.join(ONCE_SLASH)} work here too (--json: as JSON)",
    )
    parser.add_argument(
        "--json", action="store_true", help="with --once: print one JSON result (reply, intent, slots, ms...)"
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="show every hop's message and milliseconds (with --json: the full messages)",
    )
    parser.add_argument("--speak", action="store_true", help="also speak the answers with text-to-speech")
    parser.add_argument("--nlu", choices=["embedded", "rasa"], help="NLU engine (default: router.nlu.engine in config)")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.app import Assistant  # imported here so `assistant --help` stays fast

    if args.json and args.once is None:
        raise UsageError("--json needs --once TEXT")
    slash = args.once.strip() if args.once is not None and args.once.strip().startswith("/") else None
    if slash is not None and slash not in ONCE_SLASH:
        what = "works only in the interactive chat" if slash in SLASH_COMMANDS else "is not a chat command"
        raise UsageError(f"--once {slash}: {what}; --once runs {' and '.join(ONCE_SLASH)}, or text to say")
    console = Console(stderr=False, highlight=False, soft_wrap=True)
    if slash == "/help":
        print(json.dumps({"commands": SLASH_COMMANDS}, indent=2) if args.json else HELP_LINES)
        return 0
    speak = _voice(settings) if args.speak else None
    with Assistant.build(settings, nlu=args.nlu, progress=not args.json) as assistant:
        if slash == "/devices":
            if args.json:
                print(json.dumps(assistant.devices(), ensure_ascii=False, indent=2))
            else:
                _show_devices(console, assistant)
            return 0
        if args.once is not None:
            result = assistant.text_turn(args.once)
            if speak is not None:
                speak(result.speech)
            if args.json:
                document = result.to_json()
                if args.trace:
                    document["trace"] = trace_json(result)
                print(json.dumps(document, ensure_ascii=False, indent=2))
            else:
                show_turn(console, result, trace=args.trace)
            return 0

        def announce(text: str) -> None:
            show_announcement(console, text)
            if speak is not None:
                speak(text)

        assistant.on_announcement(announce)
        return _repl(console, assistant, trace=args.trace, history=settings.data_dir / "chat_history", speak=speak)


def _show_devices(console: Console, assistant: Assistant) -> None:
    for device in assistant.devices():
        console.print(f"  {device['id']:24} {json.dumps(device['state'], ensure_ascii=False)}")


def _voice(settings: Settings) -> Callable[[str | None], None]:
    """The speaker's own text-to-speech: pyttsx3 (espeak-ng) renders a WAV, which plays on the default output and
    is then deleted. Without a sound device the first reply logs one warning and the chat goes on in text."""
    import tempfile

    from assistant.speaker.tts import Player, Pyttsx3Voice

    voice = Pyttsx3Voice(settings.speaker.tts)
    player = Player()

    def speak(text: str | None) -> None:
        if not text:
            return
        with tempfile.TemporaryDirectory(prefix="assistant-chat-") as folder:
            player.play(voice.render(text, Path(folder) / "reply.wav"))

    return speak


def _repl(
    console: Console,
    assistant: Assistant,
    *,
    trace: bool,
    history: Path,
    speak: Callable[[str | None], None] | None,
) -> int:
    console.print("[bold]Mi-AI × Cortana text chat[/] — type [bold]/help[/] for commands, Ctrl-D to leave.")
    read = _line_reader(history)
    while True:
        try:
            line = read()
        except EOFError:
            return 0
        text = line.strip()
        if not text:
            continue
        if text in ("/quit", "/exit"):
            return 0
        if text == "/help":
            console.print(HELP_LINES)
        elif text == "/trace":
            trace = not trace
            console.print(f"trace {'on' if trace else 'off'}")
        elif text == "/devices":
            _show_devices(console, assistant)
        elif text == "/new":
            assistant.new_session()
            console.print("new conversation")
        elif text.startswith("/"):
            console.print(f"unknown command {text}; /help lists them")
        else:
            try:
                result = assistant.text_turn(text)
            except AssistantError as e:  # one line, and the prompt back: the conversation is as it was
                console.print(f"[bold red]error[/] {escape(str(e))}")
                continue
            show_turn(console, result, trace=trace)
            if speak is not None:
                speak(result.speech)


def _line_reader(history: Path) -> Callable[[], str]:
    """prompt_toolkit with history and background-safe printing on a terminal; plain lines from a pipe."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):

        def read_plain() -> str:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line

        return read_plain
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory
    from prompt_toolkit.patch_stdout import patch_stdout

    history.parent.mkdir(parents=True, exist_ok=True)
    session: PromptSession[str] = PromptSession(history=FileHistory(str(history)))

    def read_prompt() -> str:
        with patch_stdout(raw=True):
            return session.prompt("you> ")

    return read_prompt


COMMAND = Command(
    name="chat",
    help="text chat with the assistant (the whole speaker -> bridge -> router pipeline, without audio)",
    description="Chat with the assistant in text. Each line travels exactly as a spoken command does after\n"
    "speech-to-text: speaker front end -> bridge -> skill router -> bridge -> speaker. The chat shows the reply,\n"
    "what the speaker does (Mi-Home device changes, timers, audio) and what the NLU understood.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant chat\n"
    "  assistant chat --trace\n"
    '  assistant chat --once "turn on the kitchen lamp" --json\n'
    "  assistant chat --nlu rasa",
)
