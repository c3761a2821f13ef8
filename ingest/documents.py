"""Documents: agreements, roadmaps, memoranda, plans, contracts — their kind, period, date, status."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from coopgraph.ingest.context import Context, normalise_key
from coopgraph.ingest.dates import find_date, find_period
from coopgraph.ingest.morph import inflect_word, lemma, match_case, parses
from coopgraph.ingest.nlp import Sentence, Token

# (kind, lemma sequence that starts a mention)
KINDS = [
    ("дорожная карта", ("дорожный", "карта")),
    ("план мероприятий", ("план", "мероприятие")),
    ("план мероприятий", ("план", "действие")),
    ("план мероприятий", ("план", "совместный", "мероприятие")),
    ("соглашение", ("соглашение",)),
    ("меморандум", ("меморандум",)),
    ("договор", ("договор",)),
    ("контракт", ("контракт",)),
    ("протокол", ("протокол",)),
    ("программа", ("программа", "сотрудничество")),
    ("программа", ("программа", "совместный", "мероприятие")),
    ("программа", ("программа", "мероприятие")),
    ("программа", ("программа", "взаимодействие")),
    ("план мероприятий", ("план", "сотрудничество")),
    ("план мероприятий", ("план", "взаимодействие")),
    ("план мероприятий", ("план",)),
]
# Lemmas saying the document exists: signed, concluded, in force, extended, drafted and ready.
_FACT = {
    "подпись",  # "поставили подписи на соглашении"
    "скрепить",  # "скрепили подписями"
    "подписать",
    "подписывать",
    "подписание",
    "подписаться",  # "под соглашением подписались аким и губернатор"
    "подписываться",
    "расписаться",
    "расписываться",
    "заключить",
    "заключать",
    "заключение",
    "оформить",  # "ТОО «X» и ООО «Y» оформили договор": a deal concluded
    "оформлять",
    "действовать",
    "вступить",  # "вступил в силу меморандум": in force
    "продлить",
    "продление",  # "продление контракта между ТОО «X» и ООО «Y»": the contract exists
    "пролонгировать",
    "закрепить",  # "договорённости, закреплённые в соглашении": in force
    "закреплённый",
    "закрепленный",
    "ратифицировать",
    "парафировать",  # "парафирован договор": initialled, the text agreed
    "парафирование",
    "утвердить",
    "принять",
    "разработать",
    "подготовить",
    "подписанный",
    "заключённый",
    "заключенный",
    "реализация",
    "реализовываться",
    "реализоваться",
    "реализовать",  # "области реализуют дорожную карту": it exists
    "реализовывать",
    "исполнение",
    "выполнение",
    "выполнять",
    "исполнять",
    "рамка",
    "основа",
    "согласно",
    "соответствие",
}
# Lemmas saying it does not exist yet.
_PLAN = {
    "предлагать",
    "предложить",
    "планировать",
    "намереваться",
    "намерен",
    "предстоять",
    "собираться",
    "готовый",
    "обсудить",
    "обсуждать",
    "проработать",
    "прорабатывать",
    "рассмотреть",
    "рассматривать",
    "создать",
    "проект",
    "разрабатываться",
    "договориться",
    "предполагать",
    "ожидаться",
    "возможный",
    "мочь",
    "хотеть",
    "следует",
    "необходимо",
}
_NOT_ABOUT = {"сумма"}
_DELIVERY = {"поставка", "отгрузка", "экспорт", "продажа", "закупка"}
_STOP_LEMMAS = {"между", "на", "до", "с", "который", "что", "чтобы", "и", "а", "но", "в", "от", "для", "при", "со"}
_REFERENCE = {"документ", "соглашение", "меморандум", "договор", "контракт", "протокол"}
# Ways of signing a document, not its subject: "по видеосвязи", "по видеоконференцсвязи", "по почте".
_MANNERS = {"видеосвязь", "видеоконференция", "видеоконференцсвязь", "связь", "почта", "интернет"}


@dataclass
class DocMention:
    key: str
    sent: int
    start: int
    end: int
    between: list[tuple[int, int]] = field(default_factory=list)  # "между X и Y" spans, genitive parties
    basis: bool = False  # named as the basis of another document, parties not named yet
    bare: bool = False  # the kind alone ("соглашение и меморандумы о ..."): what it is about is said later
    counted: bool = False  # "заключили 11 контрактов": a count of documents, each of which a later one can be


_KIND_STARTS = {seq[0] for _, seq in KINDS}


def _match_kind(tokens: list[Token], i: int) -> tuple[str, int] | None:
    if tokens[i].lemma not in _KIND_STARTS:
        return None  # most tokens start no kind: one look-up instead of a scan of KINDS
    for kind, seq in KINDS:
        if i + len(seq) <= len(tokens) and all(tokens[i + k].lemma == seq[k] for k in range(len(seq))):
            return kind, len(seq) if seq[-1] not in ("сотрудничество", "взаимодействие") else len(seq) - 1
    return None


def _descriptor(tokens: list[Token], i: int, parties: frozenset[int] = frozenset()) -> list[Token]:
    """Complements after the kind: "о сотрудничестве в ... сферах", "по реализации соглашения"; it ends
    before places named in the genitive (`parties`: "Меморандум о сотрудничестве Оренбурга и Уральска")."""
    out: list[Token] = []
    k = i
    counted = False
    while k < len(tokens):
        t = tokens[k]
        if t.start in parties and out and out[-1].pos != "ADP":
            break
        if t.lemma == "на" and not out and k + 1 < len(tokens) and tokens[k + 1].pos == "NOUN":
            if tokens[k + 1].lemma in _NOT_ABOUT:
                break  # "пять контрактов на сумму 12 млн долларов": what they are worth, not what they are about
            out.append(t)  # "договор на производство и поставку"
            k += 1
            continue
        if t.lemma in ("в", "во") and out and out[-1].lemma in _DELIVERY and k + 1 < len(tokens):
            # "контракт на поставку в Актау 3 тысяч тонн фруктов": the destination is no part of what it is about
            past = k + 1
            while past < len(tokens) and tokens[past].pos == "PROPN":
                past += 1
            if past == k + 1:  # "контракт на поставку в 2026 году 30 комбайнов": nor is its year
                while past < len(tokens) and (tokens[past].pos == "NUM" or tokens[past].text.isdigit()):
                    past += 1
                past = past + 1 if past > k + 1 and past < len(tokens) and tokens[past].lemma == "год" else k + 1
            if past > k + 1:
                k = past
                continue
        if t.lemma in _STOP_LEMMAS and not (t.lemma in ("в", "с") and out and _sphere_follows(tokens, k)):
            if not (
                t.lemma == "и"
                and out
                and k + 1 < len(tokens)
                and tokens[k + 1].pos in ("ADJ", "NOUN")
                and tokens[k + 1].feats.get("Case") == out[-1].feats.get("Case")
            ):
                break
        if t.pos in ("VERB", "AUX") or t.text in (".", ";", ":", "(", ")", "«", "»", '"', "–", "—"):
            break
        if t.lemma == "по" and k + 1 < len(tokens) and tokens[k + 1].lemma in _MANNERS:
            break  # "подписали дорожную карту по видеосвязи": how it was signed, not what it is about
        if t.pos == "ADV" and out and out[-1].pos != "ADP":
            break  # "соглашение о побратимстве еще в 1995 году": the adverb goes with the verb
        if t.text == ",":
            if k + 1 < len(tokens) and _adjective_like(tokens[k + 1]) and out and _adjective_like(out[-1]):
                out.append(t)
                k += 1
                continue
            break
        if t.pos == "NUM" or t.text.isdigit():
            goods = _counted_goods_at(tokens, k) if out else None
            if goods is not None:
                k = goods  # "контракт на поставку 40 тракторов": the count is no part of what it is about
                counted = True  # the counted goods are what it is about, wherever the parser hung them
                continue
            break
        if t.pos == "PROPN" and not out:
            break
        if t.text in _legal_forms():
            head_at = next((j for j, u in enumerate(out) if u.i == t.head), None)
            if head_at is not None and head_at > 0 and out[head_at - 1].pos == "ADP":
                k = _past_name(tokens, k + 1)  # "на поставку ТОО «X» оборудования": the firm receives what follows
                continue
            # "на поставку изделий торговой сети ООО «X»": the firm (and the noun it names) is the recipient
            while out and (out[-1].i == t.head or out[-1].head == t.head and out[-1].rel == "amod"):
                out.pop()
            break
        if not out and t.pos != "ADP" and t.feats.get("Case") != "Gen":
            break  # a description opens with a preposition or a genitive: "меморандум скрепил подписью" has none
        if out and out[-1].pos != "ADP" and not counted and _verb_argument(tokens, t):
            break  # "договор о сотрудничестве Торайгыров университет и ... подписали": the subject begins
        out.append(t)
        k += 1
        if len(out) > 14:
            break
    while out and (out[-1].pos in ("ADP", "CCONJ") or out[-1].text == ","):
        out.pop()
    return out


def _past_name(tokens: list[Token], k: int) -> int:
    """The index after the firm's name that starts at k: a quoted name whole, else one word."""
    if k < len(tokens) and tokens[k].text in ("«", '"'):
        close = next((j for j in range(k + 1, len(tokens)) if tokens[j].text in ("»", '"')), None)
        return close + 1 if close is not None else k + 1
    return k + 1


