"""Readers that walk the parse up or down finish on a parse that holds a cycle (the parser makes some)."""

from __future__ import annotations

from coopgraph.ingest.frame_visits import _at_the_talks, _clause_with_talks
from coopgraph.ingest.frames import Tree
from coopgraph.ingest.nlp import Sentence, Token
from coopgraph.ingest.syntax_repair import repair_dashed_amounts


def _sentence(rows: list[tuple[str, str, str, int, str]]) -> Sentence:
    """[text, lemma, pos, head, rel] per token."""
    tokens, at = [], 0
    for i, (text, lemma, pos, head, rel) in enumerate(rows):
        tokens.append(Token(i, text, at, at + len(text), lemma, pos, {}, head=head, rel=rel))
        at += len(text) + 1
    return Sentence(0, at, " ".join(r[0] for r in rows), tokens)


def test_looking_for_talks_below_a_verb_stops_in_a_cycle() -> None:
    # "возглавляет" hangs on "делегацией", which hangs on "области", which hangs back on "делегацией": no
    # verb above, so no talks
    sent = _sentence(
        [
            ("делегацией", "делегация", "NOUN", 3, "obl"),
            ("возглавляет", "возглавлять", "VERB", 0, "acl:relcl"),
            ("Сыздыков", "сыздыков", "PROPN", 1, "nsubj"),
            ("области", "область", "NOUN", 0, "nmod"),
        ]
    )
    assert _at_the_talks(Tree(sent), sent.tokens[1]) is False


def test_an_amount_between_dashes_under_a_noun_caught_in_a_cycle_is_left_alone() -> None:
    sent = _sentence(
        [
            ("партию", "партия", "NOUN", 1, "nmod"),
            ("сыров", "сыр", "NOUN", 0, "nmod"),
            ("–", "–", "PUNCT", 4, "punct"),
            ("12", "12", "NUM", 4, "nummod"),
            ("тонн", "тонна", "NOUN", 1, "appos"),
            ("–", "–", "PUNCT", 4, "punct"),
            ("в", "в", "ADP", 7, "case"),
            ("сети", "сеть", "NOUN", 4, "orphan"),
        ]
    )
    repair_dashed_amounts(sent.tokens)
    assert sent.tokens[7].head == 4  # no verb above the noun: nothing to hang the phrase on


def test_looking_for_talks_in_a_clause_that_loops_back_to_its_verb_stops() -> None:
    # "сообщила" → "итогах" → "работы" → "сообщила": the walk down comes back to the verb it started from
    sent = _sentence(
        [
            ("сообщила", "сообщить", "VERB", 2, "nmod"),
            ("итогах", "итог", "NOUN", 0, "obl"),
            ("работы", "работа", "NOUN", 1, "nmod"),
        ]
    )
    assert _clause_with_talks(Tree(sent), sent.tokens[0]) is False
