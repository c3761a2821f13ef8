"""The extraction pipeline: Article in, ArticleFacts out (stub until the rules land)."""
from __future__ import annotations

from ingest.records import Article, ArticleFacts


def extract_article(article: Article) -> ArticleFacts:
    return ArticleFacts(source=article.source, article=article)
