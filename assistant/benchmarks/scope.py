"""Benchmark ``scope``: what the whole pipeline does with requests no skill serves, embedded NLU against Rasa.

The NLU benchmarks score engines alone; a user meets the router, which also checks the engine's guess against the
skills' words, templates and slots (``router.guesses``) before it acts. Here CLINC150's out-of-scope test
utterances (banking, travel, cooking, ... none of it a built-in skill's business) go through the assistant one at a
time, each in a new session, exactly as typed text does in ``assistant chat``; each turn is sorted by what it did:

- **fallback**: the helpful "I can't help with that yet" (the wanted answer);
- **answered**: some skill replied or asked a question, with nothing done ("Which device?");
- **acted**: a device changed, music started, a call or message went out, or something was stored (a list item,
  an alarm, a timer: any change to the files under the data folder): the costly mistake.

The other side of the trade is measured too (``served``): CLINC150's test requests of the intents a built-in skill
serves, and how many reached that skill instead of the fallback.

Rasa is the peer: the same router and skills with its DIET model (seeded, so the figures repeat); it is left out,
with the reason, where its environment cannot be set up.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.benchmarks.registry import machine, machine_line, router_nlu, write_figures
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.router.speech import FALLBACK_START
from assistant.turn import TurnResult

NAME = "scope"
QUICK_SAMPLE = 150


def stored(data_dir: Path) -> str:
    """A digest of every file under ``data_dir`` (the skills' SQLite stores and their write-ahead logs; not the
    ``-shm`` index, which a read touches too): it changes when a turn stores anything."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and not p.name.endswith("-shm")):
        digest.update(str(path.relative_to(data_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def outcome(result: TurnResult, *, wrote: bool = False) -> str:
    """``fallback``, ``answered`` or ``acted`` (see the module docstring); ``wrote``: the turn stored something."""
    acted = (
        wrote
        or result.action is not None
        or bool(result.device_changes)
        or any(d.get("type") == "audio" for d in result.directives)
    )
    if acted:
        return "acted"
    return "fallback" if (result.speech or "").startswith(FALLBACK_START) else "answered"


def first_turns(settings: Settings, engine: str, texts: list[str]) -> tuple[float, list[tuple[str, TurnResult, str]]]:
    """Each text as the first turn of its own session, with its ``outcome``; and the seconds the assistant took to
    be ready. One data folder serves every turn, so a turn that stores anything shows as a change to it."""
    from assistant.app import Assistant
    from assistant.router.services.clock import ManualClock

    started = time.perf_counter()
    data_dir = Path(tempfile.mkdtemp())
    turns: list[tuple[str, TurnResult, str]] = []
    with Assistant.build(settings, nlu=engine, clock=ManualClock(), data_dir=data_dir) as assistant:
        ready = time.perf_counter() - started
        before = stored(data_dir)
        for text in texts:
            result = assistant.text_turn(text)
            assistant.new_session()
            after = stored(data_dir)
            turns.append((text, result, outcome(result, wrote=after != before)))
            before = after
    return ready, turns


def through_pipeline(settings: Settings, engine: str, texts: list[str]) -> dict[str, Any]:
    """Each text as the first turn of its own session; counts by outcome, the intents that did not fall back."""
    started = time.perf_counter()
    ready, turns = first_turns(settings, engine, texts)
    counts: Counter[str] = Counter()
    intents: Counter[str] = Counter()
    examples: dict[str, list[str]] = {"answered": [], "acted": []}
    for text, result, kind in turns:
        counts[kind] += 1
        if kind != "fallback":
            intents[str(result.intent)] += 1
            examples[kind].append(f"{text} -> {result.intent}: {result.speech}")
    return {
        "utterances": len(texts),
        **{kind: counts[kind] for kind in ("fallback", "answered", "acted")},
        "intents": dict(intents.most_common()),
        "examples": {kind: lines[:8] for kind, lines in examples.items()},
        "ready_s": round(ready, 2),
        "seconds": round(time.perf_counter() - started, 1),
    }


def run(settings: Settings, out_dir: Path, quick: bool) -> list[Path]:
    from assistant.benchmarks.served import SERVED_BY, served_requests, served_through_pipeline
    from assistant.router.nlu.datasets import load_clinc

    texts = [e.text for e in load_clinc("test").examples if e.intent == "oos"]
    requests = served_requests("test")
    if quick:
        texts = texts[:: max(1, len(texts) // QUICK_SAMPLE)][:QUICK_SAMPLE]
        requests = requests[:: max(1, len(requests) // QUICK_SAMPLE)][:QUICK_SAMPLE]
    load_before = os.getloadavg()
    engines: dict[str, Any] = {}
    for engine in ("embedded", "rasa"):
        print(f"   {engine}: {len(texts)} out-of-scope and {len(requests)} served requests through the pipeline")
        try:
            engines[engine] = through_pipeline(settings, engine, texts)
            engines[engine]["served"] = served_through_pipeline(settings, engine, requests)
        except AssistantError as e:  # Rasa's environment could not be built or started here
            engines[engine] = {"skipped": str(e)}
    figures = {
        "benchmark": NAME,
        "data": "CLINC150 data_full.json, oos_test" + (f" (every n-th, {len(texts)})" if quick else ""),
        "served_data": f"CLINC150 data_full.json, test, {len(SERVED_BY)} intents a built-in skill serves"
        + (f" (every n-th, {len(requests)})" if quick else ""),
        "served_skills": sorted(set(SERVED_BY.values())),
        "router_nlu": router_nlu(settings),
        "engines": engines,
        "machine": machine(load_before),
        "quick": quick,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_figures(out_dir, NAME, figures, _markdown(figures))


def _share(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.1f} %)" if whole else "-"


def _markdown(f: dict[str, Any]) -> str:
    lines = [
        "# Out-of-scope requests through the whole pipeline: embedded NLU vs Rasa",
        "",
        f"{machine_line(f['machine'])} Produced by `assistant bench scope`{' --quick' if f['quick'] else ''}. "
        f"Data: {f['data']}; each utterance is the first turn of a new session. Embedded engine as configured: "
        f"{f['router_nlu']}.",
        "",
        "| engine | utterances | fallback (wanted) | answered, nothing done | acted | ready in |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    measured = {name: e for name, e in f["engines"].items() if "skipped" not in e}
    for name, e in measured.items():
        n = e["utterances"]
        lines.append(
            f"| {name} | {n} | {_share(e['fallback'], n)} | {_share(e['answered'], n)} | {_share(e['acted'], n)} "
            f"| {e['ready_s']:.1f} s |"
        )
    lines.append("")
    for name, e in f["engines"].items():
        if "skipped" in e:
            lines += [f"- {name}: not measured: {e['skipped']}", ""]
    if {"embedded", "rasa"} <= measured.keys():
        emb, rasa = measured["embedded"], measured["rasa"]
        wrong_emb, wrong_rasa = emb["answered"] + emb["acted"], rasa["answered"] + rasa["acted"]
        ratio = f"{wrong_emb / wrong_rasa:.2f}×" if wrong_rasa else "-"
        lines += [f"Not the fallback, embedded against Rasa: {wrong_emb} vs {wrong_rasa} ({ratio}).", ""]
    lines += _served_table(f, measured)
    for name, e in measured.items():
        lines += [f"## {name}", "", "Intents that answered: " + _intents(e["intents"]) + ".", ""]
        for kind in ("acted", "answered"):
            lines += [f"- {kind}: {example}" for example in e["examples"][kind]]
        lines.append("")
    return "\n".join(lines)


def _served_table(f: dict[str, Any], measured: dict[str, Any]) -> list[str]:
    lines = [
        "## Requests a skill serves",
        "",
        f"Data: {f['served_data']} ({', '.join(f['served_skills'])}); each the first turn of a new "
        "session. Reached: the mapped skill answered, asked what it needed, or acted.",
        "",
        "| engine | utterances | reached the skill (wanted) | fallback | another skill (of which acted) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, e in measured.items():
        s, n = e["served"], e["served"]["utterances"]
        lines.append(
            f"| {name} | {n} | {_share(s['reached'], n)} | {_share(s['fallback'], n)} "
            f"| {_share(s['elsewhere'], n)} ({s['elsewhere_acted']}) |"
        )
    lines.append("")
    for name, e in measured.items():
        missed = ", ".join(f"{skill} {k}" for skill, k in e["served"]["missed_by_skill"].items()) or "none"
        lines += [f"Missed by {name}, by skill: {missed}.", ""]
        for kind in ("elsewhere", "fallback"):
            lines += [f"- {kind}: {example}" for example in e["served"]["examples"][kind]]
        lines.append("")
    return lines


def _intents(counts: dict[str, int]) -> str:
    return ", ".join(f"{intent} {n}" for intent, n in counts.items()) or "none"
