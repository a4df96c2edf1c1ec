"""Benchmark: the shipped intent-test suite (``suites/``) through the whole pipeline with the embedded engine.

The budget is 10 s for ``assistant test suites --nlu embedded`` on 2 cores, start to exit. Measured: that
command's wall time as a user runs it (a fresh process: imports, validation, model load, every conversation),
median and p95 over repetitions after one warm-up (which trains the model if its cache is cold), with 2 worker
processes and with 1 (the peer compared with); per-step latency from the run's JSON report; peak memory of the
largest process, from one more run started by a small Python process (Linux carries ``ru_maxrss`` over from the
parent across fork + exec, so measured from this process it would report the benchmark's own size, or that of
an earlier benchmark of the same ``assistant bench``, whenever that is larger).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.benchmarks.registry import router_nlu, write_figures
from assistant.config import Settings

NAME = "scripts"
BUDGET_S = 10.0
ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / "suites"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else 0.0


def _command(workers: int, report: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "assistant",
        "test",
        str(SUITE),
        "--nlu",
        "embedded",
        "--workers",
        str(workers),
        "--json",
        str(report),
    ]


_PEAK_SHIM = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def _peak_rss_kb(command: list[str]) -> int:
    """Peak RSS of ``command``'s largest process (itself or a worker), measured by a small parent of its own."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_SHIM, *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1) or not done.stdout.strip():
        raise RuntimeError(f"assistant test failed to run (exit {done.returncode}) while measuring its memory")
    return int(done.stdout.split()[-1])


def _timed_runs(workers: int, repeats: int, folder: Path) -> dict[str, Any]:
    walls: list[float] = []
    report = folder / f"run-{workers}.json"
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run(_command(workers, report), cwd=ROOT, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"assistant test failed to run: {done.stderr.strip()[-500:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    steps = [s["ms"] for c in data["conversations"] for s in c["steps"]]
    return {
        "workers": workers,
        "repeats": repeats,
        "conversations": data["summary"]["conversations"],
        "steps": data["summary"]["steps"],
        "failed_conversations": data["summary"]["conversations_failed"],
        "run_s_in_process": data["seconds"],
        "wall_s_median": round(statistics.median(walls), 3),
        "wall_s_p95": round(_percentile(walls, 0.95), 3),
        "wall_s_all": [round(w, 3) for w in walls],
        "step_ms_median": round(statistics.median(steps), 2) if steps else 0.0,
        "step_ms_p95": round(_percentile(steps, 0.95), 2),
    }


def run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]:
    repeats = 1 if quick else 5
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-scripts-") as tmp:
        folder = Path(tmp)
        subprocess.run(_command(2, folder / "warm.json"), cwd=ROOT, capture_output=True, check=False)
        parallel = _timed_runs(2, repeats, folder)
        serial = _timed_runs(1, repeats, folder)
        peak_kb = _peak_rss_kb(_command(2, folder / "memory.json"))
    figures: dict[str, Any] = {
        "benchmark": NAME,
        "what": "assistant test suites --nlu embedded, a fresh process each time (imports, validation, runs)",
        "budget_s": BUDGET_S,
        "within_budget": parallel["wall_s_median"] <= BUDGET_S,
        "parallel": parallel,
        "serial": serial,
        "speedup_vs_serial": round(serial["wall_s_median"] / parallel["wall_s_median"], 2),
        "peak_rss_mb_largest_process": round(peak_kb / 1024, 1),
        "router_nlu": router_nlu(settings),
        "machine": {
            "cores": os.cpu_count(),
            "load_1min_before": round(load_before, 2),
            "load_1min_after": round(os.getloadavg()[0], 2),
        },
        "quick": quick,
    }
    return write_figures(out_dir, NAME, figures, _markdown(figures))


def _row(label: str, r: dict[str, Any]) -> str:
    cells = (r["wall_s_median"], r["wall_s_p95"], r["run_s_in_process"], r["step_ms_median"], r["step_ms_p95"])
    return f"| {label} | " + " | ".join(str(c) for c in cells) + f" | {r['failed_conversations']} |"


def _markdown(f: dict[str, Any]) -> str:
    p, s, m = f["parallel"], f["serial"], f["machine"]
    verdict = "within" if f["within_budget"] else "OVER"
    return f"""# Benchmark: shipped intent-test suite

`{f["what"]}`: {p["conversations"]} conversations, {p["steps"]} steps; {p["repeats"]} timed run(s) per
setting after one warm-up. Machine: {m["cores"]} cores, 1-minute load average {m["load_1min_before"]} before and
{m["load_1min_after"]} after (other engineers' work shares the cores, so these are upper bounds). NLU:
{f.get("router_nlu", "(not recorded)")}.

| setting | wall median (s) | wall p95 (s) | conversations only (s) | step median (ms) | step p95 (ms) | failed |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
{_row("2 workers", p)}
{_row("1 worker (peer)", s)}

- Budget {f["budget_s"]} s on 2 cores: **{verdict}** ({p["wall_s_median"]} s median, start to exit, 2 workers).
- 2 workers against 1: ×{f["speedup_vs_serial"]} on the whole command (imports and the model load are serial).
- Peak RSS of the largest process (the CLI or a worker): {f["peak_rss_mb_largest_process"]} MB.
- Each conversation gets a fresh assistant (own SQLite in /dev/shm, frozen clock, fixtures seeded); the NLU
  engine is loaded once per run and shared.

Reproduce: `assistant bench scripts` (writes benchmarks/scripts.json and .md).
"""