def _verb_argument(tokens: list[Token], t: Token) -> bool:
    """A word of a verb's subject or object phrase (the word itself or the noun it modifies), which no
    document's description runs into."""
    by_i = {u.i: u for u in tokens}
    head = by_i.get(t.head) if t.rel in ("amod", "flat", "flat:name", "compound") else t
    verb = by_i.get(head.head) if head is not None else None
    return head is not None and head.rel in ("nsubj", "nsubj:pass", "obj") and verb is not None and verb.pos == "VERB"


def _topic_after_parties(tokens: list[Token], j: int) -> int | None:
    """ "Соглашение между Правительством Астраханской области и акиматом Мангистауской области о торгово-
    экономическом сотрудничестве", "контракт между ООО «A» и ТОО «B» на поставку пряжи": where what the document
    is about starts, past the parties it names first (two or more, joined by "и" or commas, and no verb), or past a
    partner firm or a dash."""
    if j + 2 >= len(tokens):
        return None
    if tokens[j].text in ("–", "—") and tokens[j + 1].lemma in ("на", "о", "об") and tokens[j + 2].pos == "NOUN":
        return j + 1  # "Еще один контракт – на поставку цемента – подписали ...": set off by a dash
    # "контракт ТОО «A» с ООО «B» на поставку": a firm's legal form opens the parties, joined by "с"; "контракт с
    # ОАО «B» на поставку": the partner alone
    partner = tokens[j].lemma in ("с", "со") and tokens[j + 1].text in _legal_forms()
    firm = tokens[j].text in _legal_forms() or partner
    if tokens[j].lemma != "между" and not firm:
        return None
    joined, quoted, bracket = partner, False, False
    for k in range(j + 1, min(j + 30, len(tokens) - 1)):
        t, nxt = tokens[k], tokens[k + 1]
        if t.text in ("«", "»"):
            quoted = t.text == "«"
            continue
        # "между Правительством Омской области (Российская Федерация) и акиматом ...": a party's country aside
        if t.text in ("(", ")"):
            bracket = t.text == "("
            continue
        if quoted or bracket:
            continue
        if t.pos in ("VERB", "AUX") or t.text in (".", ";", ":", "–", "—"):
            return None
        if t.lemma in ("и", ",") or t.text == "," or firm and t.lemma in ("с", "со"):
            joined = True
        elif joined and t.lemma in ("о", "об") and nxt.pos in ("ADJ", "NOUN"):
            return k
        elif joined and t.lemma == "на" and nxt.pos == "NOUN" and nxt.feats.get("Case") == "Acc":
            return k
    return None


