"""Building the tuned encoder: several seeds averaged into one model, one progress bar over all of them, the tenth
kept back to calibrate the out-of-scope score, and the command line's checks. The averaging itself needs torch (a
build-time dependency only) and skips without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from router_nlu_sample import config_file

from assistant.cli.main import main
from assistant.errors import NluError
from assistant.router.nlu.encoder_build import _seed_progress, averaged, build_encoder


def test_one_progress_bar_runs_over_every_seed() -> None:
    seen: list[tuple[int, int]] = []
    for seed in range(3):
        step = _seed_progress(lambda n, total: seen.append((n, total)), seed, 3)
        assert step is not None
        step(1, 10)
        step(10, 10)
    assert seen == [(1, 30), (10, 30), (11, 30), (20, 30), (21, 30), (30, 30)]
    assert _seed_progress(None, 0, 2) is None


def test_no_seed_is_refused_before_anything_is_loaded(tmp_path: Path) -> None:
    with pytest.raises(NluError, match="at least 1 seed, not 0"):
        build_encoder(tmp_path, ["a", "b"], ["x", "y"], "skills", seeds=0)


def test_the_command_line_refuses_a_seed_count_below_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--config", config_file(tmp_path), "models", "build", "nlu-encoder", "--seeds", "0"])
    assert stop.value.code == 2
    assert "--seeds: must be at least 1, not 0" in capsys.readouterr().err.strip().splitlines()[-1]


def test_averaging_gives_the_mean_of_every_weight_and_keeps_integer_buffers() -> None:
    torch = pytest.importorskip("torch", reason="averaging tuned encoders needs torch (a build-time dependency)")

    class Tiny(torch.nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self, value: float) -> None:
            super().__init__()
            self.linear = torch.nn.Linear(2, 2)
            torch.nn.init.constant_(self.linear.weight, value)
            self.register_buffer("ids", torch.tensor([value]).long())

    first, second = Tiny(1.0), Tiny(4.0)
    mean = averaged([first, second])
    assert torch.allclose(mean.linear.weight, torch.full((2, 2), 2.5))
    assert mean.ids.tolist() == [1]  # positions and such are not averaged


def test_the_tenth_kept_back_from_tuning_is_decided_by_the_words_alone() -> None:
    from assistant.router.nlu.sentence_encoder import held_out_from_tuning

    texts = [f"set a timer for {n} minutes in room {n % 7}" for n in range(3000)]
    share = sum(held_out_from_tuning(t) for t in texts) / len(texts)
    assert 0.08 < share < 0.12
    picked = next(t for t in texts if held_out_from_tuning(t))
    assert held_out_from_tuning("  " + picked.upper().replace(" ", "   ") + " ")  # case and spacing do not matter


def test_scope_statistics_come_from_the_calibration_rows_alone() -> None:
    import numpy as np

    from assistant.router.nlu.scope import train_scope

    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(30, 6)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    label_ids = np.arange(30) % 3
    held_out = np.full((30, 3), 0.05, dtype=np.float32)
    held_out[np.arange(30), label_ids] = np.linspace(0.4, 0.9, 30)
    in_scope = np.ones(30, dtype=bool)
    calibrate = np.arange(30) < 10
    everyone, _ = train_scope(vectors, label_ids, 3, held_out, in_scope)
    tenth, confidences = train_scope(vectors, label_ids, 3, held_out, in_scope, calibrate)
    assert everyone.mean_p == pytest.approx(float(held_out.max(axis=1).mean()))
    assert tenth.mean_p == pytest.approx(float(held_out.max(axis=1)[:10].mean()))
    assert confidences.shape == (30,)  # every row still gets its confidence
