"""Lists in SQLite: items kept as said, compared loosely, in order, and still there after reopening."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.router.services.lists_store import ListsStore

NOW = datetime(2024, 3, 15, 9, 0, tzinfo=timezone.utc)


def test_add_remove_read_clear_and_reopen(tmp_path: Path) -> None:
    store = ListsStore.in_dir(tmp_path)
    assert store.add("shopping", "Milk", now=NOW)
    assert store.add("shopping", "eggs", now=NOW)
    assert not store.add("shopping", " milk ", now=NOW)
    assert store.add("todo", "milk", now=NOW)
    assert store.items("shopping") == ("Milk", "eggs")
    assert store.contains("shopping", "MILK")
    assert store.remove("shopping", "milk")
    assert not store.remove("shopping", "bread")
    store.close()
    again = ListsStore.in_dir(tmp_path)
    assert again.items("shopping") == ("eggs",)
    assert again.clear("shopping") == 1
    assert again.items("shopping") == ()
    assert again.items("todo") == ("milk",)
    with pytest.raises(ValueError, match="empty"):
        again.add("todo", "   ", now=NOW)
    again.close()
