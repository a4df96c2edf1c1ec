"""The listen loop end to end on WAVs made in the test: wake phrase, no wake phrase, silence, a spoken reply."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from speaker_synth import silence, speech, wav

from assistant.config import Settings
from assistant.config.speaker import TtsSettings
from assistant.speaker.grammar import compile_grammar
from assistant.speaker.listen_turn import ListenTurn
from assistant.speaker.loop import ListenLoop
from assistant.speaker.loop_parts import LoopOptions, State
from assistant.speaker.session import SpeakerSession
from assistant.speaker.sources import WavFileSource
from assistant.speaker.stt_pocketsphinx import PocketSphinxEngine
from assistant.speaker.tts import Player, Pyttsx3Voice
from bridge.miai import MiAiRequest, MiAiResponse

pytestmark = pytest.mark.audio

SENTENCES = ["turn on the lamp", "turn off the lamp", "what time is it", "play the beatles", "set a timer"]


class FixedHandler:
    """The transport seam: records requests, answers each with a fixed Mi-AI response."""

    def __init__(self, *, open_mic: bool = False) -> None:
        self.requests: list[MiAiRequest] = []
        self.open_mic = open_mic

    def handle(self, request: MiAiRequest) -> MiAiResponse:
        self.requests.append(request)
        text = "Sorry, I didn't catch that." if request.request.no_response else "Okay, the lamp is on."
        return MiAiResponse.from_dict(
            {
                "is_session_end": not self.open_mic,
                "session_attributes": {"turns": len(self.requests)},
                "response": {
                    "open_mic": self.open_mic,
                    "to_speak": {"type": 0, "text": text},
                    "action": "mihome.control",
                    "action_property": {"device": "lamp", "on": True},
                },
            }
        )


class Recorder:
    def __init__(self) -> None:
        self.states: list[tuple[State, str]] = []
        self.partials: list[str] = []
        self.turns: list[ListenTurn] = []

    def state(self, state: State, detail: str) -> None:
        self.states.append((state, detail))

    def partial(self, text: str) -> None:
        self.partials.append(text)

    def turn(self, turn: ListenTurn) -> None:
        self.turns.append(turn)


@pytest.fixture(scope="module")
def engine() -> Iterator[PocketSphinxEngine]:
    e = PocketSphinxEngine()
    e.use_grammar(compile_grammar(SENTENCES, e.vocabulary()))
    e.set_wake_phrases(("xiao ai", "hey cortana"), 0.5)
    yield e


def _run(
    engine: PocketSphinxEngine, path: Path, *, wake_mode: str = "phrase", tts_dir: Path | None = None
) -> tuple[FixedHandler, Recorder, list[tuple[str, dict[str, object]]]]:
    handler, recorder, actions = FixedHandler(), Recorder(), []
    settings = Settings()
    session = SpeakerSession(settings, handler)
    loop = ListenLoop(
        settings.speaker,
        engine,
        session,
        recorder,
        options=LoopOptions(wake_mode=wake_mode, out_dir=tts_dir),
        voice=Pyttsx3Voice(TtsSettings()) if tts_dir else None,
        player=Player(enabled=False),
        on_action=lambda name, props: actions.append((name, props)),
    )
    loop.run(WavFileSource(path))
    return handler, recorder, actions


def test_wake_phrase_pause_command_makes_exactly_one_turn(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    path = wav(
        tmp_path / "wake.wav", silence(1), speech("hey cortana"), silence(1), speech("turn on the lamp"), silence(1.5)
    )
    handler, recorder, actions = _run(engine, path, tts_dir=tmp_path)
    assert [r.query for r in handler.requests] == ["turn on the lamp"]
    request = handler.requests[0]
    assert request.session.is_new and request.context.device_id == Settings().speaker.device_id
    assert [s for s, _ in recorder.states][:4] == [State.IDLE, State.LISTENING, State.THINKING, State.IDLE]
    assert recorder.partials and recorder.partials[-1] == "turn on the lamp"
    turn = recorder.turns[0]
    assert turn.woke_by == "hey cortana" and turn.transcript is not None and turn.transcript.mode == "grammar"
    assert actions == [("mihome.control", {"device": "lamp", "on": True})]
    assert turn.reply_wav is not None and Path(turn.reply_wav).stat().st_size > 10_000
    assert set(turn.ms) >= {"wake", "end_of_speech", "stt", "turn", "tts", "end_of_speech_to_audio"}


def test_a_command_without_the_wake_phrase_triggers_nothing(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    path = wav(
        tmp_path / "nowake.wav", silence(1), speech("hello there"), silence(1), speech("turn on the lamp"), silence(1.5)
    )
    handler, recorder, _ = _run(engine, path)
    assert handler.requests == []
    assert recorder.turns == []


def test_a_silent_input_ends_with_the_no_speech_answer(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    handler, recorder, _ = _run(engine, wav(tmp_path / "silent.wav", silence(7)), wake_mode="none")
    assert len(handler.requests) == 1
    assert handler.requests[0].request.no_response is True and handler.requests[0].query == ""
    assert recorder.turns[0].transcript is None and recorder.turns[0].reply == "Sorry, I didn't catch that."


def test_open_mic_keeps_listening_and_carries_session_attributes(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    path = wav(
        tmp_path / "two.wav",
        silence(0.5),
        speech("what time is it"),
        silence(1.2),
        speech("play the beatles"),
        silence(1.5),
    )
    handler, recorder, _ = FixedHandler(open_mic=True), Recorder(), None
    settings = Settings()
    loop = ListenLoop(
        settings.speaker, engine, SpeakerSession(settings, handler), recorder, options=LoopOptions(wake_mode="none")
    )
    loop.run(WavFileSource(path))
    # the microphone stays open after each answer; when the input ends with nobody speaking, that is no_response
    assert [r.query for r in handler.requests] == ["what time is it", "play the beatles", ""]
    assert handler.requests[2].request.no_response is True
    assert handler.requests[1].session.attributes == {"turns": 1}
    assert [t.woke_by for t in recorder.turns] == ["none", "open_mic", "open_mic"]
