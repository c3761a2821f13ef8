"""discourse.Words.resident_codes: a resident noun in any form names its place, whatever lemma the parser gave."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coopgraph.ingest.discourse import words

# [form as written, the lemma a parser might give it, the region's code it stands for]
FORMS = [
    ("павлодарец", "павлодарец", "KZ-55"),
    ("Кокшетауцы", "кокшетауц", "KZ-11"),
    ("атырауцам", "атырауца", "KZ-23"),
    ("североказахстанцев", "североказахстанцевый", "KZ-59"),
    ("уральчанам", "уральчанам", "KZ-27"),
    ("Семейчане", "семейчан", "KZ-10"),
    ("омичей", "омичь", "RU-OMS"),
    ("свердловчанам", "свердловчанин", "RU-SVE"),
]


@pytest.mark.parametrize("form, lemma, code", FORMS, ids=[f[0] for f in FORMS])
def test_a_resident_noun_names_its_region_in_any_form(form: str, lemma: str, code: str) -> None:
    assert words().resident_codes(SimpleNamespace(text=form, lemma=lemma))[0] == code


@pytest.mark.parametrize("word", ["предприниматели", "омский", "область", "Омск", "ами"])
def test_other_words_name_no_residents_place(word: str) -> None:
    assert words().resident_codes(SimpleNamespace(text=word, lemma=word.lower())) == ()
