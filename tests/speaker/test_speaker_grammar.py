"""Sentences in, a grammar out: normalized, deduplicated, unknown words reported, automaton exact."""

from __future__ import annotations

from assistant.speaker.grammar import Automaton, compile_grammar, normalize


def _accepted(a: Automaton, limit: int = 10) -> set[str]:
    out: set[str] = set()
    stack: list[tuple[int, tuple[str, ...]]] = [(a.start, ())]
    while stack:
        state, words = stack.pop()
        if state == a.final:
            out.add(" ".join(words))
            continue
        for src, dst, _, word in a.arcs:
            if src == state and len(words) < limit:
                stack.append((dst, (*words, word) if word else words))
    return out


def test_normalize_spells_numbers_and_drops_punctuation() -> None:
    assert normalize("Set a timer for 25 minutes!") == "set a timer for twenty five minutes"
    assert normalize("What’s the time?") == "what's the time"


def test_compile_keeps_order_drops_duplicates_and_reports_unknown_words() -> None:
    known = {"turn", "on", "the", "lamp", "off"}
    g = compile_grammar(
        ["Turn on the lamp", "turn on the lamp.", "turn off the lamp", "turn on the aircon"], known.__contains__
    )
    assert g.sentences == ("turn on the lamp", "turn off the lamp")
    assert g.skipped == (("turn on the aircon", "aircon"),)
    assert "TURN OFF the lamp" in g
    assert "turn the lamp" not in g


def test_the_automaton_accepts_exactly_the_sentences_and_shares_states() -> None:
    sentences = ["turn on the lamp", "turn off the lamp", "what time is it", "turn on"]
    g = compile_grammar(sentences)
    a = g.automaton()
    assert _accepted(a) == set(sentences)
    words_in_arcs = [w for *_, w in a.arcs if w]
    assert words_in_arcs.count("lamp") == 1  # "... the lamp" suffix merged


def test_state_ids_are_dense_because_the_decoder_sweeps_every_id_each_frame() -> None:
    sentences = [f"set a timer for {n} minutes" for n in ("one", "two", "five", "ten")] + ["what time is it"]
    for a in (compile_grammar(sentences).automaton(), compile_grammar(sentences).automaton(("hi",), 2)):
        ids = {s for f, t, *_ in a.arcs for s in (f, t)}
        assert ids == set(range(len(ids)))
        assert a.start in ids and a.final in ids
    trie_nodes = len({" ".join(s.split()[:i]) for s in sentences for i in range(1, len(s.split()) + 1)})
    assert len(ids) < trie_nodes  # shared suffixes ("minutes") are one state, and no id of a merged node is left


def test_filler_runs_are_added_for_the_wake_search() -> None:
    a = compile_grammar(["hey cortana"]).automaton(("hi", "there"), filler_run=2)
    assert _accepted(a) >= {"hey cortana", "hi", "hi there", "there there"}
    assert "hi there hi" not in _accepted(a)
