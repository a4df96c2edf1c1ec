"""Running Rasa's tools as child processes: the environment they get, their output streamed to a log, and the tail.

Every child gets the same quiet, offline, 2-core-friendly environment: no telemetry, few TensorFlow threads,
warnings off. When a child fails, the user is shown its last log lines, not a Python traceback of ours.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

_LINE_BREAK = re.compile(rb"[\r\n]")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Lines that carry no meaning for the user: deprecation noise from Rasa's dependencies.
_NOISE = re.compile(r"Warning|warn\(|declare_namespace|^\s*$|^\s+\S.*(Base|DeclarativeMeta)")


def rasa_env(threads: int) -> dict[str, str]:
    """The environment for ``rasa`` children: telemetry off, TensorFlow limited to ``threads``, logs quiet."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_INTER_OP_PARALLELISM_THREADS": "1",
            "TF_INTRA_OP_PARALLELISM_THREADS": str(threads),
            "OMP_NUM_THREADS": str(threads),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "TF_ENABLE_ONEDNN_OPTS": "0",
            "PYTHONWARNINGS": "ignore",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def clean_line(line: str) -> str:
    """A log line without colour codes and edge spaces."""
    return _ANSI.sub("", line).strip()


def last_lines(text: str, count: int = 5) -> str:
    """The last meaningful lines of a log, joined with `` | `` so the error stays one line."""
    lines = [clean_line(line) for line in re.split(r"[\r\n]", text)]
    meaningful = [line for line in lines if line and not _NOISE.search(line)]
    return " | ".join(meaningful[-count:]) or "(no output)"


def log_tail(path: Path, count: int = 5) -> str:
    """``last_lines`` of a log file (the last 64 kB of it)."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 65536))
            return last_lines(handle.read().decode("utf-8", "replace"), count)
    except OSError:
        return "(no log)"


def run_streaming(
    command: Sequence[str],
    log: Path,
    *,
    on_line: Callable[[str], None],
    env: dict[str, str],
    cwd: Path | None = None,
) -> tuple[int, str]:
    """Run ``command``, copy its output to ``log`` and hand each line (``\\r`` ends one too) to ``on_line``.

    Returns the exit code and, for error messages, the last meaningful lines of the output.
    """
    tail: deque[str] = deque(maxlen=400)
    log.parent.mkdir(parents=True, exist_ok=True)
    with (
        log.open("wb") as sink,
        subprocess.Popen(
            list(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
        ) as process,
    ):
        stream = process.stdout
        if stream is None:  # never: stdout is a pipe
            raise RuntimeError("no pipe to the child")
        pending = b""
        try:
            for chunk in iter(lambda: os.read(stream.fileno(), 65536), b""):
                sink.write(chunk)
                pending += chunk
                *complete, pending = _LINE_BREAK.split(pending)
                for raw in complete:
                    line = clean_line(raw.decode("utf-8", "replace"))
                    if line:
                        tail.append(line)
                        on_line(line)
        except BaseException:
            process.kill()  # Ctrl-C or an error in on_line: the child is in its own session, stop it here
            process.wait()
            raise
        code = process.wait()
    if pending.strip():
        tail.append(clean_line(pending.decode("utf-8", "replace")))
    return code, last_lines("\n".join(tail))
