"""Output options: checked before the work starts, one line naming the option and path, nothing else lost."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import assistant.cli.main as cli_main
from assistant.cli.command import Command
from assistant.cli.main import main
from assistant.router.nlu.rasa_yaml import dump_nlu_yaml
from assistant.router.nlu.types import Example, TrainingData

ROOT = Path(__file__).resolve().parents[2]
GREETING = "tests:\n  - sentences: [thank you]\n    intent: smalltalk.thanks\n"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yml"
    path.write_text(f"data_dir: {tmp_path / 'data'}\nmodels_dir: {ROOT / 'models'}\n", encoding="utf-8")
    return path


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


@pytest.mark.parametrize("option", ["--json", "--junit"])
def test_test_refuses_a_folder_as_report_before_running(
    tmp_path: Path, config: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["test", str(ROOT / "suites"), option, str(tmp_path), "--config", str(config)]) == 2
    line = _one_line(capsys)
    assert line.startswith(f"assistant test: error: {option} {tmp_path}: is a folder; give a file name")
    assert "running" not in line


def test_test_refuses_a_report_inside_a_file(tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    assert main(["test", "--json", str(blocker / "r.json"), "--config", str(config)]) == 2
    assert f"{blocker} is a file, not a folder" in _one_line(capsys)


def test_a_report_that_fails_to_write_is_one_line_and_the_other_is_still_written(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here to fill a disk with")
    script = tmp_path / "thanks.intents.yml"
    script.write_text(GREETING, encoding="utf-8")
    junit = tmp_path / "new" / "junit.xml"
    args = ["test", str(script), "--workers", "1", "--json", "/dev/full", "--junit", str(junit)]
    assert main([*args, "--nlu", "embedded", "--config", str(config)]) == 2
    captured = capsys.readouterr()
    assert f"wrote {junit}" in captured.out and junit.read_text().startswith("<?xml")
    last = captured.err.strip().splitlines()[-1]  # after the progress dots
    assert last == "assistant test: error: --json /dev/full: cannot write it: No space left on device"


@pytest.mark.parametrize("option", ["--md", "--json", "--png"])
def test_eval_refuses_a_folder_before_evaluating(
    tmp_path: Path, config: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", option, str(tmp_path), "--config", str(config)]) == 2
    assert _one_line(capsys).startswith(f"assistant eval: error: {option} {tmp_path}: is a folder")


def test_eval_says_the_png_path_it_really_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rooms = ["kitchen", "bedroom", "office", "garage"]
    data = TrainingData(
        tuple(
            [Example(f"turn on the {r} light", "lights_on") for r in rooms]
            + [Example(g, "greet") for g in ("hello", "hi there", "good morning", "hey")]
        )
    )
    (tmp_path / "data.yml").write_text(dump_nlu_yaml(data), encoding="utf-8")
    data_file = str(tmp_path / "data.yml")
    assert main(["eval", "--train", data_file, "--test", data_file, "--png", str(tmp_path / "matrix")]) == 0
    assert f"wrote {tmp_path / 'matrix.png'}" in capsys.readouterr().out.replace("\n", "")
    assert (tmp_path / "matrix.png").read_bytes()[:4] == b"\x89PNG"


def test_eval_png_goes_to_the_ignored_reports_folder_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    assert "default: reports/eval-confusion.png" in " ".join(capsys.readouterr().out.split())
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "/reports/" in ignored


def test_listen_refuses_a_file_as_out_folder(tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("precious")
    code = main(["listen", "--input", str(tmp_path / "x.wav"), "--once", "--out", str(target), "--config", str(config)])
    assert code == 2
    assert _one_line(capsys) == f"assistant listen: error: --out {target}: is a file, not a folder; give a folder " + (
        "(made if missing)"
    )
    assert target.read_text() == "precious"


def test_an_unforeseen_os_error_is_one_line_naming_the_file(
    monkeypatch: pytest.MonkeyPatch, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = cli_main.load_command

    def refusing(name: str) -> Command:
        def run(*_: object) -> int:
            raise PermissionError(13, "Permission denied", "/srv/speaker/history")

        return dataclasses.replace(real(name), run=run)

    monkeypatch.setattr(cli_main, "load_command", refusing)
    assert main(["train", "--config", str(config)]) == 1
    assert _one_line(capsys) == (
        "assistant train: error: /srv/speaker/history: Permission denied (--log-level debug shows where)"
    )


@pytest.mark.parametrize("option", ["--json", "--junit"])
def test_test_never_overwrites_a_script_or_the_config_given_as_a_report(
    tmp_path: Path, config: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "greet.intents.yml"
    script.write_text(GREETING, encoding="utf-8")
    for victim in (script, config):
        before = victim.read_bytes()
        assert main(["test", str(script), option, str(victim), "--config", str(config)]) == 2
        line = _one_line(capsys)
        assert f"{option} {victim}: the file exists and is no" in line and "left as it is" in line
        assert victim.read_bytes() == before


def test_test_refuses_stdout_and_an_unwritable_place_before_running(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["test", str(ROOT / "suites"), "--json", "-", "--config", str(config)]) == 2
    assert "--json -: reports are written to files, not to stdout" in _one_line(capsys)
    assert main(["test", str(ROOT / "suites"), "--junit", "/proc/report.xml", "--config", str(config)]) == 2
    assert "--junit /proc/report.xml: cannot write it" in _one_line(capsys)


def test_test_overwrites_an_earlier_report_of_its_own_kind(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "greet.intents.yml"
    script.write_text(GREETING, encoding="utf-8")
    report = tmp_path / "reports" / "run.json"
    report.parent.mkdir()
    report.write_text("{}", encoding="utf-8")
    assert main(["test", str(script), "--json", str(report), "--config", str(config)]) == 0
    assert '"conversations"' in report.read_text(encoding="utf-8")
