"""Extraction stays linear in its input and within a time budget: adversarial lists, growth, over-budget articles."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import big_article

from coopgraph.cli import cli
from coopgraph.extraction import extract_articles
from coopgraph.ingest.nlp import Sentence, Token
from coopgraph.ingest.participation import _hangs_on_delegation
from coopgraph.ingest.pipeline import extract_article
from coopgraph.ingest.read import read_text

# The shape that hung extraction (dev-225): a long run of capitalised words, commas and "и" left of a place.
RUN = "Павлодарской, Восточно-Казахстанской и Абайской"


def tokens_of(text: str) -> Sentence:
    """A sentence of whitespace/punctuation tokens with lemmas equal to the lower-cased text."""
    tokens, pos = [], 0
    for word in text.replace(",", " ,").split():
        start = text.index(word, pos)
        tokens.append(Token(len(tokens), word, start, start + len(word), word.lower(), "X", {}))
        pos = start + len(word)
    return Sentence(0, len(text), text, tokens)


@pytest.mark.parametrize(
    "left, hangs",
    [
        ("делегации " + ", ".join([RUN] * 300) + " и ", True),  # a match at the end of a very long list
        ("представители " + " и ".join(["Абв"] * 2000) + ", ", True),
        ("Прибыли " + ", ".join(["Абв Где"] * 1500) + " и ", False),  # no head word: no match
        (", ".join(["Абвгдеёжзийклмнопрст"] * 2000), False),
        ("делегации " + "Абв" * 3000, True),  # one long capitalised word
    ],
    ids=["long-list", "and-chain", "no-head", "commas-only", "one-long-word"],
)
def test_the_delegation_list_walk_is_linear_on_adversarial_lists(left, hangs):
    sentence = tokens_of(left + "Курганской области")
    start = len(left)
    began = time.process_time()
    assert _hangs_on_delegation(sentence, start) is hangs
    # the regular expression this replaced took over ten minutes on dev-225's 980 characters
    assert time.process_time() - began < 0.5


NEWS = st.sampled_from(
    [
        "Делегация Курганской области во главе с губернатором Вадимом Шумковым посетила Петропавловск.",
        "В форуме приняли участие делегации Омской, Новосибирской, Павлодарской и Восточно-Казахстанской областей.",
        "Аким области Гауез Нурмухамбетов и губернатор Вадим Шумков подписали дорожную карту сотрудничества.",
        "Из Костанайской области в Челябинскую область поставлено 200 тысяч тонн зерна, муки и масла.",
        "Товарооборот между регионами в прошлом году составил 694 миллиона долларов.",
        "Гости побывали на заводах, в музеях и университетах, а также встретились с предпринимателями.",
        "Представители Актюбинской, Западно-Казахстанской, Костанайской и Оренбургской областей, а также эксперты.",
    ]
)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NEWS, min_size=6, max_size=6))
def test_extraction_work_grows_no_worse_than_linearly(sentences):
    """The Python calls our own code makes for a text four times as long stay within a few times four
    (quadratic would be ~16). Calls, not seconds: a count is the same on a loaded CI machine as on an idle
    one (CPU time under load made this test flaky), and speed itself is measured in bench/."""
    package = str(Path(extract_article.__code__.co_filename).parent.parent)

    def calls(text: str) -> int:
        article = read_text(text, "growth.txt")
        extract_article(article)  # warm the caches (lemmas, gazetteer lookups) so they cost nothing below
        count = 0

        def profile(frame, event, _arg):
            nonlocal count
            if event == "call" and frame.f_code.co_filename.startswith(package):
                count += 1

        sys.setprofile(profile)
        try:
            extract_article(article)
        finally:
            sys.setprofile(None)
        return count

    def text(paragraphs: int) -> str:  # distinct lines: the reader keeps at most two repeats in a row
        return "\n".join(f"Абзац {n}. " + " ".join(sentences) for n in range(paragraphs))

    ratio = calls(text(12)) / max(calls(text(3)), 1)
    assert ratio < 9, f"4x the text made {ratio:.1f}x the calls"


def test_an_article_over_budget_is_skipped_and_the_rest_extracted(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("Губернатор Курганской области Вадим Шумков посетил Петропавловск.", encoding="utf-8")
    huge = big_article(tmp_path)
    articles = [read_text(p.read_text(encoding="utf-8"), str(p)) for p in (small, huge, small)]
    outcomes = list(extract_articles(articles, workers=1, timeout=3.0))
    assert [o.article.source for o in outcomes] == [str(small), str(huge), str(small)]  # input order kept
    assert outcomes[1].facts is None and outcomes[1].error == "took longer than 3 s: skipped"
    assert all(o.facts is not None and o.facts.relations for o in (outcomes[0], outcomes[2]))


def test_extract_cli_reports_the_article_over_budget_and_exits_1(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Губернатор Курганской области Вадим Шумков посетил Петропавловск.", encoding="utf-8")
    big_article(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "jsonl", "--article-timeout", "3"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'huge.txt'}: took longer than 3 s: skipped"
    assert '"source": "' + str(good) + '"' in result.stdout
