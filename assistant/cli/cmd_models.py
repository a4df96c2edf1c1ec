"""`assistant models`: placeholder until issue 5, model downloads lands."""

from __future__ import annotations

from assistant.cli.command import Command, no_arguments, not_landed

COMMAND = Command(
    name="models",
    help="(not yet available: issue 5, model downloads)",
    description="Not yet available: issue 5, model downloads.",
    add_arguments=no_arguments,
    run=not_landed("issue 5, model downloads"),
)
