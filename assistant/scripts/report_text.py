"""The readable report: a precise expected-vs-actual diff per failing turn, then per-file results and a summary
with per-intent accuracy and the confusion table. The pytest plugin shows the same failure text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assistant.scripts.outcome import ConversationOutcome, RunOutcome, StepOutcome
from assistant.scripts.summary import Summary, summarise
from assistant.scripts.values import show

_EXAMPLE_MAX = 48


def describe_failure(outcome: ConversationOutcome) -> str:
    """Every failing step of one conversation: where it is, what was said or done, and each field's diff."""
    conversation = outcome.conversation
    lines = [f"FAIL {conversation.where}: {conversation.suite} › {conversation.name} [{outcome.nlu}]"]
    if outcome.error is not None:
        lines.append(f"  could not start: {outcome.error}")
        return "\n".join(lines)
    for number, step in outcome.failed_steps:
        lines += _describe_step(conversation.path, number, step)
    return "\n".join(lines)


def _describe_step(path: Path, number: int, outcome: StepOutcome) -> list[str]:
    step = outcome.step
    lines = [f"  {path}:{step.line}: step {number}, {step.label}"]
    if outcome.error is not None:
        return [*lines, f"    error: {outcome.error}"]
    observed = outcome.observed
    if observed is not None and step.kind != "advance":
        if step.kind == "audio":
            lines.append(f"    heard: {show(observed.query)}")
        lines.append(f"    reply: {show(observed.reply)}")
    width = max(len(m.field) for m in outcome.mismatches)
    for mismatch in outcome.mismatches:
        lines.append(f"    line {mismatch.line}  {mismatch.field:<{width}}  expected: {mismatch.expected}")
        lines.append(f"    {'':>{len(str(mismatch.line)) + 5}}  {'':<{width}}  actual:   {mismatch.actual}")
    return lines


def render_report(run: RunOutcome, *, verbose: bool = False) -> str:
    """The whole report: failures first (what to fix), then per-file results, then the summary."""
    summary = summarise(run.conversations)
    parts: list[str] = []
    for outcome in run.failed:
        parts.append(describe_failure(outcome))
    parts.append(_per_file(run.conversations, verbose))
    parts.append(render_summary(run, summary))
    return "\n\n".join(parts) + "\n"


def _per_file(outcomes: Iterable[ConversationOutcome], verbose: bool) -> str:
    by_file: dict[Path, list[ConversationOutcome]] = {}
    for outcome in outcomes:
        by_file.setdefault(outcome.conversation.path, []).append(outcome)
    width = max((len(str(p)) for p in by_file), default=10)
    lines = ["Scripts"]
    for path, items in by_file.items():
        passed = sum(o.passed for o in items)
        turns = sum(len(o.steps) for o in items)
        mark = "ok  " if passed == len(items) else "FAIL"
        lines.append(f"  {mark} {path!s:<{width}}  {passed}/{len(items)} conversations, {turns} steps")
        if verbose:
            for o in items:
                lines.append(f"         {'pass' if o.passed else 'FAIL'}  {o.conversation.name}  ({o.seconds:.2f} s)")
    return "\n".join(lines)


def render_summary(run: RunOutcome, summary: Summary) -> str:
    status = "PASSED" if run.passed else "FAILED"
    lines = [
        f"Summary: {status}: {summary.conversations - summary.conversations_failed}/{summary.conversations}"
        f" conversations passed, {summary.steps - summary.steps_failed}/{summary.steps} steps"
        f" ({run.nlu} NLU, {run.workers} worker{'s' if run.workers != 1 else ''}, {run.seconds:.1f} s)",
        "",
        _intent_table(summary),
        "",
        _confusion_table(summary),
    ]
    return "\n".join(lines)


def _intent_table(summary: Summary) -> str:
    if not summary.intents:
        return "Per-intent accuracy: no step states an intent"
    width = max(len("overall"), *(len(s.intent) for s in summary.intents))
    lines = [
        "Per-intent accuracy (steps that state an intent; actual = what the assistant acted on)",
        f"  {'intent':<{width}}  turns  correct  accuracy  confused with",
    ]
    for s in summary.intents:
        confused = ", ".join(f"{name} ×{n}" for name, n in s.confused_with.items())
        lines.append(f"  {s.intent:<{width}}  {s.turns:>5}  {s.correct:>7}  {s.accuracy:>8.1%}  {confused}".rstrip())
    lines.append(
        f"  {'overall':<{width}}  {summary.intent_turns:>5}  {summary.intent_correct:>7}"
        f"  {summary.intent_accuracy:>8.1%}"
    )
    return "\n".join(lines)


def _confusion_table(summary: Summary) -> str:
    cells = summary.confusions
    if not cells:
        return f"Confusion table: no confusions over {summary.intent_turns} turns (every intent was the expected one)"
    rows = [(e, a, str(n), _example(summary.examples.get((e, a), ""))) for e, a, n in cells]
    headers = ("expected", "actual", "turns", "e.g.")
    widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(3)]
    lines = [f"Confusion table (expected -> actual, {summary.intent_turns} turns; the diagonal is in the JSON)"]
    lines.append(f"  {headers[0]:<{widths[0]}}  {headers[1]:<{widths[1]}}  {headers[2]:>{widths[2]}}  {headers[3]}")
    for e, a, n, example in rows:
        lines.append(f"  {e:<{widths[0]}}  {a:<{widths[1]}}  {n:>{widths[2]}}  {example}")
    return "\n".join(lines)


def _example(text: str) -> str:
    return repr(text if len(text) <= _EXAMPLE_MAX else text[: _EXAMPLE_MAX - 3] + "...")
