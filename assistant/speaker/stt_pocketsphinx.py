"""PocketSphinx: the engine that works on a fresh machine (its wheel ships a US English model and CMUdict).

One decoder holds four searches: the command grammar (an FSG), free dictation (the bundled n-gram model), the wake
phrases in keyword mode, and a wake verification grammar. Grammar decoding is what makes it accurate on commands;
when its best path is not a whole grammar sentence, the buffered utterance is decoded again with dictation instead of
forcing a wrong command.

Wake phrases go through two stages, as on commercial speakers: PocketSphinx's keyword search (a phone loop against
each phrase, threshold per phrase from its length and ``speaker.wake.sensitivity``) decides whether a speech segment
may hold a wake phrase; only then is the segment decoded against the wake phrases competing with the assistant's own
sentences and common words, which rejects the keyword search's near misses ("how are you" for "xiao ai").
"""

from __future__ import annotations

import logging
import math
import tempfile
import time
from pathlib import Path
from typing import Any, Final

from assistant.errors import ConfigError, ModelError
from assistant.speaker.audio import RATE, SAMPLE_BYTES
from assistant.speaker.grammar import Automaton, Grammar, Vocabulary, normalize
from assistant.speaker.stt import Mode, Transcript, WakeHit

log = logging.getLogger(__name__)

DICTATION: Final = "_default"  # the search PocketSphinx builds from its bundled language model
COMMANDS: Final = "commands"
WAKE: Final = "wake"
KEYWORDS: Final = "keywords"
VERIFY_MARGIN_MS: Final = 200  # audio kept after the keyword search's end of the phrase, for verification
KWS_PHONE_LOOP: Final = 1e-15
"""Prior of the keyword search's phone loop (PocketSphinx's ``kws_plp``): at its default 1e-1 the loop explains
every phrase better than the phrase itself and "hey cortana" never fires (measured on espeak-ng voices)."""
PARTIAL_EVERY: Final = 5  # frames (150 ms) between partial hypotheses: each costs a traceback
FRAME_S: Final = 0.01  # PocketSphinx's feature frame
WAKE_COMPETITORS: Final = 400
GRAMMAR_MIN_SCORE: Final = 0.35
"""Below this per-frame path score a grammar sentence was forced onto speech outside the grammar (measured: whole
commands score 0.46-0.71, out-of-grammar speech forced onto a sentence 0.21-0.29): decode it with dictation."""
# When the words are too doubtful to act on (``Transcript.clear`` False). Measured on 402 clips (6 espeak-ng voices,
# in-grammar and everyday commands, out-of-scope speech, noise, 8 recordings; benchmarks/speech.md): the path score
# alone does not separate them (right grammar sentences 0.38-0.71, wrong ones 0.35-0.59). A sentence forced onto other
# speech explains the sound worse than free dictation does; this keeps 99.2 % of right grammar sentences and rejects
# 17 % of wrong ones (5 of 12 from speech that was no command), with the dictation pass on a third of the turns.
GRAMMAR_SURE_SCORE: Final = 0.40
"""A grammar sentence scoring this or more is clear without a second look (wrong ones rarely do). At 0.45 the
second pass ran on a third of the turns: benchmarks/speech.md on a quiet machine gave RTF 0.23 (goal 0.2) and a p50
of 311 ms from end of speech to audio; at 0.40, RTF 0.19 and 24 ms, with wrong transcripts held back 28 % instead of
31 % and right ones kept 99.1 % either way."""
GRAMMAR_MIN_FIT: Final = -0.07
"""Below it, a grammar sentence's acoustic fit minus free dictation's (see :func:`acoustic_fit`) is doubtful."""
DICTATION_MIN_SCORE: Final = 0.25
DICTATION_MIN_FIT: Final = -0.2
"""Dictation is clear from this path score and acoustic fit up: 7 of 7 right transcripts kept, 30 of 69 wrong
ones rejected (the 9 % accuracy of dictation: mostly noise heard as "if" and sounds heard as words)."""

