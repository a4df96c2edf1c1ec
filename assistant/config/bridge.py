"""The ``bridge:`` block of config.yml: how the speaker and the router reach each other."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from assistant.config.section import Section


class BridgeSettings(Section):
    transport: Literal["inprocess"] = "inprocess"
    """How messages travel: ``inprocess`` (encoded to the JSON wire and back, in one process)."""
    secret: str | None = Field(default=None, min_length=16)
    """Shared secret for signing requests on network transports; ``${ASSISTANT_BRIDGE_SECRET}`` reads the env."""
    timeout_s: float = Field(default=10.0, gt=0, le=120)
    """How long the speaker waits for the router's answer before apologising."""
    max_message_bytes: int = Field(default=1_000_000, ge=1024, le=16_000_000)
    """Largest wire frame accepted; bigger frames are refused with an error."""
    app_id: str = Field(default="cortana.bridge", min_length=1)
    """The Mi-AI application id the speaker uses for the bridged skills."""
