"""The endpointer's timing rules, table-driven over is-speech flags (30 ms per flag)."""

from __future__ import annotations

from assistant.speaker.endpointing import Endpointer, EndpointRules, EndReason

RULES = EndpointRules(end_silence_ms=300, max_utterance_ms=1500, no_speech_timeout_ms=900)


def _run(pattern: str) -> tuple[EndReason | None, int | None]:
    e = Endpointer(RULES)
    for i, flag in enumerate(pattern):
        done = e.feed(flag == "#")
        if done is not None:
            return done.reason, (i + 1) * 30
    return None, None


def test_trailing_silence_ends_the_utterance() -> None:
    assert _run("...##########" + "." * 20) == (EndReason.SILENCE, (13 + 10) * 30)


def test_nobody_speaking_is_the_no_speech_case() -> None:
    assert _run("." * 40) == (EndReason.NO_SPEECH, 900)


def test_talking_past_the_maximum_is_cut() -> None:
    reason, at = _run("#" * 80)
    assert reason is EndReason.MAX_LENGTH and at == 1500


def test_a_click_does_not_start_an_utterance() -> None:
    reason, _ = _run("##" + "." * 40)
    assert reason is EndReason.NO_SPEECH


def test_a_short_burst_is_noise_and_listening_goes_on() -> None:
    # 180 ms of "speech", silence, then the real command
    reason, at = _run("######" + "." * 12 + "#" * 15 + "." * 12)
    assert reason is EndReason.SILENCE and at == (6 + 12 + 15 + 10) * 30


def test_the_end_of_input_counts_speech_so_far() -> None:
    e = Endpointer(RULES)
    for flag in "..######":
        e.feed(flag == "#")
    assert e.end_of_input().reason is EndReason.SILENCE
    quiet = Endpointer(RULES)
    quiet.feed(False)
    assert quiet.end_of_input().reason is EndReason.NO_SPEECH
