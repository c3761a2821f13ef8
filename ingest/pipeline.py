"""The extraction pipeline: Article in, ArticleFacts out, stage by stage over one shared Context."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from coopgraph.ingest.confidence import assign_confidence
from coopgraph.ingest.context import Context
from coopgraph.ingest.dating import date_facts
from coopgraph.ingest.discourse import LEAD_VERBS
from coopgraph.ingest.documents import drop_unrelated_kinds, extract_documents
from coopgraph.ingest.events import extract_events
from coopgraph.ingest.frame_visits import extract_visit_frames
from coopgraph.ingest.frames import lexicon
from coopgraph.ingest.gazetteer import kazakh_letters
from coopgraph.ingest.nlp import NamedSpan, Parsed, Sentence, parse_text
from coopgraph.ingest.organizations import extract_organizations
from coopgraph.ingest.participation import event_words, extract_participation
from coopgraph.ingest.persons import extract_persons
from coopgraph.ingest.places import choose_focus, extract_places
from coopgraph.ingest.positions import extract_positions
from coopgraph.ingest.records import Article, ArticleFacts
from coopgraph.ingest.signing import extract_signing
from coopgraph.ingest.trade import extract_trade
from coopgraph.ingest.trade_words import trade_words
from coopgraph.ingest.visits import extract_visits

ENTITY_STAGES = (
    extract_places,
    extract_persons,
    extract_organizations,
    extract_events,
    extract_documents,
    choose_focus,
)
RELATION_STAGES = (
    extract_positions,
    extract_signing,
    extract_participation,
    extract_visit_frames,
    extract_visits,
    extract_trade,
)
FINISHING_STAGES = (drop_unrelated_kinds, assign_confidence)  # every rule has had its say
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


# "и.о. директора Ж. Кенжебаев": the tokenizer cuts "и.о." into four tokens and the parser loses the title and
# the name; the parse reads the word of the same office, as long ("врио"), and the evidence keeps the text.
_ACTING = re.compile(r"(?<![\w.])[иИ]\.\s?о\.(?=\s)")
_ACTING_AS = {"и": "врио", "И": "Врио"}


# Administrative nouns the models do not know, read as a known noun of the same length and declension
# ("делегация аймака" parsed "аймака" as the sentence's root): "аймак" → "район", "велаят"/"вилоят" → "регион".
_UNKNOWN_NOUNS = re.compile(r"(?<![\w-])([Аа]ймак|[Вв]елаят|[Вв]илоят)(?=[а-я]{0,3}(?![\w-]))")
_KNOWN_AS = {"аймак": "район", "велаят": "регион", "вилоят": "регион"}


# "аким области Байханов А.К. посетил Омск": the initials after the surname, as official lists write them, which
# the models do not read as a name; the parse reads them before it ("А.К. Байханов", the same length), the
# evidence keeps the text. Not before a capital, where the initials' stop may end the sentence.
_INITIALS_AFTER = re.compile(
    r"(?<![\w.-])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?) ([А-ЯЁ]\.(?: ?[А-ЯЁ]\.)?)(?=\s*[,;:)]| [а-яё])"
)


def _known_words(text: str) -> str:
    def known(m: re.Match) -> str:
        word = _KNOWN_AS[m.group(1).lower()]
        return word.capitalize() if m.group(1)[0].isupper() else word

    text = _ACTING.sub(lambda m: _ACTING_AS[m.group()[0]].ljust(len(m.group())), text)
    text = _INITIALS_AFTER.sub(lambda m: f"{m.group(2)} {m.group(1)}", text)
    return _UNKNOWN_NOUNS.sub(known, text)


@lru_cache(maxsize=1)
def _syntax_cues() -> frozenset[str]:
    """Lemmas whose sentence some rule reads the parse of: its predicates, event words, "возглавить" of a
    delegation, a trade figure's slot nouns, "это" naming goods. A guess only for speed: a sentence a rule
    reads without one is parsed then, alone, and the facts are the same (tests/unit/test_extract_golden.py)."""
    return frozenset(lexicon().predicates) | event_words().words | set(LEAD_VERBS) | trade_words().slots | {"это"}


def _read_by_rules(sent: Sentence, spans: list[NamedSpan]) -> bool:
    """The sentences parsed in one batch on the first read: a cue's, or a person's (whose side or office
    the rules read off the parse)."""
    return any(sp.type == "PER" for sp in spans) or any(t.lemma in _syntax_cues() for t in sent.tokens)


def parse_for_rules(text: str) -> Parsed:
    """The parse of a text whose Kazakh letters the models read as Russian ones (natasha knows no "Қ": it
    lost "Ерланом Қасымбековым" as a name), with the text and sentences as written for the evidence."""
    parsed = parse_text(kazakh_letters(_known_words(text)), wanted=_read_by_rules)
    if parsed.text != text:
        parsed.text = text
        for sent in parsed.sentences:
            sent.text = text[sent.start : sent.end]
    return parsed


def extract_article(article: Article) -> ArticleFacts:
    ctx = Context(
        parse_for_rules(mask_unnamed_letters(article.text)), published=article.published, outlet=article.outlet
    )
    for stage in ENTITY_STAGES + RELATION_STAGES + FINISHING_STAGES:
        stage(ctx)
    date_facts(ctx)
    return ArticleFacts(
        source=article.source,
        article=article,
        entities=list(ctx.table.entities.values()),
        relations=list(ctx.relations.values()),
        warnings=ctx.notes,
    )
