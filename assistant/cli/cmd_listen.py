"""`assistant listen`: the speaker with real audio, from the microphone or a WAV file, through bridge and router."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from assistant.cli.command import Command, UsageError
from assistant.cli.outputs import check_output_folder, writing
from assistant.config import Settings
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.speaker.listen_turn import ListenTurn
    from assistant.speaker.loop_parts import State
    from assistant.speaker.sources import AudioSource
    from assistant.speaker.stt import SttEngine
    from assistant.spoken_conversation import SpokenConversation


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    from assistant.config.speaker import SttSettings

    engine, mode = SttSettings.model_fields["engine"].default, SttSettings.model_fields["mode"].default
    parser.add_argument("--input", type=Path, metavar="FILE.wav", help="read this WAV file instead of the microphone")
    parser.add_argument(
        "--once", action="store_true", help="stop after the first turn (and --wake none unless --wake is given)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print each turn as one line of JSON (JSON Lines: one object per turn with query, speech, intent, "
        'slots, start_s/end_s in the input, ms...; and one {"announcement": ..., "at_s": ...} object when a '
        "timer or an alarm goes off)",
    )
    parser.add_argument(
        "--wake",
        choices=["phrase", "ptt", "none"],
        help="phrase: say a wake phrase before each command; ptt: press Enter, then speak; none: no wake needed, "
        "the speaker stays awake and every utterance in the input is a command (with --once: the first one, and "
        "silence is the no-speech turn) (default: phrase, or none with --once)",
    )
    parser.add_argument(
        "--engine",
        choices=["auto", "vosk", "pocketsphinx"],
        help=f"speech-to-text engine; auto: Vosk when its model is installed, else PocketSphinx "
        f"(default: speaker.stt.engine in config, {engine} unless set)",
    )
    parser.add_argument(
        "--mode",
        choices=["grammar", "dictation"],
        help=f"grammar: recognise the assistant's own sentences (fast, accurate; dictation when none fits); "
        f"dictation: free speech (default: speaker.stt.mode in config, {mode} unless set)",
    )
    parser.add_argument("--realtime", action="store_true", help="pace --input in real time, as a microphone would")
    parser.add_argument("--no-tts", action="store_true", help="do not render or play spoken replies (no --out then)")
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="keep the rendered reply WAVs here (made if missing; not with --no-tts)"
    )
    parser.add_argument("--nlu", choices=["embedded", "rasa"], help="NLU engine (default: router.nlu.engine)")
    parser.add_argument("--speak", nargs=0, action=_NotAnOption, help=argparse.SUPPRESS)


class _NotAnOption(argparse.Action):
    """``--speak`` is `chat`'s: said to listen, it gets what listen does instead of a near-miss suggestion."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        parser.error("--speak: listen always speaks its replies (--no-tts turns that off)")


