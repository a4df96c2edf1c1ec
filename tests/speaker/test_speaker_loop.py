"""The listen loop end to end on WAVs made in the test: wake phrase, no wake phrase, silence, a spoken reply, words
too doubtful to act on, a speaker that stays awake, and a timer going off while it listens."""

from __future__ import annotations

import dataclasses
import sys
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from speaker_fake_loudspeaker import FakeLoudspeaker
from speaker_synth import silence, speech, wav

from assistant.config import Settings
from assistant.config.speaker import TtsSettings
from assistant.speaker.audio import RATE
from assistant.speaker.grammar import compile_grammar
from assistant.speaker.listen_turn import ListenTurn
from assistant.speaker.loop import ListenLoop
from assistant.speaker.loop_parts import LoopOptions, State
from assistant.speaker.session import NOT_CAUGHT, NOTHING_HEARD, SpeakerSession
from assistant.speaker.sources import WavFileSource
from assistant.speaker.stt import Transcript
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


class RouterLikeHandler:
    """Answers as the router does: a command gets a reply, "set a timer" asks "For how long?" (the question stays
    pending for one silence), and silence with nothing pending ends the session without a word."""

    def __init__(self) -> None:
        self.requests: list[MiAiRequest] = []
        self.pending = False

    def handle(self, request: MiAiRequest) -> MiAiResponse:
        self.requests.append(request)
        if request.request.no_response:
            if self.pending:
                self.pending = False
                return _reply("Sorry, I didn't hear you. For how long?", open_mic=True)
            return MiAiResponse.from_dict(
                {"is_session_end": True, "response": {"open_mic": False, "to_speak": {"type": 0, "text": ""}}}
            )
        self.pending = request.query == "set a timer"
        return _reply("For how long?", open_mic=True) if self.pending else _reply("Okay.", open_mic=False)


def _reply(text: str, *, open_mic: bool) -> MiAiResponse:
    return MiAiResponse.from_dict(
        {"is_session_end": not open_mic, "response": {"open_mic": open_mic, "to_speak": {"type": 0, "text": text}}}
    )


class DoubtfulEngine:
    """The real PocketSphinx engine on the real audio; only the first ``doubtful`` transcripts come back marked
    ``clear=False``, as an engine does when it doubts its words too much to act on them."""

    def __init__(self, engine: PocketSphinxEngine, doubtful: int) -> None:
        self._engine = engine
        self.name = engine.name
        self.doubtful = doubtful

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def start(self) -> Any:
        return _DoubtfulRecognition(self, self._engine.start())


class _DoubtfulRecognition:
    def __init__(self, owner: DoubtfulEngine, real: Any) -> None:
        self.owner = owner
        self.real = real

    def accept(self, frame: bytes) -> str | None:
        result: str | None = self.real.accept(frame)
        return result

    def finish(self) -> Transcript:
        transcript: Transcript = self.real.finish()
        if self.owner.doubtful > 0:
            self.owner.doubtful -= 1
            return dataclasses.replace(transcript, clear=False)
        return transcript


class AnnouncingSource(WavFileSource):
    """A WAV file read as a microphone is, with an announcement made from another thread (as the scheduler's
    timer thread does) just before frame ``at_frame``."""

    def __init__(self, path: Path, text: str, at_frame: int) -> None:
        super().__init__(path)
        self.text = text
        self.at_frame = at_frame
        self.loop: ListenLoop | None = None

    def frames(self) -> Iterator[bytes]:
        for i, frame in enumerate(super().frames()):
            if i == self.at_frame and self.loop is not None:
                timer = threading.Thread(target=self.loop.announce, args=(self.text,))
                timer.start()
                timer.join()
            yield frame


class Recorder:
    def __init__(self) -> None:
        self.states: list[tuple[State, str]] = []
        self.partials: list[str] = []
        self.turns: list[ListenTurn] = []
        self.events: list[tuple[str, object]] = []
        """Turns and announcements in the order the loop reported them."""

    def state(self, state: State, detail: str) -> None:
        self.states.append((state, detail))

    def partial(self, text: str) -> None:
        self.partials.append(text)

    def turn(self, turn: ListenTurn) -> None:
        self.turns.append(turn)
        self.events.append(("turn", turn.transcript.text if turn.transcript else ""))

    def announcement(self, text: str, at_s: float) -> None:
        self.events.append(("announcement", (text, at_s)))


