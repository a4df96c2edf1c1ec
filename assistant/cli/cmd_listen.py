"""`assistant listen`: placeholder until issue 5, the speaker front end lands."""

from __future__ import annotations

from assistant.cli.command import Command, no_arguments, not_landed

COMMAND = Command(
    name="listen",
    help="(not yet available: issue 5, the speaker front end)",
    description="Not yet available: issue 5, the speaker front end.",
    add_arguments=no_arguments,
    run=not_landed("issue 5, the speaker front end"),
)
