"""Benchmark: how soon `assistant chat` is ready, how much memory the text pipeline needs, how fast a turn is.

Goals from issue 3: the first prompt within 2 s of launching `assistant chat`, and a peak RSS of at most 150 MB.
Measured in fresh processes, as a user meets them:

- first prompt: from spawning `assistant chat` (stdin a pipe) until its banner line arrives on stdout, cold (an
  empty models folder: the NLU model is trained before the prompt) and warm (the cached model is loaded);
- the pipeline's peak RSS: VmHWM of a process that builds the Assistant (warm) and runs ~50 varied turns
  (VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork + exec);
- per-turn latency through the whole pipeline (speaker -> bridge -> router -> bridge -> speaker) in that process.

Each run gets its own data_dir; the warm runs share one models folder, trained once beforehand.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.benchmarks.registry import write_figures
from assistant.config import Settings

NAME = "chat"
FIRST_PROMPT_GOAL_S = 2.0
PEAK_RSS_GOAL_MB = 150.0

#: Varied turns across every built-in skill, with follow-ups, questions, confirmations and out-of-scope lines.
TURNS: tuple[str, ...] = (
    "what's the weather in Paris tomorrow", "and on sunday?", "what about Tokyo", "will it rain",
    "what time is it in Tokyo", "and in London?", "what's the date", "set a timer", "10 minutes",
    "set a pasta timer for 8 minutes", "what timers do I have", "how much time is left on the pasta timer",
    "cancel the timer", "set an alarm", "7 am", "remind me to call mom at 5 pm", "what alarms do I have",
    "turn on the kitchen lamp", "turn it off", "turn on the bedroom light", "dim it to 30 percent", "make it blue",
    "set the living room ac to 22 degrees", "make it warmer", "is the bedroom lamp on", "turn off everything", "no",
    "play songs by queen", "next song", "turn it up", "pause", "who wrote hamlet", "define gravity",
    "what is 12 times 7", "convert 5 miles to kilometers", "call mom", "hang up",
    "send a message to mom saying I'm running late", "yes", "add eggs to my shopping list",
    "what's on my shopping list", "clear my shopping list", "yes", "what can you do", "hello", "thank you",
    "book me a flight to Rome", "blorf the wibble", "ask weather about Paris", "open music", "the beatles",
)  # fmt: skip


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else 0.0


def _summary(values: list[float]) -> dict[str, Any]:
    return {"runs": len(values), "median": _percentile(values, 0.5), "p95": _percentile(values, 0.95), "all": values}


def _assistant_command() -> list[str]:
    """The console script a user runs, next to this interpreter; ``-m`` when it is not installed."""
    script = Path(sys.executable).parent / "assistant"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli.main"]


def _config(folder: Path, models_dir: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yml"
    path.write_text(f"models_dir: {models_dir}\ndata_dir: {folder / 'data'}\n", encoding="utf-8")
    return path


def first_prompt_s(config: Path) -> float:
    """Seconds from spawning `assistant chat` until its first line (the banner before the first prompt)."""
    started = time.perf_counter()
    with subprocess.Popen(
        [*_assistant_command(), "chat", "--config", str(config)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as chat:
        assert chat.stdout is not None and chat.stdin is not None
        line = chat.stdout.readline()
        elapsed = time.perf_counter() - started
        chat.stdin.close()
        chat.wait(timeout=60)
    if not line.strip():
        raise RuntimeError(f"assistant chat printed nothing (exit {chat.returncode}); try it with --config {config}")
    return elapsed


def probe(config: str) -> None:
    """Run in a fresh process: build the pipeline, run TURNS, print build time, turn latencies and VmHWM as JSON."""
    from assistant.app import Assistant
    from assistant.config import load_settings
    from assistant.router.services.clock import ManualClock

    started = time.perf_counter()
    assistant = Assistant.build(load_settings(Path(config)), clock=ManualClock())
    build_s = time.perf_counter() - started
    turn_ms: list[float] = []
    not_understood = 0
    for text in TURNS:
        began = time.perf_counter()
        result = assistant.text_turn(text)
        turn_ms.append((time.perf_counter() - began) * 1000)
        not_understood += result.not_understood
    assistant.close()
    status = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
    hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(json.dumps({"build_s": build_s, "turn_ms": turn_ms, "vmhwm_kb": hwm, "not_understood": not_understood}))


def _run_probe(config: Path) -> dict[str, Any]:
    code = f"from assistant.benchmarks.chat import probe; probe({str(config)!r})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the pipeline probe failed: {done.stderr.strip().splitlines()[-1:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]:
    del settings  # every run uses its own config.yml in a temp folder
    cold_runs, warm_runs, probe_runs = (1, 3, 1) if quick else (3, 10, 3)
    load_before = os.getloadavg()
    root = Path(tempfile.mkdtemp(prefix="bench-chat-"))
    try:
        cold = [first_prompt_s(_config(root / f"cold-{i}", root / f"cold-{i}" / "models")) for i in range(cold_runs)]
        shared_models = root / "models"
        first_prompt_s(_config(root / "warm-up", shared_models))  # trains the shared model once
        warm = [first_prompt_s(_config(root / f"warm-{i}", shared_models)) for i in range(warm_runs)]
        probes = [_run_probe(_config(root / f"probe-{i}", shared_models)) for i in range(probe_runs)]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    turn_ms = [ms for p in probes for ms in p["turn_ms"]]
    peak_mb = max(p["vmhwm_kb"] for p in probes) / 1024
    figures = {
        "benchmark": NAME,
        "goals": {"first_prompt_s": FIRST_PROMPT_GOAL_S, "peak_rss_mb": PEAK_RSS_GOAL_MB},
        "first_prompt_cold_s": _summary(cold),
        "first_prompt_warm_s": _summary(warm),
        "pipeline": {
            "turns_per_run": len(TURNS),
            "runs": len(probes),
            "build_s_median": _percentile([p["build_s"] for p in probes], 0.5),
            "turn_ms_p50": _percentile(turn_ms, 0.5),
            "turn_ms_p95": _percentile(turn_ms, 0.95),
            "turn_ms_max": max(turn_ms),
            "peak_rss_mb": peak_mb,
            "not_understood_per_run": probes[0]["not_understood"],
        },
        "machine": {"cpus": os.cpu_count(), "loadavg_before": load_before, "loadavg_after": os.getloadavg()},
        "quick": quick,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_figures(out_dir, NAME, figures, _markdown(figures))


def _markdown(f: dict[str, Any]) -> str:
    cold, warm, pipe = f["first_prompt_cold_s"], f["first_prompt_warm_s"], f["pipeline"]
    machine = f["machine"]

    def verdict(value: float, goal: float) -> str:
        return f"{value / goal:.2f}× goal, {'met' if value <= goal else 'MISSED'}"

    return "\n".join(
        [
            "# `assistant chat`: first prompt, peak memory, turn latency",
            "",
            f"Machine: {machine['cpus']} CPUs shared with other work; load average before "
            f"{machine['loadavg_before'][0]:.2f}, after {machine['loadavg_after'][0]:.2f}. Produced by "
            f"`assistant bench chat`{' --quick' if f['quick'] else ''}; fresh processes, console script.",
            "",
            "| measure | median | p95 | goal | vs goal (median) |",
            "| --- | --- | --- | --- | --- |",
            f"| first prompt, warm model cache ({warm['runs']} runs) | {warm['median']:.2f} s | {warm['p95']:.2f} s "
            f"| ≤ {FIRST_PROMPT_GOAL_S:.0f} s | {verdict(warm['median'], FIRST_PROMPT_GOAL_S)} |",
            f"| first prompt, cold: trains the NLU model ({cold['runs']} runs) | {cold['median']:.2f} s "
            f"| {cold['p95']:.2f} s | (once per skill change) | {cold['median'] / FIRST_PROMPT_GOAL_S:.1f}× |",
            f"| pipeline peak RSS (VmHWM, build + {pipe['turns_per_run']} turns, max of {pipe['runs']}) "
            f"| {pipe['peak_rss_mb']:.0f} MB | | ≤ {PEAK_RSS_GOAL_MB:.0f} MB "
            f"| {verdict(pipe['peak_rss_mb'], PEAK_RSS_GOAL_MB)} |",
            f"| per-turn latency, whole pipeline ({pipe['turns_per_run'] * pipe['runs']} turns) "
            f"| {pipe['turn_ms_p50']:.1f} ms | {pipe['turn_ms_p95']:.1f} ms | | max {pipe['turn_ms_max']:.1f} ms |",
            f"| Assistant.build in-process, warm (median) | {pipe['build_s_median'] * 1000:.0f} ms | | | |",
            "",
            f"The {pipe['turns_per_run']} turns cover every built-in skill, follow-ups, questions, confirmations and "
            f"out-of-scope lines ({pipe['not_understood_per_run']} of them get the fallback).",
            "",
        ]
    )
