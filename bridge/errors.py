"""The bridge's exceptions.

    BridgeError                 anything the bridge raises on purpose
    ├── EnvelopeError           a message that does not decode: names the field path and what is allowed
    │   └── WireVersionError    a wire frame or envelope of a version this bridge does not speak
    ├── TranslationError        a valid message the other vendor cannot express
    └── TransportError          the other side could not be reached or answered nonsense

Every message is one line a user can act on; foreign errors are chained with ``raise ... from``.
"""

from __future__ import annotations


class BridgeError(Exception):
    """Base of every error the bridge raises on purpose."""


class EnvelopeError(BridgeError):
    """A message that cannot be decoded; ``path`` is the dotted key path of the bad field."""

    def __init__(self, where: str, path: str, problem: str) -> None:
        self.where = where
        self.path = path
        self.problem = problem
        location = f"{where}: {path}" if path else where
        super().__init__(f"{location}: {problem}")


class WireVersionError(EnvelopeError):
    """The frame or envelope says a version this bridge does not speak."""


class TranslationError(BridgeError):
    """A message that is valid for one vendor but cannot be expressed for the other."""


class TransportError(BridgeError):
    """The other side did not answer, or answered with something that is not a message."""
