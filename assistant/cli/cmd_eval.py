"""`assistant eval`: placeholder until issue 4, NLU evaluation side by side lands."""

from __future__ import annotations

from assistant.cli.command import Command, no_arguments, not_landed

COMMAND = Command(
    name="eval",
    help="(not yet available: issue 4, NLU evaluation side by side)",
    description="Not yet available: issue 4, NLU evaluation side by side.",
    add_arguments=no_arguments,
    run=not_landed("issue 4, NLU evaluation side by side"),
)
