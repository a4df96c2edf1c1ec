"""Vosk (Kaldi): the primary engine once its model is downloaded (``assistant models download vosk-en``).

Grammar mode gives Vosk the sentence list plus ``[unk]``; a result that is not a whole sentence is decoded again
without the grammar (free dictation). Wake phrases use a second recognizer limited to the phrases and ``[unk]``.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from assistant.errors import ModelError
from assistant.speaker.audio import RATE, SAMPLE_BYTES
from assistant.speaker.grammar import Grammar, Vocabulary, normalize
from assistant.speaker.models import check_model
from assistant.speaker.stt import Mode, Transcript, WakeHit

log = logging.getLogger(__name__)


class VoskEngine:
    name = "vosk"

    def __init__(self, model_dir: Path, locale: str) -> None:
        check_model(model_dir, locale)  # names the missing file and the command that fixes it
        import vosk

        vosk.SetLogLevel(-1)
        try:
            self._model = vosk.Model(str(model_dir))
        except Exception as e:  # vosk raises a bare Exception when Kaldi refuses the files
            raise ModelError(f"{model_dir}: Vosk could not load the model ({e}); reinstall it") from None
        self._vosk = vosk
        self._grammar: Grammar | None = None
        self._wake: tuple[str, ...] = ()
        self._min_conf = 0.0

    def vocabulary(self) -> Vocabulary:
        return lambda word: bool(self._model.find_word(word) >= 0)

    def use_grammar(self, grammar: Grammar | None) -> None:
        self._grammar = grammar if grammar and grammar.sentences else None

    def set_wake_phrases(self, phrases: tuple[str, ...], sensitivity: float) -> None:
        self._wake = tuple(normalize(p) for p in phrases)
        self._min_conf = 0.9 - 0.6 * sensitivity

    def _recognizer(self, phrases: list[str] | None) -> Any:
        if phrases is None:
            rec = self._vosk.KaldiRecognizer(self._model, RATE)
        else:
            rec = self._vosk.KaldiRecognizer(self._model, RATE, json.dumps(phrases))
        rec.SetWords(True)
        return rec

    def start(self) -> VoskRecognition:
        return VoskRecognition(self, self._grammar)

    def spot(self, segment: bytes) -> WakeHit | None:
        if not self._wake:
            return None
        rec = self._recognizer([*self._wake, "[unk]"])
        rec.AcceptWaveform(segment)
        result = json.loads(rec.FinalResult())
        words = result.get("result") or []
        text = normalize(result.get("text", ""))
        phrase = next((p for p in self._wake if text.startswith(p)), None)
        if phrase is None or not words:
            return None
        used = words[: len(phrase.split())]
        conf = sum(float(w.get("conf", 0.0)) for w in used) / len(used)
        if conf < self._min_conf:
            return None
        return WakeHit(phrase, conf, float(used[-1]["end"]) * 1000)


class VoskRecognition:
    def __init__(self, engine: VoskEngine, grammar: Grammar | None) -> None:
        self._engine = engine
        self._grammar = grammar
        self._rec = engine._recognizer(grammar.phrases() if grammar else None)
        self._audio: list[bytes] = []
        self._partial = ""
        self._final_parts: list[dict[str, Any]] = []

    def accept(self, frame: bytes) -> str | None:
        self._audio.append(frame)
        if self._rec.AcceptWaveform(frame):
            self._final_parts.append(json.loads(self._rec.Result()))
            return None
        text = json.loads(self._rec.PartialResult()).get("partial", "")
        if text and text != self._partial:
            self._partial = text
            return str(text)
        return None

    def finish(self) -> Transcript:
        started = time.perf_counter()
        parts = [*self._final_parts, json.loads(self._rec.FinalResult())]
        text, conf = _joined(parts)
        mode: Mode = "grammar" if self._grammar is not None else "dictation"
        if self._grammar is not None and text not in self._grammar.sentences:
            mode = "dictation"
            rec = self._engine._recognizer(None)
            rec.AcceptWaveform(b"".join(self._audio))
            text, conf = _joined([json.loads(rec.FinalResult())])
        audio_ms = sum(len(a) for a in self._audio) / (RATE * SAMPLE_BYTES) * 1000
        return Transcript(text, conf, "vosk", mode, audio_ms, (time.perf_counter() - started) * 1000)


def _joined(parts: list[dict[str, Any]]) -> tuple[str, float]:
    words = [w for p in parts for w in p.get("result") or [] if w.get("word") != "[unk]"]
    text = normalize(" ".join(str(w["word"]) for w in words))
    conf = sum(float(w.get("conf", 0.0)) for w in words) / len(words) if words else 0.0
    return text, conf
