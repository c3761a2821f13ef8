"""ingest.nlp: batched tagging and the on-demand syntax give what natasha gives line by line."""

from __future__ import annotations

import pytest

from coopgraph.ingest.nlp import load_models, parse_text

# A headline (its own sentence), a split the segmenter makes after "долл." that parse_text undoes,
# names of every NER type, and an organisation (natasha normalises those along the syntax tree).
TEXT = (
    "Визит делегации в Костанай\n"
    "Товарооборот составил 5 млн. долл. США. Аким области встретился с губернатором Вадимом Шумковым "
    "в Кургане.\n\n"
    "Соглашение подписали Министерство сельского хозяйства Курганской области и ТОО «Агромет»."
)


def natasha_by_line(text: str):
    """natasha run eagerly on each line alone: what parse_text must reproduce."""
    from natasha import Doc

    m = load_models()
    heads, spans, pos = {}, [], 0
    for line in text.split("\n"):
        if line.strip():
            doc = Doc(line)
            doc.segment(m["segmenter"])
            doc.tag_morph(m["morph"])
            doc.parse_syntax(m["syntax"])
            doc.tag_ner(m["ner"])
            by_id = {t.id: t for t in doc.tokens}
            for t in doc.tokens:
                head = by_id.get(t.head_id)
                heads[pos + t.start] = (t.text, t.pos, t.feats, None if head is None else pos + head.start, t.rel)
            for sp in doc.spans:
                sp.normalize(m["vocab"])
                spans.append((sp.type, pos + sp.start, pos + sp.stop, sp.text, sp.normal))
        pos += len(line) + 1
    return heads, spans


# parse_text joins what the segmenter cut after "млн." and "долл." into one sentence and parses it as one, where
# natasha parses each segment alone: that sentence's heads are not natasha's (test_a_joined_sentence_...)
JOINED = "Товарооборот составил 5 млн. долл. США."


def natasha_parses_it(text: str, start: int) -> bool:
    return not (text.index(JOINED) <= start < text.index(JOINED) + len(JOINED))


@pytest.fixture(scope="module")
def expected():
    return natasha_by_line(TEXT)


