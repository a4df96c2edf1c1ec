"""A data_dir the Mi-Home hub cannot use is one line naming the config file, the path and the fix for that case:
"move it away" only for a file that is not a database. A database that turns out read-only when a command is applied
is the same kind of line (it used to crash the chat with sqlite3.OperationalError), and nothing is applied."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.speaker.mihome.hub import FILE_NAME, MiHomeHub


def _refused(data_dir: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        MiHomeHub.in_dir(data_dir, config="my.yml")
    message = str(caught.value)
    assert message.startswith("my.yml: data_dir: ") and "\n" not in message and "Errno" not in message
    return message


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "null").write_text("")
    for data_dir in (tmp_path / "null", tmp_path / "null" / "deeper"):
        message = _refused(data_dir)
        assert f"{tmp_path / 'null'} is a file, not a folder; set data_dir to a folder" in message
        assert "move it away" not in message


def test_a_folder_that_cannot_be_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    message = _refused(tmp_path / "new")
    assert (
        f"cannot create the folder {tmp_path / 'new'} (Permission denied); check the path and its permissions"
        in message
    )
    assert "move it away" not in message


def test_a_folder_in_place_of_the_database_file(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).mkdir()
    assert f"{tmp_path / FILE_NAME} is a folder, where the database file of the Mi-Home devices belongs" in _refused(
        tmp_path
    )


def test_a_file_that_is_not_a_database_is_to_be_moved_away(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("not sqlite at all, not sqlite at all, not sqlite at all, not sqlite at all")
    message = _refused(tmp_path)
    assert f"{tmp_path / FILE_NAME} (the Mi-Home devices) is not a usable database" in message
    assert "move it away and the assistant makes a new one" in message


def test_a_read_only_database_refuses_a_command_in_one_line_and_applies_nothing(tmp_path: Path) -> None:
    hub = MiHomeHub.in_dir(tmp_path, config="my.yml")
    before = hub.device("lamp.kitchen")
    hub._conn.execute("PRAGMA query_only = 1")  # what a read-only file does to writes, even for root
    with pytest.raises(ConfigError) as caught:
        hub.apply(
            [{"device": "lamp.kitchen", "set": {"power": "on" if before and before.state["power"] == "off" else "off"}}]
        )
    message = str(caught.value)
    assert message.startswith(f"my.yml: data_dir: {tmp_path / FILE_NAME} (the Mi-Home devices) is read-only; make it")
    assert "\n" not in message and "move it away" not in message
    hub._conn.execute("PRAGMA query_only = 0")
    assert hub.device("lamp.kitchen") == before
    hub.apply([{"device": "lamp.kitchen", "set": {"brightness": 10}}])  # no transaction was left open
    hub.close()
