"""The Cortana side's vocabulary: Bot Framework Activities on the ``cortana`` channel.

Skills speak only these. The fields are the Bot Framework Activity schema's (``from`` is ``from_`` in Python;
``$instance`` is ``instance``). On input the spec's short input-hint spellings (``accepting`` ...) are accepted
and normalised to the long form. The wire spec, field by field, is in docs/protocols.md.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Final, Literal

from pydantic import Field, field_validator

from bridge.wire_model import MAX_TEXT, WireModel

CHANNEL_ID: Final = "cortana"

ActivityType = Literal["message", "conversationUpdate", "endOfConversation", "event"]
InputHint = Literal["acceptingInput", "expectingInput", "ignoringInput"]
SemanticState = Literal["start", "continue", "done"]

_SHORT_HINTS = {"accepting": "acceptingInput", "expecting": "expectingInput", "ignoring": "ignoringInput"}

Text = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=256)]


class ChannelAccount(WireModel):
    id: Name
    name: Text | None = None
    role: Literal["user", "bot", "skill"] | None = None


class ConversationAccount(WireModel):
    id: Name


class EntityInstance(WireModel):
    """Where an entity sits in the text, LUIS-style; indices count code points, so Chinese works."""

    model_config = WireModel.model_config | {"populate_by_name": True}
    start_index: int = Field(alias="startIndex", ge=0)
    end_index: int = Field(alias="endIndex", ge=0)
    text: Text
    type: Name | None = None
    score: float | None = None


class SemanticAction(WireModel):
    """The intent a turn is about: ``id`` is the intent, ``entities`` its slots by name."""

    id: Name
    state: SemanticState = "start"
    entities: dict[str, Any] = Field(default_factory=dict)
    instance: dict[str, list[EntityInstance]] | None = Field(default=None, alias="$instance")


class Activity(WireModel):
    """One Bot Framework activity; ``channelData`` carries what Cortana adds (state, device control, audio)."""

    wire_name: ClassVar[str] = "cortana activity"
    type: ActivityType
    id: Name | None = None
    timestamp: Annotated[str, Field(max_length=64)] | None = None
    channel_id: Literal["cortana"] = Field(default=CHANNEL_ID, alias="channelId")
    service_url: Annotated[str, Field(max_length=2048)] | None = Field(default=None, alias="serviceUrl")
    from_: ChannelAccount = Field(alias="from")
    recipient: ChannelAccount
    conversation: ConversationAccount
    reply_to_id: Name | None = Field(default=None, alias="replyToId")
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$")] | None = None
    name: Name | None = None  # the event's name, for type "event"
    text: Text | None = None
    text_format: Literal["plain", "markdown", "xml"] | None = Field(default=None, alias="textFormat")
    speak: Annotated[str, Field(max_length=4 * MAX_TEXT)] | None = None
    input_hint: InputHint | None = Field(default=None, alias="inputHint")
    semantic_action: SemanticAction | None = Field(default=None, alias="semanticAction")
    entities: list[dict[str, Any]] | None = None
    channel_data: dict[str, Any] | None = Field(default=None, alias="channelData")
    value: Any = None
    listen_for: list[Text] | None = Field(default=None, alias="listenFor")

    @field_validator("input_hint", mode="before")
    @classmethod
    def _long_hint(cls, value: object) -> object:
        return _SHORT_HINTS.get(value, value) if isinstance(value, str) else value
