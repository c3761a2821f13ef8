"""EXPORTS_TO from trade frames: export, supply, shipment, import and purchase predicates over the parse.

Each predicate (lexicons/frames_trade.toml) is read for its goods (ingest/commodities.py) and its two sides
(ingest/trade_sides.py). Beyond the engine's arguments it takes: the other nominal of a copula ("основными
получателями груза стали Казахстан и Китай", "основу экспорта составили пшеница и ячмень"), the noun a
participle or relative clause describes ("экспортируемых товаров", "галлия, который поставляется"), the
subject of a verb that carries a trade noun ("регион увеличил поставки", "подписала договор на поставку"),
and the subject of a rank ("Казахстан занимает первое место по экспорту региона").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coopgraph.ingest.commodities import Good, GoodsRead, list_marker, read_goods
from coopgraph.ingest.context import Context
from coopgraph.ingest.discourse import words
from coopgraph.ingest.frames import (
    Argument,
    FrameMatch,
    Tree,
    find_frames,
    lexicon,
    place_before_the_verb,
    refs_in_tokens,
    shape_of,
    tree_of,
    under_contract,
)
from coopgraph.ingest.goods import is_not_good
from coopgraph.ingest.morph import parses
from coopgraph.ingest.nlp import Token
from coopgraph.ingest.trade_sides import trader_refs
from coopgraph.ingest.trade_words import trade_words

TRADE_FRAMES = ("export", "supply", "shipment", "import", "purchase", "demand")
NOMINALS = ("nsubj", "nsubj:pass", "obj", "obl", "xcomp", "iobj")
SIDE_ROLES = ("exporter", "importer", "origin", "destination", "carrier")


@dataclass
class Statement:
    """A trade predicate with every argument it takes, and where its goods phrases start."""

    match: FrameMatch
    args: list[Argument]
    goods_at: list[Token] = field(default_factory=list)  # first tokens of the goods phrases
    rule: str = ""
    checked: list[Token] = field(default_factory=list)  # the words whose plan or negation undoes the flow


class Trees:
    """One dependency tree per sentence, built on first use (the article's own, which the frames built)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.cache: dict[int, Tree] = {}

    def __getitem__(self, k: int) -> Tree:
        if k not in self.cache:
            self.cache[k] = tree_of(self.ctx, k)
        return self.cache[k]


def statements(ctx: Context, trees: Trees) -> list[Statement]:
    """Every trade predicate of the article with its arguments, in text order."""
    out = []
    for m in find_frames(ctx, TRADE_FRAMES):
        tree = trees[m.sent]
        st = Statement(m, list(m.args), rule=f"frame:{m.frame}", checked=[m.pred])
        if m.frame == "demand" and m.predicate.noun and not _demand(ctx, tree, st):
            continue
        if m.frame == "demand" and not m.predicate.noun and not m.role("goods"):
            continue  # "востребована у аграриев и техника ...": the parse lost what is in demand
        _extend(ctx, tree, st)
        if _agent_noun_alone(st):
            continue
        out.append(st)
    verbs = {(st.match.sent, st.match.pred.i) for st in out if not st.match.predicate.noun}
    out = [st for st in out if not _purpose_of_verb(trees[st.match.sent], st, verbs)]
    slots = trade_words().slots
    for k, sent in enumerate(ctx.sentences):
        # each reading below needs a word of its own; a sentence without any is left unparsed
        lemmas = {t.lemma for t in sent.tokens}
        if sent.tokens and sent.tokens[0].lemma in lexicon().predicates:
            out += _capitalised_nouns(ctx, trees[k], k)
        if lemmas & slots:
            out += _adjective_slots(ctx, trees[k], k)
            out += _main_goods(ctx, trees[k], k)
        if "это" in lemmas:
            out += _goods_named_after(trees[k], k)
    return sorted(out, key=lambda s: (s.match.sent, s.match.pred.i))


def _agent_noun_alone(st: Statement) -> bool:
    """ "консультационная поддержка экспортеров": a noun for whoever exports ("экспортер") states a flow only as a
    copula's complement that names the exporter ("крупнейшим экспортером зерна стала Курганская область")."""
    roles = st.match.predicate.roles
    return (
        st.match.predicate.noun
        and roles.get("exporter") == ("copula",)
        and not any(a.role == "exporter" for a in st.args)
    )


def _purpose_of_verb(tree: Tree, st: Statement, verbs: set[tuple[int, int]]) -> bool:
    """ "в Россию на экспорт ушло ...", "отгрузили на экспорт": the noun is the purpose of a trade verb, whose
    own statement names the flow; on its own it would take the sides the sentence does not give it."""
    m = st.match
    if not m.predicate.noun or tree.preposition(m.pred) != "на":
        return False
    verb = tree.parent(m.pred)
    return verb is not None and (m.sent, verb.i) in verbs


def _extend(ctx: Context, tree: Tree, st: Statement) -> None:
    m = st.match
    st.args = [
        _by_relation(tree, m, a)
        for a in st.args
        if not _across_clauses(tree, m.pred, a.head) or _shared_subject(tree, m.pred, a)
    ]
    if not m.predicate.noun:
        st.args += _unshaped(ctx, tree, st)
    if m.predicate.noun:
        _copula_filler(ctx, tree, st)
        _carrier_subject(ctx, tree, st)
        _purpose_object(ctx, tree, st)
    else:
        _described_noun(ctx, tree, st)
    _rank_subject(ctx, tree, st)
    if m.predicate.noun or m.pred.feats.get("VerbForm") == "Part":
        _higher_sides(ctx, tree, st)
    if m.predicate.noun and not any(a.role in SIDE_ROLES for a in st.args):
        _between_parties(ctx, tree, st)
    goods = [a for a in st.args if a.role == "goods" and a.tokens and not _is_place(ctx, tree, m.sent, a)]
    st.goods_at = [_phrase_start(a) for a in goods]
    if not st.goods_at:
        nxt = _unattached_goods(tree, st) or _goods_as_side(ctx, tree, st)
        st.goods_at = [nxt] if nxt is not None else []


_NOM_ACC = {"nsubj": "nom", "obj": "acc", "nsubj:pass": "acc"}


def _is_place(ctx: Context, tree: Tree, k: int, arg: Argument) -> bool:
    """A genitive that names a side, not goods: "экспорт региона", "импорт Казахстана"."""
    w = trade_words()
    if arg.head.lemma in w.home_nouns | w.country_nouns:
        return True
    return any(head.i == arg.head.i for _, head in trader_refs(ctx, tree, k, arg.tokens))


def ancestors(tree: Tree, tok: Token) -> list[Token]:
    """The heads above a token, nearest first; a parse with a cycle ("A → B → A") is cut where it repeats."""
    out: list[Token] = []
    seen = {tok.i}
    node = tree.parent(tok)
    while node is not None and node.i not in seen:
        seen.add(node.i)
        out.append(node)
        node = tree.parent(node)
    return out


def _phrase_start(arg: Argument) -> Token:
    """Where a goods phrase begins, past its preposition ("приходится на зерно"), and past words the parser
    hung on the goods from before the predicate ("из Китая ... ввозятся оборудование": the origin)."""
    toks = [t for t in arg.tokens if t.pos not in ("ADP", "PUNCT")] or arg.tokens
    run = [t for t in toks if t.i >= arg.head.i or all(u.i + 1 == v.i for u, v in zip(toks, toks[1:]))]
    if run and run[0].i < arg.head.i:
        return run[0]
    # a gap before the head: keep the adjacent words before it ("крупногабаритные шины")
    start = arg.head
    for t in reversed([t for t in toks if t.i < arg.head.i]):
        if t.i + 1 != start.i:
            break
        start = t
    return start


def _across_clauses(tree: Tree, pred: Token, head: Token) -> bool:
    """Whether a coordinated clause (", и", ", а", ", но", ";") stands between the predicate and an argument
    the parser gave it: in a long sentence the subject of the next clause is often hung on the first verb."""
    lo, hi = sorted((pred.i, head.i))
    toks = tree.sent.tokens
    for i in range(lo + 1, hi):
        t = toks[i]
        if t.text == ";":
            return True
        if t.pos == "CCONJ" and t.lemma in ("и", "а", "но") and toks[i - 1].text == ",":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if not (nxt is not None and nxt.lemma == "также"):  # ", а также" continues a list
                return True
    return False


def _shared_subject(tree: Tree, pred: Token, arg: Argument) -> bool:
    """ "Жамбылский регион поставляет в республику фосфор, а получает оттуда шины": the second verb, coordinated
    with the first and without a subject of its own, shares the first one's (the subject stands before both)."""
    parent = tree.parent(pred)
    return (
        arg.shape == "nom"
        and arg.head.i < pred.i
        and pred.rel == "conj"
        and parent is not None
        and parent.pos == "VERB"
        and arg.head.i < parent.i
        and not any(c.rel.startswith("nsubj") for c in tree.children(pred))
    )


def _by_relation(tree: Tree, m: FrameMatch, arg: Argument) -> Argument:
    """Nominative and accusative look alike in most inanimate nouns ("область", "овощи"), and the tagger gives
    abbreviations any case ("ТОО «Казфосфат» отгрузило"); where the tagger's case and the parser's relation
    disagree, the relation says which the argument is."""
    if m.predicate.noun or "+" in arg.shape or arg.head.rel not in _NOM_ACC:
        return arg
    if arg.head.rel == "obj" and arg.shape not in ("nom", "acc"):
        return arg  # "отгрузило 40 вагонов": a quantity in the genitive stays one
    if arg.head.rel == "obj" and arg.shape == "nom" and place_before_the_verb(m, arg):
        return arg  # "Китай получил из края ...": the subject frames.py read it as
    shape = _NOM_ACC[arg.head.rel]
    if arg.head.rel == "nsubj" and m.pred.feats.get("Voice") == "Pass":
        shape = "acc"
    role = m.predicate.role_of(shape)
    if shape == arg.shape or role is None:
        return arg
    return Argument(role, shape, arg.head, arg.tokens, arg.refs)


def _unshaped(ctx: Context, tree: Tree, st: Statement) -> list[Argument]:
    """Subjects and objects with no case of their own ("около 30% семян завозится"): their relation says
    which they are."""
    m = st.match
    have = {a.head.i for a in st.args}
    out = []
    for dep in tree.children(m.pred):
        counted = _counted_places(ctx, tree, m, dep) or _indeclinable_place(ctx, tree, m, dep)
        if counted is not None and dep.i not in have:
            out.append(counted)
            continue
        if dep.i in have or dep.rel not in _NOM_ACC or "Case" in dep.feats or _across_clauses(tree, m.pred, dep):
            continue
        shape = "acc" if dep.rel != "nsubj" or m.pred.feats.get("Voice") == "Pass" else "nom"
        role = m.predicate.role_of(shape)
        if role is not None:
            out.append(_arg(ctx, tree, m.sent, role, shape, dep))
    return out


def _counted_places(ctx: Context, tree: Tree, m: FrameMatch, dep: Token) -> Argument | None:
    """ "в 15 стран, в том числе в Россию и Узбекистан": a counted place stands in the genitive after its
    numeral; the places listed after "в том числе" belong to it."""
    prep = tree.preposition(dep)
    if prep not in ("в", "во", "на") or dep.feats.get("Case") != "Gen":
        return None
    if not any(c.rel.startswith("nummod") for c in tree.children(dep)):
        return None
    shape = f"{prep}+acc"
    role = m.predicate.role_of(shape)
    if role is None:
        return None
    arg = _arg(ctx, tree, m.sent, role, shape, dep)
    for c in tree.children(dep):
        if c.rel == "parataxis" and any(t.lemma in ("число", "включая", "например") for t in tree.phrase(c)):
            arg.tokens += tree.phrase(c)  # "в том числе в Россию, Узбекистан и Таджикистан"
    arg.refs = refs_in_tokens(ctx, m.sent, arg.tokens)
    return arg


def _indeclinable_place(ctx: Context, tree: Tree, m: FrameMatch, dep: Token) -> Argument | None:
    """ "Прибыл в Алматы", "поставляет в Атырау": an indeclinable name's case is the tagger's guess, so "в"
    with it reads as "into" where the predicate takes no "in"."""
    prep = tree.preposition(dep)
    if prep not in ("в", "во", "на") or dep.feats.get("Case") != "Loc":
        return None
    if m.predicate.role_of(f"{prep}+loc") or not any("Fixd" in p.tag.grammemes for p in parses(dep.text.lower())):
        return None
    role = m.predicate.role_of(f"{prep}+acc")
    return _arg(ctx, tree, m.sent, role, f"{prep}+acc", dep) if role else None


def _unattached_goods(tree: Tree, st: Statement) -> Token | None:
    """Where goods the parser attached elsewhere begin: the first word after the predicate outside its side
    arguments, if it can start a goods phrase ("экспорт в Китай хромовых и медно-цинковых концентратов")."""
    m = st.match
    # a place noun's dependents after it may be goods the parser hung on it ("на российский рынок хромовых
    # концентратов"); the words up to the place are the side
    taken = {t.i for a in st.args for t in a.tokens if a.role == "goods" or t.i <= a.head.i}
    for t in tree.sent.tokens[m.pred.i + 1 :]:
        if t.i in taken or t.pos == "PUNCT" or t.lemma in trade_words().measures and t.pos in ("ADV", "ADP"):
            continue  # "экспортировано более 145 тыс. т", "около 40 видов"
        case = t.feats.get("Case")
        wanted = ("Gen",) if m.predicate.noun else ("Acc", "Gen")
        if t.pos == "NUM" or (t.pos in ("NOUN", "ADJ") and (case in wanted or _can_be_genitive(t))):
            return t
        return None
    return None


def _goods_as_side(ctx: Context, tree: Tree, st: Statement) -> Token | None:
    """A good the parser took for a side: "поставляет в Кыргызстан нефтепродукты" parsed with "нефтепродукты"
    under "в" and the place as the object."""
    for a in st.args:
        if a.role in SIDE_ROLES and a.head.pos == "NOUN" and not _is_place(ctx, tree, st.match.sent, a):
            if read_goods(ctx, st.match.sent, [a.head]).goods:
                return a.head
    return None


def _can_be_genitive(t: Token) -> bool:
    """The tagger's case is one guess; a genitive plural adjective is often tagged accusative ("хромовых")."""
    return any(p.tag.case == "gent" for p in parses(t.text.lower()))


def _arg(ctx: Context, tree: Tree, k: int, role: str, shape: str, head: Token, skip: Token | None = None) -> Argument:
    """An argument phrase built here rather than by the engine; `skip` leaves a subtree out."""
    tokens = tree.phrase(head)
    if skip is not None:
        left_out = {t.i for t in tree.phrase(skip)}
        tokens = [t for t in tokens if t.i not in left_out]
    return Argument(role, shape, head, tokens, refs_in_tokens(ctx, k, tokens))


def _copula_filler(ctx: Context, tree: Tree, st: Statement) -> None:
    """ "Основными получателями груза стали Казахстан и Китай": the filler takes the role the noun gives the
    copula; through a slot noun ("основу экспорта составили пшеница", "статьи экспорта: ...") it is the goods."""
    m = st.match
    w = trade_words()
    noun, role = m.pred, m.predicate.role_of("copula")
    parent = tree.parent(noun)
    if role is None and parent is not None and parent.lemma in w.slots and noun.rel == "nmod":
        noun, role = parent, "goods"
        st.checked.append(parent)
    elif role is None and parent is not None and parent.lemma in w.fill_verbs and tree.preposition(noun) in ("в", "во"):
        role = "goods"  # "в импорте преобладают машины": the subject is what the trade carries
    elif role is None and parent is not None and parent.lemma in w.form_verbs and noun.rel in ("obj", "nsubj"):
        role = "goods"  # "импорт из России формировали нефтепродукты": the other nominal makes it up (both
        # read the same in the nominative and the accusative, so the parser may take either for the subject)
    if role is None:
        return
    filler = _filler(tree, noun)
    if filler is not None:
        st.args.append(_arg(ctx, tree, m.sent, role, "copula", filler))
        verb = tree.parent(noun)
        if noun is not m.pred and verb is not None:
            st.args += _side_args(ctx, tree, m, verb, skip={noun.i, filler.i})
            st.checked.append(verb)
    elif role == "goods":
        after = _after_colon(tree, noun)
        if after is not None:
            st.args.append(Argument("goods", "copula", after, [after]))


def _side_args(ctx: Context, tree: Tree, m: FrameMatch, holder: Token, skip: set[int]) -> list[Argument]:
    """Side arguments the parser hung on a word above the predicate ("в структуре экспорта в Казахстан
    преобладают": "в Казахстан" on the verb)."""
    out = []
    for dep in tree.children(holder):
        shape = shape_of(tree, dep)
        role = m.predicate.role_of(shape)
        if role and role != "goods" and dep.i not in skip and dep.i != m.pred.i:
            out.append(_arg(ctx, tree, m.sent, role, shape, dep))
    return out


def _filler(tree: Tree, noun: Token) -> Token | None:
    """The other nominal of the copula `noun` stands in: its verb's subject or complement, the "на" phrase of a
    share ("основной объем экспорта приходится на зерно"), or the subject of a verbless clause ("Китай —
    крупнейший покупатель")."""
    verb = tree.parent(noun)
    if verb is not None and verb.lemma in trade_words().share_verbs:
        return next((c for c in tree.children(verb) if tree.preposition(c) == "на" and c.i != noun.i), None)
    if verb is not None and verb.lemma in trade_words().copulas and noun.rel in NOMINALS:
        for c in tree.children(verb):
            if c.i != noun.i and c.rel in ("nsubj", "nsubj:pass", "obj", "xcomp") and c.pos in ("NOUN", "PROPN"):
                return c
        return None
    subjects = [c for c in tree.children(noun) if c.rel == "nsubj" and c.pos in ("NOUN", "PROPN")]
    for cop in tree.children(noun):  # the parser now and then hangs the copula on the noun
        if cop.lemma in trade_words().copulas and cop.pos in ("VERB", "AUX"):
            subjects += [
                c for c in tree.children(cop) if c.rel in ("nsubj", "nsubj:pass") and c.pos in ("NOUN", "PROPN")
            ]
    return subjects[0] if subjects else None


def _after_colon(tree: Tree, noun: Token) -> Token | None:
    """ "Основные статьи экспорта: уголь, ...", "основные товары – вагоны": the first word after a colon or a
    dash that ends the noun's phrase."""
    inside = {t.i for t in tree.phrase(noun) if t.pos != "PUNCT"}
    toks = tree.sent.tokens
    j = noun.i + 1
    while j < len(toks) and (j in inside or toks[j].text == ","):
        j += 1  # "товаров, экспортируемых в Россию, – пшеница"
    if j + 1 < len(toks) and toks[j].text in (":", "–", "—"):
        return toks[j + 1]
    return None


def _carrier_subject(ctx: Context, tree: Tree, st: Statement) -> None:
    """ "Регион увеличил поставки в Китай", "компания подписала договор на поставку в Казахстан": the subject
    of the verb carrying the noun does what the noun says, unless the contract is between two parties."""
    m = st.match
    w = trade_words()
    if any(a.shape == "agent" for a in st.args):
        return
    first = m.pred
    for up in ancestors(tree, m.pred):  # "договор на производство и поставку": the first conjunct's head
        if first.rel != "conj" or up.pos != "NOUN":
            break
        first = up
    holder = tree.parent(first)
    via_contract = holder is not None and holder.lemma in w.contract_nouns
    verb = tree.parent(holder) if via_contract and holder is not None else holder
    if verb is None or verb.lemma not in w.agent_verbs:
        return
    if first.rel not in ("obj", "nmod", "obl") and not via_contract:
        return
    subjects = [c for c in tree.children(verb) if c.rel == "nsubj"]
    if not subjects:
        return
    subject = subjects[0]
    if via_contract and any(c.rel == "conj" for c in tree.children(subject)):
        return  # "ОАО «A» и ТОО «B» заключили контракт на поставку": which one supplies is not said
    role = m.predicate.role_of("agent") or trade_words().owner.get(m.frame, "exporter")
    st.args.append(_arg(ctx, tree, m.sent, role, "agent", subject))
    st.checked.append(verb)


def _purpose_object(ctx: Context, tree: Tree, st: Statement) -> None:
    """ "Для экспорта в Армению оформили йогурты": the object of the verb the purpose hangs on is the goods."""
    m = st.match
    if any(a.role == "goods" for a in st.args) or tree.preposition(m.pred) not in ("для", "на", "под"):
        return
    verb = tree.parent(m.pred)
    if verb is None or verb.pos != "VERB":
        return
    for c in tree.children(verb):
        if c.rel in ("obj", "nsubj:pass") and c.i != m.pred.i:
            st.args.append(_arg(ctx, tree, m.sent, "goods", "acc", c))
            st.checked.append(verb)
            return


def _described_noun(ctx: Context, tree: Tree, st: Statement) -> None:
    """A participle's noun ("экспортируемых товаров") and a relative clause's antecedent ("галлия, который
    поставляется в Китай") are the goods."""
    m = st.match
    parent = tree.parent(m.pred)
    if parent is None or parent.pos not in ("NOUN", "PROPN"):
        return
    participle = m.pred.feats.get("VerbForm") == "Part" and m.pred.rel in ("amod", "acl")
    relative = m.pred.rel == "acl:relcl" and any(a.role == "goods" and a.head.lemma == "который" for a in st.args)
    if participle or relative:
        st.args = [a for a in st.args if not (a.role == "goods" and a.head.lemma == "который")]
        st.args.append(_arg(ctx, tree, m.sent, "goods", "acc", parent, skip=m.pred))
        listed = _after_colon(tree, parent) if parent.lemma in trade_words().slots else None
        if listed is not None:  # "среди товаров, экспортируемых в Россию, – пшеница, ячмень"
            st.args.append(Argument("goods", "copula", listed, [listed]))


def _higher_sides(ctx: Context, tree: Tree, st: Statement) -> None:
    """Side phrases the parser hung on a noun above a noun or participle predicate: "место по объему
    экспортируемых товаров из Курганской области" ("из" on "место")."""
    m = st.match
    have = {a.head.i for a in st.args}
    for node in ancestors(tree, m.pred):
        if node.pos != "NOUN" or node.lemma in trade_words().contract_nouns:
            break
        st.args += [a for a in _side_args(ctx, tree, m, node, skip=have | {m.pred.i}) if a.head.i not in have]


def _between_parties(ctx: Context, tree: Tree, st: Statement) -> None:
    """ "Подписание контрактов между предприятиями Минской и Карагандинской областей в сфере поставки сыра":
    a supply contract between two parties, named supplier first. Only for a trade noun that names no side."""
    m = st.match
    w = trade_words()
    for noun in tree.sent.tokens:
        if noun.lemma not in w.contract_nouns:
            continue
        for dep in tree.children(noun):
            if tree.preposition(dep) != "между":
                continue
            found = sorted(trader_refs(ctx, tree, m.sent, tree.phrase(dep)), key=lambda f: f[0].start)
            keys = list(dict.fromkeys(r.key for r, _ in found))
            if len(keys) == 2:
                first, second = (
                    _arg(ctx, tree, m.sent, role, "between", tok)
                    for role, tok in (("exporter", found[0][1]), ("importer", found[-1][1]))
                )
                first.tokens, second.tokens = _ref_tokens(tree, found[0][0]), _ref_tokens(tree, found[-1][0])
                st.args += [first, second]
                st.rule = f"frame:{m.frame}.between"
                return


def _ref_tokens(tree: Tree, ref) -> list[Token]:
    return [t for t in tree.sent.tokens if ref.start <= t.start < ref.end]


def _rank_subject(ctx: Context, tree: Tree, st: Statement) -> None:
    """ "Казахстан занимает первое место по экспорту региона": the subject ranks on the other side."""
    m = st.match
    node = next(
        (n for n in ancestors(tree, m.pred) if n.pos not in ("NOUN", "ADJ") or n.lemma in trade_words().rank_nouns),
        None,
    )
    verb = tree.parent(node) if node is not None and node.lemma in trade_words().rank_nouns else None
    if verb is None:
        return
    owner = trade_words().owner.get(m.frame, "exporter")
    other = "importer" if owner == "exporter" else "exporter"
    for c in tree.children(verb):
        if c.rel == "nsubj":
            st.args.append(_arg(ctx, tree, m.sent, other, "rank", c))
            st.checked.append(verb)


def _demand(ctx: Context, tree: Tree, st: Statement) -> bool:
    """ "Спецодежда астраханских производителей пользуется спросом в Атырау": the verb's subject is the goods,
    its place phrases the buyer. False for a demand noun under no such verb."""
    m = st.match
    verb = tree.parent(m.pred)
    if verb is None or verb.lemma not in trade_words().demand_verbs:
        return False
    subjects = [c for c in tree.children(verb) if c.rel in ("nsubj", "nsubj:pass")]
    for c in subjects:
        st.args.append(_arg(ctx, tree, m.sent, "goods", "nom", c))
    if not subjects:  # the parser lost the subject: the first nominative after the verb
        first = next((t for t in tree.sent.tokens[verb.i + 1 :] if t.feats.get("Case") == "Nom"), None)
        if first is not None:
            rest = [t for t in tree.sent.tokens[first.i :] if t.i != m.pred.i]
            st.args.append(Argument("goods", "nom", first, rest))
    st.args += _side_args(ctx, tree, m, verb, skip={m.pred.i})
    st.checked.append(verb)
    return True


def _capitalised_nouns(ctx: Context, tree: Tree, k: int) -> list[Statement]:
    """ "Экспорт Жамбылской области в Кыргызстан вырос": a noun predicate opening a sentence, which the tagger
    takes for a proper name and the engine therefore skips."""
    out = []
    for tok in tree.sent.tokens[:1]:
        for entry in lexicon().predicates.get(tok.lemma, ()):
            if entry.noun and tok.pos == "PROPN" and entry.frame in TRADE_FRAMES:
                m = FrameMatch(entry.frame, k, tok, entry)
                st = Statement(m, [], rule=f"frame:{m.frame}", checked=[tok])
                for dep in tree.children(tok):
                    role = entry.role_of(shape_of(tree, dep))
                    if role is not None and dep.pos != "PUNCT":
                        st.args.append(_arg(ctx, tree, k, role, shape_of(tree, dep), dep))
                _extend(ctx, tree, st)
                out.append(st)
    return out


def _adjective_slots(ctx: Context, tree: Tree, k: int) -> list[Statement]:
    """ "Основными экспортными культурами в Казахстан названы ...": a trade adjective on a slot noun stands for
    its noun predicate; the copula's filler is the goods, the copula's and the slot's arguments the sides."""
    w = trade_words()
    out = []
    for adj in tree.sent.tokens:
        slot = tree.parent(adj)
        if slot is None or slot.lemma not in w.slots:
            continue
        entries = _slot_entries(adj)
        if not entries:
            continue
        m = FrameMatch(entries[0].frame, k, adj, entries[0])
        st = Statement(m, [], rule=f"frame:{m.frame}.slot", checked=[adj, slot])
        verb = tree.parent(slot)
        # "товарами, поставляемыми из области в Китай, являются ...": the participle carries the sides
        holders = [adj] if adj.pos == "VERB" else []
        for holder in holders + [slot] + ([verb] if verb is not None and verb.lemma in w.copulas else []):
            st.args += _side_args(ctx, tree, m, holder, skip={adj.i, slot.i})
        filler = _filler(tree, slot)
        head = filler if filler is not None else _after_colon(tree, slot)
        if head is not None:
            goods = _arg(ctx, tree, k, "goods", "copula", head) if filler else Argument("goods", "copula", head, [head])
            st.args.append(goods)
            st.goods_at = [min(st.args[-1].tokens, key=lambda t: t.i)]
            if verb is not None:
                st.checked.append(verb)
            out.append(st)
    return out


def _slot_entries(word: Token) -> list:
    """The trade frame a word on a slot noun stands for: a trade adjective ("экспортными культурами") through
    its noun, or a passive participle ("товарами, поставляемыми ...") as its verb."""
    if word.rel == "amod" and (noun_lemma := trade_words().adjectives.get(word.lemma)) is not None:
        return [e for e in lexicon().predicates.get(noun_lemma, ()) if e.noun]
    if word.feats.get("VerbForm") == "Part" and word.feats.get("Voice") == "Pass" and word.rel in ("acl", "amod"):
        return [e for e in lexicon().predicates.get(word.lemma, ()) if not e.noun and e.frame in TRADE_FRAMES]
    return []


def _main_goods(ctx: Context, tree: Tree, k: int) -> list[Statement]:
    """ "Основные товары: вагоны, кокс, ..." with no trade word: the goods of the flow the article stated just
    before (trade_flows.FrameFlows only takes it when there is one)."""
    w = trade_words()
    out = []
    entry = next(e for e in lexicon().predicates["экспорт"] if e.noun)
    for slot in tree.sent.tokens:
        kids = tree.children(slot)
        # "основные товары", or "его объем" (the volume of the flow just stated)
        if slot.lemma not in w.slots or not any(
            c.lemma in w.main and c.rel == "amod" or c.lemma in ("его", "их") and c.pos in ("DET", "PRON") for c in kids
        ):
            continue
        if any(c.lemma in w.adjectives or c.lemma in lexicon().predicates for c in kids):
            continue  # a trade word on the slot: a frame of its own
        filler = _filler(tree, slot)
        head = filler if filler is not None else _after_colon(tree, slot)
        if head is None:
            continue
        st = Statement(FrameMatch("export", k, slot, entry), [], rule="trade.main_goods", checked=[slot])
        phrase = [t for t in tree.phrase(head) if t.pos != "ADP"] if filler is not None else [head]
        st.goods_at = [min(phrase, key=lambda t: t.i)]
        out.append(st)
    return out


def _goods_named_after(tree: Tree, k: int) -> list[Statement]:
    """ "... экспортировала товаров на 120 млн долларов. В основном это цемент, мука и уголь.": a verbless
    sentence opening with "это" names the goods of the flow stated just before (trade_flows.FrameFlows)."""
    toks = [t for t in tree.sent.tokens if t.pos != "PUNCT"]
    if any(t.pos in ("VERB", "AUX") for t in toks):
        return []
    lead = next((i for i, t in enumerate(toks) if t.pos not in ("ADV", "ADP", "ADJ", "NOUN") or t.lemma == "это"), None)
    if lead is None or toks[lead].lemma != "это" or lead + 1 >= len(toks) or lead > 3:
        return []
    entry = next(e for e in lexicon().predicates["экспорт"] if e.noun)
    st = Statement(FrameMatch("export", k, toks[lead], entry), [], rule="trade.goods_named_after")
    st.goods_at = [toks[lead + 1]]
    return [st]


def _a_way(tree: Tree, tok: Token) -> bool:
    """ "в обратном направлении": a direction of travel, not a plan's topic."""
    return any(c.rel == "amod" and c.lemma in trade_words().way_adjectives for c in tree.children(tok))


def is_fact(tree: Tree, st: Statement) -> bool:
    """Neither planned, offered, discussed nor negated: the predicate, the words it hangs on and the verbs
    above them up to the clause's root (a parataxis or a coordinated clause is another statement)."""
    m = st.match
    if m.plan or m.negated:
        return False
    w = trade_words()
    if m.pred.pos == "NOUN" and any(c.lemma in w.plan_adjectives for c in tree.children(m.pred)):
        return False  # "в будущие отгрузки"
    blocked = lexicon().plan_words | w.plan_heads | w.plan_verbs
    node: Token | None = m.pred
    seen: set[int] = set()
    while node is not None and node.i not in seen:
        seen.add(node.i)
        if node.i != m.pred.i and node.lemma in blocked:
            return False
        if node.feats.get("Tense") == "Fut" and not under_contract(tree, node) or node.feats.get("Mood") == "Imp":
            return False
        kids = tree.children(node)
        if any(c.lemma == "не" and c.rel == "advmod" for c in kids) and node.pos in ("VERB", "AUX"):
            return False
        if any(c.rel == "mark" and c.lemma in ("чтобы", "если", "когда") for c in kids):
            return False  # a purpose or a condition: "чтобы поставлять", "если будут поставлять"
        if any(
            c.lemma in w.plan_heads | {"будущее"} and c.rel in ("obl", "advmod") and not _a_way(tree, c) for c in kids
        ):
            return False  # "в перспективе", "в планах", "в будущем"
        if any(c.rel == "aux" and (c.feats.get("Tense") == "Fut" or c.lemma in blocked) for c in kids):
            return False
        if node.feats.get("VerbForm") == "Inf" and any(c.rel == "aux" and c.lemma == "быть" for c in kids):
            return False  # "будут ввозить": the future, whatever tense the tagger gives "будут"
        if node.rel in ("parataxis", "conj") and node.pos in ("VERB", "AUX"):
            break
        node = tree.parent(node)
    return True


def goods_of(ctx: Context, tree: Tree, st: Statement) -> GoodsRead:
    """The goods the statement's goods phrases list, merged."""
    out = GoodsRead()
    k = st.match.sent
    tokens = tree.sent.tokens
    for first in st.goods_at:
        if (first.lemma.lower() in words().offices and _noun_first(first)) or words().is_group(first.lemma.lower()):
            # "Аким области прибыл в Омск" (a PROPN "Аким" or an ADJ "Хоким" to the tagger), "прибывшую в Кайсери
            # делегацию региона": officials and delegations arriving are a visit, no cargo; "первая партия" is cargo
            out.other = True
            continue
        if _under_a_non_good(tree, first, st.match.pred):
            out.other = True  # "— образцы обувной и галантерейной кожи": what samples are of is no flow
            continue
        # "импортируются в основном машины": the phrase starts at the adjective; the list marker at its "в"
        start = first.i - 1 if first.i and list_marker(tokens, first.i - 1) else first.i
        read = read_goods(ctx, k, tokens[start:])
        out.goods += [g for g in read.goods if g.name not in {o.name for o in out.goods}]
        out.generic = out.generic or read.generic
        out.other = out.other or read.other
        out.pronoun = out.pronoun or read.pronoun
        out.goods += _list_resumed(ctx, tree, k, first, out.goods, st.match.pred)
    if not out.goods and (out.generic or not st.goods_at):
        own = tree.parent(st.match.pred) if st.match.pred.pos == "NOUN" else None  # "импорт оценивается в"
        after = max([st.match.pred, *st.goods_at], key=lambda t: t.i)
        out.goods = _goods_after_figure(ctx, k, tokens, after, own)
    return out


def _list_resumed(ctx: Context, tree: Tree, k: int, first: Token, read: list[Good], pred: Token) -> list[Good]:
    """ "окатыши и концентрат, которые отгружаются на комбинаты Урала, а также пшеница и мука": the conjuncts
    a relative clause in the middle of a list kept the linear reading from (the relative clause's own
    statement is of the items before it only)."""
    last = max((g.end for g in read), default=first.end)
    tokens = tree.sent.tokens
    for _ in range(3):  # the phrase may start at an adjective: "железорудные окатыши"
        up = tree.parent(first)
        if first.rel not in ("amod", "nummod", "det") or up is None:
            break
        first = up
    for c in tree.children(first):
        relatives = [t for t in tokens[first.i : c.i] if t.lemma == "который"]
        if c.rel != "conj" or c.start <= last or not relatives or any(r.head == pred.i for r in relatives):
            continue
        start = c.i - 1 if list_marker(tokens, c.i - 1) else c.i
        more = read_goods(ctx, k, tokens[start:]).goods
        return [g for g in more if g.name not in {o.name for o in read}]
    return []


def _under_a_non_good(tree: Tree, first: Token, pred: Token) -> bool:
    """Whether a goods phrase begins inside the complement of a noun before it that names no good (up to the
    predicate: "договор на производство и поставку в Казахстан счётчиков" is the supply's)."""
    node = tree.parent(first)
    for _ in range(3):  # bounded: the parse may hold a cycle
        if node is None or node.pos != "NOUN" or node is pred or node.lemma in lexicon().predicates:
            return False
        if 0 < first.i - node.i <= 2 and first.feats.get("Case") == "Gen" and is_not_good(node.lemma):
            return True  # right after it, in its genitive: "образцы обувной кожи"
        node = tree.parent(node)
    return False


def _noun_first(tok: Token) -> bool:
    """Whether the dictionary's first reading of a word is a noun ("хоким", which the tagger may call an
    adjective; "первые" is an adjective first)."""
    found = parses(tok.text.lower())
    return bool(found) and found[0].tag.POS == "NOUN"


def _goods_after_figure(ctx: Context, k: int, tokens: list[Token], after: Token, own: Token | None) -> list[Good]:
    """ "ввезено товаров на 13,6 млн долларов – в основном цемент и трубы", "импорт оценивается в 64,9 млн
    долларов: это автомобили и полимеры", "продукции на 58 млн долларов, в основном пшеницу": goods named
    generally or not at all, then listed after a dash, a colon or a comma and a list marker in the same clause."""
    for t in tokens[after.i + 1 : -1]:
        finite = t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"
        if t.text in (";", ".") or (finite and t.i > after.i + 1 and not (own and t.i == own.i)):
            return []  # another clause
        listed = t.text == "," and list_marker(tokens, t.i + 1)  # ", в основном пшеницу, ячмень и ..."
        if t.text in (":", "–", "—") or listed:
            start = t.i + 1 + listed
            start += tokens[start].lemma == "это"
            return read_goods(ctx, k, tokens[start:]).goods
    return []


def antecedent_goods(ctx: Context, trees: Trees, k: int, pronoun: Token) -> list[Good]:
    """The goods a personal pronoun stands for: the nearest good before it, in this sentence or the one
    before, that agrees with it in gender and number ("… риса. Его отправляют в Россию")."""
    gender, number = pronoun.feats.get("Gender"), pronoun.feats.get("Number")
    for j in (k, k - 1):
        if j < 0:
            continue
        tree = trees[j]
        cands = [t for t in tree.sent.tokens if t.pos == "NOUN" and (j < k or t.i < pronoun.i)]
        for t in reversed(cands):
            if number and t.feats.get("Number") != number:
                continue
            if number == "Sing" and gender and t.feats.get("Gender") not in (gender, None):
                continue
            read = read_goods(ctx, j, [t])
            if read.goods:
                return read.goods
    return []
