"""What a subcommand is (name, help, flags, what it runs), the options every command shares, and UsageError."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.errors import AssistantError


class UsageError(AssistantError):
    """The command line asks for something that cannot work: one line naming the option, exit 2 like config errors."""

    exit_code = 2


def common_options() -> argparse.ArgumentParser:
    """``--config`` and ``--log-level``: a parent parser for ``assistant``, every command and every sub-action (such
    as ``models list``), so they work wherever they are given. SUPPRESS: a flag given earlier on the line is not
    reset by a later parser's default."""
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="config file to use (default: ./config.yml when it exists, else built-in defaults)",
    )
    common.add_argument(
        "--log-level",
        choices=["debug", "info", "warning", "error"],
        help="show log messages of this level and above on stderr (default: warning, or $ASSISTANT_LOG_LEVEL)",
    )
    return common


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    """One line for ``assistant --help``."""
    description: str
    """The paragraph ``assistant NAME --help`` opens with."""
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Settings], int]
    """Runs the command; returns the exit code. Raise AssistantError subclasses for user mistakes."""
    epilog: str = ""
    """Examples shown at the end of ``--help``."""
