"""config.yml, parsed once at start into typed, frozen settings that are passed inward.

Every error names the file, the key path and what is allowed, e.g.
``config.yml: speaker.wake.phrases[0]: must be a non-empty string``; unknown keys get a "did you mean", and a word
YAML 1.1 reads as a boolean or number where text is wanted (``voice: no``) is told to be quoted.
``${NAME}`` or ``${NAME:-default}`` in a string value reads the environment (for secrets).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, PrivateAttr, ValidationError, field_validator

from assistant.config.bridge import BridgeSettings
from assistant.config.rasa import RasaSettings
from assistant.config.router import RouterSettings
from assistant.config.section import Section
from assistant.config.speaker import SpeakerSettings
from assistant.config.yaml_nodes import quote_hint, written
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

    @property
    def source(self) -> str:
        """How errors about these settings name their file: the one read, else ``config.yml`` (built in code)."""
        return self._source or "config.yml"

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
        raise ConfigError(f"{shown}: must be a mapping of settings, got {type(raw).__name__}")
    env = os.environ if environ is None else environ
    expanded = _expand(raw, env, shown, "")
    try:
        settings = Settings.model_validate(expanded)
    except ValidationError as e:
        raise ConfigError(_describe(shown, e, expanded, text)) from None
    resolved = settings.resolved(base)
    resolved._source = shown
    return resolved


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


def _expand(value: object, env: Any, shown: str, path: str) -> object:
    if isinstance(value, dict):
        return {k: _expand(v, env, shown, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, env, shown, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str):

        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in env:
                return str(env[name])
            if default is not None:
                return default
            raise ConfigError(f"{shown}: {path}: environment variable {name} is not set (export it)")

        return _ENV.sub(substitute, value)
    return value


def _describe(shown: str, error: ValidationError, data: object, text: str) -> str:
    errors = error.errors(include_url=False)
    first = errors[0]
    loc = first["loc"]
    if len(loc) > 1 and isinstance(loc[-1], str) and _model_at(loc[:-1]) is None:
        # pydantic tags each member of a union (``input_device.str``, ``input_device.int``): one error for the field
        members = [e for e in errors if e["loc"][:-1] == loc[:-1]]
        loc = loc[:-1]
        kinds = " or ".join(str(e["msg"]).removeprefix("Input should be ") for e in members)
        first = {**first, "type": "union", "msg": f"input should be {kinds}"}
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    kind = first["type"]
    ctx = first.get("ctx") or {}
    if kind == "extra_forbidden":
        problem = f"unknown key{_did_you_mean(loc, data)}"
    elif kind == "missing":
        problem = "is required"
    elif kind == "string_too_short" and ctx.get("min_length") == 1:
        problem = "must be a non-empty string"
    elif kind == "string_pattern_mismatch" and loc[-1] == "locale":
        problem = "must be a BCP-47 locale such as en-US or zh-CN"
    elif kind == "literal_error":
        problem = f"must be one of {ctx.get('expected')}"
    elif kind == "value_error":
        problem = str(first["msg"]).removeprefix("Value error, ")
    else:
        problem = _lower(str(first["msg"])) or "is not allowed"
    got = first.get("input")
    hide_got = kind in ("extra_forbidden", "missing") or isinstance(got, dict | list)
    if not hide_got and not (kind == "value_error" and repr(got) in problem):  # a validator may have shown it
        problem += f" (got {got!r})"
    if kind in ("string_type", "union") and isinstance(got, bool | int | float) and "string" in problem:
        problem += quote_hint(loc[-1], written(text, loc))  # YAML 1.1 made a word (no, on, 12) a bool or number
    return f"{shown}: {path}: {problem}"


def _lower(msg: str) -> str:
    return f"{msg[0].lower()}{msg[1:]}" if msg else msg


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The settings section at a key path, or None when the path ends inside a plain value."""
    model: type[BaseModel] = Settings
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model


def _did_you_mean(loc: tuple[int | str, ...], data: object) -> str:
    model = _model_at(loc[:-1])
    if model is None:
        return ""
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
    allowed = ", ".join(model.model_fields)
    return f"; did you mean '{close[0]}'?" if close else f"; allowed here: {allowed}"
