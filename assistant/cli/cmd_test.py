"""`assistant test`: placeholder until issue 6, scripted intent tests lands."""

from __future__ import annotations

from assistant.cli.command import Command, no_arguments, not_landed

COMMAND = Command(
    name="test",
    help="(not yet available: issue 6, scripted intent tests)",
    description="Not yet available: issue 6, scripted intent tests.",
    add_arguments=no_arguments,
    run=not_landed("issue 6, scripted intent tests"),
)