_PLACE_NOUNS = {"область", "регион", "край", "город", "республика", "штат", "провинция", "округ"}


def _topic_after_places(tokens: list[Token], j: int, places: frozenset[int]) -> int | None:
    """ "соглашения Минской и Карагандинской областей о ... взаимодействии": where what the document is about
    starts, past two or more places named in the genitive right after its kind (they are its parties)."""
    if j >= len(tokens) or tokens[j].start not in places:
        return None
    k, joined = j, False
    while k < len(tokens) and (
        tokens[k].start in places
        or tokens[k].lemma in _PLACE_NOUNS
        or tokens[k].lemma == "и"
        or tokens[k].text == ","
        or tokens[k].pos in ("ADJ", "PROPN")
        and tokens[k].feats.get("Case") == "Gen"
    ):
        joined = joined or tokens[k].lemma == "и" or tokens[k].text == ","
        k += 1
    if not joined or k + 1 >= len(tokens):
        return None
    return k if tokens[k].lemma in ("о", "об", "по") and tokens[k + 1].pos in ("ADJ", "NOUN") else None


_NOT_COUNTED = {"год", "доллар", "рубль", "тенге", "евро", "сум", "юань", "сом", "процент"}


def _counted_goods_at(tokens: list[Token], k: int) -> int | None:
    """ "40 тракторов", "3 тысяч тонн хлопкового волокна": where the goods a count at k counts begin (its
    measures skipped); None if what follows is a sum, a year or no genitive."""
    from coopgraph.ingest.trade_words import trade_words

    measures = trade_words().measures
    j = k + 1
    while j < len(tokens) and (tokens[j].lemma in measures or tokens[j].text == "."):
        j += 1
    nxt = tokens[j] if j < len(tokens) else None
    if nxt is None or nxt.pos not in ("NOUN", "ADJ") or nxt.feats.get("Case") != "Gen" or nxt.lemma in _NOT_COUNTED:
        return None
    return j


_ADJ_END = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ых|их|ую|юю|ыми|ими)$")


def _adjective_like(t: Token) -> bool:
    if t.pos == "ADJ":
        return True
    return bool(_ADJ_END.search(t.text.lower())) and any(p.tag.POS == "ADJF" for p in parses(t.text.lower()))


def _sphere_follows(tokens: list[Token], k: int) -> bool:
    window = [t.lemma for t in tokens[k + 1 : k + 8]]
    if "сфера" in window:
        return True
    # "в области подготовки кадров", "в области образования": a field, not a region (those are named: "в
    # области Абай", "в Павлодарской области")
    field = tokens[k + 2] if k + 2 < len(tokens) and tokens[k + 1].lemma == "область" else None
    return field is not None and field.pos == "NOUN" and field.feats.get("Case") == "Gen"


def _join(tokens: list[Token]) -> str:
    s = ""
    for t in tokens:
        s += ("" if t.text == "," or not s else " ") + t.text
    return s


_SIGN_VERBS = {
    "подписать",
    "подписывать",
    "заключить",
    "заключать",
    "оформить",
    "оформлять",
    "продлить",
    "ратифицировать",
    "парафировать",
    "утвердить",
    "принять",
    "разработать",
    "подготовить",
}


# "договорились выйти на подписание плана", "готовятся к подписанию", "дело идёт к подписанию": the signing ahead
_TOWARDS_SIGNING = re.compile(
    r"\b(?:выйти|выходить|выйдут|подготовк\w*|готов\w*|идёт|идет|шло)\W+(?:к|на)\s+подписани"
    r"|\bв\s+(?:наших\s+|ближайших\s+)?планах\b\W+(?:\w+\W+){0,2}подписани",  # "В планах — подписание соглашения"
    re.I,
)


def planned_signing(sent: Sentence) -> bool:
    """ "Предлагаю подписать", "подпишут осенью", "будет подписан": the act has not happened."""
    if _TOWARDS_SIGNING.search(sent.text):
        return True
    verbs = [t for t in sent.tokens if t.lemma in _SIGN_VERBS and t.pos in ("VERB", "AUX")]
    if not verbs:
        return False
    if re.search(r"\bбуд(ет|ут)\s+(подписан|заключ)", sent.text, re.I):
        return True
    return all(
        t.feats.get("VerbForm") == "Inf" or t.feats.get("Tense") == "Fut" or t.feats.get("Mood") == "Imp" for t in verbs
    )


# Words that make a document a fact even beside a plan word ("обсудили реализацию подписанного соглашения").
_DONE = {
    "подписать",
    "подписание",
    "действовать",
    "заключить",
    "подписанный",
    "заключённый",
    "заключенный",
    "действующий",
}


_BULLET = re.compile(r"\s*(?:[•·▪●*–—-]|\d{1,2}[.)])\s+")


def list_intro(ctx: Context, k: int) -> int | None:
    """The sentence introducing the list item k is in ("Также на форуме были подписаны:" before
    "• план совместных мероприятий ..."), when k is an item and the list is introduced by a colon."""
    if not _BULLET.match(ctx.sentences[k].text):
        return None
    j = k - 1
    while j >= 0 and _BULLET.match(ctx.sentences[j].text):
        j -= 1
    return j if j >= 0 and ctx.sentences[j].text.rstrip().endswith(":") else None


def list_signed(ctx: Context, k: int) -> int | None:
    """The sentence saying the documents of the list item k were signed: its introduction, or the sentence
    before an introduction that says none ("В рамках форума подписано 12 соглашений. Среди ключевых
    документов: • ...")."""
    intro = list_intro(ctx, k)
    for j in (intro, intro - 1 if intro else None):
        if j is not None and j >= 0 and _signing(ctx.sentences[j]) and _status(ctx.sentences[j]) == "fact":
            return j
    return None


