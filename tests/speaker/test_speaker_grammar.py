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


def test_normalize_says_ordinals_times_and_symbols_as_words() -> None:
    # "3rd" used to become "three rd", a word no recognizer has: 149 training sentences never reached the grammar
    assert normalize("Set my alarm to 7:15 on March 3rd") == "set my alarm to seven fifteen on march third"
    assert normalize("the 5th of may, december 31st, the 22nd, the 12th") == (
        "the fifth of may december thirty first the twenty second the twelfth"
    )
    assert normalize("on the 20th") == "on the twentieth"
    assert normalize("dim it to 10%") == "dim it to ten percent"
    assert normalize("wake me at 7:00 am, or 7:05") == "wake me at seven am or seven oh five"
    assert normalize("the time in São Paulo") == "the time in sao paulo"


def test_the_spoken_grammar_has_the_routers_words_and_every_templates_plain_form() -> None:
    from assistant.config import Settings
    from assistant.router import phrases
    from assistant.router.factory import spoken_sentences

    grammar = compile_grammar(spoken_sentences(Settings()))
    # what the router answers at any turn, before any skill
    for said in (*phrases.CANCEL, *phrases.REFUSAL, *phrases.HELP, "yes", "no", "okay", "go ahead"):
        assert said in grammar, said
    # a template's shortest wording with each slot value (the random draw had none of these)
    for said in ("turn off the lights", "turn on the lights", "play the beatles", "set an alarm for 7 am"):
        assert said in grammar, said
    # ordinals are words the recognizer has, so the sentences that use them are kept
    assert "set my alarm to seven am on march third" in grammar
    assert not {"rd", "nd", "th"} & grammar.words
    assert not [s for s in grammar.sentences if " one st" in f"{s} "]
