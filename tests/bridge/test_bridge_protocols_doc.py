"""docs/protocols.md stays true: its example turn is what the translator produces, and it names every wire field."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import bridge.cortana
import bridge.miai
from bridge import codec, translator
from bridge.cortana import Activity
from bridge.miai import MiAiRequest
from bridge.wire_model import WireModel

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocols.md"


@pytest.fixture(scope="module")
def doc() -> str:
    if not DOC.exists():
        pytest.fail(f"{DOC} is missing")
    return DOC.read_text(encoding="utf-8")


def example(doc: str, name: str) -> tuple[str, dict[str, Any]]:
    match = re.search(rf"<!-- example: {name} -->\n```json\n(.*?)\n```", doc, re.DOTALL)
    assert match, f"docs/protocols.md has no '{name}' example block"
    return match.group(1), json.loads(match.group(1))


def pasted(message: WireModel) -> str:
    return json.dumps(message.to_dict(), ensure_ascii=False, indent=2)


def test_the_example_turn_is_the_translators_real_output(doc: str) -> None:
    request_text, request_data = example(doc, "request")
    activity_text, _ = example(doc, "activity")
    reply_text, reply_data = example(doc, "reply")
    response_text, _ = example(doc, "response")
    request = MiAiRequest.from_dict(request_data)
    reply = Activity.from_dict(reply_data)
    assert request_text == pasted(request)
    assert reply_text == pasted(reply)
    assert activity_text == pasted(translator.request_to_activity(request)), "regenerate the activity example"
    assert response_text == pasted(translator.activity_to_response(reply)), "regenerate the response example"
    assert translator.activity_to_request(translator.request_to_activity(request)) == request


def test_the_frame_example_is_a_real_frame(doc: str) -> None:
    match = re.search(r'^(\{"wire":1,.*\})$', doc, re.MULTILINE)
    assert match
    frame = match.group(1).encode("utf-8")
    assert codec.encode(codec.decode(frame)) == frame


def wire_fields(module: object) -> dict[str, set[str]]:
    fields: dict[str, set[str]] = {}
    for obj in vars(module).values():
        if isinstance(obj, type) and issubclass(obj, WireModel) and obj.__module__ == getattr(module, "__name__", ""):
            fields[obj.__name__] = {f.alias or name for name, f in obj.model_fields.items()}
    return fields


@pytest.mark.parametrize("module", [bridge.miai, bridge.cortana], ids=["miai", "cortana"])
def test_every_wire_field_is_specified(doc: str, module: object) -> None:
    spec = doc[: doc.index("## 6.")]
    missing = {
        f"{cls}.{field}"
        for cls, fields in wire_fields(module).items()
        for field in fields
        if f"`{field}`" not in spec and f"**{cls}**: `{field}`" not in spec
    }
    assert not missing, f"docs/protocols.md sections 3-5 do not specify {sorted(missing)}"
