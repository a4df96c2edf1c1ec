"""Rasa's own virtualenv: find a Python 3.8-3.10, create the venv once, install the pinned Rasa into it.

Rasa 3.6 cannot run on the project's Python, so it lives in a separate virtualenv in a cache folder outside the
repository (CI on the same machine reuses it). A marker file records the pins it was built from; a file lock lets
two processes (a test run and a chat) ask for it at once without building it twice.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.config.rasa import RasaSettings
from assistant.errors import ConfigError, NluError
from assistant.router.nlu.rasa.rasa_pins import CONSTRAINTS, RASA_REQUIREMENT
from assistant.router.nlu.rasa.rasa_process import last_lines, run_streaming

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]

SUPPORTED = ((3, 10), (3, 9), (3, 8))
VENV_NAME = "rasa-3.6-py3.10"
_MARKER = ".mi-cortana-ready"
_INSTALL_HINT = (
    "install Python 3.10 (`pyenv install 3.10` or `apt-get install python3.10 python3.10-venv`) "
    "or set rasa.python in config.yml to a Python 3.8-3.10"
)


@dataclass(frozen=True)
class RasaEnvironment:
    """A ready virtualenv: its folder and the ``rasa`` executable inside it."""

    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def rasa(self) -> Path:
        return self.venv / "bin" / "rasa"


def default_venv_dir(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/mi-cortana-assistant/rasa-3.6-py3.10``, else under ``~/.cache``."""
    env = os.environ if environ is None else environ
    cache = Path(env["XDG_CACHE_HOME"]) if env.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return cache / "mi-cortana-assistant" / VENV_NAME


def python_version(python: Path) -> tuple[int, int] | None:
    """The (major, minor) of an interpreter, or None when it does not run."""
    try:
        out = subprocess.run(
            [str(python), "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.split()
        return int(out[0]), int(out[1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def candidate_pythons(environ: dict[str, str] | None = None) -> list[Path]:
    """Where a suitable Python may be: ``python3.10`` (then 3.9, 3.8) on PATH, then pyenv's versions folder."""
    env = os.environ if environ is None else environ
    found: list[Path] = []
    for major, minor in SUPPORTED:
        on_path = shutil.which(f"python{major}.{minor}", path=env.get("PATH"))
        if on_path:
            found.append(Path(on_path))
    pyenv_root = Path(env.get("PYENV_ROOT") or Path.home() / ".pyenv")
    for major, minor in SUPPORTED:
        versions = sorted((pyenv_root / "versions").glob(f"{major}.{minor}.*"), reverse=True)
        found += [v / "bin" / f"python{major}.{minor}" for v in versions if re.fullmatch(r"[\d.]+", v.name)]
    return found


def find_base_python(configured: Path | None, environ: dict[str, str] | None = None) -> Path:
    """The interpreter to build the venv from; a wrong ``rasa.python`` or none found is a one-line error."""
    if configured is not None:
        version = python_version(configured)
        if version is None:
            raise ConfigError(f"config.yml: rasa.python: {configured} does not run; {_INSTALL_HINT}")
        if version not in SUPPORTED:
            raise ConfigError(
                f"config.yml: rasa.python: {configured} is Python {version[0]}.{version[1]}, Rasa 3.6 needs 3.8-3.10"
            )
        return configured
    for candidate in candidate_pythons(environ):
        if python_version(candidate) in SUPPORTED:
            return candidate
    raise NluError(f"the Rasa engine needs Python 3.8-3.10 and none was found on PATH or in pyenv; {_INSTALL_HINT}")


def requirements_digest(base_version: tuple[int, int]) -> str:
    """What the marker file holds: a venv built from other pins or another Python is rebuilt."""
    text = "\n".join((f"python{base_version[0]}.{base_version[1]}", RASA_REQUIREMENT, *CONSTRAINTS))
    return hashlib.sha256(text.encode()).hexdigest()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` across processes (held until the block ends; released if the process dies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_environment(settings: RasaSettings, progress: Progress | None = None) -> RasaEnvironment:
    """A venv with Rasa installed, built on first use (2.5 minutes measured here from nothing, pip cache empty)."""
    say = progress or logger.info
    venv = (settings.venv or default_venv_dir()).expanduser().absolute()
    environment = RasaEnvironment(venv)
    marker = venv / _MARKER
    built_with = python_version(environment.python) if environment.python.exists() else None
    if built_with is not None and _is_ready(marker, requirements_digest(built_with), environment):
        return environment  # ready: the Python it was built from need not be found again
    base = find_base_python(settings.python)
    digest = requirements_digest(python_version(base) or (0, 0))
    with locked(venv.with_name(venv.name + ".lock")):
        if _is_ready(marker, digest, environment):
            return environment
        _build(base, environment, digest, say)
    return environment


def _is_ready(marker: Path, digest: str, environment: RasaEnvironment) -> bool:
    try:
        return marker.read_text().strip() == digest and environment.rasa.exists()
    except OSError:
        return False


def _build(base: Path, environment: RasaEnvironment, digest: str, say: Progress) -> None:
    venv = environment.venv
    if venv.exists():
        shutil.rmtree(venv)
    say(f"creating Rasa's virtualenv in {venv} from {base}")
    log = venv.with_name(venv.name + "-install.log")
    created = subprocess.run([str(base), "-m", "venv", str(venv)], capture_output=True, text=True, check=False)
    if created.returncode != 0:
        raise NluError(f"cannot create a virtualenv with {base}: {last_lines(created.stderr, 3)}; {_INSTALL_HINT}")
    constraints = venv / "constraints.txt"
    constraints.write_text("\n".join(CONSTRAINTS) + "\n")
    command = [str(environment.python), "-m", "pip", "install", "--progress-bar", "off", "-c", str(constraints)]
    counter = _InstallCounter(say)
    code, tail = run_streaming([*command, RASA_REQUIREMENT], log, on_line=counter, env=_pip_env())
    if code != 0:
        raise NluError(f"installing {RASA_REQUIREMENT} failed (log: {log}): {tail}")
    (venv / _MARKER).write_text(digest + "\n")
    say(f"Rasa installed in {venv}")


def _pip_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    return env


class _InstallCounter:
    """Turns pip's output into "installing Rasa: package 57 of about 130 (tensorflow)" progress lines."""

    def __init__(self, say: Progress) -> None:
        self._say = say
        self._seen = 0

    def __call__(self, line: str) -> None:
        match = re.match(r"^Collecting (\S+)", line)
        if match:
            self._seen += 1
            name = re.split(r"[<>=!~\[;]", match.group(1))[0]
            self._say(f"installing Rasa: package {self._seen} of about 130 ({name})")
        elif line.startswith("Installing collected packages"):
            self._say("installing Rasa: unpacking the downloaded packages")
