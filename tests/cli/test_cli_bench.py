"""`assistant bench --quick`: a smoke run never overwrites the committed figures and says what it is."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import assistant.benchmarks.registry as registry
import assistant.cli.cmd_bench as cmd_bench
from assistant.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_benchmarks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Two benchmarks that write a table in no time; the second 'trains Rasa'. Returns the names that ran."""
    ran: list[str] = []

    def module(name: str) -> types.ModuleType:
        def run(settings: object, out_dir: Path, quick: bool) -> list[Path]:
            ran.append(name)
            return registry.write_figures(out_dir, name, {"quick": quick}, f"# {name}\n\n| a | b |\n")

        fake = types.ModuleType(f"fake_bench_{name}")
        fake.run = run  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, fake.__name__, fake)
        return fake

    benchmarks = {name: (module(name).__name__, f"{name} figures") for name in ("fast", "withrasa")}
    monkeypatch.setattr(registry, "BENCHMARKS", benchmarks)
    monkeypatch.setattr(cmd_bench, "BENCHMARKS", benchmarks)
    monkeypatch.setattr(cmd_bench, "NEEDS_RASA", frozenset({"withrasa"}))
    monkeypatch.chdir(tmp_path)
    return ran


def test_quick_writes_beside_not_over_the_committed_figures(
    fake_benchmarks: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committed = tmp_path / "benchmarks" / "fast.md"
    committed.parent.mkdir()
    committed.write_text("# the real figures\n")
    assert main(["bench", "--quick"]) == 0
    assert committed.read_text() == "# the real figures\n"
    quick = tmp_path / "benchmarks" / "quick" / "fast.md"
    assert quick.read_text().startswith("> **Quick smoke run**")
    assert f"wrote {Path('benchmarks/quick/fast.md')}" in capsys.readouterr().out


def test_quick_without_names_leaves_out_the_benchmarks_that_train_rasa(
    fake_benchmarks: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bench", "--quick"]) == 0
    assert fake_benchmarks == ["fast"]
    assert "left out (they train Rasa; name them to run them): withrasa" in capsys.readouterr().out
    assert main(["bench", "--quick", "withrasa"]) == 0
    assert fake_benchmarks == ["fast", "withrasa"]


def test_a_full_run_writes_the_committed_figures_unmarked(fake_benchmarks: list[str], tmp_path: Path) -> None:
    assert main(["bench", "fast"]) == 0
    assert (tmp_path / "benchmarks" / "fast.md").read_text() == "# fast\n\n| a | b |\n"


def test_quick_out_that_is_a_file_is_refused_before_running(
    fake_benchmarks: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "figures").write_text("x")
    assert main(["bench", "--quick", "--out", "figures"]) == 2
    assert fake_benchmarks == []
    assert capsys.readouterr().err.startswith("assistant bench: error: --out figures: is a file, not a folder")


def test_the_quick_folder_is_git_ignored_and_help_says_where_quick_runs_go(capsys: pytest.CaptureFixture[str]) -> None:
    assert "/benchmarks/quick/" in (ROOT / ".gitignore").read_text().splitlines()
    with pytest.raises(SystemExit):
        main(["bench", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "with --quick benchmarks/quick/, which git ignores" in help_text
