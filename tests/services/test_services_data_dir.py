"""The router's SQLite stores name the case and its fix in one line when data_dir's files cannot be used, when opened
and when a write finds the file read-only later; a bug in the SQL is not reported as the user's file. A store that
cannot open its file at start is a config error naming the config file read, not "create() failed"."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.router.services.clock import ManualClock
from assistant.router.services.database import Database
from assistant.router.services.lists_store import FILE_NAME, ListsStore
from assistant.router.skills.registry import BUILTIN_DIR, build_registry

NOW = datetime(2024, 3, 15, 9, 30, tzinfo=timezone.utc)


def test_a_read_only_list_file_is_one_line_naming_the_fix(tmp_path: Path) -> None:
    store = ListsStore.in_dir(tmp_path)
    store._db._conn.execute("PRAGMA query_only = 1")  # what a read-only file does to writes, even for root
    with pytest.raises(ConfigError) as caught:
        store.add("shopping", "milk", now=NOW)
    message = str(caught.value)
    assert message.startswith(f"config.yml: data_dir: {tmp_path / FILE_NAME} (your lists) is read-only; make it")
    assert "\n" not in message and "move it away" not in message
    store._db._conn.execute("PRAGMA query_only = 0")
    assert store.add("shopping", "milk", now=NOW) and store.items("shopping") == ("milk",)  # nothing left half-done
    store.close()


def test_a_bug_in_the_sql_is_not_dressed_up_as_a_data_dir_problem(tmp_path: Path) -> None:
    database = Database(tmp_path / "x.sqlite3", "CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY);")
    with database.transaction() as conn:
        conn.execute("INSERT INTO t VALUES ('a')")
    with pytest.raises(sqlite3.IntegrityError), database.transaction() as conn:
        conn.execute("INSERT INTO t VALUES ('a')")
    with pytest.raises(ConfigError, match=r"x\.sqlite3 \(the assistant's x\) is read-only"):
        database._conn.execute("PRAGMA query_only = 1")
        with database.transaction() as conn:
            conn.execute("INSERT INTO t VALUES ('b')")
    database.close()


def test_a_store_that_cannot_open_its_file_at_start_names_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "my-config.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / FILE_NAME).write_text("not sqlite at all, not sqlite at all, not sqlite at all, at all")
    with pytest.raises(ConfigError) as caught:
        build_registry(load_settings(config), ManualClock(NOW), dirs=[BUILTIN_DIR])
    message = str(caught.value)
    assert message.startswith(f"{config}: data_dir: {tmp_path / 'data' / FILE_NAME} (your lists) is not a usable")
    assert "move it away" in message and "create() failed" not in message
