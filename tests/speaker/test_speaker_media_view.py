"""What the text chat shows of the speaker's player: the stream played, and each player action in words."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from speaker_fake_loudspeaker import acting, playing

from assistant.cli.chat_view import show_turn
from assistant.turn import turn_result
from bridge.miai import MiAiResponse


def _shown(response: MiAiResponse) -> list[str]:
    console = Console(record=True, width=200, highlight=False)
    show_turn(console, turn_result("text", response, [], total_ms=1.0), trace=False)
    return [line.strip() for line in console.export_text().splitlines() if line.strip()]


def _player(name: str, properties: dict[str, Any] | None = None) -> list[str]:
    return [line for line in _shown(acting(name, "Okay.", properties)) if line.startswith(("player", "action"))]


def test_a_played_track_shows_its_title_and_stream() -> None:
    lines = _shown(playing("Take Five by Dave Brubeck", "sim://catalogue/s26", "s26", "Here's some jazz."))
    assert "playing Take Five by Dave Brubeck (sim://catalogue/s26)" in lines


def test_player_actions_show_what_they_ask_of_the_player() -> None:
    assert _player("player.pause") == ["player pause"]
    assert _player("player.volume", {"level": 60}) == ["player volume 60"]
    assert _player("player.repeat", {"on": True}) == ["player repeat on"]
    [unknown] = _player("player.seek", {"ms": 5})
    assert unknown.startswith("player unknown player action 'player.seek'")


def test_other_actions_are_shown_as_before() -> None:
    assert _player("alarm.ring", {"tone": "soft"}) == ['action alarm.ring {"tone":"soft"}']
