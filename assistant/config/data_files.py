"""What went wrong with a SQLite file under ``data_dir`` (or a model under ``models_dir``), and the fix that fits that
case, in one line.

"Move it away" is the fix only for a file that is not a database. A folder that cannot be created needs its path or
permissions checked; a file where the folder should be needs data_dir to name a folder; a read-only file needs
write permission. The speaker's Mi-Home hub and the router's stores both open their files through this wording,
so a bad ``data_dir`` reads the same everywhere.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from assistant.errors import ConfigError

DEFAULT_CONFIG = "config.yml"


class FolderError(ConfigError):
    """A folder setting cannot be used: ``<config file>: <key>: <what and the fix>``."""

    key = "data_dir"

    def __init__(self, problem: str, config: str = DEFAULT_CONFIG) -> None:
        super().__init__(f"{config}: {self.key}: {problem}")
        self.problem = problem

    def naming(self, config: str) -> FolderError:
        """The same error naming the config file actually read."""
        return type(self)(self.problem, config)


class DataDirError(FolderError):
    """A data file cannot be used."""


class ModelsDirError(FolderError):
    """A model cannot be written under ``models_dir``."""

    key = "models_dir"


def models_dir_error(root: Path, error: OSError, config: str = DEFAULT_CONFIG) -> ModelsDirError:
    """Why a model could not be written under ``root`` (a folder of ``models_dir``), with the fix."""
    in_the_way = file_in_the_way(root)
    if in_the_way is not None:
        return ModelsDirError(f"{in_the_way} is a file, not a folder; set models_dir to a folder", config)
    reason = error.strerror or str(error)
    return ModelsDirError(
        f"cannot write the NLU model under {root} ({reason}); make it writable, or set models_dir to a folder you"
        " can write",
        config,
    )


#: SQLite result codes that say something about the file or its folder, not about the program's SQL.
_STORAGE_CODES = (
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_NOTADB",
    "SQLITE_CORRUPT",
    "SQLITE_FULL",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_IOERR",
    "SQLITE_PERM",
)


def is_storage_error(error: BaseException) -> bool:
    """Whether a SQLite error is about the file (read-only, corrupt, full, ...) rather than a bug in the SQL."""
    return str(getattr(error, "sqlite_errorname", "") or "").startswith(_STORAGE_CODES)


def storage_error(path: Path, error: BaseException, what: str, config: str = DEFAULT_CONFIG) -> DataDirError:
    """Why ``path`` (the file of ``what``, e.g. "the Mi-Home devices") could not be opened or written."""
    return DataDirError(_problem(path, error, what), config)


def _problem(path: Path, error: BaseException, what: str) -> str:
    folder = path.parent
    in_the_way = file_in_the_way(folder)
    if in_the_way is not None:
        return f"{in_the_way} is a file, not a folder; set data_dir to a folder (it is created when missing)"
    if not folder.is_dir():
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return (
            f"cannot create the folder {folder} ({reason}); check the path and its permissions, or set data_dir to"
            " a folder you can write"
        )
    if path.is_dir():
        return f"{path} is a folder, where the database file of {what} belongs; move it away or rename it"
    code = getattr(error, "sqlite_errorname", "") or ""
    if code.startswith("SQLITE_READONLY") or _denied(error) or (path.exists() and not os.access(path, os.W_OK)):
        return (
            f"{path} ({what}) is read-only; make it and {folder} writable (chmod u+w), or set data_dir to a folder"
            " you can write"
        )
    if code.startswith("SQLITE_CANTOPEN") or not os.access(folder, os.W_OK):
        return f"cannot create or open {path} ({what}); check the permissions of {folder}, or set data_dir elsewhere"
    if code.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return f"{path} ({what}) is not a usable database ({error}); move it away and the assistant makes a new one"
    if code.startswith("SQLITE_FULL") or (isinstance(error, OSError) and error.errno == errno.ENOSPC):
        return f"the disk holding {path} ({what}) is full; free some space"
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{path} ({what}) is kept busy by another process; stop the other assistant, or try again"
    return f"cannot use {path} ({what}): {error}"


def file_in_the_way(folder: Path) -> Path | None:
    """The nearest existing part of ``folder``'s path, when it is a file (``/dev/null`` in ``/dev/null/x``)."""
    for part in (folder, *folder.parents):
        if part.exists():
            return None if part.is_dir() else part
    return None


def _denied(error: BaseException) -> bool:
    return isinstance(error, PermissionError) or (
        isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EROFS)
    )
