"""Building Rasa's virtualenv from nothing, up to pip: a failing install is one line with pip's last words."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config.rasa import RasaSettings
from assistant.errors import AssistantError, NluError
from assistant.router.nlu.rasa.rasa_environment import ensure_environment, find_base_python


@pytest.mark.slow
def test_an_unreachable_package_index_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        base = find_base_python(None)
    except AssistantError as e:
        pytest.skip(f"no Python 3.8-3.10 here: {e}")
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")  # nothing listens on the discard port
    monkeypatch.setenv("PIP_FIND_LINKS", "")
    monkeypatch.setenv("PIP_RETRIES", "0")
    monkeypatch.setenv("PIP_TIMEOUT", "2")
    settings = RasaSettings(python=base, venv=tmp_path / "rasa-venv")
    seen: list[str] = []
    with pytest.raises(
        NluError, match=r"installing rasa==3\.6\.\d+ failed \(log: .*-install\.log\): .*No matching distribution"
    ) as caught:
        ensure_environment(settings, seen.append)
    assert "\n" not in str(caught.value)
    assert seen[0].startswith("creating Rasa's virtualenv in")
    assert not (tmp_path / "rasa-venv" / ".mi-cortana-ready").exists()
