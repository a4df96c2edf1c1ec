"""`assistant train`: placeholder until issue 3, the embedded NLU engine lands."""

from __future__ import annotations

from assistant.cli.command import Command, no_arguments, not_landed

COMMAND = Command(
    name="train",
    help="(not yet available: issue 3, the embedded NLU engine)",
    description="Not yet available: issue 3, the embedded NLU engine.",
    add_arguments=no_arguments,
    run=not_landed("issue 3, the embedded NLU engine"),
)
