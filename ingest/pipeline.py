"""The extraction pipeline: Article in, ArticleFacts out, stage by stage over one shared Context."""
from __future__ import annotations

import re
import unicodedata

from ingest.context import Context
from ingest.documents import extract_documents
from ingest.events import extract_events
from ingest.nlp import parse_text
from ingest.organizations import extract_organizations
from ingest.persons import extract_persons
from ingest.places import choose_focus, extract_places
from ingest.positions import extract_positions
from ingest.records import Article, ArticleFacts
from ingest.signing import extract_signing
from ingest.trade import extract_trade
from ingest.visits import extract_visits

ENTITY_STAGES = (extract_places, extract_persons, extract_organizations, extract_events,
                 extract_documents, choose_focus)
RELATION_STAGES = (extract_positions, extract_signing, extract_visits, extract_trade)
ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def mask_unnamed_letters(text: str) -> str:
    """Letters without a Unicode name (the Tangut ideographs) as U+FFFD, one code point for one.

    pymorphy, under natasha and the gazetteer, calls unicodedata.name() on every letter of a word and
    raises on these; every BMP letter has a name, so only astral characters are looked at.
    """
    def mask(m: re.Match) -> str:
        c = m.group()
        return "\ufffd" if c.isalpha() and unicodedata.name(c, None) is None else c

    return ASTRAL_RE.sub(mask, text)


def extract_article(article: Article) -> ArticleFacts:
    ctx = Context(parse_text(mask_unnamed_letters(article.text)), published=article.published)
    for stage in ENTITY_STAGES + RELATION_STAGES:
        stage(ctx)
    return ArticleFacts(
        source=article.source,
        article=article,
        entities=list(ctx.table.entities.values()),
        relations=list(ctx.relations.values()),
        warnings=ctx.notes,
    )
