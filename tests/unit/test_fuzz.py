"""Property tests: the reader and the extractor never raise on random Unicode, and what they give always loads."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coopgraph.graph.load import adapt_facts
from coopgraph.ingest.pipeline import extract_article
from coopgraph.ingest.read import ArticleError, article_id, read_text
from coopgraph.ingest.records import Article

# Words that wake the extractor's rules (places, officials, dates, money, documents), mixed with
# arbitrary Unicode: random characters alone rarely get past the tokenizer.
WORDS = (
    "Губернатор Курганской области Вадим Шумков посетил Петропавловск 12 мая 2025 года. Товарооборот "
    "составил 1,2 млрд долларов США. Аким СКО подписали соглашение о сотрудничестве на 2025–2027 годы "
    "экспорт пшеницы в Казахстан форум «Россия — Казахстан» ТОО Агрофирма"
).split()
PIECES = st.one_of(st.text(max_size=20), st.sampled_from(WORDS + [" ", "\n", "\n\n", ". ", "«", "»", "\u200f", "\x00"]))
TEXTS = st.lists(PIECES, max_size=200).map(lambda parts: "".join(parts)[:2000])
FUZZ = settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(TEXTS)
@example("Губернатор 𘚍 Курганской области")  # a Tangut letter has no unicodedata name: pymorphy2 raised on it
@example("\u202e\u0306\u200d" * 50)
def test_extractor_never_raises_and_its_output_loads(text):
    facts = extract_article(Article(id=article_id(text), source="fuzz.txt", text=text))
    adapt_facts(facts)  # keys and types the loader accepts
    for relation in facts.relations:
        ev = relation.evidence
        assert 0 <= ev.start <= ev.end <= len(text)


@FUZZ
@given(TEXTS, st.booleans())
@example("<div>" * 5000 + "Губернатор", True)
def test_reader_raises_only_article_errors(text, html):
    try:
        article = read_text(text, "fuzz.html" if html else "fuzz.txt", html=html)
    except ArticleError as exc:
        assert "\n" not in str(exc)
        return
    assert "\x00" not in article.text and "\r" not in article.text
