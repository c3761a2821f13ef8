"""Pydantic records at the seams: an article in, its entities and relations out."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal[
    "Country", "Region", "City", "Person", "Organization", "Document", "Commodity", "Event"
]
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
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date or prefix ("2025-10-11", "2025-10")
    outlet: Optional[str] = None
    url: Optional[str] = None
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
    legal_form: Optional[str] = None  # Organization
    kind: Optional[str] = None  # Document: дорожная карта, соглашение, ...
    period: Optional[tuple[int, int]] = None  # Document
    signed: Optional[str] = None  # Document: ISO date or prefix
    country: Optional[str] = None  # Region/City: ISO country code
    region: Optional[str] = None  # City: gazetteer code of its region


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
    title: Optional[str] = None  # HOLDS_POSITION
    date: Optional[str] = None  # VISITED, SIGNED
    commodity: Optional[str] = None  # EXPORTS_TO
    kind: Optional[Literal["turnover", "export", "import"]] = None  # TRADE_VOLUME
    value: Optional[float] = None
    currency: Optional[Literal["USD", "RUB", "KZT", "EUR", "BYN", "CNY"]] = None
    year: Optional[int] = None
    period: Optional[str] = None  # TRADE_VOLUME: free period text when not a single year
    evidence: Evidence


class ArticleFacts(Record):
    """Everything extracted from one article: what the graph loader consumes."""

    source: str
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_output(self) -> dict:
        """The spec's gold shape (entities, relations) plus our own fields (article, evidence, warnings)."""
        data = self.model_dump(mode="json", exclude_none=True)
        article = data.pop("article")
        article.pop("text", None)
        return {"source": self.source, "article": article, "entities": data["entities"],
                "relations": data["relations"], "warnings": data.get("warnings", [])}