#: pronunciations wake phrases and product names need that CMUdict lacks (ARPAbet, as the bundled model expects),
#: added beside CMUdict's own. Pinyin's x is a voiceless [ɕ], nearest English SH; CMUdict has "xiao" only as ZH AW
EXTRA_PRONUNCIATIONS: Final = {
    "cortana": ("K AO R T AE N AH", "K AO R T AA N AH"),
    "xiao": ("SH AW", "SH Y AW"),
    "xiaoai": ("SH AW AY", "SH Y AW AY"),
    "mi": ("M IY",),
}
#: common words that explain speech which is not a wake phrase; the more of them compete, the stricter the wake
FILLERS: Final = (
    "hey",
    "hi",
    "hello",
    "okay",
    "there",
    "the",
    "a",
    "what",
    "how",
    "is",
    "it",
    "you",
    "i",
    "yes",
    "no",
    "stop",
    "please",
    "thanks",
    "good",
    "say",
    "show",
    "high",
    "sky",
    "now",
    "so",
    "play",
    "go",
    "time",
    "morning",
    "night",
    "call",
    "set",
    "are",
    "do",
    "this",
    "that",
)


class PocketSphinxEngine:
    name = "pocketsphinx"

    def __init__(self) -> None:
        from pocketsphinx import Decoder

        try:
            self._decoder = Decoder(loglevel="FATAL", samprate=RATE, bestpath=False, kws_plp=KWS_PHONE_LOOP)
        except (RuntimeError, ValueError) as e:
            raise ModelError(
                f"PocketSphinx could not load its bundled model ({e}); reinstall: pip install pocketsphinx"
            ) from None
        for word, prons in EXTRA_PRONUNCIATIONS.items():
            for phones in prons:
                self._add_pronunciation(word, phones)
        self._grammar: Grammar | None = None
        self._wake: tuple[str, ...] = ()
        self._said: dict[str, str] = {}
        """Each wake phrase as the searches hear it (see :meth:`said_as`), to the phrase."""
        self._fillers: tuple[str, ...] = FILLERS[: len(FILLERS) // 2]
        self.keyword_hits = 0
        """Segments the keyword search let through to verification (the rest cost one cheap pass)."""

    def vocabulary(self) -> Vocabulary:
        return lambda word: self._decoder.lookup_word(word) is not None

    def use_grammar(self, grammar: Grammar | None) -> None:
        self._grammar = grammar if grammar and grammar.sentences else None
        if self._grammar is not None:
            self._add_fsg(COMMANDS, self._grammar.automaton())
        if self._wake:
            self._add_wake_search()

    def set_wake_phrases(self, phrases: tuple[str, ...], sensitivity: float) -> None:
        wake = tuple(normalize(p) for p in phrases)
        known = self.vocabulary()
        for phrase in wake:
            unknown = [w for w in phrase.split() if not known(w)]
            if unknown:
                raise ConfigError(
                    f"speaker.wake.phrases: PocketSphinx has no pronunciation for {unknown[0]!r} in {phrase!r}; "
                    "choose a phrase of dictionary words"
                )
        self._wake = wake
        self._said = {self.said_as(p): p for p in wake}
        if not wake:
            return
        # sensitivity sets the keyword thresholds and how many filler words compete in verification
        self._fillers = FILLERS[: round(len(FILLERS) * (1.0 - sensitivity))]
        self._add_keyword_search(sensitivity)
        self._add_wake_search()

    def _add_pronunciation(self, word: str, phones: str) -> None:
        """Add ``phones`` as the word's next pronunciation (``word(2)``, ...) unless the dictionary has it already;
        adding only words CMUdict lacks left "xiao" without the SH AW people say."""
        keys = [word]
        while self._decoder.lookup_word(keys[-1]) is not None:
            if self._decoder.lookup_word(keys[-1]) == phones:
                return
            keys.append(f"{word}({len(keys) + 1})")
        self._decoder.add_word(keys[-1], phones, update=True)

    def said_as(self, phrase: str) -> str:
        """The phrase as the keyword search and verification hear it: as one word when its words run together are
        one in the dictionary ("xiao ai", the name 小爱, is "xiaoai"). A name is said without a pause; as two words,
        verification may put one between them and take "count down" for "xiao ai" (the "nt d" as the pause), and
        the keyword search follows a word's first pronunciation only, CMUdict's ZH AW for "xiao"."""
        joined = phrase.replace(" ", "")
        return joined if joined != phrase and self._decoder.lookup_word(joined) is not None else phrase

    def phones(self, phrase: str) -> int:
        """How many phones the keyword search follows for ``phrase``."""
        return sum(len((self._decoder.lookup_word(w) or "").split()) for w in self.said_as(phrase).split())

    def _add_keyword_search(self, sensitivity: float) -> None:
        lines = "".join(f"{s} /{keyword_threshold(self.phones(s), sensitivity):.0e}/\n" for s in self._said)
        with tempfile.TemporaryDirectory(prefix="assistant-kws-") as tmp:
            path = Path(tmp) / "wake.kws"
            path.write_text(lines, encoding="utf-8")
            self._decoder.add_kws(KEYWORDS, str(path))

    def _add_wake_search(self) -> None:
        # a few hundred command sentences are competition enough; all of them would double the decoder's memory
        commands = self._grammar.sentences[:WAKE_COMPETITORS] if self._grammar else ()
        sentences = (*self._said, *commands)
        fillers = tuple(sorted(set(self._fillers) | {"hey"}))
        self._add_fsg(WAKE, Grammar(sentences).automaton(fillers))

    def _add_fsg(self, name: str, automaton: Automaton) -> None:
        arcs = [(a, b, p) if word is None else (a, b, p, word) for a, b, p, word in automaton.arcs]
        fsg = self._decoder.create_fsg(name, automaton.start, automaton.final, arcs)
        self._decoder.add_fsg(name, fsg)

    def start(self) -> PocketSphinxRecognition:
        return PocketSphinxRecognition(self._decoder, self._grammar)

    def spot(self, segment: bytes) -> WakeHit | None:
        if not self._wake:
            return None
        end_ms = self.keyword_search(segment)
        if end_ms is None:
            return None
        self.keyword_hits += 1
        # verify only the audio up to where the keyword search heard the phrase end: a command said in the same
        # breath ("xiao ai turn on the lamp") would otherwise be decoded with it and explained by fillers
        cut = int((end_ms + VERIFY_MARGIN_MS) * RATE / 1000) * SAMPLE_BYTES
        return self.verify(segment[:cut])

    def keyword_search(self, segment: bytes) -> float | None:
        """Stage 1: where (ms into the segment) the first wake phrase the keyword search hears ends; None if it
        hears none. Cheap and permissive: the thresholds let near misses through to verification."""
        d = self._decoder
        d.activate_search(KEYWORDS)
        d.start_utt()
        d.process_raw(segment, full_utt=True)
        d.end_utt()
        hits = [s for s in d.seg() or () if s.word.strip()]
        if not hits:
            return None
        first = min(hits, key=lambda s: s.start_frame)
        return float((first.end_frame + 1) * FRAME_S * 1000)

    def verify(self, segment: bytes) -> WakeHit | None:
        """Stage 2: decode the segment against wake phrases, commands and fillers; a hit only if a phrase wins."""
        d = self._decoder
        d.activate_search(WAKE)
        d.start_utt()
        d.process_raw(segment, full_utt=True)
        d.end_utt()
        hyp = d.hyp()
        if hyp is None:
            return None
        phrase = self._said.get(hyp.hypstr.strip())
        if phrase is None:
            return None
        end_frame = max((s.end_frame for s in d.seg() if s.word not in ("<s>", "</s>", "<sil>")), default=0)
        return WakeHit(phrase, float(hyp.prob), (end_frame + 1) * FRAME_S * 1000)


def keyword_threshold(phones: int, sensitivity: float) -> float:
    """Keyword-search threshold for a phrase of ``phones`` phones.

    A longer phrase piles up more acoustic evidence, so it can afford a stricter threshold; a short one ("xiao ai",
    three phones) needs a loose one and leans on verification. Each 0.1 of sensitivity moves it two decades.
    Fitted on espeak-ng voices (benchmarks/wake.md): "hey cortana" (9 phones) is found 8/8 with no false hit
    anywhere between 1e+20 and 1e0; "xiao ai" (3 phones, heard as "xiaoai") is found 12/12 with no false wake at 1e-5
    and 1e-8 (sensitivity 0.5, 0.65); at 1e-11 (0.8) verification lets "how are you" and "now" through.
    """
    return float(10.0 ** (2.5 * phones - 12.5 + 20.0 * (0.5 - sensitivity)))


class PocketSphinxRecognition:
    def __init__(self, decoder: Any, grammar: Grammar | None) -> None:
        self._d = decoder
        self._grammar = grammar
        self._audio: list[bytes] = []
        self._frames = 0
        self._partial = ""
        self._search = COMMANDS if grammar is not None else DICTATION
        self._d.activate_search(self._search)
        self._d.start_utt()

    def accept(self, frame: bytes) -> str | None:
        self._audio.append(frame)
        self._d.process_raw(frame)
        self._frames += 1
        if self._frames % PARTIAL_EVERY:
            return None
        hyp = self._d.hyp()
        text = hyp.hypstr if hyp is not None else ""
        if text and text != self._partial:
            self._partial = text
            return text
        return None

    def finish(self) -> Transcript:
        started = time.perf_counter()
        d = self._d
        d.end_utt()
        hyp = d.hyp()
        text = hyp.hypstr.strip() if hyp is not None else ""
        score = float(hyp.score) if hyp is not None else 0.0
        mode: Mode = "grammar" if self._grammar is not None else "dictation"
        clear = True
        if self._grammar is not None and text in self._grammar.sentences and score >= GRAMMAR_MIN_SCORE:
            if score < GRAMMAR_SURE_SCORE:
                # doubtful: would the words be heard without the grammar? A sentence forced onto other speech
                # explains the sound worse than free dictation does
                grammar_fit = acoustic_fit(d.seg())
                self._dictate()
                clear = grammar_fit - acoustic_fit(d.seg()) >= GRAMMAR_MIN_FIT
        else:
            if self._grammar is not None:
                log.debug("grammar result %r is not a whole sentence; decoding again with dictation", text)
                mode = "dictation"
                hyp = self._dictate()
                text = hyp.hypstr.strip() if hyp is not None else ""
                score = float(hyp.score) if hyp is not None else 0.0
            clear = score >= DICTATION_MIN_SCORE and acoustic_fit(d.seg()) >= DICTATION_MIN_FIT
        audio_ms = len(self._audio) * len(self._audio[0]) / (RATE * SAMPLE_BYTES) * 1000 if self._audio else 0.0
        return Transcript(
            text=normalize(text),
            confidence=max(0.0, min(1.0, score)),
            engine="pocketsphinx",
            mode=mode,
            audio_ms=audio_ms,
            decode_ms=(time.perf_counter() - started) * 1000,
            clear=clear or not text,
        )

    def _dictate(self) -> Any:
        """Decode the buffered utterance again with free dictation; its hypothesis (None when nothing)."""
        d = self._d
        d.activate_search(DICTATION)
        d.start_utt()
        d.process_raw(b"".join(self._audio), full_utt=True)
        d.end_utt()
        return d.hyp()


def acoustic_fit(segments: Any) -> float:
    """How well a decoded path explains the sound: the mean log acoustic likelihood per frame (PocketSphinx gives
    each segment's as a per-frame probability; its odd sentence-boundary entries above 1 are left out). Near 0 for
    speech the words match; noise and words forced onto other speech score lower."""
    frames = total = 0.0
    for seg in segments or ():
        length = seg.end_frame - seg.start_frame + 1
        if length > 0 and 0.0 < seg.ascore <= 1.0:
            frames += length
            total += length * math.log(seg.ascore)
    return total / frames if frames else -1.0
