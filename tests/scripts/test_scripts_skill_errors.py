"""A skill that breaks fails its step in ``assistant test`` with the skill's one-line cause (a CI run must not pass
over a crashed skill), unless the step says ``skill_error: true``; the JSON report carries the cause."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from assistant.cli.main import main

MANIFEST = """\
name: coffee
description: Makes coffee.
invocations: [coffee]
handler:
  python: handler.py
intents:
  coffee.make:
    examples: ["make (coffee|a coffee|me a coffee)", "brew [me] a coffee", "(i want|i would like) a coffee"]
"""
RAISING = """\
class Coffee:
    def handle(self, activity):
        raise ValueError("the grinder is jammed")


def create(context):
    return Coffee()
"""
SCRIPT = """\
conversations:
  - name: coffee, expecting it to work
    turns:
      - say: make me a coffee
        intent: coffee.make
  - name: the apology itself
    turns:
      - say: make me a coffee
        skill_error: true
        reply: {contains: ran into a problem}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    skill = tmp_path / "skills" / "coffee"
    skill.mkdir(parents=True)
    (skill / "skill.yml").write_text(MANIFEST, encoding="utf-8")
    (skill / "handler.py").write_text(RAISING, encoding="utf-8")
    config = f"models_dir: {tmp_path / 'models'}\ndata_dir: data\nrouter:\n  skill_dirs: [skills]\n"
    (tmp_path / "config.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    (tmp_path / "coffee.intents.yml").write_text(SCRIPT, encoding="utf-8")
    return tmp_path


def test_a_raising_skill_fails_its_step_unless_the_step_expects_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = project / "report.json"
    code = main(
        ["--config", str(project / "config.yml"), "test", str(project / "coffee.intents.yml"), "--json", str(report)]
    )
    out = capsys.readouterr().out
    assert code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    first, second = data["conversations"]
    cause = first["steps"][0]["error"]
    assert "skill 'coffee'" in cause and "ValueError: the grinder is jammed" in cause
    assert f"{project / 'skills' / 'coffee' / 'handler.py'}:3" in cause  # where the skill raised
    assert not first["passed"] and second["passed"]
    assert "add `skill_error: true`" in out


@pytest.mark.parametrize("check", [True, False])
def test_a_handler_that_does_not_load_is_one_line_before_anything_runs(
    project: Path, check: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "skills" / "coffee" / "handler.py").write_text(
        "def create(context)\n    return None\n", encoding="utf-8"
    )
    args = ["--config", str(project / "config.yml"), "test", str(project / "coffee.intents.yml")]
    assert main([*args, "--check"] if check else args) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "skill 'coffee'" in lines[0] and "SyntaxError: expected ':'" in lines[0]
    assert "valid" not in captured.out and "could not start" not in captured.out
