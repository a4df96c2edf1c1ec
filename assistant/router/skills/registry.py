"""The explicit registry of skills: built-in folders plus ``router.skill_dirs``, checked once at start.

Built-in and third-party skills come through the same door. Duplicate skill names, intent names or invocation
names are refused with one line naming both files, because a silent override would route users to the wrong
skill. The registry is built in two steps: all manifests first (so duplicates are found before any code runs and
the help skill can see every skill), then each handler. Settings only the router can judge (``router.home_city``
against the cities the skills know) are checked here too, naming config.yml's key, before anything starts.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from assistant.errors import ConfigError, ManifestError
from assistant.router.services.clock import Clock
from assistant.router.skills.cities import CITIES, find_city
from assistant.router.skills.handler import SkillContext, _no_announce
from assistant.router.skills.loading import create_handler
from assistant.router.skills.manifest import MANIFEST_NAME, IntentSpec, SkillManifest, load_manifest
from bridge.cortana import Activity
from bridge.handler import ActivityHandler

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)

#: Where the built-in skills live, one folder each.
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"


@dataclass(frozen=True)
class Skill:
    manifest: SkillManifest
    handler: ActivityHandler

    @property
    def name(self) -> str:
        return self.manifest.name


class SkillRegistry:
    """The skills, looked up by name, by intent and by invocation name; immutable once built."""

    def __init__(self, skills: Sequence[Skill]) -> None:
        check_unique([s.manifest for s in skills])
        self.skills: tuple[Skill, ...] = tuple(skills)
        self._by_name = {s.name: s for s in skills}
        self._by_intent = {i.name: s for s in skills for i in s.manifest.intents}
        # Longest first, so "ask weather pro ..." is not taken for "weather".
        self.invocations: tuple[tuple[str, Skill], ...] = tuple(
            sorted(((inv, s) for s in skills for inv in s.manifest.invocations), key=lambda p: -len(p[0]))
        )

    @property
    def manifests(self) -> tuple[SkillManifest, ...]:
        return tuple(s.manifest for s in self.skills)

    def get(self, name: str) -> Skill | None:
        return self._by_name.get(name)

    def skill_for_intent(self, intent: str) -> Skill | None:
        return self._by_intent.get(intent)

    def intent(self, intent: str) -> IntentSpec | None:
        skill = self._by_intent.get(intent)
        return skill.manifest.intent(intent) if skill else None

    def close(self) -> None:
        """Release what handlers hold (HTTP clients, databases) when they offer ``close()``."""
        for skill in self.skills:
            close = getattr(skill.handler, "close", None)
            if callable(close):
                close()


def skill_folders(dirs: Iterable[Path]) -> list[Path]:
    """Every ``<dir>/<skill>/skill.yml``, in a stable order; a configured folder that is missing is an error, and so
    is a skill folder whose manifest is misnamed (``skill.yaml``), which would otherwise be skipped without a word."""
    found: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            raise ConfigError(f"skill folder {folder} is not a folder (create it, or do not list it)")
        for child in sorted(folder.iterdir()):
            manifest = child / MANIFEST_NAME
            if manifest.is_file():
                found.append(manifest)
            elif child.is_dir() and not child.name.startswith(("_", ".")):
                misnamed = _misnamed(child)
                if misnamed is not None:
                    raise ManifestError(f"{misnamed}: the manifest must be named {MANIFEST_NAME}; rename it")
                log.debug("%s has no %s; not a skill", child, MANIFEST_NAME)
    return found


def _misnamed(folder: Path) -> Path | None:
    """A file in ``folder`` that is surely meant as its manifest but is not named skill.yml (skill.yaml, Skill.yml)."""
    for file in sorted(folder.iterdir()):
        if file.name != MANIFEST_NAME and file.name.lower() in ("skill.yml", "skill.yaml") and file.is_file():
            return file
    return None


def load_manifests(dirs: Iterable[Path]) -> list[SkillManifest]:
    """Parse every manifest under ``dirs`` and check names are unique."""
    manifests = [load_manifest(path) for path in skill_folders(dirs)]
    check_unique(manifests)
    return manifests


def check_unique(manifests: Sequence[SkillManifest]) -> None:
    """Refuse two skills, intents or invocation names with the same name, naming both files."""
    kinds: tuple[tuple[str, Callable[[SkillManifest], list[str]]], ...] = (
        ("skill", lambda m: [m.name]),
        ("intent", lambda m: [i.name for i in m.intents]),
        ("invocation name", lambda m: list(m.invocations)),
    )
    for kind, keys in kinds:
        seen: dict[str, SkillManifest] = {}
        for manifest in manifests:
            for key in keys(manifest):
                other = seen.get(key)
                if other is not None:
                    raise ManifestError(
                        f"{kind} {key!r} is declared by skill {other.name!r} ({other.path}) and by skill "
                        f"{manifest.name!r} ({manifest.path}); names must be unique: rename one or remove its folder"
                    )
                seen[key] = manifest


def skill_dirs(settings: Settings) -> tuple[Path, ...]:
    """The built-in folder, then the folders config.yml names: each must be a folder of skill folders, listed once.
    A skill's own folder listed instead of its parent is an error; a folder with no skill in it is warned about
    (once per process: a new project may have none yet, but more often the path is wrong)."""
    seen: dict[Path, int] = {}
    for i, folder in enumerate(settings.router.skill_dirs):
        key = f"{settings.source}: router.skill_dirs[{i}]: {folder}"
        if not folder.is_dir():
            what, fix = ("is a file", "name a folder") if folder.exists() else ("does not exist", "create it")
            raise ConfigError(f"{key} {what} ({fix}, or remove it from router.skill_dirs in {settings.source})")
        own = folder / MANIFEST_NAME if (folder / MANIFEST_NAME).is_file() else _misnamed(folder)
        if own is not None:
            raise ConfigError(
                f"{key} holds a skill's {own.name} itself; list the folder that holds skill folders ({folder.parent})"
                + ("" if own.name == MANIFEST_NAME else f", and rename {own.name} to {MANIFEST_NAME}")
            )
        resolved = folder.resolve()
        if resolved == BUILTIN_DIR:
            raise ConfigError(f"{key} is the built-in skills' folder, which is always loaded; remove it from the list")
        if resolved in seen:
            raise ConfigError(f"{key} is listed twice (also router.skill_dirs[{seen[resolved]}]); remove one")
        seen[resolved] = i
        children = [c for c in folder.iterdir() if c.is_dir() and not c.name.startswith(("_", "."))]
        if not any((c / MANIFEST_NAME).is_file() or _misnamed(c) for c in children):
            deeper = sorted(folder.glob(f"*/*/{MANIFEST_NAME}"))
            fix = (
                f"{deeper[0]} is one level deeper: list {deeper[0].parent.parent} instead"
                if deeper
                else f"put each skill in a folder of its own: {folder}/<skill>/{MANIFEST_NAME}"
            )
            _warn_once(f"{key} has no <skill>/{MANIFEST_NAME}, so no skill is loaded from it; {fix}")
    return (BUILTIN_DIR, *settings.router.skill_dirs)


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """Settings are checked each time an assistant is built (a test run builds one per conversation): say it once."""
    if message not in _warned:
        _warned.add(message)
        log.warning("%s", message)


def check_router_settings(settings: Settings) -> None:
    """What config.yml's own validation cannot judge without the skills: a home city the weather can answer for.
    Warns (once per router) that the skills understand English only when ``locale`` is another language."""
    home = settings.router.home_city
    if home is not None and find_city(home) is None:
        close = difflib.get_close_matches(home.title(), list(CITIES), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known cities: {', '.join(sorted(CITIES))}"
        raise ConfigError(
            f"{settings.source}: router.home_city: {home!r} is not a city the skills know; {hint} (or null to ask)"
        )
    if not settings.locale.lower().startswith("en"):
        log.warning(
            "locale %s (%s) changes only speech-to-text: the skills and the NLU understand English only, so requests"
            " in other languages are answered as not understood",
            settings.locale,
            settings.source,
        )


def build_registry(
    settings: Settings,
    clock: Clock,
    *,
    announce: Callable[[Activity], None] = _no_announce,
    dirs: Sequence[Path] | None = None,
    client: httpx.Client | None = None,
) -> SkillRegistry:
    """Load every skill's manifest, then create each handler with its :class:`SkillContext`."""
    check_router_settings(settings)
    manifests = load_manifests(skill_dirs(settings) if dirs is None else dirs)
    everything = tuple(manifests)
    skills = [
        Skill(m, create_handler(SkillContext(m, settings, clock, everything, announce), client)) for m in manifests
    ]
    log.info("loaded %d skills: %s", len(skills), ", ".join(s.name for s in skills))
    return SkillRegistry(skills)
