"""Repairs of the dependency parse that the rules rely on: arcs that cross a contrastive clause boundary."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from coopgraph.ingest.morph import PYMORPHY_CASES, PYMORPHY_GENDERS, UD_CASES, may_be_plural_nominative, parses

if TYPE_CHECKING:
    from coopgraph.ingest.nlp import Token

# ", а" / ", но" open a clause of their own ("Из X в Y поставляются A, а из Y в X завозятся B"), unless a list
# goes on ("а также", "но и").
_CONTRAST = {"а", "но"}
_LIST_GOES_ON = {"также", "и"}
_ARGUMENTS = {"obl", "nsubj", "nsubj:pass", "obj", "iobj"}
_CORE = {"nsubj", "nsubj:pass", "obj"}  # what a list of goods or visitors coordinates with
_QUOTES = {"«", "»", '"', "“", "”", "„"}


def repair_clauses(tokens: list[Token]) -> None:
    """Hang each argument, coordinated noun or adjective that the parser attached across a contrastive
    clause boundary on its own clause's one finite verb (noun, for the latter two). The parser reads the
    clauses of such a sentence into one another when both have a verb of moving goods; every rule reading
    the arguments of a verb then takes the other clause's places and goods."""
    cuts = [
        t.i
        for k, t in enumerate(tokens)
        if t.text == ";"
        or (
            t.text in ("–", "—")
            and 0 < k < len(tokens) - 1
            and _clause_after(tokens, k)
            and not _dashed_amount(tokens, k)
        )
        # "Еще один документ заключен на уровне городов: глава ... и аким ... подписали меморандум"
        or (t.text == ":" and _passive_clause_before(tokens, k))
        or (
            t.text.lower() in _CONTRAST
            and k > 0
            and tokens[k - 1].text == ","
            and (k + 1 >= len(tokens) or tokens[k + 1].text.lower() not in _LIST_GOES_ON)
        )
    ] + _comma_splices(tokens)
    if not cuts:
        return
    by_i = {t.i: t for t in tokens}

    def clause(i: int) -> int:
        return sum(1 for c in cuts if c <= i)

    finite: dict[int, list[Token]] = {}
    for t in tokens:
        # "было отправлено": the auxiliary is its participle's, one predicate with it
        if t.pos in ("VERB", "AUX") and _predicative(t) and not t._rel.startswith(("aux", "cop")):
            finite.setdefault(clause(t.i), []).append(t)
    if len(finite) < 2:
        return
    for t in tokens:
        head = by_i.get(t._head)
        own = clause(t.i)
        if head is None or clause(head.i) == own:
            continue
        if (t._rel in _ARGUMENTS or t._rel.startswith("aux")) and head.pos in ("VERB", "AUX") and finite.get(own):
            t._head = _own_verb(finite[own], t).i
        elif t._rel == "conj" and t.pos in ("NOUN", "PROPN"):
            anchors = [x for x in tokens if clause(x.i) == own and x.i < t.i and x._rel in _CORE and x.pos == t.pos]
            anchor = anchors[-1] if anchors else None
            if anchor is not None:
                t._head = anchor.i
        elif t._rel == "nmod" and head.pos in ("NOUN", "PROPN") and _cased(tokens, t):
            # "..., а основными статьями экспорта в республику остаются ...": the phrase modifies a noun of its
            # own clause, the last one before it; a direction ("поступает в область из ... областей") the
            # clause's verb before it, as in repair_forward_jumps
            case = next(c for c in tokens if c._head == t.i and c._rel == "case")
            verb = [v for v in finite.get(own, []) if v.i < t.i] if case.text.lower() in _DIRECTIONS else []
            noun = next(
                (x for x in reversed(tokens[: tokens.index(t)]) if clause(x.i) == own and x.pos in ("NOUN", "PROPN")),
                None,
            )
            if verb:
                t._head, t._rel = verb[-1].i, "obl"
                _gather_phrase(tokens, case, t)
            elif noun is not None:
                t._head = noun.i
        elif t._rel in ("amod", "cc", "case"):
            # an adjective hangs on its clause's next noun; "и" before the last of a list on that item; a
            # preposition on its own clause's next noun ("из Казахстана в Синьцзян экспортируются")
            noun = next((x for x in tokens if x.i > t.i and clause(x.i) == own and x.pos in ("NOUN", "PROPN")), None)
            if noun is not None:
                t._head = noun.i


def _comma_splices(tokens: list[Token]) -> list[int]:
    """ "Из ВКО в Синьцзян экспортируются медь и цинк, из Китая в область поступают автомобили": two clauses
    the parser itself left as two roots, each a finite verb, joined by a comma; the cut is the last comma
    before the second root (the commas of a list in the first clause come before it)."""
    by_i = {t.i: t for t in tokens}
    # a short participle roots a clause as a finite verb does ("В Китай вывезено 118 тыс. тонн льна, в обратном
    # направлении поступали ...")
    roots = [t for t in tokens if t._head == -1 and _predicative(t) and t.pos in ("VERB", "AUX")]
    cuts = []
    for first, second in zip(roots, roots[1:]):
        commas = [t for t in tokens if first.i < t.i < second.i and t.text == ","]
        after = by_i.get(commas[-1].i + 1) if commas else None
        if after is not None and not _subordinate(after):
            cuts.append(commas[-1].i)
    return cuts


_RELATIVES = {"где", "куда", "откуда", "который", "когда", "что", "чтобы", "как", "если", "пока", "хотя"}


def _subordinate(t: Token) -> bool:
    """A word opening a clause that hangs on the one before ("..., где вместе с ректором подписал"): its
    subject is the main clause's, however the parser rooted it."""
    return t.pos == "SCONJ" or t.lemma in _RELATIVES


def _own_verb(verbs: list[Token], t: Token) -> Token:
    """The clause's predicate an argument belongs to: the only one; else for a subject the first after it
    ("напомнил, что товарооборот ... превысил ..., а ..."), for anything else the last before it."""
    if len(verbs) == 1:
        return verbs[0]
    if t._rel.startswith("nsubj"):
        return next((v for v in verbs if v.i > t.i), verbs[-1])
    return next((v for v in reversed(verbs) if v.i < t.i), verbs[0])


def _clause_after(tokens: list[Token], k: int) -> bool:
    """ "X и Y подписали договор – ректоры обменялись документами": a dash opening a clause with a finite verb
    of its own, after a part that has one too (a dash between nouns, "Китай – Евразия", is no boundary)."""
    return any(_finite(t) for t in tokens[k + 1 :]) and any(_finite(t) for t in tokens[:k])


def _passive_clause_before(tokens: list[Token], k: int) -> bool:
    """A colon after a clause whose only predicate is a short participle ("документ заключен на уровне городов:"),
    before one with a finite verb of its own."""
    before = [x for x in tokens[:k] if _predicative(x)]
    return (
        bool(before)
        and not any(_finite(x) for x in before)
        and any(_finite(x) for x in tokens[k + 1 :])
        and not (k + 1 < len(tokens) and tokens[k + 1].text in ("«", '"', "“", "„"))
    )


def _finite(t: Token) -> bool:
    return t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"


def _finite_or_formless(t: Token) -> bool:
    """A finite verb, or a verb the tagger gave no form that the dictionary reads only as finite ("Туркестанская
    область отгружает наманганским партнерам цемент", hung as a modifier of its object)."""
    return _finite(t) or t.pos == "VERB" and "VerbForm" not in t.feats and _only_reading(t, "VERB") is not None


def _predicative(t: Token) -> bool:
    """A finite verb, or a short participle that heads its clause as one ("отгружены ячмень и газ")."""
    form = t.feats.get("VerbForm")
    return form == "Fin" or (form == "Part" and "Case" not in t.feats)


def repair_rootless_sentences(tokens: list[Token]) -> None:
    """ "... губернатор X скрепили подписями соглашение": a sentence the parser left without a root (the verb hung
    as a modifier of its own object, the object on the verb) is rooted in its first finite verb so caught."""
    if any(t._head < 0 for t in tokens):
        return
    by_i = {t.i: t for t in tokens}
    for verb in tokens:
        if not _finite_or_formless(verb):
            continue
        seen, t = set(), by_i.get(verb._head)
        while t is not None and t.i not in seen and t is not verb:
            seen.add(t.i)
            t = by_i.get(t._head)
        if t is verb:
            verb._head, verb._rel = -1, "root"
            return
    # "Аким ВКО Ермек Кошербаев с рабочим визитом в Новосибирске": a verbless headline whose words the parser
    # hung on themselves; its first nominative so hung is its root (repair_self_heads hangs the rest on it)
    selves = [t for t in tokens if t._head == t.i and t.pos in ("NOUN", "PROPN")]
    top = next((t for t in selves if t.feats.get("Case") == "Nom"), None)
    if top is not None:
        top._head, top._rel = -1, "root"


def repair_self_heads(tokens: list[Token]) -> None:
    """ "Вчера в Костанае прошла бизнес-миссия Челябинской области": the parser can hang a token on itself
    (there: a hyphenated noun, as "amod"). A nominative noun so hung is the subject of the sentence's
    finite root verb when it has none; anything else so hung hangs on the root."""
    roots = [t for t in tokens if t._head == -1]  # a sentence merged into another keeps its own root
    for t in tokens:
        if t._head != t.i or not roots:
            continue
        root = min(roots, key=lambda r: abs(r.i - t.i))
        subject = any(c._head == root.i and c._rel in ("nsubj", "nsubj:pass") for c in tokens)
        nominative = t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Nom"
        verb = root.pos in ("VERB", "AUX") and root.feats.get("VerbForm") == "Fin"
        if nominative and verb and _counted(tokens, t):
            t._head, t._rel = root.i, "obj"  # "получил ... 12 тыс. т тритикале": a counted good is what moves
            continue
        t._head, t._rel = root.i, ("nsubj" if nominative and verb and not subject else "dep")


def _counted(tokens: list[Token], t: Token) -> bool:
    """ "..., 12 тыс. т тритикале": a number before the noun in its own list item counts it, a good."""
    for before in reversed(tokens[max(0, t.i - 5) : t.i]):
        if before.text in (",", ";", "и"):
            return False
        if before.pos == "NUM" or before.text[:1].isdigit():
            return True
    return False


def repair_subject_cycles(tokens: list[Token]) -> None:
    """ "ТОО «Атырау Полимер» в прошлом году отгрузило ...": the parser can hang a finite verb on its own subject
    as a clause of it (acl) while the subject hangs on the verb: a cycle with no root. So with any argument
    ("отгрузило хозяйствам Павлодарской области 600 тонн семян": "хозяйствам" the verb's iobj and the verb
    its acl), or a longer cycle through it when the sentence has no root. The verb heads the sentence."""
    by_i = {t.i: t for t in tokens}
    for verb in tokens:
        if not _finite(verb) or (noun := by_i.get(verb._head)) is None:
            continue
        if noun._head == verb.i and noun._rel in _ARGUMENTS:
            verb._head, verb._rel = -1, "root"
        elif verb in _cycle_from(by_i, verb) and not any(t._head == -1 for t in tokens):
            # "АО «Кентауский ... завод» отгрузило": the verb under the name, the name under its legal form,
            # the legal form the verb's subject: a longer cycle, and the sentence has no root
            verb._head, verb._rel = -1, "root"


def repair_nominative_modifiers(tokens: list[Token]) -> None:
    """ "В ходе поездки в Омск аким области Асаин Байханов посетил ...": a nominative noun without a
    preposition hung as a modifier of a noun (or as a conjunct of a later one in another case) is the subject
    of the finite verb above it, when that verb has none (a modifier of a noun is in an oblique case)."""
    by_i = {t.i: t for t in tokens}
    governed = {c._head for c in tokens if c._rel == "case"}
    quoted = {c._head for c in tokens if c.text in _QUOTES}
    for t in tokens:
        if t.pos not in ("NOUN", "PROPN") or t.feats.get("Case") != "Nom":
            continue
        host = by_i.get(t._head)
        # an apposition agrees in case with its noun: a nominative "apposition" to an object is no such thing
        oblique_host = host is not None and host.feats.get("Case") != "Nom"
        # "Открывая встречу, губернатор ... приветствовал гостей": a "conjunct" of a later noun in another case
        backward = t._rel == "conj" and t._head > t.i and _after_comma(tokens, t)
        if not (t._rel in ("nmod", "dep") or t._rel == "appos" and oblique_host or backward and oblique_host):
            continue
        if t.i in quoted or _name_of_the_noun_before(tokens, t):
            continue  # a quoted name keeps its nominative in any case: "на ТОО «Агротехмаш»"
        if t.i in governed:
            continue
        verb = _verb_above(by_i, t)
        if verb is None or verb.feats.get("VerbForm") != "Fin":
            continue
        if _stranded_object(tokens, t, verb):
            # "Таласская область экспортирует в Жамбылскую область фасоль": a noun the same in both cases, after
            # the verb's subject and a place it goes to, is the object the verb lacks
            t._head, t._rel = verb.i, "obj"
            t.feats["Case"] = "Acc"
            continue
        if verb.i < t.i and (t.pos != "NOUN" or by_i.get(t._head) is verb):
            # "В Чолпон-Ате завершил работу V Форум": a subject after its verb, parsed as a modifier of the
            # verb's object; a name ("в области Абай") stays where it is
            continue
        subject = next((c for c in tokens if c._head == verb.i and c._rel in ("nsubj", "nsubj:pass")), None)
        if subject is not None:
            if _coordinated_before(by_i, t, subject):
                # "соглашение ... о взаимодействии акимат Жамбылской области и полномочный представитель ...
                # подписали": the first of two coordinated subjects, hung on the fronted object's last noun
                t._head, t._rel = verb.i, "nsubj"
                subject._head, subject._rel = t.i, "conj"
            continue
        t._head, t._rel = verb.i, "nsubj"


def _coordinated_before(by_i: dict[int, Token], t: Token, subject: Token) -> bool:
    """Whether `t` and its phrase end right where "и" opens the verb's `subject`, nothing else between."""
    if not t.i < subject.i:
        return False
    between = [by_i[j] for j in range(t.i + 1, subject.i) if j in by_i]
    joined = any(u.lemma == "и" and u._head == subject.i for u in between)
    return joined and all(_under(by_i, u, t) or _under(by_i, u, subject) for u in between)


def _stranded_object(tokens: list[Token], t: Token, verb: Token) -> bool:
    """A common noun after an active verb that has a subject and no object, hung on a noun under the verb, and
    whose form may be accusative."""
    if t.pos != "NOUN" or t._rel != "nmod" or verb.pos != "VERB" or verb.i > t.i or verb.feats.get("Voice") == "Pass":
        return False
    kids = [c._rel for c in tokens if c._head == verb.i]
    if "nsubj" not in kids or "obj" in kids or "nsubj:pass" in kids:
        return False
    host = next((c for c in tokens if c.i == t._head), None)
    if host is None or host._head != verb.i or host._rel != "obl":
        return False
    return _reads_as_object(t)


def _verb_above(by_i: dict[int, Token], t: Token) -> Token | None:
    """The first verb up `t`'s chain of heads (None at the root or in a cycle)."""
    verb, seen = by_i.get(t._head), set()
    while verb is not None and verb.pos not in ("VERB", "AUX") and verb.i not in seen:
        seen.add(verb.i)
        verb = by_i.get(verb._head)
    return verb


def _after_comma(tokens: list[Token], t: Token) -> bool:
    at = tokens.index(t)
    return at > 0 and tokens[at - 1].text == ","