@pytest.fixture
def unrepaired(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse as natasha gives it: where the repairs differ, test_syntax_repair.py says."""
    from coopgraph.ingest import nlp

    monkeypatch.setattr(nlp, "_repair", lambda tokens: None)


def test_tags_heads_and_spans_match_natasha_line_by_line(expected, unrepaired):
    from coopgraph.ingest.nlp import _common_noun

    heads, spans = expected
    parsed = parse_text(TEXT)
    assert [s.text for s in parsed.sentences][:2] == [
        "Визит делегации в Костанай",
        "Товарооборот составил 5 млн. долл. США.",
    ]
    seen = 0
    for s in parsed.sentences:
        opening = next(k for k, t in enumerate(s.tokens) if t.text[:1].isalpha())
        for k, t in enumerate(s.tokens):
            assert t.i == k
            text, pos, feats, head_start, rel = heads[t.start]
            if k == opening and pos == "PROPN" and _common_noun(text):
                pos = "NOUN"  # adapt_sentence: a sentence's capital is no name's ("Товарооборот составил ...")
            assert (t.text, t.pos, t.feats) == (text, pos, feats)
            # the head is read first here, so the parser runs now, after the merge renumbered tokens
            got = None if t.head < 0 else s.tokens[t.head].start
            assert (got, t.rel) == (head_start, rel) or not natasha_parses_it(TEXT, t.start), t.text
            seen += 1
    assert seen == len(heads)
    assert [(sp.type, sp.start, sp.end, sp.text, sp.normal) for sp in parsed.spans] == spans
    assert any(sp.type == "ORG" for sp in parsed.spans)


def test_span_normal_first_runs_the_parser_for_the_whole_article(expected):
    heads, spans = expected
    parsed = parse_text(TEXT)
    assert [sp.normal for sp in parsed.spans] == [sp[4] for sp in spans]
    assert all(t._syntax is None for s in parsed.sentences for t in s.tokens)  # every sentence got its parse


def test_a_joined_sentence_is_parsed_as_one() -> None:
    """The segments of "Товарооборот составил 5 млн. долл. США." go to the parser as one sentence: one root, and
    the parser's own reading of the whole (natasha parses "долл." and "США." each alone, with roots of their
    own); its tokens' ids are natasha's, for its normaliser of names."""
    parsed = parse_text(TEXT)
    (joined,) = [s for s in parsed.sentences if s.text == JOINED]
    assert [t.text for t in joined.tokens if t.head == -1] == ["составил"]
    (markup,) = list(load_models()["syntax"].map([[t.text for t in joined.tokens]]))
    raw = [int(src.head_id) - 1 for src in markup.tokens]
    repaired = [i for i, (t, h) in enumerate(zip(joined.tokens, raw)) if t.head != h]
    assert len(repaired) <= 1  # the parse repairs may mend one arc ("долл." left as an orphan)


def test_a_sentence_is_parsed_when_first_read_with_the_wanted_ones(expected, unrepaired):
    heads, spans = expected
    parsed = parse_text(TEXT, wanted=lambda sent, spans: sent.text.startswith("Соглашение"))
    owed = parsed.syntax
    assert owed is not None and (owed.owed, owed.parsed) == (5, 0)  # "долл." and "США." were two sentences
    headline, merged, meeting, signing = parsed.sentences

    def unparsed(sent) -> bool:
        return all(t._syntax is not None for t in sent.tokens)

    # the first read parses its sentence and the wanted one, in one batch
    assert headline.tokens[0].head == -1  # "Визит" heads the headline
    assert owed.parsed == 2 and not unparsed(signing) and unparsed(meeting) and unparsed(merged)
    # a name's normal form needs its own sentence's parse only
    person = next(sp for sp in parsed.spans if sp.type == "PER")
    assert person.normal == next(sp[4] for sp in spans if sp[:2] == ("PER", person.start))
    assert owed.parsed == 3 and not unparsed(meeting) and unparsed(merged)
    for s in parsed.sentences:  # each parse is the one natasha gives its line as a whole
        for t in s.tokens:
            got = (None if t.head < 0 else s.tokens[t.head].start, t.rel)
            assert got == heads[t.start][3:] or not natasha_parses_it(TEXT, t.start), t.text
    assert owed.parsed == 5


def test_without_syntax_no_heads():
    parsed = parse_text(TEXT, syntax=False)
    assert all(t.head == -1 and t.rel == "" for s in parsed.sentences for t in s.tokens)
    assert all(t.lemma for s in parsed.sentences for t in s.tokens)


def test_batches_trade_calls_against_padding():
    from coopgraph.ingest.nlp import _batches

    # a headline and short sentences apart from a long paragraph: padding them to it costs more than a call
    assert _batches([3, 4, 5, 60], call_cost=20, most=8) == [3, 1]
    assert _batches([10, 10, 10, 10], call_cost=20, most=8) == [4]  # equal lengths: one call
    assert sum(_batches([5] * 10, call_cost=20, most=8)) == 10  # at most 8 a call: two calls
    assert all(n <= 8 for n in _batches(list(range(1, 30)), call_cost=1000, most=8))
    assert _batches([], call_cost=20, most=8) == []


def test_remembered_word_ids_are_the_encoders_own():
    words = ["Аким", "области", "встретился", "с", "губернатором", "Шумковым", "ТОО", "«", "Агромет", "»", "."]
    for name in ("morph", "syntax", "ner"):
        encoder = load_models()[name].infer.encoder
        assert encoder.item(words) == type(encoder).item(encoder, words)
        assert encoder.item(words) == type(encoder).item(encoder, words)  # a second time, from memory


def test_a_sentences_opening_common_noun_tagged_a_name_is_a_noun() -> None:
    from coopgraph.ingest.nlp import parse_text

    (sent,) = parse_text("– Комбикорм поступает в Мангистаускую область из Павлодарской области.").sentences
    assert [t.pos for t in sent.tokens if t.text == "Комбикорм"] == ["NOUN"]
    (sent,) = parse_text("Казахстан поставляет комбикорм в Россию.").sentences
    assert [t.pos for t in sent.tokens if t.text == "Казахстан"] == ["PROPN"]  # a place's name stays one


@pytest.mark.parametrize(
    "text, tagged, expected",
    [
        ("скрепили", "ADJ", "VERB"),  # a past verb the tagger does not know
        ("хоким", "VERB", "NOUN"),  # an Uzbek governor, read as a verb
        ("новые", "ADJ", "ADJ"),  # what the dictionary also knows as the tagger does stays
        ("подписали", "VERB", "VERB"),
        ("стали", "NOUN", "NOUN"),  # "стали" is a noun too (сталь): ambiguous, the tagger decides
    ],
)
def test_a_part_of_speech_the_dictionary_rules_out_is_repaired(text: str, tagged: str, expected: str) -> None:
    from coopgraph.ingest.nlp import _dictionary_pos

    assert _dictionary_pos(text, tagged, {})[0] == expected


SENTENCES = [
    ["Визит", "делегации", "в", "Костанай"],
    ["Аким", "области", "встретился", "с", "губернатором", "Вадимом", "Шумковым", "в", "Кургане", "."],
    ["Соглашение", "подписали", "Министерство", "и", "ТОО", "«", "Агромет", "»", "."],
    ["Экспорт", "пшеницы", "вырос", "."],
]


OTHER_SENTENCES = [
    ["Делегация", "Омской", "области", "посетила", "Павлодарский", "нефтехимический", "завод", "."],
    ["Товарооборот", "вырос", "на", "12", "процентов", "."],
]


@pytest.mark.parametrize("name", ["morph", "syntax", "ner"])
@pytest.mark.parametrize("size", [16_384, 30, 4])
def test_first_layer_memo_is_slovnets_forward_pass(name: str, size: int, monkeypatch) -> None:
    """The memo gives slovnet's own network output, padded batches included, from memory a second time, and
    after it has dropped words to take others (30 words: the second batch's new words push out the first's
    older half) or when one batch holds more new words than it can keep (4 words)."""
    import numpy as np

    from coopgraph.ingest.nlp import _FirstLayerMemo

    infer = load_models()[name].infer
    monkeypatch.setattr(_FirstLayerMemo, "SIZE", size)
    memo = _FirstLayerMemo(infer.model.model)
    (first,) = list(infer.encoder(SENTENCES))
    (second,) = list(infer.encoder(OTHER_SENTENCES))
    assert first.pad_mask.any()  # shorter sentences are padded to the longest
    for batch in (first, second, first, second):
        ours = memo(batch.word_id, batch.shape_id, batch.pad_mask)
        theirs = memo.model(batch.word_id, batch.shape_id, batch.pad_mask)
        for a, b in (
            [(ours.head_id, theirs.head_id), (ours.rel_id, theirs.rel_id)] if name == "syntax" else [(ours, theirs)]
        ):
            assert np.allclose(a, b, atol=1e-3)
            assert (a.argmax(-1) == b.argmax(-1)).all()
        assert len(memo.memo) <= size and len(set(memo.memo.values())) == len(memo.memo)
        assert len(memo.memo) + len(memo.free) == size  # every row either holds a word or is free
    if size == 16_384:
        assert len(memo.memo) == len(np.unique(np.concatenate([first.word_id.ravel(), second.word_id.ravel()])))


def test_dictionaries_are_walked_by_the_dawg_extension() -> None:
    """pymorphy3[fast] installs DAWG2, the dictionary walk in C, which both analysers pick when it is there
    (ours and natasha's pymorphy2); without it they walk in Python: a first pass over new texts ~15 % slower."""
    import pymorphy2.dawg  # type: ignore[import-untyped]
    import pymorphy3.dawg

    assert pymorphy3.dawg.EXTENSION_AVAILABLE and pymorphy2.dawg.EXTENSION_AVAILABLE


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Экспорт составил 5 млн. долл. США. Импорт вырос.", 2),  # "млн." and "долл." inside one sentence
        ("Экспорт составил $109,8 млн. Основу экспорта составляют молочные продукты.", 2),  # a unit ends a sentence
        ("Товарооборот достиг 12,4 млрд. тенге. Из Туркменистана ввезено 38 тыс. тонн карбамида.", 2),
        ("Делегация посетила завод им. С.М. Кирова в Петропавловске.", 1),  # a name's initials go on
    ],
)
def test_a_sentence_goes_on_after_an_abbreviation_unless_a_unit_ends_it(text: str, sentences: int) -> None:
    assert len(parse_text(text, syntax=False).sentences) == sentences


@pytest.mark.parametrize("name", ["morph", "syntax", "ner"])
def test_a_words_first_layer_row_does_not_depend_on_the_words_beside_it(name: str) -> None:
    """The memo computes the rows of the words a call misses in one product; a word's row must be the same
    whether it was computed alone or among sixty others, or a parse depends on what was tagged before."""
    import numpy as np

    from coopgraph.ingest.nlp import _FirstLayerMemo, load_models

    model = load_models()[name].infer.model.model
    ids = list(range(100, 160))
    alone = _FirstLayerMemo(model)._word_rows(np.array([ids[7]]))
    crowd = _FirstLayerMemo(model)._word_rows(np.array(ids))
    assert np.array_equal(alone[0], crowd[7])
