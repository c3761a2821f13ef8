"""A Commodity's HS class reaches its graph row: the records' name table agrees with the goods taxonomy."""

from __future__ import annotations

from coopgraph.graph.rows import NODE_PROPS, adapt_facts
from coopgraph.ingest import goods
from coopgraph.ingest.records import (
    Article,
    ArticleFacts,
    Entity,
    Evidence,
    Relation,
    hs_chapter_name,
    hs_chapter_names,
)


def test_the_records_name_every_class_as_the_goods_taxonomy_does():
    names = hs_chapter_names()
    assert len(names) >= 97  # every chapter 01..97 and the product-group ranges
    for code, name in names.items():
        assert goods.chapter_name(code) == name
    assert hs_chapter_name("10") == "Злаки"
    assert hs_chapter_name(None) is None and hs_chapter_name("00") is None


def test_a_commodity_row_carries_its_chapter_and_its_name():
    text = "Казахстан экспортирует пшеницу в Россию."
    facts = ArticleFacts(
        source="a.txt",
        article=Article(id="a", source="a.txt", text=text),
        entities=[
            Entity(type="Commodity", name="пшеница", key="Commodity:пшеница", hs_chapter="10"),
            Entity(type="Commodity", name="товары", key="Commodity:товары"),
        ],
        relations=[
            Relation(
                type="EXPORTS_TO",
                source="Казахстан",
                target="Россия",
                source_key="Country:KZ",
                target_key="Country:RU",
                commodity="пшеница",
                evidence=Evidence(sentence=text, start=0, end=len(text)),
            )
        ],
    )
    rows = adapt_facts(facts)
    by_key = {r["key"]: r for r in rows.nodes["Commodity"]}
    assert {"hs_chapter", "hs_name"} <= set(NODE_PROPS)
    assert (by_key["пшеница"]["hs_chapter"], by_key["пшеница"]["hs_name"]) == ("10", "Злаки")
    assert by_key["товары"]["hs_chapter"] is None and by_key["товары"]["hs_name"] is None
    assert all(r["hs_chapter"] is None for r in rows.nodes["Country"])
