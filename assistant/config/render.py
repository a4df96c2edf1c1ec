"""Render settings as a commented config.yml: every key, its value, and its field docstring as the comment.

config.yml in the repository is exactly ``render(Settings())`` (a test checks it), so the file and the code never
disagree. Regenerate it with ``python -m assistant.config.render > config.yml`` after changing a settings field.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assistant.config.settings import Settings

HEADER = """\
# config.yml: the simulator's one configuration file, read once at start and validated.
# Every key is shown with its default; delete what you do not change. Errors name the key path, e.g.
#   config.yml: speaker.wake.phrases[0]: must be a non-empty string
# ${NAME} or ${NAME:-default} in a value reads an environment variable (use it for secrets).
# Relative paths are taken from this file's folder. Generated from assistant/config/*.py: see README.md.
"""

WIDTH = 116


def render(settings: BaseModel, *, base: Path | None = None) -> str:
    lines = [HEADER]
    _render_model(settings, 0, lines, base)
    return "\n".join(lines).rstrip() + "\n"


def _render_model(model: BaseModel, depth: int, lines: list[str], base: Path | None) -> None:
    indent = "  " * depth
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        about = field.description
        doc = type(value).__doc__ if isinstance(value, BaseModel) else None
        if about is None and doc:
            about = doc.strip().splitlines()[0]
        if about:
            about = about.replace("``", "`").replace("None =", "null =")
            for line in textwrap.wrap(about, WIDTH - len(indent) - 2):
                lines.append(f"{indent}# {line}")
        if isinstance(value, BaseModel):
            lines.append(f"{indent}{name}:")
            _render_model(value, depth + 1, lines, base)
            if depth == 0:
                lines.append("")
        else:
            lines.append(f"{indent}{name}: {_scalar(value, base)}")


def _scalar(value: Any, base: Path | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, Path):
        return _scalar(str(value.relative_to(base)) if base and value.is_relative_to(base) else str(value), None)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_scalar(v, base) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return text if text and text.replace("-", "").replace("_", "").replace(".", "").isalnum() else json.dumps(text)


def main() -> None:
    sys.stdout.write(render(Settings()))


if __name__ == "__main__":
    main()
