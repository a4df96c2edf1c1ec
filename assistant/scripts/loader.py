"""Load and validate script files: ``*.intents.yml`` in, :class:`Script` out, or ``file:line: what is wrong``.

Everything is checked before anything runs: keys, types, intent/skill/slot names (against the manifests), that
audio files exist, time zones and times. Every mistake of every file is reported, in line order (see
:mod:`assistant.scripts.mistakes`). The format is described in FORMAT.md beside this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.errors import ScriptError
from assistant.scripts import schema
from assistant.scripts.mistakes import Mistakes, ScriptMistakes
from assistant.scripts.model import Conversation, Fixtures, Script, Step
from assistant.scripts.names import KnownNames
from assistant.scripts.parse_steps import (
    TURN_EXPECTATIONS,
    device_states,
    duration,
    parse_expectations,
    parse_step,
    words,
)
from assistant.scripts.schema import Context
from assistant.scripts.yaml_tree import Node, parse_tree, read_tree

#: A script file's name ends with this; ``assistant test DIR`` and the pytest plugin look for it.
SUFFIX = ".intents.yml"

TOP_KEYS = ("suite", "description", "fixtures", "conversations", "tests")
CONVERSATION_KEYS = ("name", "fixtures", "turns")
SHORT_KEYS = ("sentences", "fixtures", *TURN_EXPECTATIONS)
FIXTURE_KEYS = ("now", "timezone", "locale", "nlu", "devices", "timers", "alarms", "reminders", "lists")
_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$")


def script_files(paths: Iterable[Path]) -> list[Path]:
    """Files named on the command line, and every ``*.intents.yml`` below named folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise ScriptError(f"{path}: no such file or folder (give script files or folders holding *{SUFFIX})")
    if not found:
        raise ScriptError(f"no *{SUFFIX} files in {', '.join(str(p) for p in paths)}")
    return list(dict.fromkeys(found))


def load_scripts(paths: Sequence[Path], names: KnownNames | None) -> list[Script]:
    """Every script under ``paths``, all validated before the first one runs; every mistake of every file is
    reported at once."""
    scripts: list[Script] = []
    found: list[ScriptError] = []
    for path in script_files(paths):
        try:
            scripts.append(load_script(path, names))
        except ScriptMistakes as e:
            found += e.mistakes
        except ScriptError as e:
            found.append(e)
    if found:
        raise ScriptMistakes(found)
    return scripts


def load_script(path: Path, names: KnownNames | None) -> Script:
    mistakes = Mistakes()
    return _checked(lambda: build_script(read_tree(path, mistakes), Context(path, names, mistakes)), mistakes)


def parse_script(text: str, path: Path, names: KnownNames | None) -> Script:
    """Validate script text; ``path`` names it in errors and anchors relative audio paths."""
    mistakes = Mistakes()
    return _checked(lambda: build_script(parse_tree(text, path, mistakes), Context(path, names, mistakes)), mistakes)


def _checked(read: Callable[[], Script], mistakes: Mistakes) -> Script:
    """The script ``read`` builds, or one error listing every mistake noted while building it (in line order)."""
    script = None
    with mistakes.checking():
        script = read()
    if mistakes.found or script is None:
        raise ScriptMistakes(mistakes.in_line_order())
    return script