# "Наиболее крупный из них – контракт ...", "Среди них – меморандум ...", "В том числе договор ...": one of the
# documents the sentence before said were signed
_ONE_OF_THEM = re.compile(
    r"\b(?:из|среди)\s+(?:них|которых)\b|^\W*(?:в\s+том\s+числе|в\s+частности|среди\s+них)\b"
    r"|^\W*одн(?:им|ой|о|а|ин)\s+из\b",  # "Одним из наиболее значимых стал контракт"
    re.I,
)


def one_of_those_signed(ctx: Context, k: int) -> bool:
    """ "Одним из наиболее значимых стал контракт ...": sentence k names one of the documents the one before signed."""
    if k == 0 or not _ONE_OF_THEM.search(ctx.sentences[k].text):
        return False
    before = ctx.sentences[k - 1]
    return (
        _signing(before)
        and _status(before) == "fact"
        and bool(_KIND_WORDS.search(before.text) or _DOCUMENTS.search(before.text))
    )


_DOCUMENTS = re.compile(r"\bдокумент", re.I)


def _signed_next(ctx: Context, k: int) -> bool:
    """ "Крупнейшей сделкой стал контракт между A и B на поставку кабеля. Документ 3 июня подписали X и Y": a
    document the sentence names without saying it was signed, which the next sentence opens by signing as
    "документ", by its kind or by a pronoun."""
    if k + 1 >= len(ctx.sentences):
        return False
    after = ctx.sentences[k + 1]
    opening = next((t for t in after.tokens if t.pos not in ("PUNCT", "CCONJ", "ADV")), None)
    return (
        opening is not None
        # "... стал Меморандум о ... . Его подписали X и Y": the pronoun as well
        and (opening.lemma in _REFERENCE or opening.pos == "PRON" and opening.lemma in ("он", "она"))
        and opening.feats.get("Number") != "Plur"
        and _signing(after)
        and _status(after) == "fact"
    )


_PURPOSE = re.compile(r"\b(?:для|ради|с целью)\s+(?:подписания|заключения|парафирования)\b", re.I)


# "Главным итогом визита стал контракт ...", "Главный итог поездки — контракт ...": a document that is what a
# visit or forum came to exists, though no verb says it was signed
_RESULT = re.compile(r"\b(?:итог|результат)\w*\b[^.;:!?]{0,80}?(?:\bстал[аио]?\b|\s[—–]\s)", re.I)


def states_result(sent: Sentence) -> bool:
    """The sentence says a document is what a visit or forum came to, and plans nothing."""
    return bool(_RESULT.search(sent.text)) and not {t.lemma for t in sent.tokens} & _PLAN


def _status(sent: Sentence) -> str:
    if planned_signing(sent):
        return "plan"
    if states_result(sent):
        return "fact"
    lemmas = {t.lemma for t in sent.tokens}
    purpose = _PURPOSE.search(sent.text)
    if purpose and not {t.lemma for t in sent.tokens if t.start - sent.start not in range(*purpose.span())} & (
        _DONE - {"подписание"}
    ):
        return "plan"  # "прибыл в Костанай для подписания соглашения": why he came, not what was done
    if lemmas & _FACT and not (lemmas & _PLAN and not lemmas & _DONE):
        return "fact"
    if "будет" in sent.text.lower() and "подписан" in sent.text.lower():
        return "plan"
    return "fact" if lemmas & _FACT else "unknown"


def extract_documents(ctx: Context) -> None:
    ctx.documents = []
    for k, sent in enumerate(ctx.sentences):
        toks = sent.tokens
        i = 0
        nested_until = -1
        places = frozenset(r.start for r in ctx.refs_in(k, "Region", "City", "Country"))
        while i < len(toks):
            found = _match_kind(toks, i)
            if not found:
                i += 1
                continue
            kind, n = found
            j = i + n
            # "плана мероприятий (дорожной карты)": the bracket names the same document's kind
            if j + 1 < len(toks) and toks[j].text == "(":
                inner = _match_kind(toks, j + 1)
                if inner and j + 1 + inner[1] < len(toks) and toks[j + 1 + inner[1]].text == ")":
                    kind = inner[0]
                    j = j + 2 + inner[1]
            topic = _topic_after_places(toks, j, places)
            desc = [] if topic is not None else _descriptor(toks, j, places)
            topic = topic if topic is not None or desc else _topic_after_parties(toks, j)
            start, end = toks[i].start, (desc[-1].end if desc else toks[j - 1].end)
            if topic is not None:  # named by what follows its parties; its mention stays the kind alone
                desc = _descriptor(toks, topic, places)
            topic_at = toks[topic].start if topic is not None and desc else None
            qualifier = _qualifier(toks, i)
            _record(
                ctx,
                k,
                kind,
                toks[i : i + n],
                desc,
                start,
                end,
                nested=start < nested_until,
                topic_at=topic_at,
                qualifier=qualifier,
            )
            nested_until = max(nested_until, end)
            i = j  # a document named inside this one's description ("по реализации Соглашения ...") counts too
        _share_descriptions(ctx, k)


# Adjectives that name a kind of deal, kept in a document's name ("инвестиционное соглашение", "экспортный
# контракт"): another deal than a document named without it.
DEAL_QUALIFIERS = frozenset(
    {
        "инвестиционный",
        "экспортный",
        "импортный",
        "коммерческий",
        "дистрибьюторский",
        "дилерский",
        "кредитный",
        "лицензионный",
        "концессионный",
        "форвардный",
        "дополнительный",
    }
)
# ... and those that say between whom, kept in the name too ("трехсторонний меморандум"); "новое", "важное" say
# nothing of the document.
QUALIFIERS = DEAL_QUALIFIERS | frozenset(
    {
        "межрегиональный",
        "межправительственный",
        "межпарламентский",
        "межмуниципальный",
        "межведомственный",
        "двусторонний",
        "трехсторонний",
        "трёхсторонний",
        "многосторонний",
        "рамочный",
    }
)


