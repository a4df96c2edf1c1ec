"""The base class of every vendor message: strict, frozen, and symmetric on the wire.

``Message.from_dict(m.to_dict()) == m`` holds for every message class (the reflective round-trip test walks the
package to check it). Decoding never lets a pydantic error escape: it becomes an :class:`EnvelopeError` naming the
key path, what was wrong and what is allowed.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from bridge.errors import EnvelopeError, WireVersionError

M = TypeVar("M", bound="WireModel")

#: The longest text a single string field may carry (a spoken command is far shorter).
MAX_TEXT = 4096


class WireModel(BaseModel):
    """A message or a part of one; the field names are the wire names (aliases where Python forbids them)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)

    #: How errors name this message ("miai request", "cortana activity").
    wire_name: ClassVar[str] = "message"

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready wire form: aliases used, absent optional fields left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    @classmethod
    def from_dict(cls: type[M], data: object) -> M:
        """Decode the wire form, raising :class:`EnvelopeError` on the first thing wrong."""
        if not isinstance(data, dict):
            raise EnvelopeError(cls.wire_name, "", f"must be a JSON object, got {type(data).__name__}")
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            raise envelope_error(cls.wire_name, e) from None


def envelope_error(where: str, error: ValidationError) -> EnvelopeError:
    """Turn pydantic's first complaint into one specific, readable line.

    A wrong ``version`` wins over everything else (the rest of the message is read by that version's rules) and
    is a :class:`WireVersionError`. Keys and values from the wire are shown shortened and escaped, so the message
    stays one line whatever the sender put in it.
    """
    errors = error.errors(include_url=False)
    first = next((e for e in errors if e["loc"] == ("version",) and e["type"] == "literal_error"), errors[0])
    path = ".".join(f"[{p}]" if isinstance(p, int) else shown_key(p) for p in first["loc"]).replace(".[", "[")
    kind = first["type"]
    got = first.get("input")
    if kind == "literal_error" and path == "version":
        expected = (first.get("ctx") or {}).get("expected")
        return WireVersionError(where, path, f"{shown(got)} is not spoken here (this bridge speaks {expected})")
    if kind == "missing":
        problem = "is required but missing"
    elif kind == "extra_forbidden":
        problem = "is not a field of this message (check the spelling)"
    elif kind == "string_pattern_mismatch" and first["loc"][-1] == "locale":
        problem = f"must be a BCP-47 locale such as en-US or zh-CN (got {shown(got)})"
    else:
        msg = str(first["msg"]).removeprefix("Value error, ")
        problem = f"{msg[0].lower()}{msg[1:]}"
        if not isinstance(got, dict | list):  # a whole object is noise; the path already says which
            problem += f" (got {shown(got)})"
    return EnvelopeError(where, path, problem)


def shown(value: object, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters: safe to put in a one-line message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown_key(key: object) -> str:
    """A key from the wire as it appears in an error path: plain when it is a tidy name, else quoted and cut."""
    text = str(key)
    return text if text.isprintable() and len(text) <= 64 and "." not in text else shown(text)
