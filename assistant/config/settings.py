"""config.yml, parsed once at start into typed, frozen settings that are passed inward.

Every mistake in the file is reported at once, one line each naming the file, the line, the key path and what is
expected, e.g. ``config.yml:7: speaker.wake.phrases[0]: must be a non-empty string`` (wording:
:mod:`assistant.config.config_errors`); unknown keys get a "did you mean", and a word YAML 1.1 reads as a boolean or
number where text is wanted (``voice: no``) is told to be quoted.
``${NAME}`` or ``${NAME:-default}`` in a string value reads the environment (for secrets).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, PrivateAttr, ValidationError, field_validator

from assistant.config.bridge import BridgeSettings
from assistant.config.config_errors import Loc, Mistake, describe, report, schema_mistakes
from assistant.config.data_files import file_in_the_way
from assistant.config.rasa import RasaSettings
from assistant.config.router import RouterSettings
from assistant.config.section import Section
from assistant.config.speaker import SpeakerSettings
from assistant.config.yaml_nodes import nearest_line
from assistant.errors import ConfigError

_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_LOCALE = r"^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$"


class Settings(Section):
    """The whole of config.yml."""

    locale: str = Field(default="en-US", pattern=_LOCALE)
    """The assistant's language and region, BCP-47 (``en-US``, ``zh-CN``). Only speech-to-text follows it: the skills
    and the NLU understand English only, so another language is answered as not understood (a warning at start)."""
    models_dir: Path = Path("models")
    """Downloaded and trained models; relative paths are taken from the config file's folder."""
    data_dir: Path = Path("data")
    """SQLite databases (timers, alarms, devices, lists, calls, the music queue) that survive a restart."""
    speaker: SpeakerSettings = SpeakerSettings()
    router: RouterSettings = RouterSettings()
    bridge: BridgeSettings = BridgeSettings()
    rasa: RasaSettings = RasaSettings()
    _source: str | None = PrivateAttr(default=None)
    _text: str = PrivateAttr(default="")

    @property
    def source(self) -> str:
        """How errors about these settings name their file: the one read, else ``config.yml`` (built in code)."""
        return self._source or "config.yml"

    def where(self, *loc: str | int) -> str:
        """How an error found later (by the router, the stores) names the place of a key: ``file:line``; for a key
        left to its default, the line of its section, or just the file."""
        line = nearest_line(self._text, loc) if self._text else None
        return f"{self.source}:{line}" if line else self.source

    @field_validator("models_dir", "data_dir")
    @classmethod
    def _not_empty(cls, value: Path) -> Path:
        if not str(value).strip() or str(value) == ".":
            raise ValueError("must name a folder")
        return value

    def resolved(self, base: Path) -> Settings:
        """The same settings with relative folders made absolute against ``base``."""
        changes: dict[str, Any] = {
            "models_dir": _under(base, self.models_dir),
            "data_dir": _under(base, self.data_dir),
            "router": self.router.model_copy(
                update={"skill_dirs": tuple(_under(base, p) for p in self.router.skill_dirs)}
            ),
        }
        return self.model_copy(update=changes)


def _under(base: Path, path: Path) -> Path:
    return path if path.is_absolute() else (base / path).resolve()


def load_settings(path: Path | None = None, *, environ: dict[str, str] | None = None) -> Settings:
    """Read and validate a config file; ``None`` means defaults relative to the working directory."""
    if path is None:
        return Settings().resolved(Path.cwd())
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such file (pass --config with an existing file)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{shown}: cannot be read: {e}") from None
    return parse_settings(text, shown, base=path.resolve().parent, environ=environ)


def parse_settings(text: str, shown: str, *, base: Path, environ: dict[str, str] | None = None) -> Settings:
    """Validate config text; ``shown`` is how errors name the file."""
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark is not None else shown
        problem = getattr(e, "problem", None) or "not valid YAML"
        raise ConfigError(f"{where}: {problem} (fix the YAML syntax)") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        whole = f"must be a mapping of settings such as locale:, speaker: (got {describe(raw)})"
        raise ConfigError(report(shown, text, [((), whole)]))
    unset: list[Mistake] = []
    expanded = _expand(raw, os.environ if environ is None else environ, (), unset)
    try:
        settings = Settings.model_validate(expanded)
    except ValidationError as e:
        wrong = [m for m in schema_mistakes(e, text, Settings) if all(m[0] != loc for loc, _ in unset)]
        raise ConfigError(report(shown, text, unset + wrong)) from None
    resolved = settings.resolved(base)
    mistakes = unset + _folder_mistakes(resolved)
    if mistakes:
        raise ConfigError(report(shown, text, mistakes))
    resolved._source = shown
    resolved._text = text
    return resolved


def _folder_mistakes(settings: Settings) -> list[Mistake]:
    """models_dir or data_dir naming a file (``/etc/passwd``), or a folder inside one: said at start, with the line,
    rather than when the first model or database is written."""
    mistakes: list[Mistake] = []
    for key in ("models_dir", "data_dir"):
        in_the_way = file_in_the_way(getattr(settings, key))
        if in_the_way is not None:
            problem = f"{in_the_way} is a file, not a folder; set {key} to a folder (it is created when missing)"
            mistakes.append(((key,), problem))
    return mistakes


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader, except that a key given twice in one mapping is an error, not "the last one wins"."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str | int | float | bool) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
            )
        seen.add(key if isinstance(key, str | int | float | bool) else id(key_node))
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _expand(value: object, env: Any, loc: Loc, unset: list[Mistake]) -> object:
    """``value`` with ``${NAME}`` replaced from ``env``; a variable not set (and without a default) is noted in
    ``unset`` and left as written, so the rest of the file is still checked."""
    if isinstance(value, dict):
        return {k: _expand(v, env, (*loc, str(k)), unset) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, env, (*loc, i), unset) for i, v in enumerate(value)]
    if isinstance(value, str):

        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in env:
                return str(env[name])
            if default is not None:
                return default
            unset.append((loc, f"environment variable {name} is not set (export it)"))
            return match.group(0)

        return _ENV.sub(substitute, value)
    return value
