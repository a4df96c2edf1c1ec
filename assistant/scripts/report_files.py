"""Machine-readable reports: JUnit XML (one testsuite per script file, one testcase per conversation) for CI
dashboards, and JSON with every step's observed result, the per-intent accuracy and the full confusion matrix.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.scripts.outcome import ConversationOutcome, RunOutcome, StepOutcome
from assistant.scripts.report_text import describe_failure
from assistant.scripts.summary import summarise


def junit_xml(run: RunOutcome) -> str:
    """JUnit XML as Jenkins, GitLab and GitHub test reporters read it."""
    root = ET.Element(
        "testsuites",
        name=f"intent scripts ({run.nlu})",
        tests=str(len(run.conversations)),
        failures=str(len(run.failed)),
        time=f"{run.seconds:.3f}",
    )
    by_file: dict[Path, list[ConversationOutcome]] = {}
    for outcome in run.conversations:
        by_file.setdefault(outcome.conversation.path, []).append(outcome)
    for path, outcomes in by_file.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=outcomes[0].conversation.suite,
            file=str(path),
            tests=str(len(outcomes)),
            failures=str(sum(not o.passed and o.error is None for o in outcomes)),
            errors=str(sum(o.error is not None for o in outcomes)),
            time=f"{sum(o.seconds for o in outcomes):.3f}",
            timestamp=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="nlu", value=run.nlu)
        for outcome in outcomes:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{outcome.conversation.suite}",
                name=outcome.conversation.name,
                file=str(path),
                line=str(outcome.conversation.line),
                time=f"{outcome.seconds:.3f}",
            )
            if outcome.error is not None:
                ET.SubElement(case, "error", message=outcome.error).text = describe_failure(outcome)
            elif not outcome.passed:
                ET.SubElement(case, "failure", message=_first_problem(outcome)).text = describe_failure(outcome)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _first_problem(outcome: ConversationOutcome) -> str:
    for number, step in outcome.failed_steps:
        if step.error is not None:
            return f"step {number} ({step.step.label}): {step.error}"
        m = step.mismatches[0]
        return f"step {number} ({step.step.label}): {m.field}: expected {m.expected}, actual {m.actual}"
    return "failed"


def json_report(run: RunOutcome) -> dict[str, Any]:
    summary = summarise(run.conversations)
    return {
        "nlu": run.nlu,
        "passed": run.passed,
        "seconds": round(run.seconds, 3),
        "workers": run.workers,
        "summary": {
            "conversations": summary.conversations,
            "conversations_failed": summary.conversations_failed,
            "steps": summary.steps,
            "steps_failed": summary.steps_failed,
            "intent_turns": summary.intent_turns,
            "intent_accuracy": round(summary.intent_accuracy, 4),
        },
        "intents": {
            s.intent: {
                "turns": s.turns,
                "correct": s.correct,
                "accuracy": round(s.accuracy, 4),
                "confused_with": dict(s.confused_with),
            }
            for s in summary.intents
        },
        "confusion": [{"expected": e, "actual": a, "turns": n} for (e, a), n in sorted(summary.confusion.items())],
        "conversations": [_conversation(o) for o in run.conversations],
    }


def _conversation(outcome: ConversationOutcome) -> dict[str, Any]:
    c = outcome.conversation
    return {
        "file": str(c.path),
        "line": c.line,
        "suite": c.suite,
        "name": c.name,
        "passed": outcome.passed,
        "seconds": round(outcome.seconds, 3),
        "error": outcome.error,
        "steps": [_step(s) for s in outcome.steps],
    }


def _step(outcome: StepOutcome) -> dict[str, Any]:
    step = outcome.step
    given: dict[str, Any] = {
        "say": step.text,
        "audio": str(step.audio) if step.audio else None,
        "advance_s": step.advance.total_seconds() if step.advance else None,
    }
    return {
        "line": step.line,
        "kind": step.kind,
        step.kind: given["advance_s" if step.kind == "advance" else step.kind],
        "passed": outcome.passed,
        "ms": round(outcome.ms, 3),
        "error": outcome.error,
        "mismatches": [m.to_json() for m in outcome.mismatches],
        "observed": dict(outcome.observed.raw) if outcome.observed is not None else None,
    }


def write_junit(run: RunOutcome, path: Path) -> Path:
    """Write :func:`junit_xml` to ``path`` (parent folders made) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(junit_xml(run), encoding="utf-8")
    return path


def write_json(run: RunOutcome, path: Path) -> Path:
    """Write :func:`json_report` to ``path`` (parent folders made) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(json_report(run), ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return path
