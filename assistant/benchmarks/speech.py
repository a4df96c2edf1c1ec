"""Benchmark: the speaker's speech path on this machine.

Goals from issue 5: STT real-time factor <= 0.2 in grammar mode, end of speech -> first TTS audio p50 <= 400 ms,
peak RSS of `assistant listen` <= 350 MB; and grammar-mode vs free-dictation transcript accuracy.

- RTF: decode time / audio time per engine and mode, over the shared recordings and a synthesised set, with the
  real command grammar (every example sentence of the router's NLU data).
- Accuracy: exact transcript match on commands synthesised with espeak-ng (several voices and speeds).
- End of speech -> first audio: in-process ListenLoop over synthesised command WAVs, through the real composed
  Assistant (bridge + router): STT finish + the turn + pyttsx3 rendering the reply WAV (the trailing-silence wait
  that decides the end of speech, speaker.end_silence_ms, comes before this and is reported apart).
- Peak RSS: VmHWM of a fresh `assistant listen --input X --once --json` process.
The machine has 2 cores shared with other work; the load average is recorded with the figures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.benchmarks.registry import machine, machine_line, router_nlu, write_figures
from assistant.config import Settings

NAME = "speech"
RTF_GOAL = 0.2
LATENCY_GOAL_MS = 400.0
RSS_GOAL_MB = 350.0
AUDIO = Path(__file__).resolve().parents[3] / "shared" / "data" / "audio"
VOICES = (("en-us+klatt", 160), ("en-us+f2", 130), ("en+klatt4", 175))


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))] if s else 0.0


def _speech(text: str, voice: str, speed: int) -> bytes:
    from assistant.speaker.audio import Resampler, float_to_pcm, pcm_to_float

    out = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True).stdout
    rate = int.from_bytes(out[24:28], "little")
    return float_to_pcm(Resampler(rate).process(pcm_to_float(out[44:], 2, 1)))


def _silence(seconds: float) -> bytes:
    import numpy as np

    from assistant.speaker.audio import RATE, float_to_pcm

    return float_to_pcm(np.random.default_rng(0).normal(0, 30, int(RATE * seconds)))


def clip(text: str, voice: str, speed: int) -> bytes:
    """``text`` spoken by espeak-ng between short stretches of room noise, as the recognizer would hear it."""
    return _silence(0.3) + _speech(text, voice, speed) + _silence(0.5)


def _decode(engine: Any, pcm: bytes) -> tuple[str, float]:
    from assistant.speaker.audio import FRAME_BYTES

    started = time.perf_counter()
    rec = engine.start()
    for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
        rec.accept(pcm[i : i + FRAME_BYTES])
    text = rec.finish().text
    return text, time.perf_counter() - started


def command_sentences(settings: Settings, count: int) -> list[str]:
    """``count`` of the skills' training examples of 3 to 7 words, evenly spread; never an out-of-scope one (some
    of those are made-up words, "dridle my daiblespa", which no recognizer should be measured on)."""
    from assistant.router.factory import training_data
    from assistant.router.nlu.types import OUT_OF_SCOPE

    examples = sorted(
        {
            e.text.lower()
            for e in training_data(settings).examples
            if e.intent != OUT_OF_SCOPE and 3 <= len(e.text.split()) <= 7
        }
    )
    step = max(1, len(examples) // count)
    return examples[::step][:count]


def _stt(settings: Settings, sentences: list[str], clips: list[tuple[str, bytes]]) -> dict[str, Any]:
    from assistant.speaker.grammar import compile_grammar, normalize
    from assistant.speaker.models import missing_files, model_for_locale
    from assistant.speaker.stt import make_engine

    engines = ["pocketsphinx"]
    folder = settings.models_dir / model_for_locale(settings.locale).folder
    result: dict[str, Any] = {}
    if missing_files(folder):
        result["vosk"] = {"skipped": f"model not installed at {folder} (assistant models download vosk-en)"}
    else:
        engines.append("vosk")
    for name in engines:
        for mode in ("grammar", "dictation"):
            engine = make_engine(settings, name)
            grammar = compile_grammar(sentences, engine.vocabulary())
            engine.use_grammar(grammar if mode == "grammar" else None)
            audio_s = decode_s = 0.0
            correct = 0
            for expected, pcm in clips:
                text, took = _decode(engine, pcm)
                audio_s += len(pcm) / 32000
                decode_s += took
                correct += text == normalize(expected)
            result[f"{name}/{mode}"] = {
                "clips": len(clips),
                "rtf": round(decode_s / audio_s, 4),
                "accuracy": round(correct / len(clips), 4),
                "grammar_sentences": len(grammar.sentences) if mode == "grammar" else None,
            }
    return result


def _latency(settings: Settings, commands: list[str], work: Path) -> dict[str, Any]:
    from assistant.app import Assistant
    from assistant.router.factory import spoken_sentences
    from assistant.speaker.audio import write_wav
    from assistant.speaker.grammar import compile_grammar
    from assistant.speaker.loop import ListenLoop
    from assistant.speaker.loop_parts import LoopOptions
    from assistant.speaker.sources import WavFileSource
    from assistant.speaker.stt import make_engine
    from assistant.speaker.tts import Pyttsx3Voice
    from assistant.spoken_conversation import QuietObserver, SpokenConversation

    engine = make_engine(settings, "pocketsphinx")
    engine.use_grammar(compile_grammar(spoken_sentences(settings), engine.vocabulary()))
    voice = Pyttsx3Voice(settings.speaker.tts)
    samples: list[float] = []
    stages: dict[str, list[float]] = {}
    with Assistant.build(settings.model_copy(update={"data_dir": work / "data"})) as assistant:
        for i, command in enumerate(commands):
            voice_name, speed = VOICES[i % len(VOICES)]
            path = work / f"cmd-{i}.wav"
            write_wav(path, _silence(0.4) + _speech(command, voice_name, speed) + _silence(1.0))
            loop = ListenLoop(
                settings.speaker,
                engine,
                SpokenConversation(assistant),
                QuietObserver(),
                options=LoopOptions(wake_mode="none", once=True, out_dir=work),
                voice=voice,
            )
            for turn in loop.run(WavFileSource(path)):
                samples.append(turn.ms["end_of_speech_to_audio"])
                for key in ("stt", "turn", "tts"):
                    stages.setdefault(key, []).append(turn.ms[key])
    return {
        "runs": len(samples),
        "p50_ms": round(pct(samples, 0.5), 1),
        "p95_ms": round(pct(samples, 0.95), 1),
        "stages_p50_ms": {k: round(pct(v, 0.5), 1) for k, v in stages.items()},
        "trailing_silence_ms": settings.speaker.end_silence_ms,
    }


def _peak_rss(settings: Settings, work: Path, clip: Path) -> float:
    report = work / "rss.txt"
    code = (
        "import sys; from assistant.cli.main import main\n"
        f"rc = main(['listen', '--input', {str(clip)!r}, '--once', '--json', '--out', {str(work)!r}])\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        f"open({str(report)!r}, 'w').write(hwm); sys.exit(rc)\n"
    )
    config = work / "config.yml"
    config.write_text(f"models_dir: {settings.models_dir}\ndata_dir: {work / 'rss-data'}\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run([sys.executable, "-c", code], cwd=work, env=env, check=True, capture_output=True)
    return int(report.read_text()) / 1024


def run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]:
    if shutil.which("espeak-ng") is None:
        raise SystemExit("speech benchmark needs espeak-ng (apt-get install espeak-ng)")
    load_before = os.getloadavg()
    commands = command_sentences(settings, 8 if quick else 30)
    clips = [(c, clip(c, v, s)) for c in commands for v, s in VOICES]
    from assistant.speaker.audio import read_pcm16k

    rows = (line.split("\t") for line in (AUDIO / "TRANSCRIPTS.tsv").read_text().splitlines()[1:])
    recordings = [(text, read_pcm16k(AUDIO / f)) for f, text, src in rows if "wake word" not in src]
    from assistant.router.factory import spoken_sentences

    sentences = [*spoken_sentences(settings), *(t for t, _ in recordings), "set timer"]
    work = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    try:
        stt = _stt(settings, sentences, clips + recordings)
        latency = _latency(settings, commands[: 6 if quick else 20], work)
        rss = _peak_rss(settings, work, work / "cmd-0.wav")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    data = {
        "benchmark": NAME,
        "quick": quick,
        **machine(load_before),
        "router_nlu": router_nlu(settings),
        "synthesised_clips": len(clips),
        "recordings": len(recordings),
        "stt": stt,
        "end_of_speech_to_first_audio": latency,
        "listen_peak_rss_mb": round(rss, 1),
        "goals": {"rtf_grammar": RTF_GOAL, "latency_p50_ms": LATENCY_GOAL_MS, "peak_rss_mb": RSS_GOAL_MB},
    }
    return write_figures(out_dir, NAME, data, _markdown(data))


def _markdown(d: dict[str, Any]) -> str:
    lines = [
        "# Speech benchmark (`assistant bench speech`)",
        "",
        machine_line(d),
        f"{d['synthesised_clips']} espeak-ng clips ({len(VOICES)} voices/speeds) + {d['recordings']} recordings.",
        f"Router NLU: {d.get('router_nlu', '(not recorded)')}.",
        "",
        "| engine/mode | RTF | goal | transcript accuracy | grammar sentences |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key, row in d["stt"].items():
        if "skipped" in row:
            lines.append(f"| {key} | skipped: {row['skipped']} | | | |")
            continue
        goal = f"<= {RTF_GOAL}" if key.endswith("grammar") else ""
        lines.append(f"| {key} | {row['rtf']} | {goal} | {row['accuracy']:.1%} | {row['grammar_sentences'] or ''} |")
    lat = d["end_of_speech_to_first_audio"]
    ps = d["stt"].get("pocketsphinx/grammar", {})
    pd = d["stt"].get("pocketsphinx/dictation", {})
    lines += [
        "",
        f"Grammar vs dictation accuracy (PocketSphinx): {ps.get('accuracy', 0):.1%} vs {pd.get('accuracy', 0):.1%}"
        f" (ratio {ps.get('accuracy', 0) / max(pd.get('accuracy', 0), 1e-9):.1f}x); RTF ratio dictation/grammar "
        f"{pd.get('rtf', 0) / max(ps.get('rtf', 0), 1e-9):.1f}x.",
        "",
        f"End of speech -> first TTS audio ({lat['runs']} turns through bridge + router): p50 {lat['p50_ms']} ms,"
        f" p95 {lat['p95_ms']} ms (goal p50 <= {LATENCY_GOAL_MS:.0f} ms); stage p50s {lat['stages_p50_ms']}.",
        f"Before this, {lat['trailing_silence_ms']} ms of trailing silence decide that speech ended.",
        "",
        f"Peak RSS of `assistant listen --once`: {d['listen_peak_rss_mb']} MB (goal <= {RSS_GOAL_MB:.0f} MB).",
        "",
    ]
    return "\n".join(lines)