def _qualifier(toks: list[Token], i: int) -> str | None:
    """The kind adjective right before a document's kind word, in the nominative of its gender."""
    if i == 0 or toks[i - 1].lemma not in QUALIFIERS or toks[i].feats.get("Number") == "Plur":
        return None  # ("подписано 9 межрегиональных соглашений": a count, whose kind stays bare)
    gender = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(toks[i].feats.get("Gender", ""), "masc")
    return inflect_word(toks[i - 1].text, {"nomn", "sing", gender}, ("ADJF",)).lower()


def _kind_nominative(kind_tokens: list[Token], kind: str) -> str:
    if kind == "дорожная карта":
        words = ["дорожная", "карта"]
    else:
        head = kind_tokens[0]
        words = [inflect_word(head.text, {"nomn", "sing"}, ("NOUN",)).lower()] + [t.text for t in kind_tokens[1:]]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


_ANOTHER = re.compile(
    r"\b(?:аналогичн|подобн|похож|друг|ещ[её]\s+оди?н)\w*\s+(?:\w+\s+){0,1}$|\bтак(?:ой|ую|ое|ие|их)\s+же\s+$", re.I
)


def _record(
    ctx: Context,
    k: int,
    kind: str,
    kind_tokens: list[Token],
    desc: list[Token],
    start: int,
    end: int,
    nested: bool = False,
    topic_at: int | None = None,
    qualifier: str | None = None,
) -> None:
    sent = ctx.sentences[k]
    rest = ctx.text[end : sent.end]
    tail = ctx.text[end : min(sent.end, end + 80)]
    period = find_period(tail) if re.match(r"\s*(?:\(.*?\)\s*)?(?:на|до|в)?\s*\d{4}", tail) else None
    if period is None and topic_at is not None and desc and not nested:
        # "Соглашение между X и Y о ... сотрудничестве на 2025–2029 годы": the period follows what it is about
        after = ctx.text[desc[-1].end : min(sent.end, desc[-1].end + 80)]
        period = find_period(after) if re.match(r"\s*(?:на|до)\s*\d{4}", after) else None
    betweens = _between_clauses(ctx, sent, start, end) or _genitive_parties(ctx, k, end) or _firm_with_firm(ctx, k, end)
    if topic_at is not None:  # the parties end where what the document is about begins
        betweens = [(a, min(b, topic_at)) for a, b in betweens]
    another = _ANOTHER.search(ctx.text[sent.start : start])  # "аналогичный план", "ещё один меморандум"
    if not desc and period is None and not betweens:
        # A bare "соглашение" / "Новая дорожная карта" refers back to the latest document of that kind.
        prev = [
            d
            for d in ctx.documents
            if ctx.table.entities[d.key].kind == kind
            and not another
            # "инвестиционное соглашение" after "соглашение о сотрудничестве" is another one
            and (qualifier is None or ctx.table.entities[d.key].name.lower().startswith(qualifier))
        ]
        if prev:
            ent = ctx.table.entities[prev[-1].key]
            ctx.documents.append(DocMention(ent.key, k, start, end))
            ctx.add_ref(ent, start, end, via="reference")
            return
        if not _signing(sent) and list_signed(ctx, k) is None:
            return
    if _status(sent) != "fact" and not (
        _status(sent) == "unknown"
        and (list_signed(ctx, k) is not None or one_of_those_signed(ctx, k) or _signed_next(ctx, k))
    ):
        return
    name = _kind_nominative(kind_tokens, kind)
    if qualifier is not None:
        name = f"{qualifier[:1].upper()}{qualifier[1:]} {name[:1].lower()}{name[1:]}"
    sphere = re.search(r"\bв\s+сфер\w+\s+([^,.;:]{3,80})", rest)
    if desc:
        name += " " + _join(desc)
    elif sphere:
        name += " в сфере " + sphere.group(1).strip()
    if period is None and kind in ("план мероприятий", "дорожная карта", "программа"):
        late = re.search(r"\bна\s+(\d{4})\s*[–—\-−]\s*(\d{4})\s+год", rest)
        if late and not any(d.sent == k and ctx.table.entities[d.key].period for d in ctx.documents):
            period = (int(late.group(1)), int(late.group(2)))
    if period:
        name += f" {period[0]}–{period[1]}"
    plural = kind_tokens[0].feats.get("Number") == "Plur" and len(betweens) > 1
    for span in betweens if plural else [None]:
        # "протоколы о намерениях между A и B, а также между C и D": one document per pair of parties
        own = f"{name} {_between_what(ctx, k, span)}" if span else name
        # "Наиболее крупный из них – контракт между A и B": one of those, not all of them
        picked = bool(betweens) and one_of_those_signed(ctx, k)
        # "соглашение о сотрудничестве между Палатой предпринимателей ... и Союзом ...": a shorter name with parties
        # of its own is another document, not a mention of the one named in full before
        between = [span] if span else list(betweens)
        # "Центральным из них стала Дорожная карта ...": one of those the sentence before signed is none of them,
        # but it still is the roadmap the headline named
        merge = not (plural or another)
        parties = _named(ctx, k, between)
        mention = _add_document(ctx, k, kind, own, period, start, end, merge=merge, parties=parties, picked=picked)
        mention.bare = not desc and period is None
        mention.counted = kind_tokens[0].i > 0 and sent.tokens[kind_tokens[0].i - 1].pos == "NUM"
        mention.between = between
        mention.basis = nested and not betweens  # kept only if it gets the parties of the document it is in
        ctx.documents.append(mention)


_BODY_WORDS = {
    "управление",
    "министерство",
    "департамент",
    "комитет",
    "агентство",
    "область",
    "акимат",
    "правительство",
    "и",
    "в",
    "по",
    "с",
    "между",
    "город",
    "регион",
    "край",
    "республика",
}


