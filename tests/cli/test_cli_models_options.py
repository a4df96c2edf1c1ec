"""`--config` and `--log-level` work after a sub-action (`models list --config X`), as README promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli.main import build_parser, main


@pytest.mark.parametrize(
    "argv",
    [
        ["models", "list", "--config", "x.yml", "--log-level", "debug"],
        ["models", "download", "vosk-en", "--config", "x.yml", "--log-level", "debug"],
        ["models", "build", "nlu-vectors", "--config", "x.yml", "--log-level", "debug"],
        ["--config", "x.yml", "models", "--log-level", "debug", "list"],
    ],
)
def test_common_options_parse_after_every_models_action(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.config == Path("x.yml")
    assert args.log_level == "debug"


def test_an_option_given_before_the_action_is_not_reset_by_it() -> None:
    args = build_parser().parse_args(["models", "--config", "x.yml", "list"])
    assert args.config == Path("x.yml")


def test_models_list_reads_the_config_given_after_the_action(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"models_dir: {tmp_path / 'my-models'}\n", encoding="utf-8")
    assert main(["models", "list", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "my-models" / "vosk-model-small-en-us-0.15") in out


@pytest.mark.parametrize("action", ["list", "download", "build"])
def test_every_models_action_lists_the_common_options_in_its_help(
    action: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["models", action, "--help"])
    out = capsys.readouterr().out
    assert "--config PATH" in out and "--log-level" in out


@pytest.mark.parametrize("option", [["--epochs", "5"], ["--tune-on", "snips"]])
def test_nlu_vectors_refuses_the_encoder_only_options_instead_of_ignoring_them(
    tmp_path: Path, option: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"models_dir: {tmp_path / 'models'}\n", encoding="utf-8")
    assert main(["models", "build", "nlu-vectors", *option, "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"assistant models: error: {option[0]} is for nlu-encoder only: nlu-vectors distils the published model as "
        f"it is; drop {option[0]}\n"
    )
    assert not (tmp_path / "models").exists()  # nothing was built


def test_nlu_encoder_refuses_zero_epochs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"models_dir: {tmp_path / 'models'}\n", encoding="utf-8")
    assert main(["models", "build", "nlu-encoder", "--epochs", "0", "--config", str(config)]) == 2
    assert capsys.readouterr().err == "assistant models: error: --epochs 0: must be more than 0\n"
