"""Load and validate script files: ``*.intents.yml`` in, :class:`Script` out, or ``file:line: what is wrong``.

Everything is checked before anything runs: keys, types, intent/skill/slot names (against the manifests), that
audio files exist, time zones and times. The format is described in FORMAT.md beside this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.errors import ScriptError
from assistant.scripts import schema
from assistant.scripts.model import Conversation, Fixtures, Script, Step
from assistant.scripts.names import KnownNames
from assistant.scripts.parse_steps import TURN_EXPECTATIONS, device_states, duration, parse_expectations, parse_step
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
    """Every script under ``paths``, all validated before the first one runs."""
    return [load_script(path, names) for path in script_files(paths)]


def load_script(path: Path, names: KnownNames | None) -> Script:
    return build_script(read_tree(path), Context(path, names))


def parse_script(text: str, path: Path, names: KnownNames | None) -> Script:
    """Validate script text; ``path`` names it in errors and anchors relative audio paths."""
    return build_script(parse_tree(text, path), Context(path, names))


def build_script(root: Node, ctx: Context) -> Script:
    body = schema.mapping(ctx, root, "a script")
    schema.check_keys(ctx, root, TOP_KEYS, "a script")
    if "conversations" not in body and "tests" not in body:
        raise ctx.error(root.line, "a script needs 'conversations:' and/or 'tests:' (see assistant/scripts/FORMAT.md)")
    default_suite = ctx.path.name.removesuffix(SUFFIX).removesuffix(".yml").removesuffix(".yaml")
    suite = schema.text(ctx, body["suite"], "suite") if "suite" in body else default_suite
    description = schema.text(ctx, body["description"], "description") if "description" in body else ""
    fixtures, _ = parse_fixtures(ctx, body["fixtures"]) if "fixtures" in body else (Fixtures(), frozenset())
    conversations: list[Conversation] = []
    if "conversations" in body:
        for item in schema.sequence(ctx, body["conversations"], "conversations", non_empty=True):
            conversations.append(_conversation(ctx, item, fixtures, suite))
    if "tests" in body:
        for item in schema.sequence(ctx, body["tests"], "tests", non_empty=True):
            conversations += _short_form(ctx, item, fixtures, suite)
    seen: dict[str, int] = {}
    for conversation in conversations:
        if conversation.name in seen:
            raise ctx.error(
                conversation.line,
                f"conversation name {conversation.name!r} is used twice (first at line {seen[conversation.name]});"
                " names must be unique in a file",
            )
        seen[conversation.name] = conversation.line
    return Script(ctx.path, suite, fixtures, tuple(conversations), description)


def _conversation(ctx: Context, node: Node, base: Fixtures, suite: str) -> Conversation:
    body = schema.mapping(ctx, node, "a conversation")
    schema.check_keys(ctx, node, CONVERSATION_KEYS, "a conversation")
    if "name" not in body:
        raise ctx.error(node.line, "a conversation needs 'name:' (it names the test in reports)")
    if "turns" not in body:
        raise ctx.error(node.line, "a conversation needs 'turns:' (a list of say/audio/advance steps)")
    name = schema.text(ctx, body["name"], "name")
    fixtures = _merged(ctx, base, body.get("fixtures"))
    steps = tuple(parse_step(ctx, item) for item in schema.sequence(ctx, body["turns"], "turns", non_empty=True))
    return Conversation(ctx.path, node.line, name, fixtures, steps, suite)


def _short_form(ctx: Context, node: Node, base: Fixtures, suite: str) -> list[Conversation]:
    """``{sentences: [...], intent: x, ...}``: one single-turn conversation per sentence, same expectations."""
    body = schema.mapping(ctx, node, "a test")
    schema.check_keys(ctx, node, SHORT_KEYS, "a test")
    if "sentences" not in body:
        raise ctx.error(node.line, "a test needs 'sentences:' (a list of things to say)")
    fixtures = _merged(ctx, base, body.get("fixtures"))
    expectations = parse_expectations(ctx, node)
    if not expectations:
        raise ctx.error(node.line, "a test needs at least one expectation (intent, slots, reply, ...)")
    conversations = []
    for sentence in schema.sequence(ctx, body["sentences"], "sentences", non_empty=True):
        words = schema.text(ctx, sentence, "a sentence")
        step = Step("say", sentence.line, text=words, expectations=expectations)
        conversations.append(Conversation(ctx.path, sentence.line, words, fixtures, (step,), suite))
    return conversations


def _merged(ctx: Context, base: Fixtures, node: Node | None) -> Fixtures:
    if node is None:
        return base
    override, given = parse_fixtures(ctx, node)
    return base.merged(override, given)


def parse_fixtures(ctx: Context, node: Node) -> tuple[Fixtures, frozenset[str]]:
    """The fixtures and which keys were given (so a conversation overrides only what it names)."""
    body = schema.mapping(ctx, node, "fixtures")
    schema.check_keys(ctx, node, FIXTURE_KEYS, "fixtures")
    values: dict[str, Any] = {}
    if "timezone" in body:
        values["timezone"] = _timezone(ctx, body["timezone"])
    if "now" in body:
        values["now"] = _moment(ctx, body["now"])
    if "locale" in body:
        locale = schema.text(ctx, body["locale"], "fixtures.locale")
        if not _LOCALE.match(locale):
            raise ctx.error(body["locale"].line, f"fixtures.locale {locale!r} is not like en-US or zh-CN")
        values["locale"] = locale
    if "nlu" in body:
        engine = schema.text(ctx, body["nlu"], "fixtures.nlu")
        if engine not in ("embedded", "rasa"):
            raise ctx.error(body["nlu"].line, f"fixtures.nlu must be embedded or rasa, got {engine!r}")
        values["nlu"] = engine
    if "devices" in body:
        values["devices"] = device_states(ctx, body["devices"], "fixtures.devices", setting=True)
    for key in ("timers", "alarms", "reminders"):
        if key in body:
            items = schema.sequence(ctx, body[key], f"fixtures.{key}")
            values[key] = tuple(_scheduled(ctx, item, key) for item in items)
    if "lists" in body:
        values["lists"] = _lists(ctx, body["lists"])
    return Fixtures(**values), frozenset(values)


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
    schema.check_keys(ctx, node, (*required, *optional), what)
    for name in required:
        if name not in body:
            raise ctx.error(node.line, f"{what} needs '{name}:'")
    item: dict[str, Any] = {}
    for name, value in body.items():
        if name == "duration":
            item[name] = duration(ctx, value).total_seconds()
        elif name == "time":
            item[name] = _clock_time(ctx, value, f"fixtures.{key}[].time")
        else:
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
    return {
        name: tuple(schema.text(ctx, item, f"an item of list {name!r}") for item in schema.sequence(ctx, value, name))
        for name, value in body.items()
    }
