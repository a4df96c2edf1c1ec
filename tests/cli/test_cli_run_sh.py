"""run.sh says exactly what it does: its help names every case it dispatches, and each reaches what it says."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN_SH = ROOT / "run.sh"


def _help() -> str:
    done = subprocess.run(["bash", str(RUN_SH), "--help"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_names_every_command_run_sh_dispatches() -> None:
    case_block = RUN_SH.read_text().split('case "$command" in', 1)[1].split("esac", 1)[0]
    labels = re.findall(r"^\s+([\w|-]+)\)", case_block, flags=re.MULTILINE)
    assert {"test", "setup", "assistant"} <= set(labels)
    text = _help()
    for label in labels:
        assert f"./run.sh {'--help' if label.startswith('-') else label}" in text, label
    assert "go to pytest, not to `assistant test`" in text


@pytest.fixture
def fake_checkout(tmp_path: Path) -> Path:
    """run.sh beside a set-up that is already done: a stamped .venv whose `assistant` prints its arguments, and a
    dpkg-query that finds every package (so nothing is installed on this machine)."""
    shutil.copy(RUN_SH, tmp_path / "run.sh")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    for name, body in (("python", 'exec "$REAL_PYTHON" "$@"'), ("assistant", 'echo "assistant $*"')):
        (venv / name).write_text(f"#!/usr/bin/env bash\n{body}\n")
        (venv / name).chmod(0o755)
    stamp = hashlib.sha256((tmp_path / "pyproject.toml").read_bytes()).hexdigest()[:16]
    (tmp_path / ".venv" / f".installed-{stamp}").touch()
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "dpkg-query").write_text("#!/usr/bin/env bash\nprintf 'install ok installed'\n")
    (tools / "dpkg-query").chmod(0o755)
    return tmp_path


def _run(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{checkout / 'tools'}{os.pathsep}{os.environ['PATH']}",
        "PYTHON": sys.executable,
        "REAL_PYTHON": sys.executable,
    }
    return subprocess.run(
        ["bash", str(checkout / "run.sh"), *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "runs"),
    [
        ([], "assistant chat"),
        (["chat", "--once", "hi"], "assistant chat --once hi"),
        (["listen", "--help"], "assistant listen --help"),
        (["assistant", "test", "suites/timers.intents.yml", "-v"], "assistant test suites/timers.intents.yml -v"),
    ],
)
def test_each_form_runs_the_assistant_command_the_help_says(fake_checkout: Path, args: list[str], runs: str) -> None:
    done = _run(fake_checkout, *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == runs


def test_setup_only_sets_up(fake_checkout: Path) -> None:
    done = _run(fake_checkout, "setup")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "ready: .venv/bin/assistant --help" in done.stderr
