"""The Mi-AI side's vocabulary: XiaoAI open-platform custom-skill requests and responses.

The speaker front end speaks only these. Field names and shapes follow the XiaoAI developer platform's JSON
(``request.type`` 0 start / 1 intent / 2 end; ``response.to_speak``; ``directives`` of type ``tts`` or ``audio``).
The wire spec, field by field, is in docs/protocols.md.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Annotated, Any, ClassVar, Final, Literal

from pydantic import Field, SerializerFunctionWrapHandler, field_validator, model_serializer, model_validator

from bridge.wire_model import MAX_TEXT, WireModel

VERSION: Final = "1.0"
TYPE_TEXT: Final = 0  # to_speak / to_display type: plain text
#: 9999-12-31T23:59:59.999Z in milliseconds: the last moment an ISO 8601 timestamp (the Cortana side) can say.
MAX_TIMESTAMP: Final = 253_402_300_799_999

Text = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=256)]


class RequestType(IntEnum):
    START = 0  # the user opened the skill ("open <skill>")
    INTENT = 1  # a turn inside the session
    END = 2  # the session ended (user left, or the speaker timed out)


class Application(WireModel):
    app_id: Name


class User(WireModel):
    user_id: Name
    access_token: Text | None = None
    is_user_login: bool = False


class Session(WireModel):
    is_new: bool
    session_id: Name
    application: Application
    attributes: dict[str, Any] = Field(default_factory=dict)
    user: User


class Context(WireModel):
    """Where the request comes from; vendors add fields freely here, so extras are kept."""

    model_config = WireModel.model_config | {"extra": "allow"}
    device_id: Name

    @model_serializer(mode="wrap")
    def _keep_null_extras(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # to_dict leaves absent optional fields out; a vendor's explicit null among the extras is not one of them
        data: dict[str, Any] = handler(self)
        data.update({key: None for key, value in (self.model_extra or {}).items() if value is None})
        return data


class Intent(WireModel):
    query: Text
    score: float | None = None
    complete: bool | None = None
    domain: str | None = None
    is_direct_wakeup: bool | None = None


class Slot(WireModel):
    name: Name
    value: Text


class SlotInfo(WireModel):
    intent_name: Name
    is_confirmed: bool = False
    slots: list[Slot] = Field(default_factory=list)


class Request(WireModel):
    type: RequestType
    request_id: Name
    timestamp: int = Field(ge=0, le=MAX_TIMESTAMP)  # milliseconds since the epoch
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$")] = "en-US"
    intent: Intent | None = None
    slot_info: SlotInfo | None = None
    no_response: bool = False
    event_type: Name | None = None
    """Something that happened on the speaker, not said by the user: ``mediaplayer.playbackfinished``."""
    event_property: dict[str, Any] | None = None
    """What the event is about: ``{"token": ...}``, the audio item's token, for a media-player event."""

    @field_validator("type", mode="before")
    @classmethod
    def _type_is_int(cls, value: object) -> object:
        # strict mode would refuse a plain int for an IntEnum only in Python mode; JSON ints are what we get
        if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1, 2):
            return RequestType(value)
        if isinstance(value, RequestType):
            return value
        raise ValueError("must be 0 (start), 1 (intent) or 2 (end)")

    @model_validator(mode="after")
    def _event_is_a_turn(self) -> Request:
        if self.event_type is None and self.event_property is not None:
            raise ValueError("event_property needs an event_type to say what it is about")
        if self.event_type is not None and (self.type != RequestType.INTENT or self.no_response):
            raise ValueError("an event_type comes with type 1 (intent) and without no_response")
        return self


class MiAiRequest(WireModel):
    """What the speaker sends for one turn."""

    wire_name: ClassVar[str] = "miai request"
    version: Literal["1.0"] = VERSION
    query: Text = ""
    session: Session
    context: Context
    request: Request


class Speech(WireModel):
    type: Literal[0] = TYPE_TEXT
    text: Text


class TtsItem(WireModel):
    type: Literal["text"] = "text"
    text: Text


class AudioStream(WireModel):
    url: Annotated[str, Field(min_length=1, max_length=2048)]
    token: Name
    offset_in_milliseconds: int = Field(default=0, ge=0)


class AudioItem(WireModel):
    stream: AudioStream
    title: Text | None = None


class Directive(WireModel):
    """One thing for the speaker to do in order: speak a text (``tts``) or play a stream (``audio``)."""

    type: Literal["tts", "audio"]
    tts_item: TtsItem | None = None
    audio_item: AudioItem | None = None

    @model_validator(mode="after")
    def _item_matches_type(self) -> Directive:
        if self.type == "tts" and (self.tts_item is None or self.audio_item is not None):
            raise ValueError("a tts directive carries tts_item and no audio_item")
        if self.type == "audio" and (self.audio_item is None or self.tts_item is not None):
            raise ValueError("an audio directive carries audio_item and no tts_item")
        return self


class Response(WireModel):
    open_mic: bool = False
    to_speak: Speech | None = None
    to_display: Speech | None = None
    directives: list[Directive] | None = None
    not_understand: bool = False
    action: Name | None = None
    action_property: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _speaks_or_acts(self) -> Response:
        if self.to_speak is None and not self.directives:
            raise ValueError("one of to_speak or directives must be present")
        if self.open_mic and any(d.type == "audio" for d in self.directives or ()):
            raise ValueError("open_mic must be false when an audio directive plays")
        return self


class MiAiResponse(WireModel):
    """What the speaker gets back: what to say, show and do, and whether to keep listening."""

    wire_name: ClassVar[str] = "miai response"
    version: Literal["1.0"] = VERSION
    session_attributes: dict[str, Any] = Field(default_factory=dict)
    is_session_end: bool
    response: Response