def build_script(root: Node, ctx: Context) -> Script:
    """The script in ``root``; mistakes are noted in ``ctx`` (the caller raises them), fatal ones raised."""
    body = schema.mapping(ctx, root, "a script")
    suggested = schema.check_keys(ctx, root, TOP_KEYS, "a script")
    if not {"conversations", "tests"} & (set(body) | suggested):
        ctx.note(root.line, "a script needs 'conversations:' and/or 'tests:' (see assistant/scripts/FORMAT.md)")
    suite = ctx.path.name.removesuffix(SUFFIX).removesuffix(".yml").removesuffix(".yaml")
    description = ""
    fixtures = Fixtures()
    with ctx.checking():
        suite = schema.text(ctx, body["suite"], "suite") if "suite" in body else suite
    with ctx.checking():
        description = schema.text(ctx, body["description"], "description") if "description" in body else ""
    with ctx.checking():
        fixtures = parse_fixtures(ctx, body["fixtures"])[0] if "fixtures" in body else fixtures
    conversations: list[Conversation] = []
    for key, read in (("conversations", _conversation), ("tests", _short_form)):
        if key in body:
            with ctx.checking():
                for item in schema.sequence(ctx, body[key], key, non_empty=True):
                    with ctx.checking():
                        conversations += read(ctx, item, fixtures, suite)
    seen: dict[str, int] = {}
    for conversation in conversations:
        if conversation.name in seen:
            ctx.note(
                conversation.line,
                f"conversation name {conversation.name!r} is used twice (first at line {seen[conversation.name]});"
                " names must be unique in a file",
            )
        seen.setdefault(conversation.name, conversation.line)
    return Script(ctx.path, suite, fixtures, tuple(conversations), description)


def _conversation(ctx: Context, node: Node, base: Fixtures, suite: str) -> list[Conversation]:
    body = schema.mapping(ctx, node, "a conversation")
    suggested = schema.check_keys(ctx, node, CONVERSATION_KEYS, "a conversation")
    schema.require(
        ctx, node, "name", "a conversation needs 'name:' (it names the test in reports)", suggested=suggested
    )
    schema.require(
        ctx, node, "turns", "a conversation needs 'turns:' (a list of say/audio/advance steps)", suggested=suggested
    )
    name = ""
    with ctx.checking():
        name = schema.text(ctx, body["name"], "name") if "name" in body else name
    fixtures = _merged(ctx, base, body.get("fixtures"))
    steps: list[Step] = []
    if "turns" in body:
        with ctx.checking():  # no turns: noted, and the conversation's name is still checked against the others
            for item in schema.sequence(ctx, body["turns"], "turns", non_empty=True):
                with ctx.checking():
                    steps.append(parse_step(ctx, item))
    return [Conversation(ctx.path, node.line, name, fixtures, tuple(steps), suite)] if name else []


def _short_form(ctx: Context, node: Node, base: Fixtures, suite: str) -> list[Conversation]:
    """``{sentences: [...], intent: x, ...}``: one single-turn conversation per sentence, same expectations."""
    body = schema.mapping(ctx, node, "a test")
    suggested = schema.check_keys(ctx, node, SHORT_KEYS, "a test")
    schema.require(ctx, node, "sentences", "a test needs 'sentences:' (a list of things to say)", suggested=suggested)
    fixtures = _merged(ctx, base, body.get("fixtures"))
    expectations = parse_expectations(ctx, node)
    if not set(TURN_EXPECTATIONS) & (set(body) | suggested):
        ctx.note(node.line, "a test needs at least one expectation (intent, slots, reply, ...)")
    conversations = []
    for sentence in schema.sequence(ctx, body["sentences"], "sentences", non_empty=True) if "sentences" in body else ():
        with ctx.checking():
            said = words(ctx, sentence, "a sentence")
            step = Step("say", sentence.line, text=said, expectations=expectations)
            conversations.append(Conversation(ctx.path, sentence.line, said, fixtures, (step,), suite))
    return conversations


def _merged(ctx: Context, base: Fixtures, node: Node | None) -> Fixtures:
    if node is None:
        return base
    with ctx.checking():
        override, given = parse_fixtures(ctx, node)
        return base.merged(override, given)
    return base


def parse_fixtures(ctx: Context, node: Node) -> tuple[Fixtures, frozenset[str]]:
    """The fixtures and which keys were given (so a conversation overrides only what it names)."""
    body = schema.mapping(ctx, node, "fixtures")
    schema.check_keys(ctx, node, FIXTURE_KEYS, "fixtures")
    values: dict[str, Any] = {}
    for key, value in body.items():
        if key in FIXTURE_KEYS:
            with ctx.checking():
                values[key] = _fixture(ctx, key, value)
    return Fixtures(**values), frozenset(values)


