"""Pydantic records at the seams: an article in, its entities and relations out."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["Country", "Region", "City", "Person", "Organization", "Document", "Commodity", "Event"]
RelationType = Literal[
    "HOLDS_POSITION",
    "VISITED",
    "SIGNED",
    "PARTY_TO",
    "EXPORTS_TO",
    "TRADE_VOLUME",
    "PARTICIPATED_IN",
]
PLACE_TYPES = ("Country", "Region", "City")
_BODIES = (*PLACE_TYPES, "Organization")
# What each relation may join (the spec's relation table): (source types, target types).
SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "HOLDS_POSITION": (("Person",), _BODIES),
    "VISITED": (("Person", *_BODIES), _BODIES),
    "SIGNED": (("Person",), ("Document",)),
    "PARTY_TO": (_BODIES, ("Document",)),
    "EXPORTS_TO": (_BODIES, _BODIES),
    "TRADE_VOLUME": (("Region", "Country"), ("Region", "Country")),
    "PARTICIPATED_IN": (("Person", *_BODIES), ("Event",)),
}
# Where an article's publication date came from, the most authoritative first.
PublishedFrom = Literal["json", "html-meta", "json-ld", "time-tag", "url", "dateline", "text"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One input article after reading and furniture removal.

    `text` is the article body; every offset elsewhere points into it.
    `id` is the sha256 of the normalised body text, so the same text has the same id anywhere.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date or prefix ("2025-10-11", "2025-10"): its length is its precision
    # where `published` came from: a record field, the page's metadata, the URL or the page's text
    published_from: PublishedFrom | None = None
    outlet: str | None = None
    url: str | None = None
    lang: str = "ru"
    raw_chars: int = 0  # length of the text as read, before furniture removal


class Mention(Record):
    start: int
    end: int
    text: str


class Entity(Record):
    type: EntityType
    name: str  # canonical nominative name: the graph key for places and persons
    key: str  # stable graph key: gazetteer code for places, normalised name otherwise
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    legal_form: str | None = None  # Organization
    kind: str | None = None  # Document: дорожная карта, соглашение, ...
    period: tuple[int, int] | None = None  # Document
    signed: str | None = None  # Document: ISO date or prefix
    country: str | None = None  # Region/City: ISO country code
    region: str | None = None  # City: gazetteer code of its region
    hs_chapter: str | None = None  # Commodity: HS chapter ("10") or product group range ("72-83"), ingest/goods.py


class Evidence(Record):
    sentence: str
    start: int  # character offsets of the sentence in Article.text
    end: int


class Relation(Record):
    type: RelationType
    source: str  # entity names, as in Entity.name
    target: str
    source_key: str
    target_key: str
    title: str | None = None  # HOLDS_POSITION
    # VISITED, SIGNED, PARTICIPATED_IN: when it happened; TRADE_VOLUME: the period the figure covers
    # (`year` is its year). An ISO prefix ("2025", "2025-05", "2025-05-14"): its length is its precision.
    date: str | None = None
    commodity: str | None = None  # EXPORTS_TO
    kind: Literal["turnover", "export", "import"] | None = None  # TRADE_VOLUME
    value: float | None = None
    currency: Literal["USD", "RUB", "KZT", "EUR", "BYN", "CNY"] | None = None
    year: int | None = None
    period: str | None = None  # TRADE_VOLUME: free period text when not a single year
    rule: str | None = None  # how it was found: a frame ("frame:visit") or a surface rule ("trade.figure")
    confidence: float | None = None  # 0-1, the rule's precision on the dev set (ingest/lexicons/confidence.toml)
    corroborated_by: list[str] | None = None  # other rules that found the same fact
    evidence: Evidence


class ArticleFacts(Record):
    """Everything extracted from one article: what the graph loader consumes."""

    source: str
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_output(self) -> dict[str, Any]:
        """The spec's gold shape (entities, relations) plus our own fields (article, evidence, warnings)."""
        data = self.model_dump(mode="json", exclude_none=True)
        article = data.pop("article")
        article.pop("text", None)
        return {
            "source": self.source,
            "article": article,
            "entities": data["entities"],
            "relations": data["relations"],
            "warnings": data.get("warnings", []),
        }


# The identity of a Document in the graph: kept with the records because both the extractor's event
# identity (ingest/identity.py) and the loader (graph/rows.py) key documents by it.


def document_keys(facts: ArticleFacts) -> dict[str, str]:
    """Re-key Documents as kind + parties + period (or signing year), as the graph model defines.

    The extractor keys a document by kind and period or by name, which would make one node of two
    "соглашение о сотрудничестве" between different regions. With parties in the key, documents of
    one kind between the same parties merge (as the spec wants) and others stay apart. A document
    whose article names no party keeps the extractor's key.
    """
    parties = document_parties(facts.relations)
    remap = {}
    for ent in facts.entities:
        if ent.type != "Document" or not ent.kind or not parties.get(ent.key):
            continue
        remap[ent.key] = f"Document:{ent.kind}|{'+'.join(sorted(parties[ent.key]))}|{document_when(ent)}"
    return remap


def document_parties(relations: Iterable[Relation]) -> dict[str, set[str]]:
    parties: dict[str, set[str]] = {}
    for rel in relations:
        if rel.type == "PARTY_TO":
            parties.setdefault(rel.target_key, set()).add(rel.source_key)
    return parties


def document_when(ent: Entity) -> str:
    return f"{ent.period[0]}-{ent.period[1]}" if ent.period else (ent.signed or "")[:4]


# The names of the goods taxonomy's classes: kept with the records because an Entity's `hs_chapter` is
# a code of that taxonomy, and the loader (which may import the records only) names it on the graph.


@lru_cache(maxsize=1)
def hs_chapter_names() -> dict[str, str]:
    """HS chapter ("10") or product-group range ("72-83") -> its Russian name, from lexicons/hs_chapters.toml
    (the file ingest/goods.py classifies with)."""
    toml = resources.files(__package__).joinpath("lexicons").joinpath("hs_chapters.toml")
    data = tomllib.loads(toml.read_text(encoding="utf-8"))
    return {code: body["name"] for code, body in data["chapters"].items()} | dict(data["ranges"])


def hs_chapter_name(code: str | None) -> str | None:
    """The name of an Entity.hs_chapter code; None for none or a code the taxonomy does not have."""
    return hs_chapter_names().get(code) if code else None
