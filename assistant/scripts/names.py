"""The names a script may use (intents, skills, slots), read from the skills' manifests without running them.

Validation needs only the manifests, not the handlers or the NLU, so a malformed script is reported in a fraction
of a second, before any assistant is built.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.router.nlu.types import OUT_OF_SCOPE

if TYPE_CHECKING:
    from assistant.config import Settings


@dataclass(frozen=True)
class KnownNames:
    """Intent -> skill, skill -> slot names; ``oos`` is always a known intent (the not-understood answer)."""

    intents: Mapping[str, str]
    slots: Mapping[str, frozenset[str]]
    devices: Mapping[str, str] = field(default_factory=dict)
    """Device id -> device kind in the hub's default home; empty = not known, devices are not checked."""
    skills_from: str = ""
    """Where the skills were looked for: ``the config in use (config.yml:4) has router.skill_dirs: [...]``."""

    @property
    def skills(self) -> frozenset[str]:
        return frozenset(self.slots)

    def is_intent(self, name: str) -> bool:
        return name == OUT_OF_SCOPE or name in self.intents

    def slots_of(self, intent: str | None) -> frozenset[str]:
        """The slot names valid for ``intent``'s skill; every skill's slots when the intent is not given."""
        if intent is not None and intent in self.intents:
            return self.slots.get(self.intents[intent], frozenset())
        return frozenset(name for names in self.slots.values() for name in names)

    def no_such_skill(self, intent: str) -> str | None:
        """Why ``intent`` may be unknown when its prefix (``coffee`` in ``coffee.make``) names no loaded skill: the
        script is likely run with another project's config; None when the prefix is a skill."""
        prefix, dot, _ = intent.partition(".")
        if not dot or prefix in self.skills or not self.skills_from:
            return None
        fix = "run it with the config that lists its folder (assistant test --config PATH)"
        return f"no loaded skill is named {prefix!r}; {self.skills_from}; {fix}"


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one choice close enough to ``word`` to be what was meant, if any."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one choice is close, else ``""``."""
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else ""


def known_names(settings: Settings) -> KnownNames:
    """Every installed skill's intents and slots (built-in folder plus router.skill_dirs)."""
    from assistant.router.skills.registry import load_manifests, skill_dirs

    manifests = load_manifests(skill_dirs(settings))
    intents = {intent.name: m.name for m in manifests for intent in m.intents}
    slots = {m.name: frozenset(s.name for s in m.slots) for m in manifests}
    dirs = settings.router.skill_dirs
    listed = f"[{', '.join(str(d) for d in dirs)}]"
    loaded = "besides the built-in skills" if dirs else "so only the built-in skills are loaded"
    where = f"the config in use ({settings.where('router', 'skill_dirs')}) has router.skill_dirs: {listed}, {loaded}"
    return KnownNames(intents, slots, _default_devices(), where)


def _default_devices() -> dict[str, str]:
    """Device id -> kind for the simulated home the hub creates on first start."""
    from assistant.speaker.mihome.home import DEFAULT_HOME, build_devices

    return {device.id: device.kind for device in build_devices(DEFAULT_HOME)}


def property_problem(kind: str, name: str, value: object, *, setting: bool) -> str | None:
    """What is wrong with ``name: value`` on a device of ``kind`` (None: fine). The same values are allowed in a
    fixture (``setting``) and an expectation; an expectation must also be written as the hub reports it."""
    from assistant.speaker.mihome.devices import KINDS

    spec = KINDS[kind].property(name) if kind in KINDS else None
    if spec is None:
        known = ", ".join(p.name for p in KINDS[kind].properties) if kind in KINDS else "?"
        return f"a {kind} has no property {name!r} (it has: {known})"
    stored = spec.check(value)
    if stored is None:
        return f"{name} cannot be {value!r}; it must be {spec.allowed()}"
    if not setting and stored != value:  # an expectation compares with what the hub reports, as it reports it
        return f"{name} {value!r} never matches: the hub reports it as {stored!r}"
    return None
