"""The base class of every vendor message: strict, frozen, and symmetric on the wire.

``Message.from_dict(m.to_dict()) == m`` holds for every message class (the reflective round-trip test walks the
package to check it). Decoding never lets a pydantic error escape: it becomes an :class:`EnvelopeError` naming the
key path, what was wrong and what is allowed.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from bridge.errors import EnvelopeError

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
    """Turn pydantic's first complaint into one specific, readable line."""
    first = error.errors(include_url=False)[0]
    path = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in first["loc"]).replace(".[", "[")
    kind = first["type"]
    if kind == "missing":
        problem = "is required but missing"
    elif kind == "extra_forbidden":
        problem = "is not a field of this message (check the spelling)"
    else:
        got = first.get("input")
        shown = repr(got)
        if len(shown) > 40:
            shown = shown[:37] + "..."
        problem = f"{first['msg'][0].lower()}{first['msg'][1:]} (got {shown})"
    return EnvelopeError(where, path, problem)