def repair_stray_objects(tokens: list[Token]) -> None:
    """ "на второй день визита в Казахстан, губернатора края X принял президент": an accusative noun after a
    comma, hung as a conjunct of a noun in another case with no conjunction, is the object of the finite
    verb above, when that verb has none."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        host = by_i.get(t._head)
        if t._rel != "conj" or t.pos != "NOUN" or t.feats.get("Case") != "Acc" or host is None:
            continue
        if host.feats.get("Case") in (None, "Acc") or not _after_comma(tokens, t):
            continue
        if any(c._head == t.i and c._rel == "cc" for c in tokens):
            continue
        verb = _verb_above(by_i, t)
        if verb is None or verb.feats.get("VerbForm") != "Fin" or verb.i < t.i:
            continue
        if any(c._head == verb.i and c._rel == "obj" for c in tokens):
            continue
        t._head, t._rel = verb.i, "obj"


def repair_leading_participles(tokens: list[Token]) -> None:
    """ "Выступивший следом аким области Айдар Байжанов напомнил ...": an active participle right before the
    noun it agrees with (an adverb or adjective between), which the parser hung elsewhere, qualifies it."""
    for k, t in enumerate(tokens):
        if t.feats.get("VerbForm") != "Part" or t.feats.get("Voice") != "Act" or t._rel in ("amod", "acl"):
            continue
        j = next((j for j in range(k + 1, min(k + 4, len(tokens))) if tokens[j].pos in ("NOUN", "PROPN")), None)
        if j is None or any(x.pos not in ("ADV", "ADJ") for x in tokens[k + 1 : j]):
            continue
        noun = tokens[j]
        agrees = all(noun.feats.get(f) == t.feats.get(f) for f in ("Case", "Number", "Gender"))
        if agrees and t.feats.get("Case") and t._head != noun.i:
            t._head, t._rel = noun.i, "acl"


_DIRECTIONS = {"в", "во", "из"}


def repair_direction_phrases(tokens: list[Token]) -> None:
    """ "поступает в Мангистаускую область из Павлодарской, Актюбинской ... областей": a "из" phrase hung on
    the noun of a "в" phrase of a verb (or the other way round) is the verb's second direction, not a part
    of the first."""
    by_i = {t.i: t for t in tokens}
    cases = {c._head: c.text.lower() for c in tokens if c._rel == "case"}
    for t in tokens:
        host = by_i.get(t._head)
        if t._rel != "nmod" or host is None or host._rel != "obl":
            continue
        verb = by_i.get(host._head)
        mine, theirs = cases.get(t.i), cases.get(host.i)
        if verb is None or verb.pos not in ("VERB", "AUX") or mine not in _DIRECTIONS or theirs not in _DIRECTIONS:
            continue
        if (mine == "из") != (theirs == "из"):
            t._head, t._rel = verb.i, "obl"


_TRAVEL_NOUNS = frozenset({"визит", "поездка", "миссия", "бизнес-миссия", "командировка", "турне", "приезд"})


def repair_travel_destinations(tokens: list[Token]) -> None:
    """ "контракты подписаны по итогам бизнес-миссии предприятий Могилевской области в Павлодарскую область": a
    "в" + accusative phrase after a noun of travel, hung back past it on a noun before, is where the travel went."""
    for t in tokens:
        if t._rel not in ("nmod", "obl") or t.feats.get("Case") != "Acc" or not 0 <= t._head < len(tokens):
            continue
        prep = next((c for c in tokens if c._head == t.i and c._rel == "case"), None)
        if prep is None or prep.text.lower() not in ("в", "во", "на"):
            continue
        if prep.i > 0 and tokens[prep.i - 1].lemma in _TRAVEL_NOUNS and tokens[prep.i - 1].pos == "NOUN":
            # "В рамках визита в Караганду делегация посетила комбинат": the visit went there, not the verb
            t._head = tokens[prep.i - 1].i
            continue
        if t._rel != "nmod" or t._head >= t.i:
            continue
        travel = [v for v in tokens[t._head + 1 : t.i] if v.lemma in _TRAVEL_NOUNS and v.pos == "NOUN"]
        if travel:
            t._head = travel[-1].i
        elif (above := _travel_above_genitives(tokens, tokens[t._head])) is not None:
            t._head = above.i  # "визит делегации Омской области в Павлодар": the visit went there, not the region


def _travel_above_genitives(tokens: list[Token], t: Token) -> Token | None:
    """The noun of travel a chain of genitives hangs on ("визит [делегации [области]]"), if it does."""
    seen = set()
    while t.i not in seen and t.pos in ("NOUN", "PROPN") and t._rel == "nmod" and t.feats.get("Case") == "Gen":
        seen.add(t.i)
        if not 0 <= t._head < len(tokens):
            return None
        t = tokens[t._head]
        if t.lemma in _TRAVEL_NOUNS and t.pos == "NOUN":
            return t
    return None


# Nouns of a flow of goods that take its destination ("в Россию") and origin ("из Китая") as their own modifiers.
_FLOW_NOUNS = {"экспорт", "импорт", "вывоз", "ввоз", "поставка", "отгрузка", "реэкспорт"}


def _under(by_i: dict[int, Token], t: Token, top: Token) -> bool:
    seen = 0
    while t._head >= 0 and seen < 8:
        if t._head == top.i:
            return True
        t, seen = by_i[t._head], seen + 1
    return False


def repair_flow_destinations(tokens: list[Token]) -> None:
    """ "В экспорте области в Россию преобладает пшеница", "товарами казахстанского экспорта в Оренбургскую
    область стали уголь": the parser hangs the place a flow goes to (or comes from) on the verb or on the
    slot noun above the flow's noun; right after the flow noun's own phrase, it is the flow's."""
    by_i = {t.i: t for t in tokens}
    cases = {c._head: c.text.lower() for c in tokens if c._rel == "case"}
    for t in tokens:
        prep = cases.get(t.i)
        if prep not in _DIRECTIONS or t._rel not in ("obl", "nmod") or not _named_place(tokens, t):
            continue
        if t.feats.get("Case") != ("Gen" if prep == "из" else "Acc"):
            continue
        head = by_i.get(t._head)
        flows = [
            f for f in tokens if f.lemma in _FLOW_NOUNS and f.i < t.i and head is not None and _under(by_i, f, head)
        ]
        if not flows or head is None or head.lemma in _FLOW_NOUNS:
            continue
        flow = flows[-1]
        between = [b for b in tokens if flow.i < b.i < t.i and b._head != t.i]
        if all(_under(by_i, b, flow) for b in between):
            t._head, t._rel = flow.i, "nmod"


def _named_place(tokens: list[Token], t: Token) -> bool:
    """A capitalised noun, or a noun with a capitalised adjective on it ("в Оренбургскую область")."""
    return t.text[:1].isupper() or any(a._head == t.i and a._rel == "amod" and a.text[:1].isupper() for a in tokens)


def repair_forward_jumps(tokens: list[Token]) -> None:
    """ "Крупа поступает в область из Павлодарской, ... областей, и, к сожалению, оптовики подняли цену на
    крупу": in a long sentence the parser can hang a prepositional phrase on a noun past the next clause's
    finite verb. Such a phrase belongs to the finite verb before it."""
    by_i = {t.i: t for t in tokens}
    cases = {c._head: c for c in tokens if c._rel == "case" and c.text.lower() in _DIRECTIONS}
    finite = [x.i for x in tokens if _finite(x)]
    if len(finite) < 2:
        return  # one finite verb: nothing to jump over
    for t in tokens:
        head = by_i.get(t._head)
        if head is None or head.i < t.i or t._rel not in ("nmod", "obl") or t.pos not in ("NOUN", "PROPN"):
            continue
        case = cases.get(t.i)
        if case is None or not any(t.i < i < head.i for i in finite):
            continue
        before = [i for i in finite if i < t.i]
        if not before:
            continue
        t._head, t._rel = before[-1], "obl"
        _gather_phrase(tokens, case, t)


def repair_genitives_across_verbs(tokens: list[Token]) -> None:
    """ "в ходе рабочего визита тюменской делегации в СКО поставили аким ... и возглавивший делегацию заместитель
    губернатора": the parser can hang a genitive on a noun past the clause's finite verb; a genitive with no
    preposition qualifies the noun right before its phrase."""
    finite = [x.i for x in tokens if _finite(x)]
    for t in tokens:
        if t._rel != "nmod" or t.feats.get("Case") != "Gen" or t.pos not in ("NOUN", "PROPN") or t._head <= t.i:
            continue
        if any(c._head == t.i and c._rel == "case" for c in tokens) or not any(t.i < i < t._head for i in finite):
            continue
        start = min([t.i] + [c.i for c in tokens if c._head == t.i and c.i < t.i])
        if start > 0 and tokens[start - 1].pos in ("NOUN", "PROPN"):
            t._head = tokens[start - 1].i


def _gather_phrase(tokens: list[Token], case: Token, noun: Token) -> None:
    """The phrase's own words the parser sent the same way as its noun ("из Павлодарской, ... областей")
    hang inside it again."""
    for x in tokens:
        if case.i < x.i < noun.i and not case.i <= x._head <= noun.i:
            x._head = noun.i


# Verbs that attribute what was said before them: "..., сообщает пресс-служба губернатора".
_REPORTING = {"сообщать", "сообщить", "передавать", "передать", "писать", "информировать", "уточнять", "уточнить"}


def repair_reported_speech(tokens: list[Token]) -> None:
    """ "Губернатор и аким скрепили подписями соглашение, сообщает пресс-служба": the parser can make the
    attribution's verb the root and hang the report's subject and setting on it. The report's own
    finite verb heads them, and the attribution hangs on it."""
    roots = [t for t in tokens if t._head == -1 and t.lemma in _REPORTING]
    for root in roots:
        k = tokens.index(root)
        if k < 2 or tokens[k - 1].text != ",":
            continue
        verbs = [t for t in tokens[: k - 1] if t.pos in ("VERB", "AUX") and _predicative(t)]
        if not verbs:
            continue
        verb = verbs[-1]
        for t in tokens[: k - 1]:
            if t._head == root.i and t is not verb:
                t._head = verb.i
        verb._head, verb._rel = -1, "root"
        root._head, root._rel = verb.i, "parataxis"


def repair_crossing_conjuncts(tokens: list[Token]) -> None:
    """ "на площадке форума Вавиловский университет и Западно-Казахстанский университет подписали меморандум":
    the parser can hang the second conjunct on a noun across the verb that governs that noun. A coordination does
    not span its own clause's verb; the conjunct joins the nearest argument of that verb on its own side."""
    by_i = {t.i: t for t in tokens}
    for c in tokens:
        head = by_i.get(c._head) if c._rel == "conj" else None
        verb = by_i.get(head._head) if head is not None else None
        if head is None or verb is None or verb.pos != "VERB" or not (c.i < verb.i < head.i or head.i < verb.i < c.i):
            continue
        low = -1 if c.i < verb.i else verb.i
        side = [t for t in tokens if t._head == verb.i and t.pos in ("NOUN", "PROPN") and low < t.i < c.i]
        if side:
            c._head = max(side, key=lambda t: t.i).i
        elif c.i < verb.i and verb.feats.get("Number") == "Plur" and not _has_subject(tokens, verb):
            # "Кроме того, X и Y подписали меморандум": nothing of the verb's before it, so the subject
            c._head, c._rel = verb.i, "nsubj"


def _has_subject(tokens: list[Token], verb: Token) -> bool:
    return any(t._head == verb.i and t._rel.startswith("nsubj") for t in tokens)


def repair_object_subjects(tokens: list[Token]) -> None:
    """ "Меморандум подписали Павлодарский университет и Омский университет": an inanimate masculine noun reads
    the same in the nominative and the accusative, and the parser can make every noun around a plural verb its
    object. With one singular object before such a verb (no subject) and a coordination or a plural after it,
    the nouns after the verb are its subject."""
    coordinated = {t._head for t in tokens if t._rel == "conj"}
    joined = {t._head for t in tokens if t._rel == "cc"}
    for verb in tokens:
        if verb.pos != "VERB" or not _finite(verb) or verb.feats.get("Number") != "Plur":
            continue
        children = [c for c in tokens if c._head == verb.i]
        subjects = [c for c in children if c._rel in ("nsubj", "nsubj:pass")]
        objects = [c for c in children if c._rel == "obj" and c.pos in ("NOUN", "PROPN")]
        if subjects and not _singular_thing_before(subjects, verb):
            continue
        before = subjects or [o for o in objects if o.i < verb.i]
        after = [o for o in objects if o.i > verb.i]
        if len(before) != 1 or before[0].feats.get("Number") != "Sing" or not after:
            continue
        if before[0].i in coordinated or may_be_plural_nominative(before[0].text):
            continue  # "Добрососедство и партнерство связывают регионы", "орчане отправили 20 тонн груза"
        first, rest = after[0], after[1:]
        listed = bool(rest) and all(o.i in joined for o in rest)
        if not (first.feats.get("Number") == "Plur" or _coordinated_within(tokens, first, coordinated) or listed):
            continue
        before[0]._rel = "obj"
        first._rel = "nsubj"
        for o in rest:
            o._head, o._rel = first.i, "conj"


def repair_subjects_tagged_oblique(tokens: list[Token]) -> None:
    """ "а жамбылские мукомолы поставили соседям муку": the tagger reads a rare plural noun as a dative (or
    another oblique case) and the parser makes it an object, though its adjective is nominative and the plural
    verb after it has no subject. Such a noun right before its verb is the subject; so is a bare animate plural
    in a nominative ending ("Восточноказахстанцы привезли мед": an animate plural object would be in -ев)."""
    for verb in tokens:
        if verb.pos != "VERB" or not _finite(verb) or verb.feats.get("Number") != "Plur":
            continue
        children = [c for c in tokens if c._head == verb.i]
        if any(c._rel.startswith("nsubj") for c in children):
            continue
        noun = next((c for c in children if c.i == verb.i - 1 and c.pos == "NOUN"), None)
        if noun is None or noun.feats.get("Case") in (None, "Nom") or noun._rel not in ("obj", "iobj", "obl"):
            continue
        adjectives = [c for c in tokens if c._head == noun.i and c._rel == "amod"]
        if not adjectives and not _animate_plural_nominative(noun):
            continue
        if any(a.feats.get("Case") != "Nom" or a.feats.get("Number") != "Plur" for a in adjectives):
            continue
        if any(t._head == noun.i and t.pos == "ADP" for t in tokens) or not may_be_plural_nominative(noun.text):
            continue
        noun._rel = "nsubj"
        noun.feats = {**noun.feats, "Case": "Nom", "Number": "Plur"}


def _animate_plural_nominative(noun: Token) -> bool:
    return noun.feats.get("Animacy") == "Anim" and noun.text.lower().endswith(("цы", "ы", "не"))


_SETTING_HEADS = {"рамка", "ход", "итог", "поле", "время", "период"}  # "в рамках", "в ходе", "по итогам", ...


def repair_nominative_conjuncts(tokens: list[Token]) -> None:
    """ "В рамках форума Берик Оспанов и председатель облисполкома Андрей Кузьмич подписали ...": the parser can
    make the nominative after a setting's genitive a conjunct of the setting noun ("рамках"), and the verb after
    it has no subject. A nominative noun cannot be conjoined to an oblique one: the nearest finite verb after it
    with no subject of its own has it as its subject, the name in apposition before it included."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        head = by_i.get(t._head)
        if t._rel != "conj" or t.pos not in ("NOUN", "PROPN") or t.feats.get("Case") != "Nom" or head is None:
            continue
        if head.feats.get("Case") in (None, "Nom") or head.lemma not in _SETTING_HEADS:
            continue
        verb = next((v for v in tokens[t.i + 1 :] if v.pos == "VERB" and _finite(v)), None)
        if verb is None or _has_subject(tokens, verb):
            continue
        if any(v.pos == "VERB" and _finite(v) for v in tokens[head.i : t.i]):
            continue  # another clause's verb between them
        t._head, t._rel = verb.i, "nsubj"


def repair_nominatives_conjoined_to_genitives(tokens: list[Token]) -> None:
    """ "председатель облисполкома и Ерболат Жумагулов подписали": the parser can conjoin the name to the
    office's genitive ("облисполкома"); a nominative cannot be conjoined to a genitive, and the office it
    modifies is nominative: the name is that office's conjunct. Only a person: "представители акимата и
    ассамблеи" may be a plural genitive the tagger read as a nominative."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        head = by_i.get(t._head)
        if t._rel != "conj" or t.pos not in ("NOUN", "PROPN") or t.feats.get("Case") != "Nom" or head is None:
            continue
        if t.feats.get("Animacy") != "Anim" or t.feats.get("Number") == "Plur":
            continue
        grand = by_i.get(head._head)
        if head.feats.get("Case") != "Gen" or head._rel != "nmod" or grand is None or grand.i > head.i:
            continue
        if grand.feats.get("Case") == "Nom" and grand.pos in ("NOUN", "PROPN") and grand.i < t.i:
            t._head = grand.i