@pytest.fixture(scope="module")
def engine() -> Iterator[PocketSphinxEngine]:
    e = PocketSphinxEngine()
    e.use_grammar(compile_grammar(SENTENCES, e.vocabulary()))
    e.set_wake_phrases(("xiao ai", "hey cortana"), 0.5)
    yield e


def _run(
    engine: Any,
    path: Path,
    *,
    wake_mode: str = "phrase",
    tts_dir: Path | None = None,
    handler: Any = None,
    source: WavFileSource | None = None,
    player: Player | None = None,
    once: bool = False,
) -> tuple[Any, Recorder, list[tuple[str, dict[str, object]]]]:
    handler, recorder, actions = handler or FixedHandler(), Recorder(), []
    settings = Settings()
    session = SpeakerSession(settings, handler)
    loop = ListenLoop(
        settings.speaker,
        engine,
        session,
        recorder,
        options=LoopOptions(wake_mode=wake_mode, once=once, out_dir=tts_dir),
        voice=Pyttsx3Voice(TtsSettings()) if tts_dir else None,
        player=player or Player(enabled=False),
        on_action=lambda name, props: actions.append((name, props)),
    )
    if isinstance(source, AnnouncingSource):
        source.loop = loop
    loop.run(source or WavFileSource(path))
    return handler, recorder, actions


def _seconds(*parts: bytes) -> float:
    return sum(len(p) for p in parts) / 2 / RATE