def _fixture(ctx: Context, key: str, node: Node) -> Any:
    """The value of one fixture key."""
    if key == "timezone":
        return _timezone(ctx, node)
    if key == "now":
        return _moment(ctx, node)
    if key == "locale":
        locale = schema.text(ctx, node, "fixtures.locale")
        if not _LOCALE.match(locale):
            raise ctx.error(node.line, f"fixtures.locale {locale!r} is not like en-US or zh-CN")
        return locale
    if key == "nlu":
        engine = schema.text(ctx, node, "fixtures.nlu")
        if engine not in ("embedded", "rasa"):
            raise ctx.error(node.line, f"fixtures.nlu must be embedded or rasa, got {engine!r}")
        return engine
    if key == "devices":
        return device_states(ctx, node, "fixtures.devices", setting=True)
    if key == "lists":
        return _lists(ctx, node)
    items = schema.sequence(ctx, node, f"fixtures.{key}")
    scheduled: list[dict[str, Any]] = []
    for item in items:
        with ctx.checking():
            scheduled.append(_scheduled(ctx, item, key))
    return tuple(scheduled)


#: fixture list -> (required keys, optional keys) of each item; what ``Assistant.seed`` understands.
SCHEDULED_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "timers": (("duration",), ("name",)),
    "alarms": (("time",), ("label",)),
    "reminders": (("time", "text"), ()),
}


def _scheduled(ctx: Context, node: Node, key: str) -> dict[str, Any]:
    """A timer ``{duration: 10m, name: pasta}``, alarm ``{time: "07:00"}`` or reminder ``{time, text}``."""
    what = f"an item of fixtures.{key}"
    body = schema.mapping(ctx, node, what)
    required, optional = SCHEDULED_KEYS[key]
    suggested = schema.check_keys(ctx, node, (*required, *optional), what)
    for name in required:
        schema.require(ctx, node, name, f"{what} needs '{name}:'", suggested=suggested)
    item: dict[str, Any] = {}
    for name, value in body.items():
        with ctx.checking():
            if name == "duration":
                item[name] = duration(ctx, value, f"fixtures.{key}[].duration").total_seconds()
            elif name == "time":
                item[name] = _clock_time(ctx, value, f"fixtures.{key}[].time")
            elif name in required or name in optional:  # a reminder's text is required, a label optional
                item[name] = schema.text(ctx, value, f"fixtures.{key}[].{name}")
    return item


def _clock_time(ctx: Context, node: Node, what: str) -> str:
    """``07:00`` (the next such time after ``now``) or a full ``2024-03-16T07:00``."""
    value = schema.text(ctx, node, what).strip()
    try:
        if len(value) > 5:
            datetime.fromisoformat(value)
        else:
            time.fromisoformat(value)
    except ValueError:
        raise ctx.error(node.line, f"{what} {value!r} is not a time like 07:00 or 2024-03-16T07:00") from None
    return value


def _timezone(ctx: Context, node: Node) -> str:
    name = schema.text(ctx, node, "fixtures.timezone")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ctx.error(node.line, f"fixtures.timezone {name!r} is not an IANA time zone (e.g. Europe/Paris)") from None
    return name


def _moment(ctx: Context, node: Node) -> datetime:
    """``2024-03-15 09:30`` (in the fixtures' time zone) or with an offset ``2024-03-15T09:30:00+08:00``."""
    value = schema.text(ctx, node, "fixtures.now")
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise ctx.error(node.line, f"fixtures.now {value!r} is not a date and time like 2024-03-15 09:30") from None


def _lists(ctx: Context, node: Node) -> dict[str, tuple[str, ...]]:
    body = schema.mapping(ctx, node, "fixtures.lists")
    lists: dict[str, tuple[str, ...]] = {}
    for name, value in body.items():
        with ctx.checking():
            lists[name] = tuple(
                schema.text(ctx, item, f"an item of list {name!r}") for item in schema.sequence(ctx, value, name)
            )
    return lists
