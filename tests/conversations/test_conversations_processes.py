"""Real processes and real skill folders: a timer set by one `assistant chat` process is listed and announced by
the next (both share a data_dir), broken skills are named at start, and a skill that raises gets an apology while
the router keeps serving."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from assistant.app import Assistant
from assistant.config import load_settings
from assistant.errors import SkillError
from assistant.router.services.clock import ManualClock

ASSISTANT = [sys.executable, "-m", "assistant.cli.main"]


def write_config(folder: Path, models_dir: Path, skill_dirs: list[Path] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"models_dir: {models_dir}", f"data_dir: {folder / 'data'}"]
    if skill_dirs:
        lines += ["router:", f"  skill_dirs: [{', '.join(str(d) for d in skill_dirs)}]"]
    path = folder / "config.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def once(config: Path, text: str) -> dict[str, object]:
    done = subprocess.run(
        [*ASSISTANT, "chat", "--once", text, "--json", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.slow
def test_a_timer_set_in_one_process_is_listed_and_fires_in_the_next(models_dir: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path, models_dir)
    first = once(config, "set a timer for 10 seconds")  # long enough for a second start on a loaded machine
    assert (first["intent"], first["reply"]) == ("timers.set", "OK, 10 seconds, starting now.")
    errors = tmp_path / "stderr.txt"
    with (
        errors.open("w") as stderr,
        subprocess.Popen(
            [*ASSISTANT, "chat", "--config", str(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as chat,
    ):
        assert chat.stdin is not None and chat.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_pump, args=(chat.stdout, lines), daemon=True).start()
        chat.stdin.write("what timers do I have\n")
        chat.stdin.flush()
        seen = _read_until(lines, "announce", deadline=time.monotonic() + 45)
        chat.stdin.close()
        chat.wait(timeout=20)
    assert chat.returncode == 0, errors.read_text()
    assert any("left on your 10 second timer" in line for line in seen), seen
    assert any(line.startswith("announce") and "Your 10 second timer is done." in line for line in seen), seen
    assert once(config, "what timers do I have")["reply"] == "You don't have any timers running."


@pytest.mark.slow
def test_a_timer_that_fell_due_while_nothing_ran_is_announced_by_the_next_once(
    models_dir: Path, tmp_path: Path
) -> None:
    config = write_config(tmp_path, models_dir)
    assert once(config, "set a timer for 1 second")["intent"] == "timers.set"
    time.sleep(1.5)
    later = once(config, "what time is it")
    assert later["intent"] == "datetime.time"
    announced = later["announcements"]
    assert announced == ["Your 1 second timer is done."], later  # due < 30 s before start: not called late


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def _read_until(lines: queue.Queue[str], marker: str, *, deadline: float) -> list[str]:
    seen: list[str] = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.05, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line.strip())
        if line.startswith(marker):
            break
    return seen


BROKEN_MANIFESTS = {
    "no intents": ("name: oops\ndescription: x\ninvocations: [oops]\nhandler: {python: handler.py}\n", "intents"),
    "bad template": (
        "name: oops\ndescription: x\ninvocations: [oops]\nhandler: {python: handler.py}\n"
        "intents:\n  oops.go:\n    examples: ['go to {place']\n",
        "oops.go",
    ),
    "not yaml": ("name: [oops\n", "oops"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_MANIFESTS))
def test_a_malformed_manifest_is_one_line_naming_the_file(models_dir: Path, tmp_path: Path, case: str) -> None:
    text, mentioned = BROKEN_MANIFESTS[case]
    folder = tmp_path / "skills" / "oops"
    folder.mkdir(parents=True)
    (folder / "skill.yml").write_text(text, encoding="utf-8")
    (folder / "handler.py").write_text("def create(context):\n    return None\n", encoding="utf-8")
    config = write_config(tmp_path, models_dir, [tmp_path / "skills"])
    with pytest.raises(SkillError) as caught:
        Assistant.build(load_settings(config), clock=ManualClock(), nlu="embedded")
    assert str(folder / "skill.yml") in str(caught.value) and mentioned in str(caught.value)
    done = subprocess.run(
        [*ASSISTANT, "chat", "--once", "hello", "--config", str(config)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(folder / "skill.yml") in done.stderr


def test_a_handler_that_fails_to_load_names_the_skill_and_file(models_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "skills" / "oops"
    folder.mkdir(parents=True)
    (folder / "skill.yml").write_text(
        "name: oops\ndescription: x\ninvocations: [oops]\nhandler: {python: handler.py}\n"
        "intents:\n  oops.go:\n    examples: ['go oops']\n",
        encoding="utf-8",
    )
    (folder / "handler.py").write_text("import no_such_module_here\n", encoding="utf-8")
    config = write_config(tmp_path, models_dir, [tmp_path / "skills"])
    with pytest.raises(SkillError, match=r"skill 'oops' \(.*handler\.py\): handler failed to load: ModuleNotFound"):
        Assistant.build(load_settings(config), clock=ManualClock(), nlu="embedded")


CRASHING_SKILL = """
name: horoscope
description: Reads your horoscope (badly).
invocations: [horoscope, the stars]
handler: {python: handler.py}
slots:
  sign:
    values: [aries, taurus, gemini, leo, virgo, libra, scorpio]
intents:
  horoscope.read:
    examples:
      - "(read|tell me) my horoscope [for {sign}]"
      - "what (do|does) the stars say [for {sign}]"
      - "horoscope for {sign}"
      - "(what's|what is) my horoscope [today]"
"""

CRASHING_HANDLER = """
class Horoscope:
    def handle(self, activity):
        raise RuntimeError("the stars are not aligned")


def create(context):
    return Horoscope()
"""


@pytest.mark.slow
def test_a_skill_that_raises_gets_an_apology_and_the_router_keeps_serving(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Trains one more model (the extra skill changes the data), so a few seconds."""
    skills = tmp_path / "skills"
    (skills / "horoscope").mkdir(parents=True)
    (skills / "horoscope" / "skill.yml").write_text(textwrap.dedent(CRASHING_SKILL), encoding="utf-8")
    (skills / "horoscope" / "handler.py").write_text(textwrap.dedent(CRASHING_HANDLER), encoding="utf-8")
    config = write_config(tmp_path, tmp_path_factory.mktemp("horoscope-models"), [skills])
    with Assistant.build(load_settings(config), clock=ManualClock(), nlu="embedded") as assistant:
        broken = assistant.text_turn("read my horoscope for leo")
        assert (broken.skill, broken.intent) == ("horoscope", "horoscope.read")
        assert broken.speech == "Sorry, the horoscope skill ran into a problem. Please try again later."
        assert not broken.open_mic and broken.action is None
        assert any("skill 'horoscope'" in r.getMessage() and "handler.py" in r.getMessage() for r in caplog.records)
        fine = assistant.text_turn("turn on the kitchen lamp")
        assert (fine.intent, fine.speech) == ("devices.on", "Turning on the kitchen lamp.")
        again = assistant.text_turn("ask the stars what they say for virgo")
        assert again.speech == "Sorry, the horoscope skill ran into a problem. Please try again later."
