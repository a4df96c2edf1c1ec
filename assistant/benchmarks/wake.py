"""Benchmark: wake-phrase spotting, PocketSphinx keyword search + verification against verification alone.

Issue 5 asks for wake phrases spotted by the recognizer in keyword mode with a sensitivity setting. The engine runs
two stages on each speech segment (assistant/speaker/stt_pocketsphinx.py); the peer here is the second stage alone,
which is how wake phrases were spotted before keyword mode.

- Wake clips: each configured phrase spoken by espeak-ng in three voices/speeds, alone and followed by one of three
  commands in the same breath. "xiao ai" is synthesised as "shao eye", what a person says (espeak-ng reads the pinyin as
  "zai-oh ay-eye").
- Other speech: the assistant's own commands and short near misses ("how are you", "hey there") in the same
  voices, plus the shared real recordings.
- Per sensitivity: wake phrases found, false wakes, how much other speech the keyword pass stops before
  verification, and milliseconds of decoding per segment (what an idle speaker spends on speech not meant for it).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

from assistant.benchmarks.registry import machine, machine_line, write_figures
from assistant.benchmarks.speech import AUDIO, pct
from assistant.benchmarks.speech_clips import VOICES, clip, command_sentences
from assistant.config import Settings

NAME = "wake"
SENSITIVITIES = (0.2, 0.5, 0.65, 0.8)
SAID = {"xiao ai": "shao eye"}
TAILS = ("", " what time is it", " turn on the kitchen lamp", " play some jazz")
#: short everyday speech that sounds like a wake phrase's pieces ("how are you" has xiao ai's vowels)
NEAR_MISSES = ("how are you", "now", "hey there", "hello there", "okay", "good morning", "show me", "hi", "so what")


def _clips(settings: Settings, quick: bool) -> tuple[list[tuple[str, bytes]], list[bytes]]:
    from assistant.speaker.audio import read_pcm16k

    wake: list[tuple[str, bytes]] = []
    for phrase in settings.speaker.wake.phrases:
        said = SAID.get(phrase, phrase)
        for voice, speed in VOICES:
            for tail in TAILS:
                wake.append((phrase, clip(said + tail, voice, speed)))
    sentences = [*command_sentences(settings, 8 if quick else 30), *NEAR_MISSES]
    other = [clip(c, v, s) for c in sentences for v, s in VOICES]
    rows = (line.split("\t") for line in (AUDIO / "TRANSCRIPTS.tsv").read_text().splitlines()[1:])
    other += [read_pcm16k(AUDIO / f) for f, _text, src in rows if "wake word" not in src]
    return wake, other


def _measure(engine: Any, wake: list[tuple[str, bytes]], other: list[bytes], keyword_pass: bool) -> dict[str, Any]:
    spot = engine.spot if keyword_pass else engine.verify
    found: dict[str, int] = {}
    wake_ms: list[float] = []
    for phrase, pcm in wake:
        started = time.perf_counter()
        hit = spot(pcm)
        wake_ms.append((time.perf_counter() - started) * 1000)
        found[phrase] = found.get(phrase, 0) + (hit is not None and hit.phrase == phrase)
    engine.keyword_hits = 0
    false = 0
    other_ms: list[float] = []
    for pcm in other:
        started = time.perf_counter()
        false += spot(pcm) is not None
        other_ms.append((time.perf_counter() - started) * 1000)
    return {
        "wake_found": sum(found.values()),
        "wake_found_by_phrase": found,
        "wake_clips": len(wake),
        "false_wakes": false,
        "other_clips": len(other),
        "other_stopped_by_keyword_pass": len(other) - engine.keyword_hits if keyword_pass else 0,
        "other_ms_p50": round(pct(other_ms, 0.5), 1),
        "other_ms_p95": round(pct(other_ms, 0.95), 1),
        "other_ms_total": round(sum(other_ms), 1),
        "wake_ms_p50": round(pct(wake_ms, 0.5), 1),
    }


def run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]:
    if shutil.which("espeak-ng") is None:
        raise SystemExit("wake benchmark needs espeak-ng (apt-get install espeak-ng)")
    from assistant.router.factory import spoken_sentences
    from assistant.speaker.grammar import compile_grammar
    from assistant.speaker.stt_pocketsphinx import PocketSphinxEngine, keyword_threshold

    load_before = os.getloadavg()
    wake, other = _clips(settings, quick)
    engine = PocketSphinxEngine()
    engine.use_grammar(compile_grammar(spoken_sentences(settings), engine.vocabulary()))
    rows: dict[str, Any] = {}
    for sensitivity in SENSITIVITIES:
        engine.set_wake_phrases(settings.speaker.wake.phrases, sensitivity)
        rows[f"{sensitivity}"] = {
            "thresholds": {
                p: f"{keyword_threshold(engine.phones(p), sensitivity):.0e}" for p in settings.speaker.wake.phrases
            },
            "keyword+verify": _measure(engine, wake, other, keyword_pass=True),
            "verify only": _measure(engine, wake, other, keyword_pass=False),
        }
    data = {
        "benchmark": NAME,
        "quick": quick,
        **machine(load_before),
        "phrases": list(settings.speaker.wake.phrases),
        "by_sensitivity": rows,
    }
    return write_figures(out_dir, NAME, data, _markdown(data))


def _markdown(d: dict[str, Any]) -> str:
    lines = [
        "# Wake benchmark (`assistant bench wake`)",
        "",
        machine_line(d),
        f"Wake phrases {d['phrases']}, each in {len(VOICES)} espeak-ng voices/speeds, alone and followed by a command;"
        " other speech: the assistant's commands and short near misses in the same voices plus the shared recordings.",
        "",
        "| sensitivity | stages | wake found (by phrase) | false wakes | other speech stopped by keyword pass |"
        " decode ms per other segment p50 / p95 | total ms, other speech | ratio vs verify only |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for sensitivity, row in d["by_sensitivity"].items():
        base = row["verify only"]["other_ms_total"]
        for stages in ("keyword+verify", "verify only"):
            m = row[stages]
            lines.append(
                f"| {sensitivity} | {stages} | {m['wake_found']}/{m['wake_clips']} {m['wake_found_by_phrase']} |"
                f" {m['false_wakes']}/"
                f"{m['other_clips']} | {m['other_stopped_by_keyword_pass']}/{m['other_clips']} | {m['other_ms_p50']} /"
                f" {m['other_ms_p95']} | {m['other_ms_total']} | {m['other_ms_total'] / max(base, 1e-9):.2f}x |"
            )
    lines += ["", "Keyword thresholds per sensitivity: "]
    lines += [f"- {s}: {row['thresholds']}" for s, row in d["by_sensitivity"].items()]
    lines.append("")
    return "\n".join(lines)