def test_wake_phrase_pause_command_makes_exactly_one_turn(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    before, command = [silence(1), speech("hey cortana"), silence(1)], speech("turn on the lamp")
    path = wav(tmp_path / "wake.wav", *before, command, silence(1.5))
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
    # where in the input the command was (the VAD's edges are a frame or a few off the synthesised speech's)
    assert turn.start_s is not None and turn.end_s is not None
    assert turn.start_s == pytest.approx(_seconds(*before), abs=0.3)
    assert turn.end_s == pytest.approx(_seconds(*before, command), abs=0.3)
    data = turn.to_json()
    assert (data["query"], data["speech"], data["woke_by"]) == ("turn on the lamp", turn.reply, "hey cortana")
    assert (data["start_s"], data["end_s"]) == (round(turn.start_s, 3), round(turn.end_s, 3))
    assert data["transcript"] == data["query"] and data["reply"] == data["speech"]  # kept for compatibility


def test_a_command_without_the_wake_phrase_triggers_nothing(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    path = wav(
        tmp_path / "nowake.wav", silence(1), speech("hello there"), silence(1), speech("turn on the lamp"), silence(1.5)
    )
    handler, recorder, _ = _run(engine, path)
    assert handler.requests == []
    assert recorder.turns == []


def test_a_silent_input_ends_with_the_no_speech_answer(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    handler, recorder, _ = _run(engine, wav(tmp_path / "silent.wav", silence(7)), wake_mode="none", once=True)
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


def test_a_wake_then_silence_is_answered_aloud_not_a_crash(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    """The router ends a silent session without a word; handing that empty reply to the text-to-speech crashed the
    loop (pyttsx3 asserts on empty text). The speaker says it heard nothing, rendered like any reply."""
    path = wav(tmp_path / "wake_silent.wav", silence(0.5), speech("hey cortana"), silence(6.5))
    handler, recorder, _ = _run(engine, path, tts_dir=tmp_path, handler=RouterLikeHandler())
    assert [r.request.no_response for r in handler.requests] == [True]
    turn = recorder.turns[0]
    assert turn.woke_by == "hey cortana" and turn.transcript is None and turn.reply == NOTHING_HEARD
    assert turn.reply_wav is not None and Path(turn.reply_wav).stat().st_size > 10_000
    assert turn.to_json()["speech"] == NOTHING_HEARD


def test_silence_after_a_question_is_the_routers_to_answer(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    """Only a silent wake gets the speaker's own "didn't hear anything": after a question the router asks again,
    then ends quietly, and the empty reply is not spoken (no crash either)."""
    path = wav(tmp_path / "question.wav", silence(0.5), speech("set a timer"), silence(12))
    handler, recorder, _ = _run(engine, path, wake_mode="none", tts_dir=tmp_path, handler=RouterLikeHandler())
    assert recorder.turns, "no turn"
    assert [r.query for r in handler.requests] == ["set a timer", "", ""]
    assert [t.reply for t in recorder.turns] == ["For how long?", "Sorry, I didn't hear you. For how long?", ""]
    assert recorder.turns[2].reply_wav is None


def test_words_too_doubtful_to_act_on_are_not_sent_and_the_mic_stays_open(
    engine: PocketSphinxEngine, tmp_path: Path
) -> None:
    lamp = speech("turn on the lamp")
    path = wav(
        tmp_path / "doubt.wav", silence(1), speech("hey cortana"), silence(1), lamp, silence(1.2), lamp, silence(1.5)
    )
    handler, recorder, actions = _run(DoubtfulEngine(engine, doubtful=1), path, tts_dir=tmp_path)
    assert [r.query for r in handler.requests] == ["turn on the lamp"]  # only the clear second time reached the router
    doubtful, clear = recorder.turns
    assert doubtful.transcript is not None and doubtful.transcript.clear is False
    assert doubtful.reply == NOT_CAUGHT and doubtful.response.response.open_mic is True
    assert doubtful.reply_wav is not None and Path(doubtful.reply_wav).is_file()  # heard, not only shown
    data = doubtful.to_json()
    assert data["stt"]["clear"] is False and data["not_understood"] is True and data["intent"] is None
    assert clear.woke_by == "open_mic" and clear.transcript is not None and clear.transcript.clear
    assert actions == [("mihome.control", {"device": "lamp", "on": True})]  # once, for the clear turn


def test_doubtful_twice_then_silence_ends_without_another_apology(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    lamp = speech("turn on the lamp")
    path = wav(
        tmp_path / "doubt2.wav", silence(1), speech("hey cortana"), silence(1), lamp, silence(1.2), lamp, silence(7)
    )
    handler, recorder, _ = _run(DoubtfulEngine(engine, doubtful=2), path, handler=RouterLikeHandler())
    assert handler.requests == []
    assert [t.reply for t in recorder.turns] == [NOT_CAUGHT, NOT_CAUGHT]
    assert [t.response.response.open_mic for t in recorder.turns] == [True, False]  # asked again once, then idle


def test_doubt_then_silence_is_quiet_and_leaves_a_question_pending(engine: PocketSphinxEngine) -> None:
    handler = RouterLikeHandler()
    session = SpeakerSession(Settings(), handler)
    assert session.say("set a timer").response.open_mic
    assert session.not_caught("for ten minutes").response.open_mic
    again = session.no_speech()  # the question is still the router's: it asks once more
    assert again.response.to_speak is not None and again.response.to_speak.text.endswith("For how long?")


def test_without_a_wake_word_every_utterance_is_a_command(engine: PocketSphinxEngine, tmp_path: Path) -> None:
    """--wake none without --once: the speaker stays awake; silence between commands (longer than the no-speech
    timeout) and after the last one is no turn."""
    parts = [silence(0.5), speech("what time is it"), silence(6), speech("turn off the lamp"), silence(1)]
    parts += [speech("play the beatles"), silence(6)]
    handler, recorder, _ = _run(engine, wav(tmp_path / "batch.wav", *parts), wake_mode="none")
    assert [r.query for r in handler.requests] == ["what time is it", "turn off the lamp", "play the beatles"]
    assert [t.woke_by for t in recorder.turns] == ["none", "none", "none"]
    starts = [_seconds(*parts[:i]) for i in (1, 3, 5)]
    assert [t.start_s for t in recorder.turns] == [pytest.approx(s, abs=0.3) for s in starts]


def test_a_timer_going_off_mid_input_is_shown_and_spoken_at_once(
    engine: PocketSphinxEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loudspeaker = FakeLoudspeaker()
    monkeypatch.setitem(sys.modules, "sounddevice", loudspeaker.module())
    path = wav(
        tmp_path / "ring.wav", silence(2), speech("hey cortana"), silence(1), speech("turn on the lamp"), silence(1.5)
    )
    done = "Your 30 second timer is done."
    source = AnnouncingSource(path, done, at_frame=30)
    _, recorder, _ = _run(engine, path, tts_dir=tmp_path, source=source, player=Player())
    # announced when it went off (0.93 s into the input), not kept for the turn that came after it
    assert recorder.events[0] == ("announcement", (done, pytest.approx(0.93)))
    assert recorder.events[1] == ("turn", "turn on the lamp")
    with wave.open(str(tmp_path / "announcement-1.wav"), "rb") as rendered:
        spoken = np.frombuffer(rendered.readframes(rendered.getnframes()), dtype="<i2")
    assert len(loudspeaker.streams) == 2  # the announcement, then the reply
    # played from its start; the wake word after it may cut it short, since a file is read faster than real time
    played = loudspeaker.streams[0].samples
    assert spoken.size > 0 and played.size > 0 and np.array_equal(played, spoken[: played.size])
