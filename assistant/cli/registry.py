"""The explicit list of subcommands. A command module is named here or it does not exist."""

from __future__ import annotations

import importlib

from assistant.cli.command import Command

#: subcommand name -> module holding ``COMMAND``; imported only when that command runs or is listed.
COMMAND_MODULES: dict[str, str] = {
    "chat": "assistant.cli.cmd_chat",
    "listen": "assistant.cli.cmd_listen",
    "test": "assistant.cli.cmd_test",
    "train": "assistant.cli.cmd_train",
    "eval": "assistant.cli.cmd_eval",
    "models": "assistant.cli.cmd_models",
    "bench": "assistant.cli.cmd_bench",
}


def load_command(name: str) -> Command:
    module = importlib.import_module(COMMAND_MODULES[name])
    command = module.COMMAND
    if not isinstance(command, Command) or command.name != name:
        raise TypeError(f"{module.__name__}.COMMAND must be a Command named {name!r}")
    return command
