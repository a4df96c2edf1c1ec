"""pytest plugin: every ``*.intents.yml`` file pytest visits is collected, one test item per conversation.

Registered through the ``pytest11`` entry point (``assistant_scripts``), so ``pytest suites/`` — or plain
``pytest`` when ``suites`` is in ``testpaths`` — runs the scripts beside the unit tests, and a failing
conversation shows the same expected-vs-actual diff as ``assistant test``. A malformed script is a collection
error reading ``file:line: what is wrong``. ``--intents-nlu rasa`` picks the engine (default: the script's
``fixtures.nlu``, then config.yml). Settings come from ``config.yml`` in pytest's root folder when there is one.

Importing this module does nothing but define the hooks: the assistant is imported when a script is collected.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.scripts.model import Conversation
    from assistant.scripts.names import KnownNames
    from assistant.scripts.outcome import ConversationOutcome
    from assistant.scripts.runner import AssistantFactory

SUFFIX = ".intents.yml"  # the same as assistant.scripts.loader.SUFFIX, repeated to keep this import cheap

_SETTINGS: pytest.StashKey[tuple[Settings, KnownNames]] = pytest.StashKey()
_FACTORY: pytest.StashKey[AssistantFactory] = pytest.StashKey()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("intent scripts", "scripted intent tests (*.intents.yml)")
    group.addoption(
        "--intents-nlu",
        choices=["embedded", "rasa"],
        default=None,
        help="NLU engine for *.intents.yml conversations (default: fixtures.nlu in the script, then config.yml)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.endswith(SUFFIX):
        collector: pytest.Collector = IntentScriptFile.from_parent(parent, path=file_path)
        return collector
    return None


def _settings(config: pytest.Config) -> tuple[Settings, KnownNames]:
    """Settings and the skills' names, read once per session."""
    if _SETTINGS not in config.stash:
        from assistant.config import load_settings
        from assistant.scripts.names import known_names

        path = config.rootpath / "config.yml"
        settings = load_settings(path if path.is_file() else None)
        config.stash[_SETTINGS] = (settings, known_names(settings))
    return config.stash[_SETTINGS]


def _factory(config: pytest.Config) -> AssistantFactory:
    """One factory per session, so its NLU engines are made once and shared by every conversation."""
    if _FACTORY not in config.stash:
        from assistant.scripts.runner import AssistantFactory

        config.stash[_FACTORY] = AssistantFactory()
    return config.stash[_FACTORY]


def pytest_unconfigure(config: pytest.Config) -> None:
    if _FACTORY in config.stash:
        config.stash[_FACTORY].close()
        del config.stash[_FACTORY]


class ScriptFailure(Exception):
    """A conversation did not go as its script says; carries the outcome for the diff."""

    def __init__(self, outcome: ConversationOutcome) -> None:
        super().__init__(outcome.conversation.name)
        self.outcome = outcome


class IntentScriptFile(pytest.File):
    """One script file; its conversations are the items."""

    def collect(self) -> Iterator[pytest.Item]:
        from assistant.scripts.loader import load_script

        _, names = _settings(self.config)
        script = load_script(self.path, names)
        for conversation in script.conversations:
            yield ConversationItem.from_parent(self, name=conversation.name, conversation=conversation)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> Any:  # type: ignore[override]
        from assistant.errors import AssistantError

        if isinstance(excinfo.value, AssistantError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ConversationItem(pytest.Item):
    """One conversation, played against a fresh assistant."""

    def __init__(self, *, conversation: Conversation, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.conversation = conversation

    def runtest(self) -> None:
        from assistant.scripts.runner import run_conversation

        settings, _ = _settings(self.config)
        nlu = self.config.getoption("intents_nlu")
        outcome = run_conversation(self.conversation, settings, nlu, factory=_factory(self.config))
        if not outcome.passed:
            raise ScriptFailure(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, ScriptFailure):
            from assistant.scripts.report_text import describe_failure

            return describe_failure(excinfo.value.outcome)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.conversation.line - 1, f"{self.conversation.suite}: {self.conversation.name}"
