"""Benchmark: the speaker's speech path on this machine.

Goals from issue 5: STT real-time factor <= 0.2 in grammar mode, end of speech -> first TTS audio p50 <= 400 ms,
peak RSS of `assistant listen` <= 350 MB; and grammar-mode vs free-dictation transcript accuracy.

- RTF: decode time / audio time per engine and mode, over the shared recordings and a synthesised set, with the
  real command grammar (every example sentence of the router's NLU data).
- Accuracy: exact transcript match on commands synthesised with espeak-ng (several voices and speeds, espeak-ng's
  default en-us and en-gb among them): the skills' own training sentences (in the grammar), everyday phrasing
  written apart from the skills' data (in the grammar or not), speech that is no command, noise, and recordings.
- Rejection: of the transcripts the engine marks clear (``Transcript.clear``), how many right ones it kept and how
  many wrong ones (noise and gibberish included) it held back, what the speaker then answers "didn't catch that".
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
from typing import TYPE_CHECKING, Any

from assistant.benchmarks.registry import machine, machine_line, router_nlu, write_figures
from assistant.benchmarks.speech_clips import (
    EVERYDAY,
    NOT_COMMANDS,
    VOICES,
    Clip,
    _silence,
    _speech,
    clip,
    command_sentences,
    noise_clips,
)
from assistant.config import Settings

if TYPE_CHECKING:
    from assistant.speaker.stt import Transcript

NAME = "speech"
RTF_GOAL = 0.2
LATENCY_GOAL_MS = 400.0
RSS_GOAL_MB = 350.0
AUDIO = Path(__file__).resolve().parents[3] / "shared" / "data" / "audio"


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))] if s else 0.0


def _decode(engine: Any, pcm: bytes) -> tuple[Transcript, float]:
    from assistant.speaker.audio import FRAME_BYTES

    started = time.perf_counter()
    rec = engine.start()
    for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
        rec.accept(pcm[i : i + FRAME_BYTES])
    transcript = rec.finish()
    return transcript, time.perf_counter() - started


def _stt(settings: Settings, sentences: list[str], clips: list[Clip]) -> dict[str, Any]:
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
            audio_s = decode_s = in_grammar_audio_s = in_grammar_decode_s = 0.0
            sets: dict[str, dict[str, int]] = {}
            for kind, expected, pcm in clips:
                transcript, took = _decode(engine, pcm)
                audio_s += len(pcm) / 32000
                decode_s += took
                if kind == "in_grammar":
                    in_grammar_audio_s += len(pcm) / 32000
                    in_grammar_decode_s += took
                right = expected is not None and transcript.text == normalize(expected)
                wrong = not right and bool(transcript.text)
                tally = sets.setdefault(kind, dict.fromkeys(("clips", "right", "wrong", "right_kept", "wrong_held"), 0))
                tally["clips"] += 1
                tally["right"] += right
                tally["wrong"] += wrong
                tally["right_kept"] += right and transcript.clear
                tally["wrong_held"] += wrong and not transcript.clear
            total = {
                k: sum(t[k] for t in sets.values()) for k in ("clips", "right", "wrong", "right_kept", "wrong_held")
            }
            result[f"{name}/{mode}"] = {
                "clips": len(clips),
                "rtf": round(in_grammar_decode_s / max(in_grammar_audio_s, 1e-9), 4),
                "rtf_all": round(decode_s / audio_s, 4),
                "accuracy": {kind: round(t["right"] / t["clips"], 4) for kind, t in sets.items()},
                "sets": sets,
                "right_kept": round(total["right_kept"] / max(total["right"], 1), 4),
                "wrong_held": round(total["wrong_held"] / max(total["wrong"], 1), 4),
                "wrong_acted_on": total["wrong"] - total["wrong_held"],
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
    everyday = EVERYDAY[:: 3 if quick else 1]
    clips: list[Clip] = [("in_grammar", c, clip(c, v, s)) for c in commands for v, s in VOICES]
    clips += [("everyday", c, clip(c, v, s)) for c in everyday for v, s in VOICES]
    clips += [("not_command", c, clip(c, v, s)) for c in NOT_COMMANDS for v, s in VOICES[::2]]
    clips += [("noise", None, pcm) for _, pcm in noise_clips()]
    from assistant.speaker.audio import read_pcm16k

    rows = (line.split("\t") for line in (AUDIO / "TRANSCRIPTS.tsv").read_text().splitlines()[1:])
    recordings: list[Clip] = [
        ("recording", None if "wake word" in src else text, read_pcm16k(AUDIO / f)) for f, text, src in rows
    ]
    from assistant.router.factory import spoken_sentences

    # the grammar `assistant listen` uses (the recordings' own sentences are no longer added to it)
    sentences = spoken_sentences(settings)
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
        "voices": [f"{v} {s}" for v, s in VOICES],
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
        f"{d['synthesised_clips']} clips: espeak-ng voices {', '.join(d.get('voices', []))}, noise;"
        f" + {d['recordings']} recordings. Exact transcript match per set: in_grammar (the skills' training"
        " sentences), everyday (commands written apart from the skills' data), not_command (speech no skill"
        " handles: only the words verbatim are right), noise (any transcript is wrong), recording.",
        f"Router NLU: {d.get('router_nlu', '(not recorded)')}.",
        "",
        "| engine/mode | RTF in_grammar (all clips) | goal | accuracy by set | right kept clear | wrong held back"
        " | wrong acted on"
        " | grammar sentences |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, row in d["stt"].items():
        if "skipped" in row:
            lines.append(f"| {key} | skipped: {row['skipped']} | | | | | | |")
            continue
        goal = f"<= {RTF_GOAL}" if key.endswith("grammar") else ""
        sets = row["sets"]
        accuracy = ", ".join(f"{k} {v['right']}/{v['clips']}" for k, v in sets.items())
        lines.append(
            f"| {key} | {row['rtf']} ({row['rtf_all']}) | {goal} | {accuracy} | {row['right_kept']:.1%}"
            f" | {row['wrong_held']:.1%} | {row['wrong_acted_on']} | {row['grammar_sentences'] or ''} |"
        )
    lines += [
        "",
        "Right kept clear: of the exact transcripts, the share the engine passes on as clear. Wrong held back: of the"
        " wrong non-empty transcripts, the share it marks not clear (the speaker says it didn't catch that). Wrong"
        " acted on: the wrong transcripts still passed on as clear (some only a word off: 'light' for 'lights').",
    ]
    lat = d["end_of_speech_to_first_audio"]
    ps = d["stt"].get("pocketsphinx/grammar", {})
    pd = d["stt"].get("pocketsphinx/dictation", {})
    lines += [
        "",
        f"Grammar vs dictation accuracy (PocketSphinx), in-grammar sentences: {_share(ps, 'in_grammar'):.1%} vs"
        f" {_share(pd, 'in_grammar'):.1%}; everyday phrasing: {_share(ps, 'everyday'):.1%} vs"
        f" {_share(pd, 'everyday'):.1%}. RTF ratio dictation/grammar"
        f" {pd.get('rtf', 0) / max(ps.get('rtf', 0), 1e-9):.1f}x.",
        "",
        f"End of speech -> first TTS audio ({lat['runs']} turns through bridge + router): p50 {lat['p50_ms']} ms,"
        f" p95 {lat['p95_ms']} ms (goal p50 <= {LATENCY_GOAL_MS:.0f} ms); stage p50s {lat['stages_p50_ms']}.",
        f"Before this, {lat['trailing_silence_ms']} ms of trailing silence decide that speech ended.",
        "",
        f"Peak RSS of `assistant listen --once`: {d['listen_peak_rss_mb']} MB (goal <= {RSS_GOAL_MB:.0f} MB).",
        "",
    ]
    return "\n".join(lines)


def _share(row: dict[str, Any], kind: str) -> float:
    tally = row.get("sets", {}).get(kind, {})
    return float(tally.get("right", 0)) / max(int(tally.get("clips", 0)), 1)
