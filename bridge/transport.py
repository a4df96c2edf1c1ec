"""Transports: each carries one side's messages to a handler and its answer back, and is a handler itself.

:class:`InProcessTransport` pushes every message through the real wire codec (encode, decode on the far side,
handle, encode, decode) without a network, so what a network transport would carry is exercised on every turn.
A network transport with request signing implements the same ``handle`` and drops in for it.
"""

from __future__ import annotations

import logging
from typing import Any, Generic, Protocol, TypeVar

from bridge import codec
from bridge.errors import TransportError
from bridge.trace import Trace
from bridge.wire_model import WireModel

log = logging.getLogger(__name__)

Req = TypeVar("Req", bound=WireModel)
Resp = TypeVar("Resp", bound=WireModel)
Req_contra = TypeVar("Req_contra", bound=WireModel, contravariant=True)
Resp_co = TypeVar("Resp_co", bound=WireModel, covariant=True)


class Handler(Protocol[Req_contra, Resp_co]):
    def handle(self, message: Req_contra, /) -> Resp_co: ...


class InProcessTransport(Generic[Req, Resp]):
    """Carries ``Req`` to ``handler`` and ``Resp`` back, both through the JSON wire format."""

    def __init__(
        self,
        handler: Handler[Req, Resp],
        request_type: type[Req],
        response_type: type[Resp],
        *,
        hop: str,
        side: str,
        trace: Trace | None = None,
        max_bytes: int = codec.DEFAULT_MAX_BYTES,
    ) -> None:
        self._handler = handler
        self._request_type = request_type
        self._response_type = response_type
        self._hop = hop
        self._side = side
        self._trace = trace
        self._max_bytes = max_bytes

    def handle(self, message: Req) -> Resp:
        frame = codec.encode(message)
        far_side = self._decode(frame, self._request_type)
        if self._trace is None:
            answer = self._handler.handle(far_side)
        else:
            with self._trace.hop(self._hop, self._side, message.to_dict()) as box:
                answer = self._handler.handle(far_side)
                box["out"] = answer.to_dict()
        if not isinstance(answer, self._response_type):
            raise TransportError(
                f"{self._hop}: the handler answered {type(answer).__name__}, not {self._response_type.__name__}"
            )
        back: Resp = self._decode(codec.encode(answer), self._response_type)
        return back

    def _decode(self, frame: bytes, expected: type[Any]) -> Any:
        return codec.decode_as(expected, frame, max_bytes=self._max_bytes)