def _between_what(ctx: Context, k: int, span: tuple[int, int]) -> str:
    """What one of several documents between different pairs is about: the words its two parties' names
    share ("управлением сельского хозяйства ЗКО и Министерством сельского хозяйства ..." → "в сфере
    сельского хозяйства"), else the pair ("между Омской областью и ...")."""
    refs = sorted(
        (r for r in ctx.refs_in(k) if span[0] <= r.start < span[1] and r.type != "Document"), key=lambda r: r.start
    )
    names = [re.findall(r"[\w\-]+", ctx.text[r.start : r.end]) for r in refs if r.type == "Organization"][:2]
    if len(names) == 2:
        shared = {lemma(w) for w in names[0]} & {lemma(w) for w in names[1]} - _BODY_WORDS
        words = [w for w in names[0] if lemma(w) in shared]
        if words:
            return "в сфере " + " ".join(dict.fromkeys(words))
    return "между " + ctx.text[span[0] : span[1]]


def _kind_nominative_of(ent) -> str:
    kind = ent.kind or ""
    return kind[:1].upper() + kind[1:]


def _share_descriptions(ctx: Context, k: int) -> None:
    """ "соглашение и меморандумы о сотрудничестве между X и Y": the bare first document of a coordination
    is about what the next one is, between the same parties."""
    mentions = [d for d in ctx.documents if d.sent == k]
    for a, b in zip(mentions, mentions[1:]):
        first, second = ctx.table.entities[a.key], ctx.table.entities[b.key]
        if not a.bare or b.bare or not re.fullmatch(r"\s*(?:и|,)\s*", ctx.text[a.end : b.start]):
            continue
        if any(r.key == a.key and r.via == "reference" for r in ctx.refs_in(k)):
            continue
        first.name = _kind_nominative_of(first) + second.name[len(second.kind or "") :]
        a.between = a.between or list(b.between)


def _add_document(
    ctx: Context,
    k: int,
    kind: str,
    name: str,
    period,
    start: int,
    end: int,
    merge: bool = True,
    parties: frozenset[str] = frozenset(),
    picked: bool = False,
) -> DocMention:
    sent = ctx.sentences[k]
    signed = find_date(ctx.text[sent.start : sent.end], ctx.published) if _signing(sent) else None
    key = f"Document:{kind}:{period[0]}-{period[1]}" if period else f"Document:{normalise_key(name)}"
    existing = (
        (
            _same_document(ctx, kind, period, name, parties, not_from=k - 1 if picked else None)
            or _same_sentence_kind(ctx, k, kind, name, start)
        )
        if merge
        else None
    )
    if existing:
        key = existing
    ent = ctx.table.add(
        "Document",
        name,
        key=key,
        alias=ctx.text[start:end],
        start=start,
        end=end,
        kind=kind,
        period=period,
        signed=signed,
    )
    if existing and len(name) > len(ent.name):
        ent.aliases.append(ent.name)  # the fuller description becomes the name
        ent.name = name
    ctx.add_ref(ent, start, end)
    return DocMention(ent.key, k, start, end)


_BETWEEN_AFTER = re.compile(
    # a stop after a lone capital is an initial ("имени М.Х. Дулати и ..."), not the sentence's end
    r"\bмежду\s+(.{3,200}?)(?=\s+на\s+\d{4}|\s+в\s+сфер|\s+по\s+вопрос|,\s*(?:а|который|которые|котор)|"
    r"(?<![\s.][А-ЯЁA-Z])\.|;|$)"
)


def _between_clauses(ctx: Context, sent: Sentence, start: int, end: int) -> list[tuple[int, int]]:
    """The "между X и Y" clauses of a document: after it ("… о сотрудничестве между A и B, а также между C и
    D"), or before its signing ("между правительством региона и акиматом был подписан меморандум") or its being in
    force ("между областями действует соглашение")."""
    rest = ctx.text[end : sent.end]
    out: list[tuple[int, int]] = []
    for m in _BETWEEN_AFTER.finditer(rest):
        if _match_kind_in(rest[: m.start()]) or (
            out and not re.fullmatch(r"[\s,]*(?:а\s+также|и)?\s*", rest[out[-1][1] - end : m.start()])
        ):
            break  # the clause belongs to a later document of the sentence, or to something else
        out.append(_until_verb(sent, end + m.start(1), end + m.end(1)))
    if out:
        return out
    before = re.search(
        r"\bмежду\s+(.{3,200}?)\s+(?:был\w*\s+|будет\s+)?(?:подписан\w*|заключ\w+|действу\w+|существу\w+)\s*$",
        ctx.text[sent.start : start],
    )
    # "действующие между Карагандинской и Минской областями соглашения": a participle, the parties, the kind
    before = before or re.search(
        r"\b(?:действующ|подписанн|заключ[её]нн|существующ)\w*\s+между\s+(.{3,200}?)\s*$", ctx.text[sent.start : start]
    )
    return [(sent.start + before.start(1), sent.start + before.end(1))] if before else []


def _until_verb(sent: Sentence, start: int, end: int) -> tuple[int, int]:
    """ "между Актюбинской и Оренбургской областями подписали в Оренбурге аким ...": the clause ends at the
    verb, so the place of the signing is not a party."""
    verb = next((t for t in sent.tokens if start < t.start < end and _predicate(t)), None)
    return (start, verb.start) if verb else (start, end)


def _predicate(t) -> bool:
    """A finite verb or a short participle ("подписали", "подписано"), not "перерабатывающей"."""
    form = t.feats.get("VerbForm")
    return t.pos in ("VERB", "AUX") and (form == "Fin" or form == "Part" and t.feats.get("Variant") == "Short")


