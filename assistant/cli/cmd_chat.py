"""`assistant chat`: placeholder until issue 3, the skill router and text chat lands."""

from __future__ import annotations

from assistant.cli.command import Command, no_arguments, not_landed

COMMAND = Command(
    name="chat",
    help="(not yet available: issue 3, the skill router and text chat)",
    description="Not yet available: issue 3, the skill router and text chat.",
    add_arguments=no_arguments,
    run=not_landed("issue 3, the skill router and text chat"),
)
