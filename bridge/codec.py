"""The bridge's wire format: one JSON frame per message, versioned, UTF-8.

    {"wire": 1, "kind": "miai.request" | "miai.response" | "cortana.activity", "body": {...the vendor message...}}

``encode`` and ``decode`` are symmetric (``decode(encode(m)) == m``) and pure; a transport wraps them. Every way a
frame can be wrong gives one :class:`EnvelopeError` naming the field, never a traceback.
"""

from __future__ import annotations

import json
import math
from typing import Final

from bridge.cortana import Activity
from bridge.errors import EnvelopeError, WireVersionError
from bridge.miai import MiAiRequest, MiAiResponse
from bridge.wire_model import WireModel, shown, shown_key

WIRE_VERSION: Final = 1
DEFAULT_MAX_BYTES: Final = 1_000_000

#: The explicit registry of what may travel: frame kind <-> message class.
KINDS: Final[dict[str, type[WireModel]]] = {
    "miai.request": MiAiRequest,
    "miai.response": MiAiResponse,
    "cortana.activity": Activity,
}
_KIND_OF: Final = {cls: kind for kind, cls in KINDS.items()}


def encode(message: WireModel) -> bytes:
    """One frame for ``message``."""
    kind = _KIND_OF.get(type(message))
    if kind is None:
        raise TypeError(f"{type(message).__name__} is not a wire message (register it in bridge.codec.KINDS)")
    frame = {"wire": WIRE_VERSION, "kind": kind, "body": message.to_dict()}
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> WireModel:
    """The message in one frame; raises :class:`EnvelopeError` saying what is wrong."""
    if len(data) > max_bytes:
        raise EnvelopeError("frame", "", f"is {len(data):,} bytes, more than the {max_bytes:,} allowed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise EnvelopeError("frame", "", f"is not UTF-8 (byte {e.start})") from None
    try:
        frame = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as e:
        raise EnvelopeError("frame", "", f"is not JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise EnvelopeError("frame", "", "is nested too deeply to be a message") from None
    except ValueError as e:  # NaN/Infinity, 1e999, or an integer of thousands of digits
        raise EnvelopeError("frame", "", f"is not JSON a peer can read: {str(e).split(':')[0]}") from None
    if not isinstance(frame, dict):
        raise EnvelopeError("frame", "", f"must be a JSON object, got {_json_type(frame)}")
    extra = sorted(set(frame) - {"wire", "kind", "body"})
    if extra:
        raise EnvelopeError("frame", shown_key(extra[0]), "is not a frame field (allowed: wire, kind, body)")
    version = frame.get("wire")
    if version is None:
        raise EnvelopeError("frame", "wire", "is required but missing")
    if version != WIRE_VERSION or isinstance(version, bool):
        raise WireVersionError(
            "frame", "wire", f"version {shown(version)} is not spoken here (this bridge speaks {WIRE_VERSION})"
        )
    kind = frame.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise EnvelopeError("frame", "kind", f"must be one of {', '.join(KINDS)} (got {shown(kind)})")
    if "body" not in frame:
        raise EnvelopeError("frame", "body", "is required but missing")
    if not isinstance(frame["body"], dict):
        raise EnvelopeError(
            "frame", "body", f"must be a JSON object (the {kind} message), got {_json_type(frame['body'])}"
        )
    if "\\u" in text:  # only an escape can smuggle in a lone surrogate, which no peer could encode again
        _refuse_lone_surrogates(frame["body"], cls.wire_name)
    return cls.from_dict(frame["body"])


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 parses as inf, which JSON cannot say back
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def _json_type(value: object) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def _refuse_lone_surrogates(body: object, where: str) -> None:
    pending: list[tuple[object, str]] = [(body, "")]
    while pending:
        value, path = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                _encodable(key, where, path)
                pending.append((item, f"{path}.{shown_key(key)}" if path else shown_key(key)))
        elif isinstance(value, list):
            pending.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
        else:
            _encodable(value, where, path)


def _encodable(value: object, where: str, path: str) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise EnvelopeError(where, path, "holds a lone UTF-16 surrogate escape (not a character)") from None


def decode_as(cls: type[WireModel], data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> WireModel:
    """Decode a frame that must hold a ``cls`` message."""
    message = decode(data, max_bytes=max_bytes)
    if not isinstance(message, cls):
        raise EnvelopeError("frame", "kind", f"must be {_KIND_OF[cls]} here (got {_KIND_OF[type(message)]})")
    return message