def repair_subjects_across_colons(tokens: list[Token]) -> None:
    """ "подписали контракт на 4,5 миллиарда тенге: поставки муки в Актобе начнутся в следующем году": the parser
    hangs the clause's subject on a word before the colon and leaves its verb without one. A nominative noun
    after the colon, before a finite verb without a subject, hung across the colon, is that verb's subject."""
    colons = [t.i for t in tokens if t.text == ":"]
    for verb in tokens:
        if verb.pos != "VERB" or not _finite(verb) or not any(c < verb.i for c in colons):
            continue
        if _has_subject(tokens, verb):
            continue
        colon = max(c for c in colons if c < verb.i)
        # (a firm's legal form heads its name: "только АО «Омский бекон» ... направило")
        noun = next(
            (t for t in tokens[colon + 1 : verb.i] if t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Nom"),
            None,
        )
        if noun is not None and noun._head < colon and not any(t._head == noun.i and t.pos == "ADP" for t in tokens):
            noun._head, noun._rel = verb.i, "nsubj:pass" if verb.feats.get("Voice") == "Pass" else "nsubj"
            _counted_after_to_object(tokens, noun, verb)


_UNITS = frozenset({"тонна", "т", "килограмм", "кг", "центнер", "литр", "штука", "голова", "вагон", "контейнер"})


def repair_prepositional_conjuncts(tokens: list[Token]) -> None:
    """ "АО «X» ... отправило в Омскую и Новосибирскую области ... тонн": the parser can make a prepositional
    phrase after the verb a conjunct of the subject before it. A conjunct with a preposition of its own, of a
    noun with none, past a finite verb between them, is that verb's oblique."""
    for t in tokens:
        if t._rel != "conj" or not 0 <= t._head < t.i or t.pos not in ("NOUN", "PROPN"):
            continue
        head = tokens[t._head]
        if not any(c._head == t.i and c._rel == "case" for c in tokens) or any(
            c._head == head.i and c._rel == "case" for c in tokens
        ):
            continue
        verbs = [v for v in tokens[head.i + 1 : t.i] if _finite(v)]
        if verbs:
            t._head, t._rel = verbs[-1].i, "obl"


def repair_conjuncts_past_relative_clauses(tokens: list[Token]) -> None:
    """ "побывали в хозяйстве «Пахарь», которое специализируется на животноводстве, в ТОО «X», на заводах": a
    prepositional phrase after a relative clause, with the preposition of a phrase before the clause, is that
    phrase's conjunct, not one of a noun inside the clause (and the clause qualifies the phrase before it)."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        case = next((c for c in tokens if c._head == t.i and c._rel == "case"), None)
        if t._rel != "conj" or case is None or t.i < 2 or tokens[case.i - 1].text != ",":
            continue
        pronoun = next((w for w in reversed(tokens[: case.i]) if w.lemma == "который"), None)
        if pronoun is None or (clause := by_i.get(pronoun._head)) is None or not t._head > pronoun.i:
            continue
        earlier = [
            n
            for n in tokens[: pronoun.i]
            if n.pos in ("NOUN", "PROPN")
            and n._rel == "obl"
            and any(c._head == n.i and c._rel == "case" and c.lemma == case.lemma for c in tokens)
        ]
        if not earlier:
            continue
        t._head = earlier[-1].i
        if clause._head == t.i:
            clause._head = earlier[-1].i


def _counted_after_to_object(tokens: list[Token], subject: Token, verb: Token) -> None:
    """ "АО «Омский бекон» ... направило в области более 4 тыс. тонн свинины": an amount after the verb the
    parser hung on the subject is what the verb moved, its object (when it has none)."""
    if any(t._head == verb.i and t._rel == "obj" for t in tokens):
        return
    for t in tokens[verb.i + 1 :]:
        counted = t.lemma in _UNITS or any(
            c._head == t.i and (c.pos == "NUM" or c._rel.startswith("nummod")) for c in tokens
        )
        if t._head == subject.i and t._rel == "nmod" and t.pos == "NOUN" and counted:
            t._head, t._rel = verb.i, "obj"
            return


def repair_verbs_read_as_modifiers(tokens: list[Token]) -> None:
    """ "Всестороннее соглашение о сотрудничестве скрепили подписями глава края X и аким Y": a finite verb the
    parser hung as a modifier under a nominal root is the clause's root; the old root before it is its object
    (when it may be accusative) or its subject, and the noun it hung the verb on is its complement."""
    by_i = {t.i: t for t in tokens}
    root = next((t for t in tokens if t._head < 0), None)
    if root is None or root.pos not in ("NOUN", "PROPN") or any(_finite(t) and t._rel == "conj" for t in tokens):
        return
    verb = next(
        (t for t in tokens if _finite_or_formless(t) and t._rel in ("amod", "nmod", "appos") and t.i > root.i), None
    )
    if verb is None or not _under(by_i, verb, root) or inside_quotes(tokens, verb):
        return
    host = by_i.get(verb._head)
    verb._head, verb._rel = -1, "root"
    accusative = _reads_as_object(root)
    root._head, root._rel = verb.i, "obj" if accusative else "nsubj"
    if host is not None and host is not root and host.i > verb.i:
        host._head, host._rel = verb.i, "obl"


def repair_adjective_roots(tokens: list[Token]) -> None:
    """ "Второй день трёхдневной рабочей поездки в Казахстан губернатор ... провёл": an adjective made a second
    root over the noun after it is that noun's modifier, and the noun (in the genitive) the modifier of the noun
    before the adjective."""
    roots = [t for t in tokens if t._head < 0]
    if len(roots) < 2:
        return
    by_i = {t.i: t for t in tokens}
    for adj in roots:
        if adj.pos != "ADJ" or adj.i == 0:
            continue
        noun = next((t for t in tokens if t.i > adj.i and t.pos == "NOUN"), None)
        before = by_i.get(adj.i - 1)
        if noun is None or noun._head != adj.i or before is None or before.pos != "NOUN":
            continue
        if noun.feats.get("Case") != "Gen" or adj.feats.get("Case") != "Gen":
            continue
        if any(t.pos != "ADJ" for t in tokens if adj.i < t.i < noun.i):
            continue
        adj._head, adj._rel = noun.i, "amod"
        noun._head, noun._rel = before.i, "nmod"


def repair_sealed_documents(tokens: list[Token]) -> None:
    """ "скрепили подписями протокол": the parser hangs the document on "подписями", the instrumental of the
    idiom, not on the verb; the accusative noun there is the verb's object."""
    for verb in tokens:
        if verb.lemma not in ("скрепить", "скреплять") or verb.pos != "VERB":
            continue
        for ins in tokens:
            if ins._head != verb.i or ins.lemma != "подпись":
                continue
            for doc in tokens:
                # (a neuter name the tagger read as nominative: "скрепили подписями Соглашение между ..."; not
                # the signer after it, "скрепили подписями Зарецкая и ...", who has no such accusative)
                if doc._head == ins.i and doc.pos in ("NOUN", "PROPN") and _accusative(doc):
                    doc._head, doc._rel = verb.i, "obj"


def _accusative(tok: Token) -> bool:
    case = tok.feats.get("Case")
    return case == "Acc" or case == "Nom" and _reads_as_object(tok)


_FRAME_NOUNS = {"поле", "рамка", "площадка", "кулуары"}


def repair_setting_genitives(tokens: list[Token]) -> None:
    """ "прошла на полях VIII Прикаспийского медиафорума": the parser can hang the event in the genitive on the
    clause's subject instead of on "полях" / "рамках" / "площадке" right before it; it is that noun's."""
    for k, frame in enumerate(tokens[:-1]):
        if frame.lemma not in _FRAME_NOUNS or frame.pos != "NOUN" or frame.feats.get("Case") != "Loc":
            continue
        for t in tokens[k + 1 : k + 6]:
            if t.pos == "NOUN" and t.feats.get("Case") == "Gen":
                if t._head != frame.i and t._head < frame.i:
                    t._head, t._rel = frame.i, "nmod"
                break
            if t.pos not in ("ADJ", "NUM", "PUNCT", "PROPN", "X"):
                break


def repair_genitive_indirect_objects(tokens: list[Token]) -> None:
    """ "рассказала участникам пленарной сессии": the parser can hang the genitive on the verb beside its object;
    a bare genitive right after a verb's object is that object's modifier."""
    has_case = {t._head for t in tokens if t.rel == "case"}
    for k, t in enumerate(tokens):
        if t.rel not in ("iobj", "obl") or t.pos != "NOUN" or t.feats.get("Case") != "Gen" or t.i in has_case:
            continue
        for before in reversed(tokens[:k]):
            if before.pos == "NOUN":
                if before._head == t._head and before.rel in ("obj", "iobj"):
                    t._head, t._rel = before.i, "nmod"
                break
            if before.pos not in ("ADJ", "NUM", "PROPN"):
                break


# Verbs of showing and telling, whose dative is the audience: "В университете делегации показали лаборатории".
_SHOWING_VERBS = frozenset(
    {"показать", "показывать", "продемонстрировать", "демонстрировать", "рассказать", "рассказывать", "презентовать"}
)
# Nouns of visitors, whose genitive and dative singular read alike ("делегации").
_AUDIENCE_NOUNS = frozenset({"делегация", "гость", "коллега", "делегат", "партнер", "партнёр", "участник"})


def repair_audiences_read_as_genitives(tokens: list[Token]) -> None:
    """ "В Омском аграрном университете делегации показали лаборатории": the parser hangs the visitors on the
    place before them as its genitive ("университете делегации"); after a showing verb's place they are whom it
    shows to, its dative."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        place = by_i.get(t._head)
        if place is None or t.lemma not in _AUDIENCE_NOUNS or t._rel != "nmod" or place.feats.get("Case") != "Loc":
            continue
        verb = by_i.get(place._head)
        if verb is None:
            continue
        if verb.lemma not in _SHOWING_VERBS or any(c._head == verb.i and c._rel == "iobj" for c in tokens):
            continue
        if t.i == place.i + 1 and "datv" in {str(p.tag.case) for p in parses(t.text.lower())}:
            t._head, t._rel = verb.i, "iobj"
            t.feats = dict(t.feats, Case="Dat")


def _singular_thing_before(subjects: list[Token], verb: Token) -> bool:
    """ "Соглашение подписали товарищество «Кызылжар Агро» и Курганская область": a singular inanimate
    "subject" before a plural verb does not agree with it; when it reads the same in the accusative it is the
    object, and the nouns after the verb are the subject."""
    subject = subjects[0]
    return (
        len(subjects) == 1
        and subject.i < verb.i
        and subject._rel == "nsubj"
        and subject.pos == "NOUN"
        and subject.feats.get("Number") == "Sing"
        and subject.feats.get("Animacy") != "Anim"
        and any(p.tag.case == "accs" and p.tag.number == "sing" for p in parses(subject.text.lower()))
    )


def _coordinated_within(tokens: list[Token], first: Token, coordinated: set[int]) -> bool:
    """A coordination in the phrase's own words: "товарищество ... «Кызылжар Агро» и Курганская область", where
    the parser hangs the second member on the name inside the first."""
    if first.i in coordinated:
        return True
    inside = {first.i}
    for t in tokens[first.i + 1 :]:
        if t._head in inside:
            inside.add(t.i)
    return any(i in coordinated for i in inside)


def repair_adjective_heads(tokens: list[Token]) -> None:
    """ "Между Павлодарской областью и Омской областью подписан": the parser can make an adjective the head of
    the noun right after it, agreeing in case, and make the noun a modifier (of the adjective, or even of the
    next noun of the list; "Павлодарские компании участвуют": the adjective's nmod). The noun heads the phrase:
    it takes the adjective's place and dependents, and the adjective modifies it."""
    for k, adj in enumerate(tokens[:-1]):
        noun = tokens[k + 1]
        if adj.pos != "ADJ" or adj._rel in ("amod", "conj") or noun.pos not in ("NOUN", "PROPN"):
            continue
        if noun.feats.get("Case") != adj.feats.get("Case"):
            continue
        # "Павлодарские компании участвуют": the noun read as the adjective's own modifier, in its case
        if noun._rel != "amod" and not (noun._rel == "nmod" and noun._head == adj.i and _an_adjective(adj, noun)):
            continue
        for t in tokens:
            if t._head == adj.i and t is not noun:
                t._head = noun.i
        noun._head, noun._rel = adj._head, adj._rel
        adj._head, adj._rel = noun.i, "amod"


def repair_arguments_hung_on_adjectives(tokens: list[Token]) -> None:
    """ "отгружает наманганским партнерам цемент": the parser can hang a verb's argument ("партнерам", iobj) on
    the adjective before it, and that adjective on the verb's next argument ("цемент"). An adjective takes no
    argument: the noun, agreeing with it, is the verb's, and the adjective modifies it."""
    by_i = {t.i: t for t in tokens}
    for k, adj in enumerate(tokens[:-1]):
        noun = tokens[k + 1]
        if adj.pos != "ADJ" or adj._rel != "amod" or noun._head != adj.i or noun._rel not in ("iobj", "obj", "obl"):
            continue
        host = by_i.get(adj._head)
        verb = by_i.get(host._head) if host is not None and host.i > noun.i else None
        if verb is None or not _finite_or_formless(verb):
            continue
        if noun.feats.get("Case") != adj.feats.get("Case", noun.feats.get("Case")):  # (the tagger may give none)
            continue
        noun._head = verb.i
        adj._head = noun.i


def _an_adjective(adj: Token, noun: Token) -> bool:
    """A word the dictionary knows as a full adjective (not "Акимат" tagged one), in the noun's number."""
    if adj._rel not in _ARGUMENT_RELS or not _same_number(adj, noun):
        return False  # ("dep": the parser itself was unsure, and later repairs read the phrase better)
    return any(p.tag.POS == "ADJF" for p in parses(adj.text.lower()) if p.is_known)


_ARGUMENT_RELS = ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod")


def repair_nouns_read_as_modifiers_of_genitives(tokens: list[Token]) -> None:
    """ "по итогам бизнес-миссии предприятий Могилевской области в Павлодарскую область": the parser can read a
    noun before a genitive as that genitive's adjective. The noun heads the phrase, in the genitive's place; the
    genitive modifies it, and a prepositional phrase after them ("в Павлодарскую область") is the head's."""
    for k, noun in enumerate(tokens[:-1]):
        gen = tokens[k + 1]
        if noun.pos != "NOUN" or noun._rel != "amod" or noun._head != gen.i or gen.pos != "NOUN":
            continue
        if gen.feats.get("Case") != "Gen":
            continue
        noun._head, noun._rel = gen._head, gen._rel
        gen._head, gen._rel = noun.i, "nmod"
        for t in tokens[gen.i + 1 :]:
            if t._head == gen.i and any(c._head == t.i and c._rel == "case" for c in tokens):
                t._head = noun.i


def repair_genitives_read_as_modifiers_of_the_next_noun(tokens: list[Token]) -> None:
    """ "На полях Каспийского медиафорума аким области провел встречу": the parser can hang a genitive noun as an
    adjective of the noun after it, in another case. It is the genitive of the noun before it (past its own
    adjectives)."""
    for noun in tokens:
        head = tokens[noun._head] if 0 <= noun._head < len(tokens) else None
        if noun.pos != "NOUN" or noun._rel != "amod" or noun.feats.get("Case") != "Gen" or head is None:
            continue
        if head.i <= noun.i or head.pos not in ("NOUN", "PROPN") or head.feats.get("Case") == "Gen":
            continue
        k = noun.i - 1
        while k >= 0 and tokens[k].pos == "ADJ" and tokens[k].feats.get("Case") == "Gen":
            k -= 1
        if k < 0 or tokens[k].pos not in ("NOUN", "PROPN"):
            continue
        noun._head, noun._rel = tokens[k].i, "nmod"
        for adj in tokens[k + 1 : noun.i]:  # its adjectives, which the parser hung on the next noun too
            adj._head, adj._rel = noun.i, "amod"


def repair_genitives_hung_on_the_verb(tokens: list[Token]) -> None:
    """ "В хокимияте Ташкентской области состоялись переговоры": the parser can hang the genitive after a noun with
    a preposition on the verb, as an oblique with none of its own. It is that noun's genitive."""
    for noun in tokens:
        if noun.pos not in ("NOUN", "PROPN") or noun._rel != "obl" or noun.feats.get("Case") != "Gen":
            continue
        if any(c._head == noun.i and c._rel == "case" for c in tokens):
            continue  # "из Омской области": an oblique of its own
        k = noun.i - 1
        while k >= 0 and tokens[k].pos == "ADJ" and tokens[k]._head == noun.i:
            k -= 1
        before = tokens[k] if k >= 0 else None
        if before is None or before.pos not in ("NOUN", "PROPN") or before._head != noun._head:
            continue
        if before.feats.get("Case") == "Gen" or not any(c._head == before.i and c._rel == "case" for c in tokens):
            continue
        noun._head, noun._rel = before.i, "nmod"


def repair_oblique_nouns_read_as_modifiers(tokens: list[Token]) -> None:
    """ "Караганда отправляет свердловчанам каменный уголь", "закупают у омичей зерно": a people's noun the tagger
    first read as an adjective stays the next noun's modifier in the parse, in a case that noun does not have. A
    dative, or an oblique noun after its preposition, is the verb's: an indirect object or an oblique."""
    for k, noun in enumerate(tokens[:-1]):
        head = tokens[noun._head] if 0 <= noun._head < len(tokens) else None
        if noun.pos != "NOUN" or noun._rel != "amod" or head is None or head.pos not in ("NOUN", "PROPN"):
            continue
        case, other = noun.feats.get("Case"), head.feats.get("Case")
        before = tokens[k - 1] if k else None
        governed = before is not None and before.pos == "ADP" and before._head == head.i
        if not case or case == other or head._head < 0 or not (case == "Dat" or governed and case in ("Gen", "Ins")):
            continue
        noun._head, noun._rel = head._head, "iobj" if case == "Dat" and not governed else "obl"
        if governed and before is not None:
            before._head = noun.i
    for k, adp in enumerate(tokens[:-2]):
        noun, head = tokens[k + 1], tokens[adp._head] if 0 <= adp._head < len(tokens) else None
        if adp.pos != "ADP" or noun.pos != "NOUN" or head is None or head.i <= noun.i or noun._head == head.i:
            continue
        case = noun.feats.get("Case")
        if noun._rel == "obl" and case in ("Gen", "Ins") and case != head.feats.get("Case"):
            adp._head = noun.i  # "у костанайцев пшеницу": the preposition went to the object after its noun


_PLACE_NOUNS = {"область", "край", "республика", "регион", "город", "район", "страна", "провинция"}


def repair_instrumentals_on_places(tokens: list[Token]) -> None:
    """ "обеспечивают Северо-Казахстанскую область нефтепродуктами": a bare instrumental after a place object is
    the verb's ("снабжать кого чем"), not the place's: a place takes no instrumental of its own."""
    for tok in tokens:
        head = tokens[tok._head] if 0 <= tok._head < len(tokens) else None
        if head is None or tok._rel != "nmod" or tok.pos != "NOUN" or tok.feats.get("Case") != "Ins":
            continue
        if any(t._head == tok.i and t._rel == "case" for t in tokens):
            continue  # "с Казахстаном", "между областями": a preposition's own phrase
        verb = tokens[head._head] if 0 <= head._head < len(tokens) else None
        place = head.pos == "PROPN" or head.lemma in _PLACE_NOUNS
        if place and head._rel == "obj" and verb is not None and verb.pos == "VERB" and tok.i > head.i:
            tok._head, tok._rel = verb.i, "obl"


_PLACE_PLURALS = {"области", "края", "республики", "провинции", "районы"}


def repair_coordinated_place_adjectives(tokens: list[Token]) -> None:
    """ "Самаркандская и Туркестанская области подписали": after a quoted name or a genitive the parser hangs the
    first adjective elsewhere (as the subject, or an apposition of "форума") and the noun under it. The plural
    noun heads the phrase: it takes the place of whichever of its adjectives stood for the phrase, the first
    adjective modifies it and the others are coordinated with the first."""
    for k, noun in enumerate(tokens):
        if noun.text.lower() not in _PLACE_PLURALS or k < 3 or noun.pos != "NOUN":
            continue
        chain: list[Token] = []
        j = k - 1
        while (
            j >= 0
            and tokens[j].text[:1].isupper()
            and tokens[j].text.lower().endswith(("ская", "ский", "цкая", "цкий"))
        ):
            chain.insert(0, tokens[j])
            if j >= 2 and tokens[j - 1].text.lower() in ("и", ","):
                j -= 2
            else:
                break
        if len(chain) < 2:
            continue
        inside = {t.i for t in chain} | {noun.i}
        role = next((t for t in chain if t._head not in inside and t._rel in _ARGUMENTS), None)
        verb = tokens[k + 1] if k + 1 < len(tokens) else None
        if role is None and verb is not None and verb.pos == "VERB" and noun.feats.get("Case") == "Nom":
            # "На форуме «Россия – Казахстан» Омская, ... области подписали": the noun hung on "форуме", and
            # the verb right after it has no subject
            if not any(t._head == verb.i and t._rel.startswith("nsubj") for t in tokens):
                noun._head, noun._rel = verb.i, "nsubj"
        elif role is not None:
            noun._head, noun._rel = role._head, role._rel
        first = chain[0]
        first._head, first._rel = noun.i, "amod"
        for t in chain[1:]:
            t._head, t._rel = first.i, "conj"


# Endings an adjective can have; a capitalised "adjective" ending otherwise is a noun the tagger misread.
_ADJECTIVE_ENDINGS = (
    "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем",
    "ую", "юю", "ей", "ых", "их", "ыми", "ими",
    "ов", "ев", "ин", "ын",  # possessive adjectives of names: "Торайгыров университет"
)  # fmt: skip


def repair_legal_form_subjects(tokens: list[Token]) -> None:
    """ "на выставке ООО «ЧТЗ-Уралтрак» и ТОО «…» парафировали контракт", "в рамках визита ОАО «Белшина» и ТОО
    «Караганда Шина» заключили контракт": a legal form does not decline, and the parser can hang the subject
    it opens on the prepositional phrase before it (and take a word of a quoted name for the subject). Before
    a plural verb with no subject outside quotes, a legal form under that phrase is the verb's subject."""
    forms = _legal_forms()
    by_i = {t.i: t for t in tokens}
    for verb in tokens:
        # a list of firms takes a plural verb, one firm a neuter one ("ТОО «…» подписало": товарищество)
        if not _finite(verb) or (verb.feats.get("Number") != "Plur" and verb.feats.get("Gender") != "Neut"):
            continue
        subjects = [c for c in tokens if c._head == verb.i and c._rel in ("nsubj", "nsubj:pass")]
        if any(not inside_quotes(tokens, c) for c in subjects):
            continue
        for t in tokens[: verb.i]:
            # "По итогам визита «Гомсельмаш» и ТОО «Сарыарка Агротехника» подписали": a quoted name listed with a
            # legal form opens the list of firms
            quoted_with_form = (
                t.i > 0
                and tokens[t.i - 1].text == "«"
                and any(c._head == t.i and c._rel == "conj" and c.text in forms for c in tokens)
            )
            top = (
                _phrase_top(by_i, t, verb)
                if (t.text in forms or quoted_with_form) and t._rel in ("nmod", "appos")
                else None
            )
            under_phrase = top is not None and _cased(tokens, top)
            if under_phrase or t.text in forms and t._rel in ("nmod", "appos") and _names_right_before(tokens, t, verb):
                t._head, t._rel = verb.i, "nsubj"
                for c in subjects:  # the word of a name is the name's again
                    c._head, c._rel = c.i - 1, "flat:name"
                break


def repair_listed_firms(tokens: list[Token]) -> None:
    """ "на форуме казанское ООО «Кама Полимер» и таразское ТОО «Тараз Су» заключили контракт": a list of firms,
    each a legal form with its quoted name and maybe a place's adjective, right before a plural verb is the
    verb's subject, however the parser scattered it (it can take the adjective for a noun and the subject)."""
    forms = _legal_forms()
    for at, verb in enumerate(tokens):
        if not _finite(verb) or verb.feats.get("Number") != "Plur":
            continue
        firms, k = [], at - 1
        while k >= 0:
            t = tokens[k]
            if t.text in forms and not inside_quotes(tokens, t):
                firms.append(t)
            elif not (t.text in ("«", "»", '"', ",", "и") or inside_quotes(tokens, t) or _adjective_like(t)):
                break
            k -= 1
        if len(firms) < 2:
            continue
        first, *rest = reversed(firms)
        for t in tokens[k + 1 : at]:
            if t in firms or inside_quotes(tokens, t) or t.text in ("«", "»", '"'):
                continue
            owner = next((f for f in reversed(firms) if f.i > t.i), first)  # the firm the word opens
            t._head, t._rel = owner.i, ("cc" if t.text in (",", "и") else "amod")
        first._head, first._rel = verb.i, "nsubj"
        for f in rest:
            f._head, f._rel = first.i, "conj"


def _adjective_like(t: Token) -> bool:
    """An adjective, or a word the tagger took for a noun that the dictionary reads as one ("таразское")."""
    return t.pos == "ADJ" or any(p.tag.POS == "ADJF" for p in parses(t.text.lower())[:2])


def _names_right_before(tokens: list[Token], form: Token, verb: Token) -> bool:
    """ "В первый же день выставки ТОО «X» подписало": the legal form, its quoted name, then the verb (the parser
    can hang the form on any noun before it, across the verb's object)."""
    at = tokens.index(form)
    if at + 1 >= len(tokens) or tokens[at + 1].text != "«":
        return False
    close = next((j for j in range(at + 2, min(at + 10, len(tokens))) if tokens[j].text == "»"), None)
    return close is not None and close + 1 < len(tokens) and tokens[close + 1] is verb


def _phrase_top(by_i: dict, t: Token, verb: Token) -> Token | None:
    """The word of `t`'s phrase that hangs on `verb`, up a chain of modifiers ("в рамках визита ОАО")."""
    head = by_i.get(t._head)
    for _ in range(4):
        if head is None:
            return None
        if head._head == verb.i:
            return head
        if head._rel not in ("nmod", "appos"):
            return None
        head = by_i.get(head._head)
    return None


def inside_quotes(tokens: list[Token], t: Token) -> bool:
    """Whether the token stands inside «...» (more quotes opened than closed before it)."""
    before = [x.text for x in tokens[: tokens.index(t)]]
    return before.count("«") > before.count("»")


# Endings whose locative differs from the form itself: -у/-ю (of -а/-я) and a consonant.
_DECLINED_ENDINGS = tuple("уюйбвгджзклмнпрстфхцчшщ")


def repair_accusative_names(tokens: list[Token]) -> None:
    """ "отгрузила в Гянджу первую партию", "экспортировала в Башкортостан ферросплавы": a noun after "в"/"на"
    that the tagger calls locative is accusative when no reading of its form is locative (the locative of
    "Гянджа" is "Гяндже", of "Башкортостан" "Башкортостане"), as the dictionary reads it. Not a name in a
    vowel other than -у/-ю: "побывал в Жодино" is an indeclinable locative the dictionary does not know as one."""
    for k, t in enumerate(tokens[1:], 1):
        if t.pos not in ("PROPN", "NOUN") or t.feats.get("Case") != "Loc":
            continue
        if not t.text.lower().endswith(_DECLINED_ENDINGS):
            continue
        if tokens[k - 1].text.lower() not in ("в", "во", "на"):
            continue
        readings = {p.tag.case for p in parses(t.text.lower())}
        if "accs" in readings and "loct" not in readings and "loc2" not in readings:
            t.feats["Case"] = "Acc"


# The case a preposition gives a word that does not decline, where it gives only one with firms: "с ООО «X»"
# (with), "между ТОО «A» и ..." (between); not "из"/"от", which take the genitive the tagger guesses anyway.
_PREPOSITION_CASE = {"с": "Ins", "со": "Ins", "между": "Ins"}


def _name_of_the_noun_before(tokens: list[Token], t: Token) -> bool:
    """ "с работой ОсОО «Ак-Суу Агро»", "в область Жетысу везут": a legal form or a name does not decline, and
    right after the common noun it hangs on it names whose that is, or which place (not "В рамках ЭКСПО ТОО «X»
    и компания «Y» подписали", a subject)."""
    prev = tokens[t.i - 1] if t.i > 0 else None
    if prev is None or prev.i != t._head or prev.pos != "NOUN" or not prev.text.islower():
        return False
    return t.text in _legal_forms() or t.pos == "PROPN" and prev.lemma in _PLACE_NOUNS


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    from coopgraph.ingest.org_names import org_lexicon

    return frozenset(org_lexicon().legal_forms)


def repair_legal_form_cases(tokens: list[Token]) -> None:
    """ "подписало с ООО «Омский молочный двор» контракт": a legal form does not decline and the tagger calls
    it genitive; after "с" it is the instrumental, the partner of the act."""
    forms = _legal_forms()
    for k, t in enumerate(tokens[1:], 1):
        case = _PREPOSITION_CASE.get(tokens[k - 1].text.lower())
        if case and t.text in forms and t.feats.get("Case") != case:
            t.feats["Case"] = case


# The cases a preposition governs (pymorphy3's names), for a word the tagger gave none.
_GOVERNS = {
    "в": ("loct", "loc2", "accs"),
    "во": ("loct", "loc2", "accs"),
    "на": ("loct", "loc2", "accs"),
    "о": ("loct",),
    "об": ("loct",),
    "при": ("loct",),
    "с": ("ablt", "gent"),
    "со": ("ablt", "gent"),
    "между": ("ablt",),
    "из": ("gent",),
    "от": ("gent",),
    "до": ("gent",),
    "для": ("gent",),
    "у": ("gent",),
    "к": ("datv",),
    "ко": ("datv",),
    "по": ("datv",),
}


def repair_caseless_nouns(tokens: list[Token]) -> None:
    """ "побывали в IT-хабе «Open Pavlodar»": the tagger gives a word it does not know (a Latin prefix, a new
    compound) no case, and a role needs one; the preposition's cases the word's own endings allow give it."""
    by_i = {t.i: t for t in tokens}
    for k, t in enumerate(tokens[1:], 1):
        if t.pos not in ("NOUN", "PROPN") or "Case" in t.feats:
            continue
        governs = _GOVERNS.get(tokens[k - 1].text.lower())
        if not governs and t._rel == "conj" and (first := by_i.get(t._head)) is not None:
            # "в ... школе и IT-хабе": a conjunct shares the case of the noun it is coordinated with
            governs = tuple(c for c, ud in PYMORPHY_CASES.items() if ud == first.feats.get("Case"))
        if not governs:
            continue
        word = t.text.lower().rpartition("-")[2]
        if not word or word.isascii():
            continue  # a Latin name does not decline: nothing tells its case
        readings = [str(p.tag.case) for p in parses(word) if p.tag.POS == "NOUN"]
        case = next((c for c in readings if c in governs), None)
        if case is not None:
            t.feats["Case"] = PYMORPHY_CASES[case]


# Comparatives that count a genitive noun ("более 20 предприятий"); frames.QUANTIFIERS adds the nouns of
# quantity.
COUNTING = frozenset({"более", "менее", "свыше", "около", "порядка"})


def repair_counted_subjects(tokens: list[Token]) -> None:
    """ "Более 20 предприятий области представили продукцию": the parser makes "Более" the subject and the
    counted noun its dependent; the noun is the subject, the comparative and the number count it."""
    for at, q in enumerate(tokens):  # list positions: a merged sentence's later part starts past 0
        if q.lemma not in COUNTING or q._rel not in ("nsubj", "nsubj:pass") or q._head < 0:
            continue
        noun = next(
            (
                t
                for t in tokens[at + 1 : at + 4]
                if t._head == q.i and t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Gen"
            ),
            None,
        )
        if noun is None:
            continue
        noun._head, noun._rel = q.head, q.rel
        q._head, q._rel = noun.i, "advmod"
        for t in tokens:
            if t._head == q.i and t is not noun and t._rel == "nummod":
                t._head = noun.i


# Nouns of those who act (firms, sides, partners) that end a document's phrase as its subject would:
# "Соглашение о создании совместного производства компании подписали в июле".
_AGENT_NOUNS = frozenset(
    {"компания", "предприятие", "сторона", "партнер", "партнёр", "организация", "фирма", "университет", "вуз"}
)


def repair_subjects_ending_objects(tokens: list[Token]) -> None:
    """ "Соглашение о создании совместного производства компании подписали в июле": a plural verb with no
    subject and its object before it; the agent noun right before the verb, which the parser read as the
    object's genitive, is the subject in the plural nominative."""
    for verb in tokens[1:]:
        if not _finite(verb) or verb.feats.get("Number") != "Plur" or verb.feats.get("Voice") == "Pass":
            continue
        if _has_subject(tokens, verb):
            continue
        noun = tokens[verb.i - 1]
        if noun.lemma not in _AGENT_NOUNS or noun._rel != "nmod" or noun._head >= noun.i:
            continue
        if not any(t._head == verb.i and t._rel == "obj" and t.i < noun.i for t in tokens):
            continue
        if not may_be_plural_nominative(noun.text.lower()):
            continue
        noun._head, noun._rel = verb.i, "nsubj"
        noun.feats.update(Case="Nom", Number="Plur")


def repair_genitive_subjects(tokens: list[Token]) -> None:
    """ "Бизнес-миссия предпринимателей Чуйской области находится в Алматы": the parser can make the genitive
    the subject and the nominative noun before it a modifier; the nominative is the subject, the genitive
    says whose it is."""
    for at, gen in enumerate(tokens[1:], start=1):
        if gen._rel not in ("nsubj", "nsubj:pass") or gen.feats.get("Case") != "Gen" or gen.pos != "NOUN":
            continue
        nom = tokens[at - 1]
        if nom._head != gen.i or nom.pos != "NOUN" or nom.feats.get("Case") != "Nom":
            continue
        if any(t._head == gen.i and t._rel == "case" for t in tokens):
            continue  # "у предпринимателей": a preposition's noun is no subject anyway
        nom._head, nom._rel = gen._head, gen._rel
        gen._head, gen._rel = nom.i, "nmod"


def repair_second_genitive_subjects(tokens: list[Token]) -> None:
    """ "Стороной подписанного вчера соглашения ... выступило ТОО «X»": a genitive the parser made a second
    subject of a verb that has a nominative one modifies the noun before it (its own participle aside)."""
    by_i = {t.i: t for t in tokens}
    for gen in tokens:
        if gen._rel != "nsubj" or gen.feats.get("Case") != "Gen" or gen.pos != "NOUN":
            continue
        if any(
            t._head == gen.i and (t._rel in ("case", "nummod", "nummod:gov") or t.lemma in COUNTING) for t in tokens
        ):
            continue
        if not any(t._head == gen._head and t._rel == "nsubj" and t.feats.get("Case") == "Nom" for t in tokens):
            continue
        owner = next((t for t in reversed(tokens[: tokens.index(gen)]) if t.pos in ("NOUN", "PROPN")), None)
        if owner is not None and owner._head == gen._head and _under(by_i, owner, by_i[gen._head]):
            gen._head, gen._rel = owner.i, "nmod"


def repair_subject_cases(tokens: list[Token]) -> None:
    """A subject the tagger gave an oblique case its form shares with the nominative: "Компании Павлодарской
    области приняли участие" (a plural read as a singular genitive: the only subject of a plural verb, with no
    preposition or number over it, is the plural nominative its form allows), "Мангистауская область впервые
    приняла участие" (read as an accusative: its own adjectives, tagged nominative, say the case)."""
    for noun in tokens:
        if noun._rel != "nsubj" or noun.pos != "NOUN":
            continue
        if noun.feats.get("Case") == "Gen" and _plural_subject_read_as_genitive(tokens, noun):
            noun.feats = {**noun.feats, "Case": "Nom", "Number": "Plur"}
        elif noun.feats.get("Case") == "Acc":
            adjectives = [t for t in tokens if t._head == noun.i and t._rel == "amod"]
            if adjectives and all(a.feats.get("Case") == "Nom" for a in adjectives):
                noun.feats = {**noun.feats, "Case": "Nom"}


def _plural_subject_read_as_genitive(tokens: list[Token], noun: Token) -> bool:
    verb = next((t for t in tokens if t.i == noun._head), None)
    if verb is None or verb.pos != "VERB" or not _finite(verb) or verb.feats.get("Number") != "Plur":
        return False
    if any(t._head == noun.i and (t._rel in ("case", "nummod", "nummod:gov") or t.lemma in COUNTING) for t in tokens):
        return False
    if sum(1 for t in tokens if t._head == verb.i and t._rel == "nsubj") > 1:
        return False
    return may_be_plural_nominative(noun.text)


def repair_counting_cycles(tokens: list[Token]) -> None:
    """ "экспортировала туда более 200 тысяч тонн муки": the parser can hang "тонн" on "более" and "более" on
    the number it counts, a cycle that never reaches the verb; the counted noun is the verb's object."""
    by_i = {t.i: t for t in tokens}
    root = next((t for t in tokens if t._rel == "root"), None)
    if root is None or root.pos not in ("VERB", "AUX"):
        return
    for q in tokens:
        if q.lemma not in COUNTING:
            continue
        cycle = _cycle_from(by_i, q)
        if q not in cycle:
            continue
        noun = next((t for t in cycle if t._head == q.i and t.pos == "NOUN"), None)
        if noun is not None:
            noun._head, noun._rel = root.i, "obj"


def repair_noun_cycles(tokens: list[Token]) -> None:
    """ "поставило в Караганду 36 лифтов для нового жилого района", "экспортировала ферросплавы и хромовую
    руду": the parser can hang the words of a noun phrase on one another in a cycle that never reaches a verb.
    The phrase's first noun is its top (a Russian noun precedes its genitives and prepositional modifiers, and
    the first of a coordination heads it): it hangs on the nearest verb before it (else after it) in its
    clause, as the role its case and preposition give, and so does a later noun of the cycle in another case
    with no preposition (another argument). A cycle through a preposition ("во главе с акимом")
    is left to the rules that read such phrases as they stand."""
    by_i = {t.i: t for t in tokens}
    done: set[int] = set()
    for t in tokens:
        cycle = _cycle_from(by_i, t)
        if not cycle or done & {c.i for c in cycle}:
            continue
        done |= {c.i for c in cycle}
        if len(cycle) < 2 or any(c.pos in ("ADP", "VERB", "AUX", "PUNCT") for c in cycle):
            continue
        nouns = sorted((c for c in cycle if c.pos in ("NOUN", "PROPN")), key=lambda c: c.i)
        if not nouns:
            continue
        top, verb = nouns[0], _clause_verb(tokens, nouns[0])
        at = tokens.index(min(cycle, key=lambda c: c.i))
        before = tokens[at - 1] if at > 0 else None
        if top.feats.get("Case") == "Gen" and before is not None and before.pos in ("NOUN", "PROPN"):
            top._head, top._rel = before.i, "nmod"  # "семена масличных культур": a genitive after its noun
            continue
        if verb is None:
            continue
        role = _role_by_case(tokens, top)
        if role == "nsubj" and any(c._head == verb.i and c._rel == "nsubj" for c in tokens):
            continue  # "мы отгрузили ..., основной покупатель там – ООО «X»": a verbless clause of its own
        for noun in [top] + [n for n in nouns[1:] if _own_argument(tokens, n, top)]:
            noun._head, noun._rel = verb.i, _role_by_case(tokens, noun)


def _own_argument(tokens: list[Token], noun: Token, top: Token) -> bool:
    """A later noun of the cycle in a case of its own, without a preposition ("скрепили подписями соглашение"),
    is another argument of the verb; a genitive or a prepositional phrase modifies the top."""
    case = noun.feats.get("Case")
    if case in (None, "Gen") or case == top.feats.get("Case"):
        return False
    return not _cased(tokens, noun)


def _cycle_from(by_i: dict[int, Token], t: Token) -> list[Token]:
    """The cycle `t`'s chain of heads runs into, if it runs into one."""
    path: list[Token] = []
    cur: Token | None = t
    while cur is not None and cur not in path and cur._head >= 0:
        path.append(cur)
        cur = by_i.get(cur._head)
    if cur is None or cur not in path:
        return []
    return path[path.index(cur) :]


def _clause_verb(tokens: list[Token], t: Token) -> Token | None:
    """The nearest verb before `t` with no clause boundary between, else the nearest after it."""
    k = tokens.index(t)
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(tokens) and tokens[j].text not in (";", ":") and not _clause_comma(tokens, j):
            if tokens[j].pos == "VERB" and tokens[j].feats.get("VerbForm") in ("Fin", "Part", "Inf"):
                return tokens[j]
            j += step
    return None


def _clause_comma(tokens: list[Token], j: int) -> bool:
    """A comma that opens another clause on the way from the noun: one before a conjunction or relative word."""
    if tokens[j].text != ",":
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is not None and (nxt.pos in ("SCONJ", "CCONJ") or nxt.lemma in ("который", "где", "что"))


def _role_by_case(tokens: list[Token], t: Token) -> str:
    if _cased(tokens, t):
        return "obl"
    return {"Nom": "nsubj", "Acc": "obj", "Gen": "obj"}.get(t.feats.get("Case", ""), "obl")


def repair_dashed_firms(tokens: list[Token]) -> None:
    """ "с казахстанским покупателем – костанайским ТОО «Тобыл Логистик»": a firm after a dash names the noun
    before it; the parser hangs the legal form anywhere (and its place adjective on the noun)."""
    forms = _legal_forms()
    for k, t in enumerate(tokens):
        if t.text not in forms:
            continue
        j = k - 1
        adjective = tokens[j] if j >= 0 and _adjective_like(tokens[j]) else None
        j -= 1 if adjective is not None else 0
        if j < 1 or tokens[j].text not in ("–", "—", "-") or tokens[j - 1].pos != "NOUN":
            continue
        noun = tokens[j - 1]
        if t._head == noun.i:
            continue
        if adjective is not None and adjective.feats.get("Case") not in (None, noun.feats.get("Case")):
            continue  # "1 200 тонн – белорусскому ОАО": an apposition agrees with its noun
        t._head, t._rel = noun.i, "appos"
        if adjective is not None:
            adjective._head, adjective._rel = t.i, "amod"
        tokens[j]._head = t.i


def repair_converb_subjects(tokens: list[Token]) -> None:
    """ "Открывая выставку, аким области Ерлан Жумагалиев отметил ...": the parser can coordinate the subject
    after the comma with the converb's object (of another case); it is the subject the converb shares with
    the verb it serves."""
    by_i = {t.i: t for t in tokens}
    for n, conv in enumerate(tokens):
        verb = by_i.get(conv._head)
        if conv.feats.get("VerbForm") != "Conv" or verb is None or verb.i < conv.i or not _finite(verb):
            continue
        if any(c._head == verb.i and c._rel == "nsubj" for c in tokens):
            continue
        comma = next((m for m in range(n + 1, len(tokens)) if tokens[m].text == "," and tokens[m].i < verb.i), None)
        if comma is None or comma + 1 >= len(tokens):
            continue
        noun = tokens[comma + 1]
        head = by_i.get(noun._head)
        if (
            noun.pos in ("NOUN", "PROPN")
            and noun.feats.get("Case") == "Nom"
            and noun._rel in ("conj", "appos")
            and head is not None
            and conv.i <= head.i < noun.i
            and head.feats.get("Case") != "Nom"
            and _agrees(noun, verb)
        ):
            noun._head, noun._rel = verb.i, "nsubj"


_GENITIVE_PREPOSITIONS = ("у", "из", "от", "для", "без", "около", "со", "с")


def repair_stolen_prepositions(tokens: list[Token]) -> None:
    """ "закупают у оренбуржцев муку": the parser can hang the preposition on the next noun but one and make
    the genitive right after it that noun's modifier; the genitive is the preposition's, on the verb."""
    by_i = {t.i: t for t in tokens}
    for n, prep in enumerate(tokens[:-2]):
        noun = tokens[n + 1]
        other = by_i.get(noun._head)  # the preposition on it or on this next noun: the genitive is its modifier
        if prep.pos != "ADP" or prep.text.lower() not in _GENITIVE_PREPOSITIONS or other is None:
            continue
        if prep._head not in (noun.i, other.i) or noun.pos != "NOUN" or noun.feats.get("Case") != "Gen":
            continue
        if other.i <= noun.i or noun._rel not in ("amod", "nmod"):
            continue
        if prep.text.lower() in ("с", "со") or other.feats.get("Case") not in ("Acc", "Nom"):
            continue  # "с" takes the genitive only as "from"; a genitive noun after it is another reading
        verb = by_i.get(other._head)
        if verb is None or verb.pos != "VERB":
            continue
        prep._head = noun.i
        noun._head, noun._rel = verb.i, "obl"


def repair_prepositions_on_modifiers(tokens: list[Token]) -> None:
    """ "поставляют на рудники региона буровые установки": "на" hung on the genitive that modifies the noun
    right after it, which then reads as an object; the preposition is the noun's."""
    by_i = {t.i: t for t in tokens}
    for n, prep in enumerate(tokens[:-2]):
        noun = tokens[n + 1]
        owner = by_i.get(prep._head)
        if prep.pos != "ADP" or prep.text.lower() not in ("в", "во", "на") or owner is None:
            continue
        if noun.pos != "NOUN" or noun.feats.get("Case") not in ("Acc", "Loc") or owner._head != noun.i:
            continue
        if owner.pos != "NOUN" or owner._rel != "nmod" or owner.feats.get("Case") != "Gen":
            continue
        if _cased(tokens, noun):
            continue
        prep._head = noun.i
        if noun._rel == "obj":
            noun._rel = "obl"


def repair_prepositions_on_subjects(tokens: list[Token]) -> None:
    """ "Через Бакту округ экспортирует ...": the parser can hang a preposition on the subject or object after
    the name it stands before, leaving that name (an oblique of the verb) without one and the subject with a
    preposition, so no frame reads the subject. The preposition is the next noun's when that noun has none."""
    by_i = {t.i: t for t in tokens}
    for n, prep in enumerate(tokens[:-1]):
        noun = tokens[n + 1]
        core = by_i.get(prep._head)
        if prep.pos != "ADP" or prep._rel != "case" or core is None or core.i == noun.i:
            continue
        # an unknown name can be tagged ADJ ("Бакту"); as the verb's oblique it is a noun all the same
        nominal = noun.pos in ("NOUN", "PROPN") or noun.pos == "ADJ" and noun._rel == "obl"
        if not nominal or core._rel not in _CORE or core.i < noun.i:
            continue
        if noun._rel not in ("obl", "nmod") or _cased(tokens, noun):
            continue
        prep._head = noun.i


def repair_names_across_verbs(tokens: list[Token]) -> None:
    """ "Гостей, в составе которых были ... ректор ... Алексей Жуков, тепло встретил заместитель акима области
    Кайрат Нургалиулы": the parser can hang a name as the apposition of a noun before the clause's verb; a name
    after the verb names the argument of that verb right before it. So does a name before the verb hung on a
    noun after it: "Губернатора ... Игоря Бабушкина в Атырау встретил аким области" (the guest, not the host)."""
    for t in tokens:
        if t._rel != "appos" or t.pos != "PROPN" or t._head < 0:
            continue
        low, high = sorted((t._head, t.i))
        verbs = [v for v in tokens if low < v.i < high and _finite(v)]
        if not verbs:
            continue
        start = verbs[-1].i if t._head < t.i else max([v.i for v in tokens if v.i < t.i and _finite(v)], default=-1)
        args = [x for x in tokens if start < x.i < t.i and x.pos == "NOUN" and x._rel in _ARGUMENTS]
        if t._head > t.i:  # before the verb: a person's title ("Губернатора ... Игоря"), not "В ... университете"
            args = [x for x in args if x.feats.get("Animacy") == "Anim"]
        if args:
            t._head = args[-1].i


def repair_misread_place_nouns(tokens: list[Token]) -> None:
    """ "закупают на Могилевщине лифтовое оборудование": the tagger read the region's nickname as an adjective
    of the goods and hung "на" on the goods. A capitalised "adjective" without an adjective's ending, right
    after a preposition that hangs on the same noun, heads that preposition's phrase, on the noun's head."""
    by_i = {t.i: t for t in tokens}
    for k, t in enumerate(tokens[1:], start=1):
        prep = tokens[k - 1]
        if t.pos != "ADJ" or t._rel != "amod" or not t.text[:1].isupper() or not t.text[1:].islower() or k < 2:
            continue  # (an edition's Roman numeral is all capitals: "на XIX Форуме")
        if t.text.lower().endswith(_ADJECTIVE_ENDINGS) or prep.pos != "ADP" or prep._head != t._head:
            continue
        noun = by_i.get(t._head)
        if noun is None or noun._head < 0:
            continue
        prep._head, prep._rel = t.i, "case"
        t._head, t._rel, t.pos = noun._head, "obl", "PROPN"
        cases = [PYMORPHY_CASES.get(str(p.tag.case)) for p in parses(t.text.lower()) if p.tag.POS == "NOUN"]
        if "Loc" in cases and prep.text.lower() in ("в", "во", "на", "о", "об", "при"):
            t.feats["Case"] = "Loc"  # the adjective's case was read off the goods it seemed to qualify
        elif cases and cases[0]:
            t.feats["Case"] = cases[0]


def repair_names_read_as_modifiers(tokens: list[Token]) -> None:
    """ "В рамках поездки в Актобе министр ... встретилась": an indeclinable name after a preposition can be read
    as a modifier of the noun after it. The name is the preposition's, and modifies the noun before the
    preposition (else the verb, as an oblique)."""
    by_i = {t.i: t for t in tokens}
    for k, t in enumerate(tokens[1:], start=1):
        prep = tokens[k - 1]
        if t.pos != "PROPN" or t._rel not in ("amod", "nmod") or not t.text[:1].isupper() or t._head <= t.i:
            continue  # a phrase with its preposition does not stand before the noun it modifies
        if not set(t.text) - _ROMAN_NUMERAL:
            continue  # "в X выставке «Дружба»": an edition's numeral is the event's, no name of its own
        if prep.pos != "ADP" or prep.text.lower() not in _PLACE_PREPOSITIONS:
            continue
        noun = by_i.get(t._head)
        if noun is None or noun.pos not in ("NOUN", "PROPN"):
            continue
        before = tokens[k - 2] if k >= 2 else None
        prep._head, prep._rel = t.i, "case"
        if before is not None and before.pos == "NOUN" and before._rel != "case":
            t._head, t._rel = before.i, "nmod"
        else:
            t._head, t._rel = noun._head, "obl"


_PLACE_PREPOSITIONS = ("в", "во", "на", "из", "до")
_ROMAN_NUMERAL = frozenset("IVXLC")


def repair_relative_clauses_on_later_nouns(tokens: list[Token]) -> None:
    """ "выставки «АгроАктобе-2025», на которой свою продукцию представили ООО «X» и 12 компаний": the parser
    can hang a relative clause on the noun after it, its own subject. A relative clause follows what it
    qualifies: it is the noun's before its "который", and the noun after is its subject."""
    by_i = {t.i: t for t in tokens}
    for verb in tokens:
        if verb._rel != "acl:relcl" or verb._head <= verb.i:
            continue
        noun = by_i.get(verb._head)
        pronoun = next((t for t in tokens if t.lemma == "который" and t._head == verb.i and t.i < verb.i), None)
        if noun is None or pronoun is None or noun.feats.get("Case") != "Nom":
            continue
        before = [t for t in tokens[: pronoun.i] if t.pos in ("NOUN", "PROPN")]
        if not before:
            continue
        verb._head = before[-1].i
        noun._head, noun._rel = verb.i, "nsubj"


def repair_relative_clauses_by_agreement(tokens: list[Token]) -> None:
    """ "министр ... и заместитель акима X, возглавивший делегацию казахстанского региона, которая находится в
    Астрахани": the parser can hang a relative clause on a noun its "который" does not agree with. "Который" takes
    its noun's gender and number: the clause qualifies the nearest noun before it that agrees."""
    by_i = {t.i: t for t in tokens}
    for verb in tokens:
        noun = by_i.get(verb._head) if verb._rel == "acl:relcl" else None
        pronoun = next((t for t in tokens if t.lemma == "который" and t._head == verb.i and t.i < verb.i), None)
        if noun is None or pronoun is None or noun.pos not in ("NOUN", "PROPN") or not _disagrees(pronoun, noun):
            continue
        if noun._rel == "appos" or noun.i > 0 and tokens[noun.i - 1].text in ("«", '"'):
            continue  # "выставки «АгроАктобе-2025», на которой": a name stands in for its noun, whatever its tags
        if pronoun.feats.get("Number") == "Plur" and (
            noun._rel == "conj" or any(t._head == noun.i and t._rel == "conj" for t in tokens)
        ):
            continue  # "окатыши и концентрат, которые": coordinated singulars are a plural antecedent
        before = [t for t in tokens[: pronoun.i] if t.pos in ("NOUN", "PROPN") and t._rel != "flat:name"]
        fits = [t for t in before if _same_kind(pronoun, t)]
        if fits and fits[-1].i != noun.i:
            verb._head = fits[-1].i


def _disagrees(pronoun: Token, noun: Token) -> bool:
    """Number or gender, as both are tagged, differ (a name the tagger gives neither, "«АгроАктобе-2025»", may be
    what the clause qualifies)."""
    number, gender = pronoun.feats.get("Number"), pronoun.feats.get("Gender")
    if number and noun.feats.get("Number") and noun.feats["Number"] != number:
        return True
    return number == "Sing" and bool(gender and noun.feats.get("Gender")) and noun.feats["Gender"] != gender


def _same_kind(pronoun: Token, noun: Token) -> bool:
    """ "которая" and "делегацию": the same number and, in the singular, gender."""
    number = pronoun.feats.get("Number")
    if number is None or noun.feats.get("Number") != number:
        return False
    gender = pronoun.feats.get("Gender")
    return number == "Plur" or gender is None or noun.feats.get("Gender") == gender


def repair_modifiers_of_last_conjunct(tokens: list[Token]) -> None:
    """ "министр ... Елена Гаврилова и заместитель акима ... Тимур Иманбаев, возглавивший делегацию": the parser
    can hang a name or a singular participle on the first of coordinated nouns past the second; it is the
    nearest conjunct's, which stands between them."""
    for t in tokens:
        singular_participle = t._rel == "acl" and t.feats.get("Number") == "Sing"
        if not (t._rel == "appos" and t.pos == "PROPN" or singular_participle) or t._head >= t.i:
            continue
        conjuncts = [c for c in tokens if c._head == t._head and c._rel == "conj" and t._head < c.i < t.i]
        if conjuncts and conjuncts[-1].pos in ("NOUN", "PROPN"):
            t._head = conjuncts[-1].i


def _list_head(by_i: dict[int, Token], t: Token) -> Token:
    while t._rel == "conj" and t._head in by_i and t._head != t.i:
        t = by_i[t._head]
    return t


def repair_relative_clauses_in_lists(tokens: list[Token]) -> None:
    """ "составляют окатыши и концентрат, которые отгружаются на комбинаты Урала, а также пшеница и мука": a plural
    "которые" after a list qualifies the whole list, not its last item; and a noun after the clause that "а
    также" or "а" adds goes on with the list, it is no second subject of the relative clause."""
    by_i = {t.i: t for t in tokens}
    for verb in tokens:
        noun = by_i.get(verb._head)
        if verb._rel != "acl:relcl" or noun is None:
            continue
        pronoun = next((t for t in tokens if t.lemma == "который" and t._head == verb.i and t.i < verb.i), None)
        if pronoun is None:
            continue
        top = _list_head(by_i, noun)
        if top is not noun and pronoun.feats.get("Number") == "Plur" and noun.feats.get("Number") != "Plur":
            verb._head = top.i
        for t in tokens:
            if t._head != verb.i or t is pronoun or not t._rel.startswith("nsubj") or t.i < verb.i:
                continue
            opener = [c for c in tokens if c._head == t.i and c._rel == "cc" and c.text.lower() in ("а", "и")]
            comma = t.i >= 2 and any(x.text == "," for x in tokens[max(0, t.i - 3) : t.i])
            if opener and comma and pronoun._rel.startswith("nsubj"):
                t._head, t._rel = top.i, "conj"


# What a place read as the predicate of "был в X" governs that belongs to the clause: its subject, adverbs,
# clause punctuation and prepositional phrases ("в июне").
_CLAUSE_DEPENDENTS = {"nsubj", "nsubj:pass", "advmod", "obl", "punct", "mark", "cc", "advcl", "parataxis", "aux"}


def repair_copular_places(tokens: list[Token]) -> None:
    """ "Аким был в Астрахани": the parser makes the place the predicate and "был" its copula, so being
    somewhere has no verb with arguments. The copula heads the clause instead, with the place as its "в"
    phrase and the clause's subject, adverbs and other prepositional phrases on it."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        place = by_i.get(t._head)
        if t._rel != "cop" or t.lemma != "быть" or place is None or place.pos not in ("NOUN", "PROPN"):
            continue
        kids = [c for c in tokens if c._head == place.i]
        if place.feats.get("Case") != "Loc" or not any(c._rel == "case" and c.lemma in ("в", "во", "на") for c in kids):
            continue
        for c in kids:
            prepositional = c._rel == "nmod" and any(g._head == c.i and g._rel == "case" for g in tokens)
            if c is not t and (c._rel in _CLAUSE_DEPENDENTS or prepositional):
                c._head = t.i
        t._head, t._rel = place._head, place._rel
        place._head, place._rel = t.i, "obl"


def repair_subjects_read_as_objects(tokens: list[Token]) -> None:
    """ "С начала года уральский завод «ЗапКазВагон» отгрузил ... 212 полувагонов": the parser can make a
    nominative noun before an active verb with no subject its object, and hang the counted goods on it. A
    nominative "object" before such a verb that agrees with it in number (and gender, in the past) is its
    subject; a counted noun hung on it as a modifier is the verb's object."""
    for verb in tokens:
        if verb.pos != "VERB" or not _finite(verb) or verb.feats.get("Voice") == "Pass":
            continue
        children = [c for c in tokens if c._head == verb.i]
        if any(c._rel in ("nsubj", "nsubj:pass") for c in children):
            continue
        after = [c for c in children if c._rel == "obj" and c.i > verb.i]
        subject = next(
            (
                c
                for c in children
                if c._rel == "obj" and c.i < verb.i and (_may_be_subject(c, verb) or after and _nominative_too(c, verb))
            ),
            None,
        )
        if subject is None:
            continue
        subject._rel = "nsubj"
        counted = [t for t in tokens if t._head == subject.i and t._rel == "amod" and t.pos == "NOUN"]
        if counted and not any(c._rel == "obj" for c in children if c is not subject):
            counted[0]._head, counted[0]._rel = verb.i, "obj"


def repair_split_conjuncts(tokens: list[Token]) -> None:
    """ "подписали Костанайский университет и Южно-Уральский аграрный университет": the parser can make the
    second of two coordinated nouns another object of the verb and hang the "и" elsewhere; a second object whose
    modifiers follow "и" right after the first object is the first one's conjunct."""
    for verb in tokens:
        objects = [c for c in tokens if c._head == verb.i and c._rel in ("obj", "nsubj") and c.i > verb.i]
        for first, second in zip(objects, objects[1:]):
            if second._rel != "obj":
                continue
            start = min([second.i] + [t.i for t in tokens if t._head == second.i and t.i < second.i])
            if start - 1 != first.i + 1 or tokens[start - 1].text.lower() != "и":
                continue
            if any(t._head == first.i and first.i < t.i < start for t in tokens):
                continue  # the first has words between: "и" may join them
            second._head, second._rel = first.i, "conj"
            tokens[start - 1]._head, tokens[start - 1]._rel = second.i, "cc"


def repair_agreeing_objects(tokens: list[Token]) -> None:
    """ "в Павлодаре завершил работу II Сибирско-Казахстанский форум": a past verb with no subject and two objects
    after it; the one that agrees with it in gender and may be nominative is its subject ("работу" is not)."""
    for verb in tokens:
        gender = verb.feats.get("Gender")
        if verb.pos != "VERB" or verb.feats.get("Tense") != "Past" or not gender or not _finite(verb):
            continue
        kids = [c for c in tokens if c._head == verb.i]
        objects = [c for c in kids if c._rel == "obj" and c.i > verb.i and c.pos in ("NOUN", "PROPN")]
        if len(objects) != 2 or any(c._rel in ("nsubj", "nsubj:pass") for c in kids):
            continue
        agreeing = [
            c
            for c in objects
            if c.feats.get("Gender") == gender and c.feats.get("Number", "Sing") == "Sing" and _reads_as_subject(c)
        ]
        if len(agreeing) == 1:
            agreeing[0]._rel = "nsubj"


def repair_second_objects(tokens: list[Token]) -> None:
    """ "Сырье закупают кожевенные фабрики Турции": a noun before an active verb that cannot be its subject (no
    nominative in the verb's number), read as its object or subject, and an "object" after it that can: the
    one after is the subject, the one before the object (the object-verb-subject order of news)."""
    for verb in tokens:
        if verb.pos != "VERB" or not _finite(verb) or verb.feats.get("Voice") == "Pass":
            continue
        kids = [c for c in tokens if c._head == verb.i]
        before = next((c for c in kids if c._rel in ("obj", "nsubj") and c.i < verb.i), None)
        after = next((c for c in kids if c._rel == "obj" and c.i > verb.i), None)
        if before is None or after is None:
            continue
        # (a subject past a comma or dash after the object is a gapped clause's: "..., соглашение – палаты")
        if any(c._rel == "nsubj" and not _past_a_break(tokens, after, c) for c in kids if c is not before):
            continue
        if (
            before.pos not in ("NOUN", "PROPN")
            or verb.feats.get("Number") != "Sing"
            and any(c._head == before.i and c._rel == "conj" and _reads_as_subject(c) for c in tokens)
        ):
            # "который поставляет нам оборудование": a pronoun's form says nothing of its case; "хоким и
            # губернатор поставили подписи": coordinated singulars agree with a plural verb ("сырье и овчину"
            # coordinate no subject; "Кузова и оборудование ... поставляет «Уралкоммаш»": not a singular one's)
            continue
        if any(c._head == after.i and c.pos == "NUM" for c in tokens):
            continue  # "завезли 2,4 тыс. т картофеля": an amount is what was moved
        # "карагандинские предприятия отгружают ферросплавы": a first noun that could be the subject is it;
        # "Меморандум подписали университет A и университет B": coordinated singulars agree with a plural verb
        # "Свои стенды развернули ЗАО «A», ООО «B»": what "свой" owns is never the subject it refers to
        own = any(c._head == before.i and c.lemma == "свой" for c in tokens)
        if (_may_be_nominative(before, verb) and not own) or not (
            _may_be_nominative(after, verb) or _coordinated_nominatives(tokens, after, verb)
        ):
            continue
        before._rel, after._rel = "obj", "nsubj"
        after.feats["Case"] = "Nom"


def _past_a_break(tokens: list[Token], a: Token, b: Token) -> bool:
    return b.i > a.i and any(t.text in (",", *_DASHES) for t in tokens[a.i : b.i])


def _coordinated_nominatives(tokens: list[Token], noun: Token, verb: Token) -> bool:
    """A singular nominative with a nominative conjunct, under a plural verb."""
    if verb.feats.get("Number") != "Plur" or noun.pos not in ("NOUN", "PROPN"):
        return False
    conjuncts = [c for c in tokens if c._head == noun.i and c._rel == "conj" and c.pos in ("NOUN", "PROPN")]
    return bool(conjuncts) and all(_reads_as_subject(t) for t in [noun, *conjuncts])


def _may_be_nominative(noun: Token, verb: Token) -> bool:
    """A noun with a nominative reading in the verb's number."""
    if noun.pos not in ("NOUN", "PROPN"):
        return False
    number = "plur" if verb.feats.get("Number") == "Plur" else "sing"
    return any(p.tag.case == "nomn" and p.tag.number == number for p in parses(noun.text.lower()))


def _may_be_subject(noun: Token, verb: Token) -> bool:
    """A nominative that agrees with the verb. A plural verb without a subject is often impersonal ("поставки
    направили в Казахстан": someone sent them), so there only an animate noun; "который" is a noun here."""
    if noun.pos not in ("NOUN", "PROPN") and noun.lemma != "который":
        return False
    if noun.feats.get("Case") != "Nom" or not _agrees(noun, verb):
        return False
    if verb.feats.get("Number") == "Plur" and noun.feats.get("Animacy") != "Anim":
        return False
    return _reads_as_subject(noun)  # "кокшетаусцев" is tagged Nom


def _nominative_too(noun: Token, verb: Token) -> bool:
    """ "Туркестанская область, в свою очередь, отгружает ... цемент": of two objects, one before the verb that
    the tagger called accusative but may be a nominative agreeing with it (a singular verb: a plural one's is
    often impersonal)."""
    if noun.pos not in ("NOUN", "PROPN") or verb.feats.get("Number") != "Sing" or not _agrees(noun, verb):
        return False
    return _reads_as_subject(noun)


def _agrees(noun: Token, verb: Token) -> bool:
    if noun.feats.get("Number") != verb.feats.get("Number"):
        return False
    gender = verb.feats.get("Gender")
    return gender is None or noun.feats.get("Gender") == gender


def _reads_as_object(t: Token) -> bool:
    """Whether the dictionary has an accusative reading of the word (whatever case the tagger gave)."""
    return _has_case_reading(t, "accs")


def _reads_as_subject(t: Token) -> bool:
    """Whether the dictionary has a nominative reading of the word."""
    return _has_case_reading(t, "nomn")


def _has_case_reading(t: Token, case: str) -> bool:
    return any(p.tag.case == case for p in parses(t.text.lower()))


# Verbs whose dative is who receives their object (the goods): a dative the parser gave that object is theirs.
_GIVING_VERBS = frozenset(
    {
        "поставлять",
        "поставить",
        "отгружать",
        "отгрузить",
        "продавать",
        "продать",
        "отправлять",
        "отправить",
        "передавать",
        "передать",
        "направлять",
        "направить",
        "экспортировать",
        "реализовывать",
        "реализовать",
    }
)


def repair_dative_appositions(tokens: list[Token]) -> None:
    """ "отгрузило первую партию полипропилена – 1 200 тонн – белорусскому ОАО «...»": the parser can hang a
    dative noun on a noun of another case as its apposition (or a clause of it); an apposition agrees in case,
    so the dative is the recipient of the verb above them. So is a dative the parser made the indirect object of
    the verb's object ("поставляет фосфорные удобрения хозяйствам Чуйской области")."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        if t.pos not in ("NOUN", "PROPN") or t.feats.get("Case") != "Dat":
            continue
        head = by_i.get(t._head)
        if t._rel == "iobj" and head is not None and head.pos == "NOUN" and head._rel == "obj":
            verb = by_i.get(head._head)
            if verb is not None and verb.pos == "VERB" and verb.lemma in _GIVING_VERBS:
                t._head = verb.i  # not "предусматривает поставку хозяйствам": the noun's own recipient
            continue
        if t._rel not in ("appos", "parataxis"):
            continue
        if head is None or head.feats.get("Case") in ("Dat", None):
            continue
        seen = {t.i}
        while head is not None and head.pos != "VERB" and head.i not in seen:
            seen.add(head.i)
            head = by_i.get(head._head)
        if head is not None and head.pos == "VERB":
            t._head, t._rel = head.i, "iobj"


def repair_names_on_the_office_they_agree_with(tokens: list[Token]) -> None:
    """ "провёл переговоры с раисом Республики Татарстан Тимуром Хабибуллиным": the parser can hang the name on a
    noun of another case ("переговоры") as its apposition; an apposition agrees in case, so the name is that of
    the nearest person noun before it in its own case ("раисом")."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        case = t.feats.get("Case")
        head = by_i.get(t._head)
        if t.pos != "PROPN" or t._rel != "appos" or head is None or case in (None, "Nom", head.feats.get("Case")):
            continue
        if t.feats.get("Animacy") != "Anim":
            continue
        office = next(
            (
                n
                for n in reversed(tokens[head.i + 1 : t.i])
                if n.pos == "NOUN" and n.feats.get("Case") == case and n.feats.get("Animacy") == "Anim"
            ),
            None,
        )
        if office is not None:
            t._head = office.i


def repair_legal_form_recipients(tokens: list[Token]) -> None:
    """ "ТОО «X» поставит 120 тысяч тонн цемента ООО «Y»": a legal form does not decline, and the tagger reads
    it as the genitive of the goods. After the goods of a giving verb that has a subject and no recipient or
    destination, a legal form with its quoted name is the dative recipient."""
    forms = _legal_forms()
    by_i = {t.i: t for t in tokens}
    for at, t in enumerate(tokens[:-1]):
        if t.text not in forms or t._rel not in ("nmod", "appos") or tokens[at + 1].text != "«":
            continue
        if at > 0 and tokens[at - 1].pos == "ADP":
            continue
        node, verb = t, None
        adjective = tokens[at - 1] if at > 1 and tokens[at - 1]._head == t.i and t._head == at - 1 else None
        if adjective is not None:
            # "металлопроката костанайскому ТОО «X»": the recipient's adjective and its legal form hang on each
            # other; the goods' chain starts at the word before them
            node = tokens[at - 2]
        for _ in range(4):  # up the goods' chain: "цемента" <- "тонн" <- "поставит"
            up = by_i.get(node._head)
            if up is None:
                break
            if up.pos == "VERB":
                verb = up if node._rel == "obj" else None
                break
            node = up
        if verb is None or verb.lemma not in _GIVING_VERBS or verb.i > t.i:
            continue
        kids = [c for c in tokens if c._head == verb.i]
        if not any(c._rel == "nsubj" for c in kids) or any(c._rel == "iobj" or _destination(tokens, c) for c in kids):
            continue
        t._head, t._rel = verb.i, "iobj"
        t.feats["Case"] = "Dat"
        if adjective is not None:
            adjective._rel = "amod"
            adjective.feats["Case"] = "Dat"


def _destination(tokens: list[Token], t: Token) -> bool:
    """ "в Ангрен", "на рынок": a place the verb sends to."""
    return t._rel == "obl" and any(c._head == t.i and c.lemma in ("в", "во", "на") for c in tokens)


def repair_listed_among(tokens: list[Token]) -> None:
    """ "представили 180 компаний, среди них ООО «A» и ТОО «B»": the names listed "среди них" are of the noun
    before the comma (the parser can hang them on the pronoun as a clause of their own)."""
    for k, t in enumerate(tokens[:-2]):
        if t.lemma != "среди" or tokens[k + 1].lemma != "они" or k < 2 or tokens[k - 1].text != ",":
            continue
        noun = next((u for u in reversed(tokens[: k - 1]) if u.pos in ("NOUN", "PROPN")), None)
        if noun is None or k - 1 - noun.i > 1:
            continue  # the noun right before the comma only
        pron = tokens[k + 1]
        for c in tokens:
            if c._head == pron.i and c.pos in ("NOUN", "PROPN") and c.i > pron.i:
                c._head, c._rel = noun.i, "appos"
        pron._head, pron._rel = noun.i, "nmod"


def repair_conjoined_subjects(tokens: list[Token]) -> None:
    """ "ОсОО «X» закупает пшеницу у хозяйств, а ТОО «Y» поставляет удобрения": the parser can make the second
    clause's subject a conjunct of the first verb (a noun conjoined to a verb); it is the subject of the finite
    verb after it that has none."""
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        head = by_i.get(t._head)
        if t._rel != "conj" or t.pos not in ("NOUN", "PROPN") or head is None or head.pos != "VERB":
            continue
        if t.feats.get("Case") not in ("Nom", None):
            continue
        verb = next(
            (v for v in tokens if v.i > t.i and v.pos == "VERB" and v.feats.get("VerbForm") == "Fin"),
            None,
        )
        if verb is None or _has_subject(tokens, verb):
            continue
        if any(u.pos == "VERB" or u.text in (";", ":") for u in tokens if t.i < u.i < verb.i and u._head != t.i):
            continue  # only the subject's own words between it and its verb
        t._head, t._rel = verb.i, "nsubj"


def repair_quoted_names(tokens: list[Token]) -> None:
    """ "а ОАО «Бабушкина крынка» подписало договор ... с ТОО «Арка Ритейл»": the parser can hang the words of
    one quoted name on the other's legal form, arcs that cross. A word of a short quoted name (no verb in it)
    hung on the word before another quoted name, or inside one, belongs to the noun right before its own
    opening quote."""
    spans = []  # (owner, opening, closing) positions of each short quoted name after a noun
    for k, t in enumerate(tokens):
        if t.text != "«" or k == 0 or tokens[k - 1].pos not in ("NOUN", "PROPN"):
            continue
        close = next((j for j in range(k + 1, min(k + 8, len(tokens))) if tokens[j].text == "»"), None)
        if close is not None and close > k + 1 and not any(u.pos == "VERB" for u in tokens[k + 1 : close]):
            spans.append((k - 1, k, close))
    for owner, opening, closing in spans:
        others = {
            tokens[j].i for o, a, b in spans if o != owner for j in range(o, b + 1)
        }  # another name's noun and words
        noun = tokens[owner]
        words = {u.i for u in tokens[opening + 1 : closing]}
        for u in tokens[opening + 1 : closing]:
            if u._head not in others:
                continue
            if noun._head in words:  # "агрофирму «X»" read as X's modifier: the noun takes X's place first
                noun._head, noun._rel = u._head, u._rel
            u._head, u._rel = noun.i, "appos"
        for quote in (tokens[opening], tokens[closing]):  # its quotes too, else the phrase spans the other name
            if quote._head not in words and quote._head != noun.i:
                quote._head = tokens[opening + 1].i


def repair_animate_objects(tokens: list[Token]) -> None:
    """ "Гостей из Кыргызстана принимали в Таразе": an animate plural's accusative is its genitive form, and the
    tagger can call the verb's object genitive; an object whose form reads as an animate accusative is one (a
    negated verb's genitive object aside)."""
    for noun in tokens:
        if noun._rel != "obj" or noun.pos != "NOUN" or noun.feats.get("Case") != "Gen":
            continue
        if not 0 <= noun._head < len(tokens) or any(t._head == noun._head and t.lemma == "не" for t in tokens):
            continue
        if any(
            {"accs", "anim"} <= set(p.tag.grammemes) and p.normal_form == noun.lemma for p in parses(noun.text.lower())
        ):
            noun.feats = {**noun.feats, "Case": "Acc"}


def repair_meeting_places_on_offices(tokens: list[Token]) -> None:
    """ "провел встречу с акимом Туркестанской области в Шымкенте": the parser can hang where a meeting was on
    the office named with its place; an office already of a place in the genitive is held there, so "в" + a
    proper name after that genitive says where the meeting (the office's head) was."""
    from coopgraph.ingest.discourse import words  # discourse reads the parse this module mends

    # (an envoy's "в" is his post: "генеральный консул Казахстана в Самарканде")
    offices = words().offices - {"посол", "консул", "генконсул", "представитель", "полпред", "советник", "торгпред"}
    for place in tokens:
        if place._rel != "nmod" or place.pos != "PROPN" or place.feats.get("Case") != "Loc":
            continue
        if not 0 <= place._head < len(tokens) or not any(
            c._head == place.i and c._rel == "case" and c.lemma in ("в", "во") for c in tokens
        ):
            continue
        office = tokens[place._head]
        if office.lemma not in offices or office.pos != "NOUN" or not 0 <= office._head < len(tokens):
            continue
        if any(
            c._head == office.i and c._rel == "nmod" and c.feats.get("Case") == "Gen" and c.i < place.i for c in tokens
        ):
            place._head = office._head


def repair_quoted_subjects(tokens: list[Token]) -> None:
    """ "На полях ярмарки «Арал Текстиль» подписало с ТОО «X» контракт": the parser can hang a quoted name right
    before a singular verb with no subject on the noun before the quotes, as that noun's name. The verb's
    subject it is (a plural verb may go without one: "в рамках выставки «Иннопром» подписали")."""
    for verb in tokens:
        if not _finite(verb) or verb.feats.get("Number") != "Sing" or verb.i < 3 or tokens[verb.i - 1].text != "»":
            continue
        if any(c._head == verb.i and c._rel.startswith("nsubj") for c in tokens):
            continue
        opening = next((j for j in range(verb.i - 2, -1, -1) if tokens[j].text in ("«", "»")), None)
        if opening is None or opening == 0 or tokens[opening].text != "«" or opening + 1 >= verb.i - 1:
            continue
        first, span = tokens[opening + 1], range(opening + 1, verb.i - 1)
        owner = tokens[opening - 1]
        if first._head != owner.i or owner.pos != "NOUN" or owner.feats.get("Case") in ("Nom", None):
            continue  # "завод «ЗапКазВагон» отгрузил": a nominative noun with its name is the subject
        first._head, first._rel = verb.i, "nsubj"
        for j in span[1:]:
            if tokens[j]._head not in span:
                tokens[j]._head, tokens[j]._rel = first.i, "flat:name"


def repair_adjectives_read_as_nouns(tokens: list[Token]) -> None:
    """ "С начала года курганским мукомольным предприятиям отгружено 120 тысяч тонн пшеницы": the tagger can read a
    lower-case adjective as a noun of another case (here the passive's instrumental agent). A word the dictionary
    knows only as a full adjective, right before a run of adjectives and a noun in a case it can have, qualifies
    that noun."""
    for k, tok in enumerate(tokens[:-1]):
        if tok.pos != "NOUN" or not tok.text[:1].islower() or any(t._head == tok.i for t in tokens):
            continue
        known = [p for p in parses(tok.text.lower()) if p.is_known]
        if not known or not all(p.tag.POS == "ADJF" for p in known):
            continue
        n = k + 1
        while n < len(tokens) and tokens[n].pos == "ADJ":
            n += 1
        if n == len(tokens) or tokens[n].pos not in ("NOUN", "PROPN"):
            continue
        noun = tokens[n]
        case = noun.feats.get("Case")
        if not case or not any(PYMORPHY_CASES.get(str(p.tag.case)) == case for p in known):
            continue
        tok.pos, tok._head, tok._rel = "ADJ", noun.i, "amod"
        tok.feats = {k: v for k, v in noun.feats.items() if k in ("Case", "Number")}


def repair_disagreeing_adjectives(tokens: list[Token]) -> None:
    """ "Из Ташкентской и Ферганской областей шымкентские оптовики везут ...": the parser can hang an adjective
    on a noun of another case; it qualifies the noun right after it, which it agrees with."""
    for k, adj in enumerate(tokens[:-1]):
        if adj.pos != "ADJ" or adj._rel != "amod" or not 0 <= adj._head < len(tokens):
            continue
        head, nxt = tokens[adj._head], tokens[k + 1]
        case = adj.feats.get("Case")
        if not case or head.feats.get("Case") == case or nxt.i == head.i:
            continue
        if nxt.pos in ("NOUN", "PROPN") and nxt.feats.get("Case") == case and _same_number(adj, nxt):
            adj._head = nxt.i


def repair_adjectives_across_punctuation(tokens: list[Token]) -> None:
    """ "подписали Костанайский региональный университет и Южно-Уральский государственный аграрный университет,
    соглашение – ... и Южно-Уральская палата": the parser can hang the first of a run of adjectives on a later
    noun past a comma or dash; it qualifies the noun that ends its own run, which it agrees with."""
    for k, adj in enumerate(tokens):
        if adj.pos != "ADJ" or adj._rel != "amod" or not k < adj._head < len(tokens):
            continue
        n = k + 1
        while n < len(tokens) and tokens[n].pos == "ADJ":
            n += 1
        if n >= adj._head or n == len(tokens) or tokens[n].pos not in ("NOUN", "PROPN"):
            continue
        noun = tokens[n]
        if not any(t.pos == "PUNCT" for t in tokens[n : adj._head]) or not _adjective_agrees(adj, noun):
            continue
        adj._head = noun.i


def _adjective_agrees(adj: Token, noun: Token) -> bool:
    """Gender and number as tagged; the case as the noun's form allows ("университет" is Nom and Acc)."""
    if any(adj.feats.get(f) and noun.feats.get(f) and adj.feats[f] != noun.feats[f] for f in ("Number", "Gender")):
        return False
    case = UD_CASES.get(adj.feats.get("Case", ""))
    return case is None or _has_case_reading(noun, case)


def _same_number(a: Token, b: Token) -> bool:
    return a.feats.get("Number") is None or a.feats.get("Number") == b.feats.get("Number")


def repair_fronted_objects(tokens: list[Token]) -> None:
    """ "В университете Игоря Лысенко и его коллег встретила ректор вуза X": an object before its verb, with
    the subject after it, that the parser hung across the verb on the subject's phrase, is the verb's object
    (its conjuncts with it), when the verb has none and each reading allows the accusative."""
    for verb in tokens:
        if not _finite(verb) or verb.feats.get("Voice") == "Pass":
            continue
        kids = [t for t in tokens if t._head == verb.i]
        if any(t._rel == "obj" for t in kids) or not any(t._rel == "nsubj" and t.i > verb.i for t in kids):
            continue
        fronted = [
            t
            for t in tokens
            if t.i < verb.i < t._head
            and t.pos in ("NOUN", "PROPN")
            and t._rel in ("appos", "conj", "nmod")
            and _reads_as_object(t)
        ]
        if not fronted:
            continue
        first, rest = fronted[0], fronted[1:]
        first._head, first._rel = verb.i, "obj"
        for t in rest:
            if t._rel == "conj":
                t._head = first.i


def _dashed_amount(tokens: list[Token], k: int) -> bool:
    """The dash at k opens or closes an amount set off by dashes: "партию сыров – 12 тонн – в сети"."""
    for start in (k, k - 3):
        quad = tokens[start : start + 4] if start >= 0 else []
        if (
            len(quad) == 4
            and quad[0].text in _DASHES
            and quad[3].text in _DASHES
            and (quad[1].pos == "NUM" or quad[1].text[:1].isdigit())
            and quad[2].pos == "NOUN"
        ):
            return True
    return False


def repair_dashed_amounts(tokens: list[Token]) -> None:
    """ "направило первую партию сыров – 12 тонн – в торговые сети Тюмени": an amount set off by dashes is an
    aside on the noun before it; what follows the second dash belongs to the clause, not to the amount."""
    for i in range(1, len(tokens) - 3):
        if tokens[i].text not in _DASHES or not _dashed_amount(tokens, i):
            continue
        num, unit = tokens[i + 1 : i + 3]
        noun = tokens[i - 1]
        by_i = {t.i: t for t in tokens}
        above = by_i.get(noun._head)
        if noun.pos not in ("NOUN", "PROPN"):
            continue
        for _ in range(len(tokens)):  # the clause's verb, above "партию" as well as "сыров" (bounded: cycles)
            if above is None or above.pos in ("VERB", "AUX"):
                break
            above = by_i.get(above._head)
        if above is None or above.pos not in ("VERB", "AUX"):
            continue
        governor = above.i
        for t in tokens[i + 4 :]:
            if t._head in (num.i, unit.i):
                t._head = governor
                t._rel = "obl" if t._rel in ("orphan", "dep") else t._rel
        unit._head, unit._rel = noun.i, "appos"


def repair_short_participles_read_as_nouns(tokens: list[Token]) -> None:
    """ "Продукция предприятий области экспортирована в Россию": the tagger can call a rare verb's short passive
    participle a noun (with the verb's lemma). A form the dictionary reads only as a short participle is one."""
    for t in tokens:
        if t.pos != "NOUN" or not t.lemma.endswith(("ть", "ться")) or not t.text.islower():
            continue
        if (tag := _only_reading(t, "PRTS")) is not None:
            t.pos = "VERB"
            t.feats = {"VerbForm": "Part", "Voice": "Pass", "Variant": "Short"} | _aspect_and_number(tag)


def repair_verbs_read_as_adjectives(tokens: list[Token]) -> None:
    """ "Возглавил делегацию министр экономики X": the tagger can call a capitalised past verb opening a sentence
    an adjective or a name ("Возглавил её первый заместитель акима ...") with the verb's lemma. A form the
    dictionary reads only as a finite verb is one; so is one tagged a converb or participle ("область, в свою
    очередь, отгружает ... цемент")."""
    for t in tokens:
        # (a name only opening the sentence, and not an acronym: "МОК" is no form of "мокнуть")
        name = t.pos == "PROPN" and t.i == 0 and not t.text.isupper()
        misread = t.pos == "ADJ" or name or t.pos == "VERB" and t.feats.get("VerbForm") in ("Conv", "Part")
        if not misread or not t.lemma.endswith(("ть", "ться", "ти", "тись", "чь", "чься")):
            continue
        if (tag := _only_reading(t, "VERB")) is not None:
            t.pos = "VERB"
            tense = "Past" if "past" in tag else "Pres" if "pres" in tag else "Fut"
            t.feats = {"VerbForm": "Fin", "Mood": "Ind", "Tense": tense} | _aspect_and_number(tag)
            if tag.gender in PYMORPHY_GENDERS:
                t.feats["Gender"] = PYMORPHY_GENDERS[tag.gender]


def _only_reading(t: Token, pos: str):
    """The dictionary's tag of a word all of whose known readings are of part of speech `pos`, else None."""
    readings = [p for p in parses(t.text.lower()) if p.is_known]
    return readings[0].tag if readings and all(p.tag.POS == pos for p in readings) else None


def _aspect_and_number(tag) -> dict[str, str]:
    return {"Aspect": "Imp" if "impf" in tag else "Perf", "Number": "Plur" if "plur" in tag else "Sing"}


def repair_passive_participles(tokens: list[Token]) -> None:
    """ "товарами, поставляемыми из области": the tagger calls some present passive participles active past
    ones; every reading of the form says passive, and then the noun it qualifies is what is acted on."""
    for t in tokens:
        if t.feats.get("VerbForm") != "Part" or t.feats.get("Voice") == "Pass":
            continue
        readings = [p for p in parses(t.text.lower()) if p.tag.POS == "PRTF"]
        if readings and all("pssv" in p.tag for p in readings):
            t.feats = {**t.feats, "Voice": "Pass", "Tense": "Pres" if "pres" in readings[0].tag else "Past"}


def repair_double_subjects(tokens: list[Token]) -> None:
    """ "Южно-Казахстанский университет посетила делегация провинции Кайсери": two nominatives under one verb
    (an inanimate masculine reads the same in the accusative); the one the verb's gender (a plural verb's:
    the coordinated one) agrees with is the subject, the other the object."""
    for verb in tokens:
        if verb.pos != "VERB" or verb.feats.get("Voice") == "Pass":
            continue
        subjects = [t for t in tokens if t._head == verb.i and t._rel == "nsubj" and t.pos in ("NOUN", "PROPN")]
        if len(subjects) != 2:
            continue
        if "Gender" not in verb.feats:
            # "Форум «X» открыли аким ... и хоким ...": a plural verb agrees with the coordinated pair
            if verb.feats.get("Number") != "Plur":
                continue
            coordinated = {t._head for t in tokens if t._rel == "conj"}
            agreeing = [t for t in subjects if t.i in coordinated]
        else:
            agreeing = [t for t in subjects if _agrees(t, verb)]
            if len(agreeing) == 2:
                # "аким ... посетил завод «Ротор»": both agree; the tagger's own cases, and the order (the
                # nominative before the verb, the accusative after it), tell them apart
                agreeing = [t for t in subjects if t.feats.get("Case") == "Nom" and t.i < verb.i]
                agreeing = agreeing if any(t.feats.get("Case") == "Acc" and t.i > verb.i for t in subjects) else []
        other = next((t for t in subjects if t not in agreeing), None)
        if (
            len(agreeing) == 1
            and other is not None
            and other.feats.get("Animacy") != "Anim"
            and _reads_as_object(other)
        ):
            other._rel = "obj"  # not "Экспортер – компания «X» – отправил": "компания" is no accusative


_DASHES = {"–", "—"}
_GAP_OPENERS = {"а", "но", "и"}
_GAP_WORDS = 6  # at most this many words between the comma and the dash: "а в обратном направлении"


def repair_gapping(tokens: list[Token]) -> None:
    """ "Из Тюменской области ввозятся удобрения, из Курганской – трубы", "павлодарцы везут соседям катанку,
    новосибирцы – запчасти": a dash after a comma stands for the verb of the clause before (gapping), which the
    parser cannot read (it hangs the remnants on the first clause's words, or on each other in a cycle). The
    dash becomes that verb's conjunct (`gap` names the verb), heading the words between the comma and itself
    and the phrase after it."""
    for d, dash in enumerate(tokens):
        if dash.text not in _DASHES or d == 0 or tokens[d - 1].end >= dash.start:
            continue  # a range written close up ("2024–2025"), not a gap
        comma = next((k for k in range(d - 1, -1, -1) if tokens[k].pos == "PUNCT"), None)
        if comma is None or tokens[comma].text != ",":
            continue
        before = [t for t in tokens[comma + 1 : d] if t.text.lower() not in _GAP_OPENERS]
        verb = next((t for t in reversed(tokens[:comma]) if _predicative(t) and t.pos in ("VERB", "AUX")), None)
        end = next((k for k in range(d + 1, len(tokens)) if tokens[k].pos == "PUNCT" and _ends_gap(tokens, k)), None)
        after = tokens[d + 1 : end if end is not None else len(tokens)]
        if verb is not None and verb._gap >= 0:
            verb = tokens[verb._gap]  # "из Курганской – автобусы, из Омской – трубы": both stand for one verb
        if verb is None or not 1 <= len(before) <= _GAP_WORDS or not any(t.pos == "NOUN" for t in after):
            continue
        if any(t.pos in ("VERB", "AUX") for t in before + after) or any(t.pos == "PUNCT" for t in before):
            continue  # "…», – отметил аким": a speech verb after the dash is the dash's own clause
        if any(_a_person(t) for t in after if t._head not in _ids(after)):
            continue  # "со стороны заказчика – технический директор …": people, whose roles the parser reads
        for t in tokens[comma + 1 : d]:
            if t.text.lower() in _GAP_OPENERS:
                t._head, t._rel = d, "cc"
        # the goods after the dash are what the verb's own are: its object, else its subject ("идут трубы")
        objective = verb.feats.get("Voice") != "Pass" and any(t._head == verb.i and t._rel == "obj" for t in tokens)
        # "Меморандум подписали университеты, соглашение – палаты": a remnant before the dash is what the verb's
        # own phrase before it is (here its fronted object)
        fronted = next(
            (t for t in tokens[: verb.i] if t._head == verb.i and t._rel in _CORE and not _cased(tokens, t)), None
        )
        _hang_remnants(before, d, fronted._rel if fronted is not None else None)
        front_object = fronted is not None and fronted._rel == "obj"  # then what follows the verb is its subject
        _hang_remnants(after, d, "obj" if objective and not front_object else "nsubj")
        dash._head, dash._rel, dash._gap, dash.pos, dash.feats = verb.i, "conj", verb.i, "VERB", dict(verb.feats)


def _a_person(t: Token) -> bool:
    """A name, or an animate noun that is no good ("рыба", "скот" and "птица" are animate goods)."""
    from coopgraph.ingest.goods import classify  # the goods lexicon reads no parse
    from coopgraph.ingest.org_names import org_lexicon

    if t.lemma in org_lexicon().heads:
        return False  # "соглашение – Палата предпринимателей ... и ... палата": bodies, capitalised or not
    return t.pos == "PROPN" or t.feats.get("Animacy") == "Anim" and classify([t.lemma]) is None


def _ids(tokens: list[Token]) -> set[int]:
    return {t.i for t in tokens}


def _ends_gap(tokens: list[Token], k: int) -> bool:
    """The phrase after a gap's dash runs to the sentence's end, a semicolon, or a comma that opens another gap."""
    if tokens[k].text != ",":
        return tokens[k].text in (";", ".", "!", "?", ":", "»", '"', "”")  # a quotation ends there too
    words = tokens[k + 1 : k + 2 + _GAP_WORDS]
    dash = next((j for j, t in enumerate(words) if t.pos == "PUNCT"), None)
    return dash is not None and dash > 0 and words[dash].text in _DASHES


def _cased(tokens: list[Token], t: Token) -> bool:
    """Whether a preposition hangs on `t`: a prepositional phrase, not a bare case form."""
    return any(c._head == t.i and c._rel == "case" for c in tokens)


def _hang_remnants(part: list[Token], dash: int, goods_rel: str | None) -> None:
    """Hang a remnant's top words on the dash, labelled as the verb's would be: without a preposition, the
    relation `goods_rel` names (the goods', or what the phrase before the verb is), else a subject or an
    adverbial by case."""
    inside = {t.i for t in part}
    tops = [t for t in part if t._head not in inside and t.pos != "PUNCT"]
    if not tops:  # the parser hung the words on each other in a cycle
        tops = [t for t in part if t.pos in ("NOUN", "PROPN", "ADJ")][:1]
    for t in tops:
        t._head = dash
        if _cased(part, t):
            t._rel = "obl"
        elif goods_rel:
            t._rel = goods_rel
        elif t.feats.get("Case") == "Dat":
            t._rel = "iobj"
        else:
            t._rel = "nsubj" if t.feats.get("Case") == "Nom" else "obl"


_PHRASE_HEADS = ("NOUN", "PROPN", "PRON", "NUM")


def repair_prepositions_hung_behind(tokens: list[Token]) -> None:
    """ "во главе с губернатором ... приняла участие в X Международной выставке": a Russian preposition stands
    before its noun, but the parser can hang it on a noun behind it, leaving the phrase after it without one.
    It is the first noun's after it (past adjectives, an edition's numeral, quotes)."""
    for n, prep in enumerate(tokens[:-1]):
        if prep.pos != "ADP" or prep._rel != "case" or not 0 <= prep._head < prep.i:
            continue
        if not any(p.tag.POS == "PREP" for p in parses(prep.text.lower())):
            continue  # "17,5 тыс. т нута": a unit's abbreviation the tagger calls a preposition
        noun = None
        for t in tokens[n + 1 : n + 6]:
            if t.pos in _PHRASE_HEADS and set(t.text) - _ROMAN_NUMERAL:
                noun = t
                break
            if t.pos not in ("ADJ", "DET", "PUNCT") and set(t.text) - _ROMAN_NUMERAL:
                break
        if noun is not None:
            prep._head = noun.i


def repair_edition_numerals(tokens: list[Token]) -> None:
    """ "в X Международной выставке": an edition's Roman numeral modifies the event's noun after it (past at
    most two adjectives); the parser can hang it elsewhere as a name or an oblique of its own."""
    for n, num in enumerate(tokens[:-1]):
        if not num.text or set(num.text) - _ROMAN_NUMERAL or len(num.text) > 7 or num.pos == "PUNCT":
            continue
        noun = next((t for t in tokens[n + 1 : n + 4] if t.pos in ("NOUN", "PROPN")), None)
        if noun is None or any(t.pos != "ADJ" for t in tokens[n + 1 : noun.i]) or num._head == noun.i:
            continue
        if noun._head == num.i:
            noun._head, noun._rel = num._head, num._rel  # the numeral headed the phrase: the noun takes its place
        for child in tokens:
            if child._head == num.i and child is not noun:
                child._head = noun.i
        num._head, num._rel = noun.i, "amod"


_POSTED = {"посол", "консул", "генконсул", "представитель", "представительство", "корреспондент", "атташе"}


def repair_places_on_persons(tokens: list[Token]) -> None:
    """ "Губернатора Астраханской области Игоря Бабушкина в Атырау встретил аким области": the parser can hang
    the verb's place on the person before it, its object or subject. A person is not "in" a place the way a
    firm is; the place is the verb's (an envoy's country of posting is his title's: "посол ... в России")."""
    by_i = {t.i: t for t in tokens}
    for prep in tokens:
        place = by_i.get(prep._head)
        if prep._rel != "case" or prep.text.lower() not in ("в", "во", "на") or place is None:
            continue
        person = by_i.get(place._head)
        if place._rel != "nmod" or place.pos not in ("PROPN", "NOUN") or person is None:
            continue
        if person.feats.get("Animacy") != "Anim" or person.lemma in _POSTED or person._rel not in _ARGUMENTS:
            continue
        verb = by_i.get(person._head)
        if verb is not None and _finite(verb) and place.i < verb.i:
            place._head, place._rel = verb.i, "obl"


def repair_coordinated_adjectives(tokens: list[Token]) -> None:
    """ "оренбургские и актюбинские компании заключили контракты": the tagger can read the first of two
    coordinated plural adjectives as a noun, the subject, with the noun its conjunct. The noun heads the phrase
    in the first adjective's place; the first adjective modifies it, the second is coordinated with the first."""
    for k in range(len(tokens) - 3):
        first, conj, second, noun = tokens[k : k + 4]
        if (
            conj.text.lower() != "и"
            or second.pos != "ADJ"
            or noun.pos != "NOUN"
            or first.pos not in ("ADJ", "NOUN", "PROPN")
        ):
            continue
        plural = ("ие", "ые")
        if not (first.text.lower().endswith(plural) and second.text.lower().endswith(plural)):
            continue
        if noun._head != first.i and second._head != first.i:
            continue  # the phrase is not the first word's
        if not may_be_plural_nominative(noun.text.lower()) or not any(
            p.tag.POS == "ADJF" for p in parses(first.text.lower())
        ):
            continue
        if first._head == noun.i:  # a cycle: the noun's place is the verb after it, as its subject
            verb = next((t for t in tokens[k + 4 :] if _finite(t)), None)
            if verb is None or any(t._head == verb.i and t._rel.startswith("nsubj") for t in tokens):
                continue
            first._head, first._rel = verb.i, "nsubj"
        noun._head, noun._rel = first._head, first._rel
        first._head, first._rel, first.pos = noun.i, "amod", "ADJ"
        second._head, second._rel = first.i, "conj"
        conj._head = second.i


def repair_participle_asides(tokens: list[Token]) -> None:
    """ "Нуржан Абдуллаев и хоким ... Баходир Юсупов, возглавивший делегацию своего региона, подписали карту": the
    parser can make a participle aside between commas the head of the subjects before it and hang it on a noun
    after it. The nominatives before the aside are the next verb's subject (the first, the others its
    conjuncts), and the aside qualifies the last of them."""
    for part in tokens:
        o = part.i - 1
        if part.feats.get("VerbForm") != "Part" or part.feats.get("Case") != "Nom" or o < 1 or tokens[o].text != ",":
            continue
        c = next((t.i for t in tokens[part.i + 1 :] if t.text == ","), None)
        if c is None or c + 1 >= len(tokens) or not _finite(verb := tokens[c + 1]) or o < part._head <= c:
            continue
        if any(t._head == verb.i and t._rel.startswith("nsubj") for t in tokens):
            continue
        roots = [t for t in tokens[:o] if o < t._head <= c]
        if not roots or not all(t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Nom" for t in roots):
            continue
        first = roots[0]
        first._head, first._rel = verb.i, "nsubj"
        for t in roots[1:]:
            t._head, t._rel = first.i, "conj"
        part._head, part._rel = roots[-1].i, "acl"


_RELATIVE_NOMINATIVES = {"который", "которая", "которое", "которые"}


def repair_relative_clause_roots(tokens: list[Token]) -> None:
    """ "ТОО «Жетысу Агро Экспорт», которое уже второй год поставляет в СУАР масло, подписало новый контракт": the
    parser can make the relative clause's verb the sentence's root, its antecedent that verb's subject and the main
    verb after the clause a modifier of the antecedent. The main verb heads the sentence with the antecedent as its
    subject; the relative clause modifies the antecedent, its pronoun its subject when nothing else is."""
    for k, pron in enumerate(tokens):
        if pron.lemma != "который" or k < 2 or tokens[k - 1].text != ",":
            continue
        v1 = tokens[pron._head] if 0 <= pron._head < len(tokens) else None
        if v1 is None or v1._rel != "root" or not _finite(v1):
            continue
        noun = next((t for t in tokens[: k - 1] if t._head == v1.i and t._rel.startswith("nsubj")), None)
        v2 = next(
            (
                t
                for t in tokens[v1.i + 1 :]
                if _finite(t) and t._head in (v1.i, noun.i if noun else -2, -1) and tokens[t.i - 1].text == ","
            ),
            None,
        )
        if noun is None or v2 is None or any(c._head == v2.i and c._rel.startswith("nsubj") for c in tokens):
            continue
        v2._head, v2._rel = -1, "root"
        noun._head, noun._rel = v2.i, "nsubj"
        v1._head, v1._rel = noun.i, "acl:relcl"
        for t in tokens:
            if t._head == v1.i and t.i > v2.i:
                t._head = v2.i  # what follows the main verb is its
        others = [c for c in tokens if c._head == v1.i and c._rel.startswith("nsubj")]
        if pron.text.lower() in _RELATIVE_NOMINATIVES and not others:
            pron._rel = "nsubj"
