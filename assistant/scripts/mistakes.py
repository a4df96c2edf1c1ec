"""Every mistake of a script in one run: noted as reading goes on, reported together in line order, one line each.

Reading a script does not stop at its first mistake: a wrong value spoils only the key, step or conversation it is
in, the rest is still read and checked, so a file with eight mistakes needs one fix-and-rerun cycle, not eight. A
mistake that leaves nothing to read further (a YAML syntax error, a script that is not a mapping) is the only one
its file reports.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import ScriptError

#: At most this many mistakes are listed; the rest are counted ("and 7 more").
LIMIT = 20


class Mistake(ScriptError):
    """One thing wrong at one line of one script: ``file:line: what is wrong``."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line


class Mistakes:
    """The mistakes found so far in one file."""

    def __init__(self) -> None:
        self.found: list[ScriptError] = []

    def note(self, mistake: ScriptError) -> None:
        self.found.append(mistake)

    @contextmanager
    def checking(self) -> Iterator[None]:
        """Run a block of reading; a mistake in it is noted, and reading goes on after the block."""
        try:
            yield
        except ScriptError as e:
            self.found.append(e)

    def in_line_order(self) -> list[ScriptError]:
        """Sorted by line (stable: two mistakes on one line keep the order they were found in)."""
        return sorted(self.found, key=lambda e: e.line if isinstance(e, Mistake) else 0)


class ScriptMistakes(ScriptError):
    """The mistakes of one or more scripts as one error: a single mistake reads as itself, several as a count and
    then one ``file:line: what is wrong`` line each (at most :data:`LIMIT`, then "and N more")."""

    def __init__(self, mistakes: Sequence[ScriptError]) -> None:
        super().__init__(_listed(mistakes))
        self.mistakes = tuple(mistakes)


def _listed(mistakes: Sequence[ScriptError]) -> str:
    if len(mistakes) == 1:
        return str(mistakes[0])
    files = list(dict.fromkeys(e.path for e in mistakes if isinstance(e, Mistake)))
    where = str(files[0]) if len(files) == 1 else f"{len(files) or 'the'} scripts"
    lines = [f"{len(mistakes)} mistakes in {where} (fix them all, then run again):"]
    lines += [str(e) for e in mistakes[:LIMIT]]
    if len(mistakes) > LIMIT:
        lines.append(f"and {len(mistakes) - LIMIT} more")
    return "\n".join(lines)
