"""``assistant`` / ``python -m assistant``: the command line of the simulator."""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.cli.command import common_options
from assistant.cli.registry import COMMAND_MODULES, load_command
from assistant.config import load_settings
from assistant.errors import AssistantError
from bridge.errors import BridgeError

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

DESCRIPTION = """\
An offline smart-speaker integration simulator: a Mi-AI-style speaker front end (wake word, microphone,
speech-to-text, text-to-speech) and a Cortana-style skill router (skills, NLU, dialogue) that meet only
through a protocol bridge. Try `assistant chat` first."""


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="assistant",
        description=DESCRIPTION,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        command = load_command(name)
        child = sub.add_parser(
            name,
            help=command.help,
            description=command.description,
            epilog=command.epilog,
            parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_arguments(child)
        _CHILDREN[name] = child
    return parser


_CHILDREN: dict[str, argparse.ArgumentParser] = {}


def _refuse_unknown(parser: argparse.ArgumentParser, command: str | None, extra: list[str]) -> None:
    """Unknown arguments, told by the command they were given to, with its usage and the option meant."""
    child = _CHILDREN.get(command or "", parser)
    known = [o for action in child._actions for o in action.option_strings]
    hints = []
    for word in extra:
        close = difflib.get_close_matches(word.split("=")[0], known, n=1) if word.startswith("-") else []
        if close:
            hints.append(f"{word}: did you mean {close[0]}?")
    child.error(f"unrecognized arguments: {' '.join(extra)}" + (f" ({'; '.join(hints)})" if hints else ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        _refuse_unknown(parser, args.command, extra)
    if not args.command:
        parser.print_help()
        return 2
    level = getattr(args, "log_level", None) or os.environ.get("ASSISTANT_LOG_LEVEL", "warning")
    if level.upper() not in _LEVELS:  # only the variable can hold one: the option's choices are checked
        print(f"assistant: warning: ASSISTANT_LOG_LEVEL={level} is no level ({', '.join(_LEVELS).lower()}); "
              "using warning", file=sys.stderr)  # fmt: skip
    logging.basicConfig(
        level=level.upper() if level.upper() in _LEVELS else "WARNING", format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        config = getattr(args, "config", None)
        if config is None and Path("config.yml").is_file():
            config = Path("config.yml")
        settings = load_settings(config)
        return load_command(args.command).run(args, settings)
    except AssistantError as e:
        print(f"assistant {args.command}: error: {e}", file=sys.stderr)
        return e.exit_code
    except BridgeError as e:
        print(f"assistant {args.command}: bridge error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `assistant ... | head`: the reader left; say nothing, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return 1
    except OSError as e:  # a file or device the commands did not check first: still one line, not a traceback
        logging.getLogger(__name__).debug("%s failed", args.command, exc_info=True)
        where = f"{e.filename}: " if e.filename else ""
        hint = "(--log-level debug shows where)"
        print(f"assistant {args.command}: error: {where}{e.strerror or e} {hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
