"""Output paths given on the command line: checked before the long work starts, written without tracebacks.

A report that cannot be written after a ten-minute run loses the run, so every command checks its output options
first (a folder where a file is wanted, a file where a folder is wanted, a parent that cannot be made or written)
and wraps the writing itself, so a disk that fills up later is still one line naming the option and the path.
Missing parent folders are made, as ``assistant test --junit reports/intents.xml`` always has.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assistant.cli.command import UsageError


def check_output_file(option: str, path: Path | None) -> None:
    """Refuse ``path`` as an output file unless it can be written (made with its missing parent folders, and tried),
    and unless what it would replace is an earlier report of the same kind: a file of another kind there (a script,
    config.yml given by a slip of the flag) is the user's work, never overwritten."""
    if path is None:
        return
    example = _example(option)
    if str(path) == "-":
        raise UsageError(f"{option} -: reports are written to files, not to stdout; give a file, e.g. {example}")
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a folder; give a file name, e.g. {option} {path / example}")
    if path.exists():
        if path.is_file() and path.suffix.lower() != Path(example).suffix:  # not a device such as /dev/null
            raise UsageError(
                f"{option} {path}: the file exists and is no {Path(example).suffix} report, so it is left as it is; "
                f"give a report file, e.g. {option} {example}"
            )
        if not os.access(path, os.W_OK):
            raise UsageError(f"{option} {path}: the file is not writable; give another path")
        return
    _check_parent(option, path, path.parent)
    _try_creating(option, path)


def check_output_folder(option: str, path: Path | None) -> None:
    """Refuse ``path`` as an output folder unless it is one, or can be made."""
    if path is None:
        return
    if path.exists():
        if not path.is_dir():
            raise UsageError(f"{option} {path}: is a file, not a folder; give a folder (made if missing)")
        if not os.access(path, os.W_OK | os.X_OK):
            raise UsageError(f"{option} {path}: the folder is not writable; give another one")
        return
    _check_parent(option, path, path.parent)


@contextmanager
def writing(option: str, path: Path) -> Iterator[None]:
    """Turn an OSError raised while writing ``path`` into one line naming the option (disk full, permissions)."""
    try:
        yield
    except OSError as e:
        reason = e.strerror or str(e)
        raise UsageError(f"{option} {path}: cannot write it: {reason}") from e


def write_outputs(
    outputs: Sequence[tuple[str, Path | None, Callable[[Path], Path]]], say: Callable[[str], None]
) -> None:
    """Write each ``(option, path, write)`` whose path is given and say ``wrote PATH`` (the path ``write`` returns);
    one that fails does not stop the others, so a full disk loses one report, not all. Raises after the last."""
    failed: list[str] = []
    for option, path, write in outputs:
        if path is None:
            continue
        try:
            with writing(option, path):
                say(f"wrote {write(path)}")
        except UsageError as e:
            failed.append(str(e))
    if failed:
        raise UsageError("; ".join(failed))


def _check_parent(option: str, path: Path, parent: Path) -> None:
    existing = parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"{option} {path}: {existing} is a file, not a folder; give a path inside a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{option} {path}: cannot write in {existing} (permission denied); give another path")


def _try_creating(option: str, path: Path) -> None:
    """Make ``path`` (and its folders) and remove it again: the one test that catches /proc, a read-only mount or a
    full disk before the run rather than after it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x"):
            pass
        path.unlink()
    except OSError as e:
        raise UsageError(f"{option} {path}: cannot write it: {e.strerror or e}; give another path") from None


def _example(option: str) -> str:
    return {"--junit": "report.xml", "--json": "report.json", "--md": "report.md", "--png": "confusion.png"}.get(
        option, "out.txt"
    )
