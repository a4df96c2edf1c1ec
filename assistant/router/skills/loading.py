"""Turning a manifest's ``handler:`` into a live handler: a Python file's ``create(context)``, or an HTTP bot.

Loading happens once at start, so a broken handler stops the router with one line naming the skill and file
rather than failing on the first user who asks. A config mistake found while a handler is made (its data file under
``data_dir`` cannot be used) is the user's to fix in config.yml, so it stays a config error naming that file.
A remote skill is a Bot-Framework-style endpoint: the Activity JSON is POSTed, the reply Activity JSON comes back in
the response body.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from pathlib import Path
from types import ModuleType

import httpx

import assistant
from assistant.config.data_files import DataDirError
from assistant.errors import ConfigError, SkillError, SkillSetupError
from assistant.router.skills.handler import FACTORY_NAME, SkillContext
from assistant.router.skills.manifest import SkillManifest
from bridge.cortana import Activity
from bridge.errors import EnvelopeError
from bridge.handler import ActivityHandler

log = logging.getLogger(__name__)

#: What a remote skill's reply Activity must carry, said all at once when some are missing.
REPLY_NEEDS = ("type", "from", "recipient", "conversation")


def create_handler(context: SkillContext, client: httpx.Client | None = None) -> ActivityHandler:
    """The handler for ``context.manifest``; ``client`` is used by HTTP skills (tests pass a MockTransport)."""
    manifest = context.manifest
    if manifest.handler.kind == "http":
        return HttpSkill(manifest, client)
    path = manifest.folder / manifest.handler.target
    module = _import(manifest, path)
    factory = getattr(module, FACTORY_NAME, None)
    if not callable(factory):
        raise SkillSetupError(f"skill {manifest.name!r} ({path}): defines no function {FACTORY_NAME}(context)")
    try:
        handler = factory(context)
    except DataDirError as e:
        raise e.naming(context.settings.source) from None
    except ConfigError:
        raise
    except Exception as e:
        raise SkillSetupError(
            f"skill {manifest.name!r} ({path}): {FACTORY_NAME}() failed: {type(e).__name__}: {e}"
        ) from e
    if not callable(getattr(handler, "handle", None)):
        raise SkillSetupError(f"skill {manifest.name!r} ({path}): {FACTORY_NAME}() must return an object with handle()")
    return handler  # type: ignore[no-any-return]


def _import(manifest: SkillManifest, path: Path) -> ModuleType:
    """Built-in skills import as ordinary modules; skills from other folders load from their file."""
    package_root = Path(assistant.__file__).resolve().parent
    try:
        resolved = path.resolve()
        if resolved.is_relative_to(package_root):
            dotted = ".".join(("assistant", *resolved.relative_to(package_root).with_suffix("").parts))
            return importlib.import_module(dotted)
        name = f"assistant_skill_{manifest.name}"
        spec = importlib.util.spec_from_file_location(name, resolved)
        if spec is None or spec.loader is None:
            raise SkillSetupError(f"skill {manifest.name!r} ({path}): cannot be loaded as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
        return module
    except SkillError:
        raise
    except Exception as e:
        raise SkillSetupError(
            f"skill {manifest.name!r} ({path}): handler failed to load: {type(e).__name__}: {e}"
        ) from e


class HttpSkill:
    """A remote skill: POST the Activity, read the reply Activity. Failures are :class:`SkillError`s."""

    def __init__(self, manifest: SkillManifest, client: httpx.Client | None = None) -> None:
        self.manifest = manifest
        self._client = client or httpx.Client(timeout=manifest.handler.timeout_s)
        self._owns_client = client is None

    def handle(self, activity: Activity) -> Activity:
        url = self.manifest.handler.target
        where = f"skill {self.manifest.name!r} ({url})"
        try:
            response = self._client.post(url, json=activity.to_dict(), timeout=self.manifest.handler.timeout_s)
        except httpx.TimeoutException as e:
            wait = self.manifest.handler.timeout_s
            raise SkillError(
                f"{where}: did not answer within {wait:g} s (handler.timeout_s in {self.manifest.path})"
            ) from e
        except httpx.HTTPError as e:
            raise SkillError(f"{where}: not reachable: {type(e).__name__}: {e}") from e
        if response.status_code != 200:
            raise SkillError(f"{where}: answered HTTP {response.status_code} (a reply Activity needs 200)")
        try:
            data = response.json()
        except ValueError:
            raise SkillError(f"{where}: answered with a body that is not JSON") from None
        missing = [key for key in REPLY_NEEDS if isinstance(data, dict) and key not in data]
        if missing:
            raise SkillError(
                f"{where}: answered with a bad Activity: it lacks {', '.join(missing)} (a reply needs"
                f" {', '.join(REPLY_NEEDS)}: the request's conversation, its from and recipient swapped; see SKILLS.md)"
            )
        try:
            return Activity.from_dict(data)
        except EnvelopeError as e:
            raise SkillError(f"{where}: answered with a bad Activity: {e}") from e

    def close(self) -> None:
        if self._owns_client:
            self._client.close()