class ConsoleView:
    """A live status line (state, partial transcript) and a summary per turn."""

    def __init__(self, console: Console, conversation: SpokenConversation, as_json: bool, keep_audio: bool) -> None:
        self.console = console
        self.conversation = conversation
        self.as_json = as_json
        self.keep_audio = keep_audio
        """Without --out the reply WAVs live in a temporary folder removed at exit: report no path then."""
        self.results: list[dict[str, Any]] = []

    def state(self, state: State, detail: str) -> None:
        if not self.as_json:
            self.console.print(f"[dim]● {state.value}[/] {detail}".rstrip())

    def partial(self, text: str) -> None:
        if not self.as_json:
            self.console.print(f"[dim]  … {text}[/]")

    def turn(self, turn: ListenTurn) -> None:
        result = self.conversation.last
        if result is not None:
            fields = {k: v for k, v in result.to_json().items() if k not in ("query", "ms", "speech")}
            turn = turn.merged(ms=result.ms, fields=fields)
        data = turn.to_json()
        if not self.keep_audio:
            data["reply_wav"] = None
        self.results.append(data)
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False), flush=True)
            return
        heard = escape(data["transcript"]) or "(nothing heard)"
        notes = [data.get("intent") or ""]
        if data["stt"] is not None and not data["stt"]["clear"]:
            notes.append("(not clear enough to act on)")
        note = " ".join(n for n in notes if n)
        self.console.print(f"[bold]you[/]  {heard}" + (f"   [dim]{escape(note)}[/]" if note else ""))
        if data["speech"]:
            self.console.print(f"[bold]bot[/]  {escape(data['speech'])}")

    def announcement(self, text: str, at_s: float) -> None:
        """Said unasked (a timer going off): shown when it happens, not with the next turn."""
        if self.as_json:
            print(json.dumps({"announcement": text, "at_s": round(at_s, 3)}, ensure_ascii=False), flush=True)
            return
        self.console.print(f"[bold]bot[/]  {escape(text)}   [dim](announcement)[/]")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.app import make_recognizer
    from assistant.speaker.sources import MicrophoneSource, WavFileSource

    if args.no_tts and args.out is not None:
        raise UsageError(f"--out {args.out} keeps the rendered replies, but --no-tts renders none; drop one of them")
    check_output_folder("--out", args.out)
    wake_mode = args.wake or ("none" if args.once else "phrase")
    source: AudioSource = (
        WavFileSource(args.input, realtime=args.realtime)
        if args.input
        else MicrophoneSource(settings.speaker.input_device)
    )
    chosen = {key: value for key, value in (("engine", args.engine), ("mode", args.mode)) if value}
    stt = settings.speaker.stt.model_copy(update=chosen)
    settings = settings.model_copy(update={"speaker": settings.speaker.model_copy(update={"stt": stt})})
    engine = make_recognizer(settings)
    engine.set_wake_phrases(settings.speaker.wake.phrases, settings.speaker.wake.sensitivity)
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="assistant-listen-"))
    with writing("--out", out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
    try:
        turns = _listen(args, settings, source, engine, wake_mode, out_dir)
    finally:
        if args.out is None:
            shutil.rmtree(out_dir, ignore_errors=True)
    if not turns:  # the work asked for did not happen: one line saying why, nothing on stdout
        raise AssistantError(_nothing_heard(wake_mode, settings.speaker.wake.phrases))
    return 0


def _nothing_heard(wake_mode: str, phrases: Sequence[str]) -> str:
    """Why the input ended without a turn, in the words of the wake mode in use."""
    if wake_mode == "ptt":
        return "Enter was never pressed before the input ended (--wake ptt: press Enter, then speak)"
    if wake_mode == "phrase":
        said = " or ".join(repr(p) for p in phrases)
        return f"no wake phrase was heard (say {said} first, or use --wake none to take every utterance as a command)"
    return "no speech was heard"


def _listen(
    args: argparse.Namespace,
    settings: Settings,
    source: AudioSource,
    engine: SttEngine,
    wake_mode: str,
    out_dir: Path,
) -> list[ListenTurn]:
    from assistant.app import Assistant
    from assistant.speaker.loop import ListenLoop
    from assistant.speaker.loop_parts import LoopOptions
    from assistant.speaker.tts import Player, Pyttsx3Voice, earcon_wav
    from assistant.speaker.wake import PushToTalk
    from assistant.spoken_conversation import SpokenConversation

    mode = settings.speaker.stt.mode
    voice = None if args.no_tts else Pyttsx3Voice(settings.speaker.tts)
    player = Player(enabled=args.input is None or args.realtime, notice=_no_output_notice(args))
    console = Console(stderr=args.json, highlight=False, soft_wrap=True)
    with Assistant.build(settings, nlu=args.nlu, progress=not args.json) as assistant:
        conversation = SpokenConversation(assistant)
        view = ConsoleView(console, conversation, args.json, keep_audio=args.out is not None)
        if not args.json:
            console.print(f"listening on {source.name} with {engine.name} ({mode}); wake: {wake_mode}; Ctrl-C stops")
            if player.enabled:
                player.play(earcon_wav(out_dir))
        loop = ListenLoop(
            settings.speaker,
            engine,
            conversation,
            view,
            options=LoopOptions(wake_mode=wake_mode, once=args.once, out_dir=None if args.no_tts else out_dir),
            voice=voice,
            player=player,
            push_to_talk=PushToTalk() if wake_mode == "ptt" else None,
        )
        assistant.on_announcement(loop.announce)  # a timer going off is spoken and shown as it happens
        try:
            return loop.run(source)
        finally:
            source.close()


def _no_output_notice(args: argparse.Namespace) -> str | None:
    """What the warning given without an audio output says happens to the replies (None with --no-tts: nothing
    spoken was asked for, so no warning)."""
    if args.no_tts:
        return None
    if args.out is not None:
        return f"replies are shown as text and kept as WAVs in {args.out}"
    return "replies are shown as text (add --out DIR to keep them as WAVs)"


COMMAND = Command(
    name="listen",
    help="talk to the speaker: microphone or WAV file -> wake word -> speech-to-text -> bridge -> reply",
    description="Run the Mi-AI-style speaker with real audio: idle -> wake (a wake phrase or Enter) -> listening\n"
    "(partial transcript shown live) -> thinking -> speaking. Each transcript goes through the bridge to the\n"
    "router exactly like a typed `assistant chat` turn. Without a microphone, give a WAV file with --input\n"
    "(any PCM WAV; converted to 16 kHz mono). Replies are rendered with pyttsx3/espeak-ng and played when a\n"
    "sound device exists.",
    add_arguments=_add_arguments,
    run=_run,
    epilog="examples:\n"
    "  assistant listen                                    # microphone, say 'hey cortana' then a command\n"
    "  assistant listen --wake ptt                         # press Enter, then speak\n"
    "  assistant listen --input command.wav --once --json  # one command from a file, timings as JSON\n"
    "  assistant listen --input session.wav --realtime     # a recorded session with wake phrases, paced\n"
    "  assistant listen --engine pocketsphinx --mode dictation",
)
