"""The listen loop: idle -> wake -> listening (partials shown live) -> thinking -> speaking, over any audio source.

The loop owns no device and no protocol knowledge beyond Mi-AI: audio comes from an AudioSource, the transcript
goes to a Conversation (a SpeakerSession, or whatever the composition root wraps around one) exactly as a typed
turn would, and the response is acted on here: speak ``to_speak``, give ``audio`` directives and ``player.*`` actions
to the speaker's media player (it plays through the same player as the replies, and makes way from the moment a
command begins until its reply has been spoken), hand ``action`` to an injected callback, keep listening when
``open_mic``. What the assistant says unasked (a timer going off) comes in through :meth:`ListenLoop.announce`,
from any thread, and is shown and spoken at once.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path

from assistant.config.speaker import SpeakerSettings
from assistant.speaker.audio import FRAME_BYTES, FRAME_MS
from assistant.speaker.endpointing import Endpoint, EndpointRules, VoiceActivity
from assistant.speaker.listen_turn import ListenTurn
from assistant.speaker.loop_parts import PLAYBACK_FINISHED, Action, Conversation, LoopOptions, Observer, State
from assistant.speaker.loop_utterance import _Utterance
from assistant.speaker.media_player import MediaPlayer
from assistant.speaker.sources import AudioSource
from assistant.speaker.stt import SttEngine
from assistant.speaker.tts import Player, Pyttsx3Voice
from assistant.speaker.wake import PushToTalk, Wake, WakeSpotter
from bridge.miai import MiAiResponse

log = logging.getLogger(__name__)


class ListenLoop:
    def __init__(
        self,
        speaker: SpeakerSettings,
        engine: SttEngine,
        conversation: Conversation,
        observer: Observer,
        *,
        options: LoopOptions,
        voice: Pyttsx3Voice | None = None,
        player: Player | None = None,
        on_action: Action | None = None,
        push_to_talk: PushToTalk | None = None,
        media: MediaPlayer | None = None,
    ) -> None:
        """``media``: the speaker's media player (default: one of the loop's own on ``player``, stopped when
        :meth:`run` ends, after the clip playing then has ended)."""
        self.rules = EndpointRules.from_settings(speaker)
        self.engine = engine
        self.conversation = conversation
        self.observer = observer
        self.options = options
        self.voice = voice
        self.player = player or Player(enabled=False)
        self.media = media or MediaPlayer(self.player, track_s=speaker.track_s)
        self._owns_media = media is None
        self.on_action = on_action
        self.ptt = push_to_talk
        self.vad = VoiceActivity()
        self.spotter = WakeSpotter(engine, self.vad)
        self.turns: list[ListenTurn] = []
        self._speaking: threading.Thread | None = None
        self._barged = False
        self._wake_ms = 0.0
        self._at_ms = 0
        """How far into the input the loop is (30 ms per frame)."""
        self._announcements: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._announced = 0

    def announce(self, text: str) -> None:
        """Say ``text`` unasked (a timer or an alarm going off); safe from any thread (the scheduler's). It is shown
        and spoken with the next frame, whatever the loop is doing."""
        self._announcements.put(text)

    @property
    def awake(self) -> bool:
        """``--wake none`` without ``--once``: the speaker never goes idle; every utterance is a command."""
        return self.options.wake_mode == "none" and not self.options.once

    def run(self, source: AudioSource) -> list[ListenTurn]:
        """Every turn in ``source``. When it ends, music the loop's own media player plays goes on to the end of its
        clip, then stops; when it is interrupted (Ctrl-C), the music stops at once."""
        try:
            turns = self._hear(source)
        except BaseException:
            if self._owns_media:
                self.media.close()
            raise
        if self._owns_media:
            self.media.close(play_out=True)
            self._announce_waiting()  # what went off while the last song played out is still said
            self._wait_speaking()
        return turns

    def _hear(self, source: AudioSource) -> list[ListenTurn]:
        wake: Wake | None = Wake("none", 1.0, 0.0) if self.options.wake_mode == "none" else None
        self._set(State.LISTENING if wake else State.IDLE, wake.how if wake else "")
        utterance = self._listen(wake, patient=self.awake) if wake else None
        for frame in source.frames():
            self._at_ms += FRAME_MS
            self._announce_waiting()
            if utterance is None or utterance.waiting:
                self._report_ended()
            if utterance is None:
                wake = self._idle(frame)
                if wake is None:
                    continue
                carried = _frames(wake.carry)
                utterance = self._listen(wake, carried_ms=len(carried) * FRAME_MS)
                for early in carried:
                    utterance.feed(early)
                continue
            endpoint = utterance.feed(frame)
            if endpoint is None:
                continue
            turn = self._complete(utterance, endpoint)
            if self.options.once:
                self._announce_waiting()
                self._wait_speaking()
                return self.turns
            utterance = self._next(turn)
        if utterance is None and self.options.wake_mode == "phrase":
            late = self.spotter.finish()
            utterance = self._listen(late) if late else None
        if utterance is not None and not (utterance.patient and not utterance.endpointer.in_speech):
            self._complete(utterance, utterance.end_of_input())
        self._announce_waiting()
        self._wait_speaking()
        return self.turns

    def _next(self, turn: ListenTurn) -> _Utterance | None:
        """After a turn: listen on when the reply left the microphone open, or the speaker stays awake."""
        if turn.response.response.open_mic:
            utterance: _Utterance | None = self._listen(Wake("open_mic", 1.0, 0.0))
        elif self.awake:
            utterance = self._listen(Wake("none", 1.0, 0.0), patient=True)
        else:
            utterance = None
        self._set(State.LISTENING if utterance else State.IDLE, "")
        return utterance

    def _listen(self, wake: Wake, *, carried_ms: int = 0, patient: bool = False) -> _Utterance:
        """A command is coming: the music makes way until its reply has been spoken (see ``_complete``).
        ``carried_ms``: how much of the input before now belongs to it (speech after the wake phrase in one
        breath); ``patient``: wait for speech as long as it takes (no no-speech turn; the music makes way only once
        speech begins)."""
        if not patient:
            self.media.hold()
        return _Utterance(self, wake, origin_ms=self._at_ms - carried_ms, patient=patient)

    def _report_ended(self) -> None:
        """Between commands, tell the assistant of each song that ended, and play what it sends next."""
        while not self.media.ended.empty() and (self._speaking is None or not self._speaking.is_alive()):
            track = self.media.ended.get()
            self._act(self.conversation.event(PLAYBACK_FINISHED, {"token": track.token}))

    def _idle(self, frame: bytes) -> Wake | None:
        if self._speaking is not None and self._speaking.is_alive():
            hit = self.spotter.feed(frame)
            if hit is not None:  # barge-in: the wake word while the reply plays stops it
                self.player.stop()
                self._barged = True
            return hit
        if self.ptt is not None and self.ptt.pressed():
            return Wake("push-to-talk", 1.0, 0.0)
        if self.options.wake_mode != "phrase":
            return None
        started = time.perf_counter()
        hit = self.spotter.feed(frame)
        if hit is not None:
            self._wake_ms = (time.perf_counter() - started) * 1000
            self._set(State.LISTENING, hit.how)
        return hit

    def _complete(self, utterance: _Utterance, endpoint: Endpoint) -> ListenTurn:
        self._set(State.THINKING, endpoint.reason.value)
        decided = time.perf_counter()
        transcript = utterance.transcript(endpoint)
        stt_done = time.perf_counter()
        if transcript is None or not transcript.text:
            response = self.conversation.no_speech()
        elif not transcript.clear:  # too doubtful to act on: not sent on as a command
            response = self.conversation.not_caught(transcript.text)
        else:
            response = self.conversation.say(transcript.text)
        bridged = time.perf_counter()
        ms = {
            "wake": self._wake_ms if utterance.wake.how not in ("none", "open_mic") else 0.0,
            "end_of_speech": float(endpoint.decided_ms - endpoint.speech_end_ms),
            "stt": (stt_done - decided) * 1000,
            "turn": (bridged - stt_done) * 1000,  # the round trip through bridge and router
        }
        reply_wav = self._render(response, len(self.turns))
        ms["tts"] = (time.perf_counter() - bridged) * 1000
        ms["end_of_speech_to_audio"] = (time.perf_counter() - decided) * 1000
        speaks = Path(reply_wav) if reply_wav is not None and self.player.enabled else None
        self._act(response)
        self._barged = False
        if speaks is not None:
            played = self._speak(speaks)  # the music, held since the command began (``_listen``), follows the reply
        else:
            played = False
            self.media.release()
        media = self.media.state
        extra = {"player": media.to_json()} if media.track is not None else {}
        start_ms = endpoint.speech_start_ms if endpoint.speech_start_ms is not None else 0
        turn = ListenTurn(
            utterance.wake.how,
            endpoint.reason,
            transcript,
            response,
            reply_wav,
            played,
            ms=ms,
            start_s=(utterance.origin_ms + start_ms) / 1000,
            end_s=(utterance.origin_ms + endpoint.speech_end_ms) / 1000,
            extra=extra,
        )
        self.turns.append(turn)
        self.observer.turn(turn)
        return turn

    def _render(self, response: MiAiResponse, index: int) -> str | None:
        r = response.response
        texts = [r.to_speak.text] if r.to_speak else []
        texts += [d.tts_item.text for d in r.directives or () if d.type == "tts" and d.tts_item is not None]
        return self._render_text(" ".join(t.strip() for t in texts if t.strip()), f"reply-{index + 1}.wav")

    def _render_text(self, text: str, name: str) -> str | None:
        """``text`` as a WAV in the output folder; None without text-to-speech or with nothing to say (the
        text-to-speech engine refuses empty text)."""
        if not text or self.voice is None or self.options.out_dir is None:
            return None
        path = self.options.out_dir / name
        self.voice.render(text, path)
        return str(path)

    def _announce_waiting(self) -> None:
        """Show and speak what was announced since the last frame: the reply playing, if any, ends first."""
        while True:
            try:
                text = self._announcements.get_nowait()
            except queue.Empty:
                return
            self._announced += 1
            self.observer.announcement(text, self._at_ms / 1000)
            wav = self._render_text(text.strip(), f"announcement-{self._announced}.wav")
            if wav is not None and self.player.enabled:
                self.media.hold()
                self._play_after(Path(wav))

    def _act(self, response: MiAiResponse) -> None:
        r = response.response
        for change in self.media.apply(response):
            problem = f" ({change.problem})" if change.problem else ""
            self._set(State.MEDIA, change.state.describe() + problem)
        if r.action is not None and self.on_action is not None:
            self.on_action(r.action, dict(r.action_property or {}))

    def _speak(self, wav: Path) -> bool:
        """Play the reply on its own thread; the media player, held since the command began, is released after."""
        self._set(State.SPEAKING, "")
        self._play_after(wav)
        if self.options.once:
            self._wait_speaking()
        return self.player.enabled

    def _play_after(self, wav: Path) -> None:
        """Play ``wav`` on its own thread once what is being spoken now has ended, then release the media player
        (held by the caller)."""
        before = self._speaking
        self._speaking = threading.Thread(target=self._play_reply, args=(wav, before), daemon=True)
        self._speaking.start()

    def _play_reply(self, wav: Path, before: threading.Thread | None = None) -> None:
        try:
            if before is not None:
                before.join()
            self.player.play(wav)
        finally:
            self.media.release()

    def _wait_speaking(self) -> None:
        if self._speaking is not None:
            self._speaking.join()

    def _set(self, state: State, detail: str) -> None:
        self.observer.state(state, detail)


def _frames(pcm: bytes) -> list[bytes]:
    return [pcm[i : i + FRAME_BYTES] for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES)]