def _firm_with_firm(ctx: Context, k: int, end: int) -> list[tuple[int, int]]:
    """ "контракт ТОО «Сарыарка Кабель» с ООО «УралЭнергоМонтаж»": a firm right after the document and the one
    it is "с" are its parties."""
    firms = sorted((r for r in ctx.refs_in(k, "Organization") if r.start >= end), key=lambda r: r.start)
    if len(firms) < 2 or not re.fullmatch(r"\s*", ctx.text[end : firms[0].start]):
        return []
    if not re.fullmatch(r"\s+со?\s+(?:[а-яё]+\s+){0,2}", ctx.text[firms[0].end : firms[1].start]):
        return []
    return [(firms[0].start, firms[1].end)]


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    from coopgraph.ingest.org_names import org_lexicon

    return frozenset(org_lexicon().legal_forms)


def _genitive_parties(ctx: Context, k: int, end: int) -> list[tuple[int, int]]:
    """Places named in the genitive right after the document's description: "Меморандум о сотрудничестве
    Оренбурга и Уральска", "соглашение Омской и Павлодарской областей"."""
    places = sorted((r for r in ctx.refs_in(k, "Region", "City", "Country") if r.start >= end), key=lambda r: r.start)
    if not places or not re.fullmatch(r"\s*", ctx.text[end : places[0].start]):
        return []
    last = places[0]
    for r in places[1:]:
        if not re.fullmatch(r"\s*(?:,|и)\s*", ctx.text[last.end : r.start]):
            break
        last = r
    if last is places[0] and not re.search(r"\s(?:и|,)\s", ctx.text[places[0].start : last.end]):
        # one place alone is a party only as a genitive ("соглашение Казахстана"), not "в Казахстане"
        tok = next((t for t in ctx.sentences[k].tokens if t.start == places[0].start), None)
        if tok is None or tok.feats.get("Case") != "Gen":
            return []
    return [(places[0].start, last.end)]


_KIND_WORDS = re.compile(r"\b(соглашени|меморандум|договор|контракт|протокол|дорожн\w+ карт|план\w* мероприят)", re.I)


def _match_kind_in(text: str) -> bool:
    return bool(_KIND_WORDS.search(text))


def _same_sentence_kind(ctx: Context, k: int, kind: str, name: str, start: int) -> str | None:
    """ "три контракта на поставку техники, а затем еще два контракта на поставку запчастей": one
    Document per kind and parties (spec), named in the singular; documents between other parties stay apart."""
    for d in ctx.documents:
        ent = ctx.table.entities[d.key]
        if d.sent == k and ent.kind == kind and not ent.period and not (" между " in name and " между " in ent.name):
            if gapped_firm(ctx, k, start) is not None:
                continue  # "..., а ТОО «B» – контракт на поставку труб": another firm's clause, another document
            if (
                d.end <= start
                and ctx.refs_in(k, "Organization")
                and any(d.end <= r.start < start for r in ctx.refs_in(k, "Organization"))
            ):
                continue  # "..., а ОАО «B» заключило контракт с ТОО «C» на поставку молока": another firm's
            return ent.key
    return None


# ", а ТОО «Павлодарский трубный завод» – контракт ...": the dash stands for the verb of the clause before
_GAPPED = re.compile(r",\s*(?:а|и)\s+(?:также\s+)?([^,;:–—]{2,120}?)\s*[–—]\s*$")


def gapped_firm(ctx: Context, k: int, start: int) -> tuple[int, int] | None:
    """Where the firm of a gapped clause is named, when the document at `start` of sentence k opens one: "ТОО
    «A» подписало контракт на поставку изделий, а ТОО «B» – контракт на поставку труб для АО «C»" is B's
    contract (with C), not A's."""
    sent = ctx.sentences[k]
    found = _GAPPED.search(ctx.text[sent.start : start])
    if found is None:
        return None
    lo, hi = sent.start + found.start(1), sent.start + found.end(1)
    return (lo, hi) if any(lo <= r.start < hi for r in ctx.refs_in(k, "Organization")) else None


def _named(ctx: Context, k: int, spans: list[tuple[int, int]]) -> frozenset[str]:
    """The parties named in "между" spans of sentence k (a region inside a chamber's name is none)."""
    refs = ctx.refs_in(k, "Organization", "Region", "City", "Country")
    outer = [r for r in refs if not any(o.start <= r.start and r.end <= o.end and o is not r for o in refs)]
    return frozenset(r.key for r in outer if any(a <= r.start < b for a, b in spans))


def _same_document(
    ctx: Context, kind: str, period, name: str, parties: frozenset[str] = frozenset(), not_from: int | None = None
) -> str | None:
    """The document an earlier mention named, if this one is it; never one counted or named in sentence
    `not_from` (the one a "одним из них" picks from)."""
    for d in ctx.documents:
        ent = ctx.table.entities[d.key]
        if ent.kind != kind or not_from is not None and (d.sent == not_from or d.counted):
            continue
        if period and ent.period == period:
            return ent.key
        if (parties or _content(name) > _content(ent.name)) and next(
            m for m in ctx.documents if m.key == ent.key
        ).counted:
            continue  # "заключили 11 контрактов. ... контракт на поставку цемента": one of them, named apart
        theirs = _parties_of(ctx, ent.key) if parties else frozenset()
        if parties and not parties & theirs and (theirs or _content(name) < _content(ent.name)):
            # "соглашение о сотрудничестве между Палатой предпринимателей ... и Союзом ...": a document between
            # other parties, or a shorter name with parties of its own, is not the one named before
            continue
        if _other_qualifier(name, ent.name, kind):
            continue  # "инвестиционное соглашение" after "соглашение о сотрудничестве": another document
        # a headline's "соглашение о сотрудничестве" and the body's "соглашение о сотрудничестве в
        # сфере образования": one of the two names adds nothing to the other
        plain, theirs_plain = _without_qualifier(name), _without_qualifier(ent.name)
        if (period is None or ent.period is None) and (
            _generic_subset(ent.name, name)
            or _same_subject(ent.name, name)
            or _generic_subset(theirs_plain, plain)  # "Экспортный контракт" and "Контракт на поставку пшеницы"
        ):
            return ent.key
    return None


