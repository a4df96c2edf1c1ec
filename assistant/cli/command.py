"""What a subcommand is: a name, its help, how it adds its flags, and what it runs with the parsed settings."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from assistant.config import Settings


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
