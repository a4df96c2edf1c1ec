"""A slot tagger's slips are tidied: an "a.m." taken apart from its time is joined back to it and never stands as a
day; a span of punctuation only is no value."""

from __future__ import annotations

from assistant.router.nlu.slot_model import TaggedSpan, tidied_spans


def _spans(text: str, *tagged: tuple[str, str]) -> list[TaggedSpan]:
    spans, at = [], 0
    for entity, words in tagged:
        start = text.index(words, at)
        spans.append(TaggedSpan(entity, start, start + len(words), 0.9))
        at = start + len(words)
    return spans


def _said(text: str, spans: list[TaggedSpan]) -> list[tuple[str, str]]:
    return [(s.entity, text[s.start : s.end]) for s in spans]


def test_an_am_tagged_as_a_date_after_a_time_joins_the_time() -> None:
    text = "set an alarm for 6:45 a.m."
    joined = tidied_spans(text, _spans(text, ("time", "6:45"), ("date", "a.m.")))
    assert _said(text, joined) == [("time", "6:45 a.m.")]


def test_a_lone_pm_tagged_as_a_date_is_dropped_and_real_dates_stay() -> None:
    text = "wake me up p.m. tomorrow"
    joined = tidied_spans(text, _spans(text, ("date", "p.m."), ("date", "tomorrow")))
    assert _said(text, joined) == [("date", "tomorrow")]


def test_spans_without_a_marker_are_left_as_they_are() -> None:
    text = "remind me to call mom at 6 pm tomorrow"
    spans = _spans(text, ("reminder", "call mom"), ("time", "6 pm"), ("date", "tomorrow"))
    assert tidied_spans(text, spans) == spans


def test_a_span_of_punctuation_only_is_dropped() -> None:
    text = "and the weather?"
    assert tidied_spans(text, _spans(text, ("date", "?"))) == []