def _deal(name: str) -> str | None:
    first = lemma(name.split()[0].lower())
    return first if first in DEAL_QUALIFIERS else None


def _without_qualifier(name: str) -> str:
    words = name.split()
    return " ".join(words[1:]) if len(words) > 1 and lemma(words[0].lower()) in QUALIFIERS else name


def _other_qualifier(a: str, b: str, kind: str) -> bool:
    """Two names of different deals ("Инвестиционное соглашение", "Соглашение о сотрудничестве"), unless one is the
    bare kind ("Соглашение"), which may stand for any document of it, or both say the same ("Инвестиционное
    соглашение" of a headline, "Соглашение об инвестициях в строительство фабрики" of the body). Adjectives of
    who the parties are ("межрегиональное", "трехстороннее") make no other deal."""
    qa, qb = (_deal(n) for n in (a, b))
    if qa == qb or any(
        q is None and len(_without_qualifier(n).split()) <= len(kind.split()) for n, q in ((a, qa), (b, qb))
    ):
        return False
    if {qa, qb} & {"экспортный", "импортный"} and _SUPPLY.search(f"{a} {b}"):
        return False  # "Экспортный контракт" of a headline is the body's "контракт на поставку пшеницы"
    return not _same_subject(a, b)


_SUPPLY = re.compile(r"(?<![\w-])(?:поставк|экспорт|импорт|закупк|продаж|отгрузк)\w*", re.I)


def _parties_of(ctx: Context, key: str) -> frozenset[str]:
    """The parties the "между" spans of a document's mentions so far name."""
    return frozenset().union(*(_named(ctx, d.sent, d.between) for d in ctx.documents if d.key == key))


# Words that say nothing of what a document is about, beyond the generic ones above.
_FRAME_WORDS = {
    "сфера",
    "область",
    "вопрос",
    "развитие",
    "реализация",
    "дальнейший",
    "установление",
    "отношение",
    "осуществление",
    "намерение",
    "между",
    "с",
    "об",
    # a contract's kind of deal: "на поставку изделий" and "на поставку труб" are two contracts
    "поставка",
    "закупка",
}


def _same_subject(a: str, b: str) -> bool:
    """ "соглашение об установлении побратимских отношений" and "соглашение о побратимстве": the words that say
    what each is about share a stem; documents between different parties ("между ...") never do."""
    if " между " in a and " между " in b:
        return False
    stems_a = {w[:6] for w in _lemma_set(a) - _GENERIC_WORDS - _FRAME_WORDS} - _KIND_STEMS
    stems_b = {w[:6] for w in _lemma_set(b) - _GENERIC_WORDS - _FRAME_WORDS} - _KIND_STEMS
    return bool(stems_a & stems_b)


_KIND_STEMS = {
    w[:6]
    for w in ("соглашение", "меморандум", "договор", "контракт", "протокол", "дорожный", "карта", "план", "мероприятие")
}


def _lemma_set(name: str) -> set[str]:
    return {lemma(x) for x in re.findall(r"[\w\-]+", name)}


_GENERIC_WORDS = {
    "сотрудничество",
    "взаимодействие",
    "о",
    "по",
    "в",
    "и",
    "на",
    "новый",
    "обновлённый",
    "обновленный",
    "региональный",
    "двусторонний",
    # "План совместных действий" in a headline is the body's "План мероприятий по реализации ..."
    "совместный",
    "действие",
}


def _generic_subset(a: str, b: str) -> bool:
    """One name says nothing the other does not: "Дорожная карта сотрудничества" ⊂ any roadmap."""
    la, lb = _content(a), _content(b)
    return la <= lb or lb <= la


def _content(name: str) -> set[str]:
    return {lemma(w) for w in re.findall(r"[\w\-]+", name)} - _GENERIC_WORDS


def _stem(name: str) -> str:
    return re.sub(r"\s*\d{4}.*$", "", normalise_key(name))


def _signing(sent: Sentence) -> bool:
    """A sentence that tells a signing: a predicate of the sign frame (frames_signing.toml: "подписали",
    "оформили", "заключение"), a signature, or a signed document."""
    words = _signing_lemmas()
    return any(t.lemma in words for t in sent.tokens)


@lru_cache(maxsize=1)
def _signing_lemmas() -> frozenset[str]:
    from coopgraph.ingest.frames import lexicon

    frame = {lemma for lemma, entries in lexicon().predicates.items() if any(e.frame == "sign" for e in entries)}
    # "поставили подписи" and "вступил в силу" tell a signing only with their object: "поставить" alone does not
    return frozenset(frame - {"поставить", "ставить", "вступить", "вступать"} | {"подписанный", "подпись"})


def drop_unrelated_kinds(ctx: Context) -> None:
    """ "подписано 9 межрегиональных и коммерческих соглашений" beside "Межрегиональное соглашение Павлодарской и
    Омской областей": a document named by its kind alone that no party, signer or event relates to, when the
    article names a document of that kind in full, is no document of its own (a count, or those named)."""
    related = {key for rel in ctx.relations.values() for key in (rel.source_key, rel.target_key)}
    docs = [e for e in ctx.table.entities.values() if e.type == "Document"]
    for ent in docs:
        bare = ent.name.lower() == (ent.kind or "").lower()
        named = any(o is not ent and o.kind == ent.kind and o.name.lower() != (o.kind or "").lower() for o in docs)
        if bare and named and ent.key not in related:
            ctx.table.entities.pop(ent.key)
            ctx.refs[:] = [r for r in ctx.refs if r.key != ent.key]


__all__ = [
    "extract_documents",
    "drop_unrelated_kinds",
    "states_result",
    "DocMention",
    "match_case",
    "one_of_those_signed",
]
