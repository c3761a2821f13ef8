"""Frames over the dependency parse: predicates from the lexicon (lexicons/frames.toml) and their arguments.

A frame match is a predicate token (a verb, a participle or a deverbal noun) with the arguments the
parse attaches to it, each classified by its shape — the governing preposition and the case,
"в+acc", "из+gen", "nom" — and mapped to a role by the lexicon ("visitor", "place", "goods").
The shapes come from morphology, not from the parser's relation labels, which are the least
reliable part of its output; the parser is trusted for attachment (which phrase belongs to which
predicate) only. Rules (visits, participation, trade, signing) turn matches into relations.
"""

from __future__ import annotations

import tomllib
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.goods import classify, is_generic
from coopgraph.ingest.morph import PYMORPHY_CASES, parses
from coopgraph.ingest.nlp import Sentence, Token
from coopgraph.ingest.syntax_repair import COUNTING

CASES = {"Nom": "nom", "Gen": "gen", "Dat": "dat", "Acc": "acc", "Ins": "ins", "Loc": "loc", "Par": "gen"}
# Dependents that are never arguments, and clauses an argument's span must not reach into.
NOT_ARGUMENTS = {"punct", "case", "cc", "mark", "aux", "aux:pass", "cop", "fixed", "flat", "discourse", "det"}
CLAUSES = {"acl:relcl", "parataxis", "ccomp", "advcl", "csubj"}
# Nouns a setting preposition governs when the parser makes them the head: "в рамках визита", "в ходе".
SETTING_NOUNS = {"рамка", "ход", "время", "период", "итог", "поле"}
DAY_NOUNS = {"день", "неделя"}
SPEND_VERBS = {"провести", "проводить"}


@dataclass(frozen=True)
class Predicate:
    """One lexicon entry: a frame's word and the argument shapes that fill each of its roles."""

    frame: str
    lemma: str
    noun: bool
    roles: dict[str, tuple[str, ...]]  # role -> shapes, e.g. {"place": ("acc", "в+acc")}
    group_only: bool = False  # the frame holds only with a group subject ("делегация работала в Урумчи")
    # with no agent stated, the article's visiting delegation is the agent ("программа визита включала
    # посещение завода": the tour is the visit's)
    delegation_agent: bool = False
    # the guests must say where they come from ("гостям из Башкортостана показали"): a bare "гостям" of a
    # verb this weak ("показали") may be anyone's
    named_guests: bool = False
    # the event must be named in the event role ("рассказала участникам форума"): a verb this common ("рассказала
    # журналистам") says nothing of taking part by itself
    named_event: bool = False
    # role -> groups of lemmas, each of which an argument of that role must hold one of for the frame to hold:
    # "В программу визита вошли X" is a visit to X ("программа" and "визит"); "в состав вошли", "культурная
    # программа включала концерт" are other things
    requires: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = ()

    def role_of(self, shape: str) -> str | None:
        return next((role for role, shapes in self.roles.items() if shape in shapes), None)


@dataclass
class Argument:
    """A dependent of a predicate: its head token, shape, the tokens of its phrase and the mentions in it."""

    role: str
    shape: str
    head: Token
    tokens: list[Token]
    refs: list[Ref] = field(default_factory=list)

    @property
    def lemmas(self) -> set[str]:
        return {t.lemma for t in self.tokens}


@dataclass
class FrameMatch:
    """A predicate of the lexicon found in a sentence, with its arguments by role."""

    frame: str
    sent: int
    pred: Token
    predicate: Predicate
    args: list[Argument] = field(default_factory=list)
    plan: bool = False  # planned, intended, future, possible: not a fact (spec: "What counts")
    negated: bool = False
    light_verb: Token | None = None  # "принять участие", "совершить визит": the verb that carries the subject

    def role(self, name: str) -> list[Argument]:
        return [a for a in self.args if a.role == name]

    def refs(self, name: str, *types: str) -> list[Ref]:
        return [r for a in self.role(name) for r in a.refs if not types or r.type in types]

    @property
    def is_fact(self) -> bool:
        return not (self.plan or self.negated)


@dataclass(frozen=True)
class Lexicon:
    predicates: dict[str, tuple[Predicate, ...]]  # lemma -> entries (a lemma may open several frames)
    light_verbs: frozenset[str]
    copulas: frozenset[str]
    plan_words: frozenset[str]
    intent_verbs: frozenset[str]  # a plan for their infinitive only
    hedge_words: frozenset[str]
    aside_verbs: frozenset[str]  # "Напомним, что ...": the writer's aside, no future
    capacity_nouns: frozenset[str]  # "в составе делегации": in what capacity, not where
    reach_nouns: frozenset[str]  # "география поставок охватывает X": X is where the flow goes
    reach_verbs: frozenset[str]
    change_verbs: frozenset[str]  # "экспорт вырос по концентратам": the flow's goods in the verb's "по" phrase
    content_verbs: frozenset[str]  # "экспорт включает ферросплавы": the flow's goods are the verb's object
    dispatch_verbs: frozenset[str]  # "к вывозу оформлено 30 тысяч тонн цемента": the goods are the verb's subject
    exhibit_nouns: frozenset[str]  # "посетил стенд Омской области": a stand's owner is no place visited
    span_verbs: frozenset[str]  # "в Актау завершился визит делегации": where a visit's noun's verb is, it went
    ongoing_verbs: frozenset[str]  # "визит продлится три дня": a visit under way, whatever the tense
    gap_frames: frozenset[str]  # frames a gap's dash may stand for ("из Омской – трубы")
    adjunct_preps: dict[str, str]  # "в ходе", "в рамках": a noun predicate as the setting of a clause


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """frames.toml (syntax words, visit/host/participate frames) and every frames_*.toml beside it (one per
    concept, e.g. frames_trade.toml), merged."""
    folder = resources.files(__package__).joinpath("lexicons")
    data = tomllib.loads(folder.joinpath("frames.toml").read_text(encoding="utf-8"))
    for part in sorted(folder.iterdir(), key=lambda p: p.name):
        if part.name.startswith("frames_") and part.name.endswith(".toml"):
            data["frames"].update(tomllib.loads(part.read_text(encoding="utf-8")).get("frames", {}))
    return build_lexicon(data)


def build_lexicon(data: dict) -> Lexicon:
    predicates: dict[str, list[Predicate]] = {}
    for frame, spec in data["frames"].items():
        for group in spec["predicates"]:
            roles = {role: tuple(shapes) for role, shapes in group["roles"].items()}
            for lemma in group["lemmas"]:
                entry = Predicate(
                    frame,
                    lemma,
                    group.get("pos", "VERB") == "NOUN",
                    roles,
                    group.get("group_only", False),
                    group.get("delegation_agent", False),
                    group.get("named_guests", False),
                    group.get("named_event", False),
                    tuple(
                        (role, tuple(frozenset(g) for g in groups))
                        for role, groups in group.get("requires", {}).items()
                    ),
                )
                predicates.setdefault(lemma, []).append(entry)
    syntax = data["syntax"]
    return Lexicon(
        predicates={lemma: tuple(entries) for lemma, entries in predicates.items()},
        light_verbs=frozenset(syntax["light_verbs"]),
        copulas=frozenset(syntax["copulas"]),
        plan_words=frozenset(syntax["plan_words"]),
        intent_verbs=frozenset(syntax["intent_verbs"]),
        hedge_words=frozenset(syntax["hedge_words"]),
        aside_verbs=frozenset(syntax["aside_verbs"]),
        capacity_nouns=frozenset(syntax["capacity_nouns"]),
        reach_nouns=frozenset(syntax["reach_nouns"]),
        reach_verbs=frozenset(syntax["reach_verbs"]),
        change_verbs=frozenset(syntax.get("change_verbs", ())),
        content_verbs=frozenset(syntax.get("content_verbs", ())),
        dispatch_verbs=frozenset(syntax.get("dispatch_verbs", ())),
        exhibit_nouns=frozenset(syntax.get("exhibit_nouns", ())),
        span_verbs=frozenset(syntax.get("span_verbs", ())),
        ongoing_verbs=frozenset(syntax.get("ongoing_verbs", ())),
        gap_frames=frozenset(syntax["gap_frames"]),
        adjunct_preps={prep: kind for kind, preps in syntax["adjuncts"].items() for prep in preps},
    )


def find_frames(ctx: Context, frames: Iterable[str] | None = None) -> list[FrameMatch]:
    """Every match of the lexicon's predicates (of `frames`, or all) in the article, in text order.
    Read once per article (and again only if mentions were added since): several rules ask."""
    key = ("frames", len(ctx.refs))
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _all_frames(ctx)
    wanted = set(frames) if frames is not None else None
    return [m for m in found if wanted is None or m.frame in wanted]  # type: ignore[attr-defined]


def tree_of(ctx: Context, k: int) -> Tree:
    """The sentence's dependency tree, built once per article."""
    tree = ctx.cache.get(("tree", k))
    if tree is None:
        tree = ctx.cache[("tree", k)] = Tree(ctx.sentences[k])
    return tree  # type: ignore[return-value]


def trees_with(ctx: Context, lemmas: Container[str]) -> Iterator[tuple[int, Sentence, Tree]]:
    """Each sentence holding a word of one of `lemmas`, with its tree. nlp.py parses a sentence only when
    its tree is first read, so a rule that asks only here leaves the sentences it cannot use unparsed."""
    for k, sent in enumerate(ctx.sentences):
        if any(t.lemma in lemmas for t in sent.tokens):
            yield k, sent, tree_of(ctx, k)


def _all_frames(ctx: Context) -> list[FrameMatch]:
    out: list[FrameMatch] = []
    for k, sent, tree in trees_with(ctx, lexicon().predicates):
        for tok in sent.tokens:
            if _carries_a_noun_predicate(tree, tok):
                continue  # "приняла участие": the frame is the noun's, the verb only carries its subject
            verb = sent.tokens[tok.gap] if tok.gap >= 0 else tok  # a gap's dash stands for the verb before
            for entry in lexicon().predicates.get(verb.lemma, ()):
                if _pos_fits(verb, entry) and (verb is tok or entry.frame in lexicon().gap_frames):
                    match = _match(ctx, k, tree, tok, entry)
                    if all(_holds(match, role, groups) for role, groups in entry.requires):
                        out.append(match)
    return out


def _holds(match: FrameMatch, role: str, groups: tuple[frozenset[str], ...]) -> bool:
    return any(all(g & a.lemmas for g in groups) for a in match.role(role))


def _carries_a_noun_predicate(tree: Tree, tok: Token) -> bool:
    if tok.lemma not in lexicon().light_verbs:
        return False
    nouns = lexicon().predicates
    # (a person is no action a verb carries: "гостей принимали в Таразе" is hosting, "приняли участие" is not)
    return any(
        c.rel == "obj" and c.feats.get("Animacy") != "Anim" and any(e.noun for e in nouns.get(c.lemma, ()))
        for c in tree.children(tok)
    )


def _pos_fits(tok: Token, entry: Predicate) -> bool:
    if entry.noun:
        return tok.pos in ("NOUN", "PROPN")  # a capitalised "Экспорт ..." opening a sentence is tagged PROPN
    if tok.pos == "ADJ" and tok.lemma.endswith(("ть", "ться")) and tok.feats.get("Variant") == "Short":
        return True  # "пшеница востребована у мукомолов": a short participle the tagger calls an adjective
    return tok.pos in ("VERB", "AUX") or tok.feats.get("VerbForm") in ("Part", "Conv", "Inf")


class Tree:
    """A sentence's dependency tree: children by head, and phrase spans that stop at clause boundaries."""

    def __init__(self, sent: Sentence):
        self.sent = sent
        self.kids: dict[int, list[Token]] = {}
        for t in sent.tokens:
            if t.head >= 0 and t.head != t.i:
                self.kids.setdefault(t.head, []).append(t)

    def children(self, tok: Token) -> list[Token]:
        return self.kids.get(tok.i, [])

    def parent(self, tok: Token) -> Token | None:
        return self.sent.tokens[tok.head] if 0 <= tok.head < len(self.sent.tokens) and tok.head != tok.i else None

    def phrase(self, head: Token) -> list[Token]:
        """The head and its dependents, recursively, but not a relative or other clause hanging on them
        (a verbless one is a list that belongs to the phrase: "предприятия, среди которых X, Y и Z")."""
        out, todo, seen = [], [head], {head.i}
        while todo:
            t = todo.pop()
            out.append(t)
            for c in self.children(t):
                if c.i in seen or c.rel == "conj" and c.pos in ("VERB", "AUX"):
                    continue
                if c.rel in CLAUSES and self._has_verb(c):
                    continue
                seen.add(c.i)
                todo.append(c)
        return sorted(out, key=lambda t: t.i)

    def _has_verb(self, tok: Token) -> bool:
        todo, seen = [tok], {tok.i}
        while todo:
            t = todo.pop()
            if t.pos in ("VERB", "AUX") or t.feats.get("VerbForm") in ("Fin", "Part", "Conv"):
                return True
            for c in self.children(t):
                if c.i not in seen:
                    seen.add(c.i)
                    todo.append(c)
        return False

    def preposition(self, tok: Token) -> str | None:
        """The preposition governing a phrase: its `case` dependents, multiword ones ("в ходе") joined."""
        # a preposition precedes its noun: one hung after it belongs to a phrase the parser folded in
        # ("Делегация ... во главе с ..." with "во" under "Делегация")
        # Of several, the nearest is the phrase's own: "во главе с акимом ... в форуме" can leave a folded-in
        # "во" under "форуме" too.
        preps = [c for c in self.children(tok) if c.rel == "case" and c.i < tok.i]
        if not preps:
            return None
        p = max(preps, key=lambda c: c.i)
        return " ".join([p.lemma] + [f.lemma for f in self.children(p) if f.rel == "fixed"])


# Words that count a genitive noun as a number does ("более 20 предприятий", "ряд компаний").
QUANTIFIERS = COUNTING | {"несколько", "много", "ряд", "десяток", "сотня"}
# "Подписано несколько меморандумов" is one document of that kind (spec); "подписано 9 соглашений" tallies
# documents between whoever, which the gold does not annotate.
_SEVERAL = frozenset({"несколько", "ряд"})


def _reflexive(verb: Token | None) -> bool:
    return verb is not None and verb.pos == "VERB" and verb.lemma.endswith(("ся", "сь"))


def _oblique_unconfirmed(tree: Tree, tok: Token) -> bool:
    """An object with no preposition the tagger put in an oblique case no known reading of the word has."""
    tagged = tok.feats.get("Case")
    return tree.preposition(tok) is None and not any(
        p.is_known and PYMORPHY_CASES.get(p.tag.case) == tagged for p in parses(tok.text.lower())
    )


def shape_of(tree: Tree, tok: Token) -> str:
    case = CASES.get(tok.feats.get("Case", ""), "")
    if case != "acc" and tok.text.lower().endswith(("ую", "юю")):
        case = "acc"  # only an accusative ends so: "в Павлодарскую" (an elided "область") tagged locative
    if (
        tok.rel in ("nsubj", "nsubj:pass")
        and tok.text.isupper()
        and len(tok.text) > 1
        and not _nominative_beside(tree, tok)
    ):
        # "ТОО «X» отгрузило": a legal form's abbreviation does not decline, whatever the tagger says; beside
        # a real nominative ("СКО посетила делегация Витебской области") it is the object the tagger read
        case = "nom"
    elif (
        tok.rel == "nsubj"
        and case == "gen"
        and any(
            c.rel == "nummod"
            or c.lemma in QUANTIFIERS
            or c.rel == "nummod:gov"
            and (p := tree.parent(tok)) is not None
            and p.pos == "VERB"
            for c in tree.children(tok)
        )
        or tok.rel == "nsubj:pass"
        and case == "gen"
        and any(c.lemma in _SEVERAL for c in tree.children(tok))
    ):
        # "участвовали 15 компаний", "обе области подписали" (nummod:gov): a counted subject; of a passive, only
        # "несколько" / "ряд" counts ("подписано несколько меморандумов", unlike a tally "подписано 9 соглашений")
        case = "nom"
    elif tok.rel in ("obj", "iobj", "nmod") and _firm_beside_an_object(tree, tok):
        case = "dat"  # "АО «X» поставило ТОО «Y» партию селитры": a verb has one accusative, the firm received
    elif tok.rel == "obj" and case in ("nom", "gen"):
        case = "acc"  # nom = acc for inanimate nouns, gen = acc for animate ones: the object label decides
    elif tok.rel == "obj" and case in ("ins", "dat", "loc") and _oblique_unconfirmed(tree, tok):
        case = "acc"  # "Хокимият Самаркандской области посетила делегация": a word the dictionary lacks, tagged Ins
    elif tok.rel == "nsubj" and case == "acc" and tok.feats.get("Animacy") != "Anim" and tok.i > tok.head:
        # the same syncretism read the other way, after the verb ("продукцию представили предприятия");
        # before it the accusative stands ("Соглашение подписали губернатор и аким")
        case = "nom"
    elif tok.rel == "nsubj" and case == "acc" and _reflexive(tree.parent(tok)):
        case = "nom"  # "часть делегации отправилась в Брест": a reflexive verb takes no accusative object
    prep = tree.preposition(tok) or (_preposition_before(tree, tok) if case in ("loc", "ins", "dat") else None)
    if (
        prep in _IN_OR_ON
        and case not in ("acc", "loc")
        and tok.pos in ("NOUN", "PROPN")
        and not any(c.pos == "NUM" for c in tree.children(tok))  # "в 43 страны": the number's genitive
    ):
        case = _case_after_in_or_on(tok) or _adjective_case(tree, tok) or case
    if prep and tok.lemma in lexicon().capacity_nouns:
        return f"{prep}+capacity"  # no role takes it: "в составе делегации" is whose company, not where
    if prep in ("с", "со") and case == "gen" and tok.pos == "PROPN":
        # "со Среднего Урала", "с Кубани": from a place (a common noun is other: "со стороны", "с начала года")
        return f"{prep}+name"
    if prep:
        return f"{prep}+{case}" if case else prep
    return case or tok.pos.lower()


_IN_OR_ON = {"в", "во", "на"}


def _case_after_in_or_on(tok: Token) -> str | None:
    """ "в XI Поволжской агропромышленной выставке", which the tagger read as a genitive: "в" and "на" govern
    only the accusative and the locative, so the form's own reading of those two is the case (a form that has
    both reads as the locative, as most do after a noun phrase in place)."""
    cases = {PYMORPHY_CASES.get(str(p.tag.case)) for p in parses(tok.text.lower()) if p.tag.POS == "NOUN"}
    return "loc" if "Loc" in cases else "acc" if "Acc" in cases else None


def _firm_beside_an_object(tree: Tree, tok: Token) -> bool:
    """A legal form's abbreviation (it does not decline) that the parser made an object beside another
    object, not a legal form, of the same verb."""
    from coopgraph.ingest.org_names import org_lexicon

    legal = org_lexicon().legal_forms
    parent = tree.parent(tok)
    return (
        tok.text in legal
        and parent is not None
        and parent.pos == "VERB"
        and any(
            c is not tok and c.rel == "obj" and c.text not in legal and not any(g.rel == "cc" for g in tree.children(c))
            for c in tree.children(parent)
        )  # "посетила ОАО «X», а также академию": a list of objects, no recipient
    )


def _nominative_beside(tree: Tree, tok: Token) -> bool:
    """An abbreviation the tagger read as accusative, not a legal form, beside a nominative subject."""
    from coopgraph.ingest.org_names import org_lexicon

    if tok.feats.get("Case") != "Acc" or tok.text in org_lexicon().legal_forms:
        return False
    parent = tree.parent(tok)
    return parent is not None and any(
        c is not tok and c.rel == "nsubj" and c.feats.get("Case") == "Nom" and not c.text.isupper()
        for c in tree.children(parent)
    )


def _preposition_before(tree: Tree, tok: Token) -> str | None:
    """A prepositional case with no preposition in the tree: the parser hung it on a neighbour ("в Кызылорде
    аким ..." with "в" under "аким"); the preposition right before the phrase is its own."""
    k = tok.i - 1
    while k >= 0 and tree.sent.tokens[k].pos in ("ADJ", "DET", "NUM") and tree.sent.tokens[k].head == tok.i:
        k -= 1
    before = tree.sent.tokens[k] if k >= 0 else None
    return before.lemma if before is not None and before.pos == "ADP" else None


def _match(ctx: Context, k: int, tree: Tree, pred: Token, entry: Predicate) -> FrameMatch:
    match = FrameMatch(entry.frame, k, pred, entry)
    passive = pred.feats.get("Voice") == "Pass"
    deps = [
        d
        for d in tree.children(pred)
        if d.rel not in NOT_ARGUMENTS
        and d.pos != "PUNCT"
        and not (d.rel == "amod" and d.feats.get("VerbForm") != "Part")
    ]  # "рабочей поездки": an adjective is no argument (a participle may carry one)
    has_object = any(d.rel == "obj" for d in deps)
    for dep in deps:
        shape = shape_of(tree, dep)
        if shape == "acc" and dep.rel == "nsubj" and has_object:
            shape = "nom"  # "Павлодарская область принимает делегацию": beside an object, the subject is one
        elif (
            entry.role_of(shape) is None
            and shape.endswith("+loc")
            and (may_be_accusative(dep) or _adjective_case(tree, dep) == "acc")
        ):
            # "отгрузила в Актобе", "поставило в Караганду": a word whose locative and accusative look alike
            # (one that does not decline) takes the case the verb governs there, not the tagger's guess
            shape = shape[: -len("loc")] + "acc"
        elif entry.role_of(shape) is None and shape.endswith("+acc") and may_be_accusative(dep):
            # "гостей встретили в Кокшетау": the same, the other way round
            shape = shape[: -len("acc")] + "loc"
        _add_argument(ctx, tree, match, dep, _voice(shape, passive))
        for c in tree.children(dep):
            # "в 15 стран, в том числе в Россию и Китай": the places a vague one is made of fill its role
            if c.rel in ("parataxis", "appos") and tree.preposition(c):
                _add_argument(ctx, tree, match, c, _voice(shape_of(tree, c), passive))
        if entry.role_of(shape) is None:
            for c in _hung_on(tree, dep):
                # "В обратном направлении из Омской области ввозятся ...", "В составе делегации в Минск
                # прибыли ...": a phrase that is no argument does not take the one the parser hung on it
                _add_argument(ctx, tree, match, c, _voice(shape_of(tree, c), passive))
    if entry.noun:
        _noun_context(ctx, tree, match)
        _relative_place(ctx, tree, match)
    else:
        _inherited_subject(ctx, tree, match, passive)
        _drop_nested_subjects(match)
        _relative_place(ctx, tree, match)
        _fronted_comitative(ctx, tree, match, passive)
        _objects_after_the_verb(match)
        _place_before_the_verb(match, passive)
    match.plan = is_plan(tree, pred, match.light_verb)
    match.negated = any(c.lemma == "не" for c in tree.children(match.light_verb or pred))
    return match


def may_be_accusative(tok: Token) -> bool:
    """A form the dictionary reads as both locative and accusative: a word that does not decline ("Актобе"), or
    an acronym ("в ВКО", "в СКО"), which declines no more."""
    if len(tok.text) >= 2 and tok.text.isupper() and tok.text.isalpha():
        return True
    return {"accs", "loct"} <= {p.tag.case for p in parses(tok.text.lower())}


def _adjective_case(tree: Tree, tok: Token) -> str | None:
    """ "в Омское Прииртышье": the case after "в"/"на" of a noun the dictionary does not know, by its adjective's
    ending ("-ое"/"-ую" accusative, "-ом"/"-ой" locative)."""
    for c in tree.children(tok):
        if c.rel == "amod" and c.pos == "ADJ":
            word = c.text.lower()
            if word.endswith(("ое", "ее", "ую", "юю")):
                return "acc"
            if word.endswith(("ом", "ем", "ой", "ей")):
                return "loc"
    return None


def _hung_on(tree: Tree, dep: Token, depth: int = 2) -> list[Token]:
    """Prepositional phrases the parser hung on a phrase that is no argument, through its genitives too
    ("в составе делегации в Минск"): they belong to the verb."""
    out = []
    for c in tree.children(dep):
        if c.rel != "nmod":
            continue
        if tree.preposition(c):
            out.append(c)
        elif depth > 1:
            out += _hung_on(tree, c, depth - 1)
    return out


def _voice(shape: str, passive: bool) -> str:
    """In a passive clause the nominative is the object and the instrumental the agent."""
    if not passive:
        return shape
    return {"nom": "acc", "ins": "nom"}.get(shape, shape)


def _add_argument(ctx: Context, tree: Tree, match: FrameMatch, head: Token, shape: str, whole: bool = True) -> None:
    """Add `head`'s phrase as an argument of the role its shape fills; `whole=False` takes the noun a
    participle qualifies without the participle's own clause."""
    role = match.predicate.role_of(shape)
    if role is None:
        return
    if head.lemma == "который":  # a relative pronoun stands for the noun its clause qualifies
        head = _person_before(ctx, tree, match.sent, head) or _antecedent(tree, match.pred) or head
    tokens = (
        tree.phrase(head)
        if whole
        else [t for t in tree.phrase(head) if t.i not in {x.i for x in tree.phrase(match.pred)}]
    )
    if tokens:  # a participle's noun may have no word of its own outside the participle's clause
        match.args.append(Argument(role, shape, head, tokens, refs_in_tokens(ctx, match.sent, tokens)))


def _person_before(ctx: Context, tree: Tree, k: int, pronoun: Token) -> Token | None:
    """ "с акимом ... Асаином Байхановым, который прибыл": a person named right before the pronoun is whom it
    stands for, wherever the parser hung the clause (here on "встречу")."""
    before = [
        r
        for r in ctx.refs_in(k, "Person")
        if r.end <= pronoun.start and not ctx.text[r.end : pronoun.start].strip(" ,")
    ]
    if not before:
        return None
    return next((t for t in tree.sent.tokens if t.start <= before[-1].start < t.end), None)


def _antecedent(tree: Tree, pred: Token) -> Token | None:
    """The noun a relative clause ("форум, который проходит в Костанае") qualifies."""
    tok: Token | None = pred
    for _ in range(4):  # the clause's verb, or a verb it governs
        if tok is None:
            return None
        if tok.rel == "acl:relcl":
            return tree.parent(tok)
        tok = tree.parent(tok)
    return None


def refs_in_tokens(ctx: Context, k: int, tokens: list[Token]) -> list[Ref]:
    """Mentions that start inside the given tokens."""
    spans = [(t.start, t.end) for t in tokens]
    return [r for r in ctx.refs_in(k) if any(s <= r.start < e for s, e in spans)]


def _noun_context(ctx: Context, tree: Tree, match: FrameMatch) -> None:
    """A noun predicate takes its agent from the verb it serves: "делегация приняла участие" (a light verb),
    "в ходе визита делегация посетила" (the noun in an adjunct of the clause)."""
    parent = tree.parent(match.pred)
    if parent is None:
        return
    if any(c.lemma == "свой" for c in tree.children(match.pred)):
        _own_agent(ctx, tree, match)  # "на второй день своего визита в Казахстан губернатор ..."
        return
    prep = tree.preposition(match.pred)
    grand = tree.parent(parent)
    if parent.lemma in lexicon().reach_nouns and grand is not None and grand.lemma in lexicon().reach_verbs:
        # "география поставок охватывает Китай, Турцию": where the flow goes is what the verb's scope names
        for dep in tree.children(grand):
            # either of the two may be read as the subject: "География ... охватывает Узбекистан" parses OVS too
            if dep.rel in ("obj", "nsubj") and dep.i != parent.i and parent.rel in ("obj", "nsubj"):
                _add_argument(ctx, tree, match, dep, "в+acc")
        return
    if (match.pred.rel == "nsubj" or prep == "к") and match.predicate.role_of("gen"):
        _goods_of_the_verb(ctx, tree, match, parent)
    if parent.lemma in SETTING_NOUNS and tree.preposition(parent) and grand is not None:
        prep, parent = "в рамках", grand  # "в рамках визита": the parser makes "рамках" the head
    elif parent.lemma in DAY_NOUNS and parent.rel == "obj" and grand is not None and grand.lemma in SPEND_VERBS:
        # "Второй день поездки в Казахстан губернатор провёл в Нур-Султане": who spent a day of the visit made it
        # (not "на второй день визита губернатора принял президент": there the object visited)
        prep, parent = "в ходе", grand
    light = (
        match.pred.rel in ("obj", "nsubj", "obl")
        and parent.lemma in lexicon().light_verbs
        or (
            match.pred.feats.get("Case") == "Ins" and parent.lemma in lexicon().copulas  # "участником стал аким"
        )
    )
    adjunct = prep is not None and prep in lexicon().adjunct_preps
    if light:
        match.light_verb = parent
    if not (light or adjunct):
        return
    for dep in tree.children(parent):
        if dep.i == match.pred.i or dep.rel in NOT_ARGUMENTS or dep.pos == "PUNCT":
            continue
        shape = shape_of(tree, dep)
        if shape == "nom" or dep.rel == "nsubj" and any(c.rel == "nummod" for c in tree.children(dep)):
            _add_argument(ctx, tree, match, dep, "agent")  # a counted subject is genitive: "стали 120 предприятий"
        elif light and dep.rel in ("obl", "nmod", "iobj"):
            # "в нём приняли участие", "совершили визит в Омск": the light verb's complements are the noun's
            _add_argument(ctx, tree, match, dep, shape)
    if light and not any(a.shape == "agent" and not _inside_a_name(ctx, a) for a in match.args):
        _relative_clause_agent(ctx, tree, match, parent)
    if not any(a.shape == "agent" for a in match.args):
        _participle_agent(ctx, tree, match, parent)
    if not any(a.shape == "agent" for a in match.args) and prep == "с" and parent.pos in ("NOUN", "PROPN"):
        # "Делегация Туркестанской области с официальным визитом в Ташкенте", "Аким ВКО с рабочим визитом в
        # Барнауле": a verbless headline, the noun "с визитом" qualifies is its agent
        _add_argument(ctx, tree, match, parent, "agent", whole=False)


def _goods_of_the_verb(ctx: Context, tree: Tree, match: FrameMatch, verb: Token) -> None:
    """ "Экспорт ... вырос по хромовым концентратам", "Экспорт области включает ферросплавы": the goods of a
    flow's noun that is the subject of a verb of change (its "по" phrase) or of content (its object)."""
    if verb.lemma in lexicon().change_verbs:
        wanted: tuple[str, ...] = ("по+dat",)
    elif verb.lemma in lexicon().dispatch_verbs and tree.preposition(match.pred) == "к":
        wanted = ("nom", "acc", "gen")  # "к вывозу оформлено 30 тысяч тонн цемента": a counted subject is genitive
    elif verb.lemma in lexicon().content_verbs:
        wanted = ("acc", "nom")  # (the parser may make the object after the verb a second subject)
    else:
        return
    for dep in tree.children(verb):
        words = _words_to_comma(tree, dep)
        if dep.i > match.pred.i and shape_of(tree, dep) in wanted and (classify(words) or is_generic(words)):
            _add_argument(ctx, tree, match, dep, "gen")


def _participle_agent(ctx: Context, tree: Tree, match: FrameMatch, verb: Token) -> None:
    """ "Находящийся с визитом в Павлодаре губернатор ...": the noun that the participle governing the
    predicate qualifies is the predicate's agent."""
    noun = tree.parent(verb)
    if noun is None or verb.feats.get("VerbForm") != "Part" or verb.rel not in ("acl", "amod"):
        return
    if verb.feats.get("Voice") == "Pass":
        return  # "подписанное в ходе визита соглашение": what was done, not who did it
    _add_argument(ctx, tree, match, _qualified_noun(tree, verb, noun), "agent", whole=False)


def _drop_nested_subjects(match: FrameMatch) -> None:
    """ "ознакомились с работой РУПТП «Оршанский льнокомбинат»": a subject the parser found inside another
    argument's phrase (a word of a quoted name) is a word of that argument, not the predicate's subject."""
    inner = {
        a.head.i
        for a in match.args
        for b in match.args
        if a is not b
        and b.shape != "nom"
        and (a.head in b.tokens or any(r.start <= a.head.start < r.end for r in b.refs))
    }
    match.args = [a for a in match.args if not (a.shape == "nom" and a.head.i in inner)]


def _relative_place(ctx: Context, tree: Tree, match: FrameMatch) -> None:
    """ "посетила выставку «X», где витебские предприятия представили свою продукцию": "где" ("куда") stands for
    the noun its clause qualifies, in the place role ("на выставке", "в Актобе"; "в Казахстан" of "покупателем
    остается Казахстан, куда поставляются зерно, мебель") the predicate gives it."""
    clause = match.light_verb or match.pred
    where = next((c for c in tree.children(clause) if c.lemma in ("где", "куда")), None)
    noun = tree.parent(clause)
    if clause.rel != "acl:relcl" or where is None or noun is None or noun.pos not in ("NOUN", "PROPN"):
        return
    event = any(r.type == "Event" for r in refs_in_tokens(ctx, match.sent, tree.phrase(noun)))
    case = "loc" if where.lemma == "где" else "acc"
    shapes = [f"{p}+{case}" for p in (("на", "в", "во") if event else ("в", "во", "на"))]
    if any(a.shape in shapes for a in match.args):
        return  # "где в Актобе подписали": a place of its own
    shape = next((sh for sh in shapes if match.predicate.role_of(sh)), None)
    if shape:
        _add_argument(ctx, tree, match, noun, shape, whole=False)


def _relative_clause_agent(ctx: Context, tree: Tree, match: FrameMatch, light: Token) -> None:
    """ "Делегация СКО побывала в Тюмени, где приняла участие в форуме": a light verb in a place's relative
    clause, with no subject of its own, shares its clause's subject."""
    if light.rel != "acl:relcl" or not any(c.lemma in ("где", "куда") for c in tree.children(light)):
        return
    verb = tree.parent(light)
    while verb is not None and verb.pos != "VERB":
        verb = tree.parent(verb)
    subjects = [d for d in tree.children(verb) if d.rel == "nsubj" and shape_of(tree, d) == "nom"] if verb else []
    if subjects:  # a word of a quoted name the parser made the subject is none ("«Ишим: ... — река развития»")
        match.args = [a for a in match.args if not (a.shape == "agent" and _inside_a_name(ctx, a))]
    for dep in subjects:
        _add_argument(ctx, tree, match, dep, "agent")


def _own_agent(ctx: Context, tree: Tree, match: FrameMatch) -> None:
    """ "своего визита", "своей поездки": the reflexive names the subject of the clause the noun sits in."""
    verb = tree.parent(match.pred)
    for _ in range(4):
        if verb is None or verb.pos in ("VERB", "AUX"):
            break
        verb = tree.parent(verb)
    if verb is None:
        return
    for dep in tree.children(verb):
        if dep.rel in ("nsubj", "nsubj:pass") and shape_of(tree, dep) == "nom":
            _add_argument(ctx, tree, match, dep, "agent")


def _inherited_subject(ctx: Context, tree: Tree, match: FrameMatch, passive: bool) -> None:
    """A verb without its own subject shares the one of the verb it is coordinated with or serves
    ("приехали и посетили", "прибыл, чтобы посетить"); a participle's is the noun it qualifies
    ("делегации, побывавшей в Приуралье"; "продукция, поставленная в Китай" is its object)."""
    parent = tree.parent(match.pred)
    if parent is None:
        return
    if match.pred.feats.get("VerbForm") == "Part" and match.pred.rel in ("acl", "amod", "acl:relcl"):
        noun = _qualified_noun(tree, match.pred, parent)
        _add_argument(ctx, tree, match, noun, "acc" if passive else "nom", whole=False)
        if noun is not parent:
            _leaders_between(ctx, tree, match, noun, "acc" if passive else "nom")
        return
    if passive or any(a.shape == "nom" and (a.refs or not _inside_a_name(ctx, a)) for a in match.args):
        return
    if match.pred.rel == "acl:relcl" and any(c.lemma in ("где", "куда") for c in tree.children(match.pred)):
        # "побывала в Актобе, где посетила завод": the relative clause of a place shares its clause's subject
        while parent is not None and parent.pos != "VERB":
            parent = tree.parent(parent)
        if parent is None:
            return
    elif match.pred.rel not in ("conj", "xcomp", "advcl"):
        return
    if match.pred.rel == "xcomp" and any(
        c.rel == "iobj" or c.rel == "obj" and c.feats.get("Animacy") == "Anim" for c in tree.children(parent)
    ):
        return  # "разрешил студентам приехать", "убедил президента позволить": the one told or let goes, if anyone
    subjects = [dep for dep in tree.children(parent) if dep.rel == "nsubj" and shape_of(tree, dep) == "nom"]
    if not subjects and match.pred.feats.get("VerbForm") == "Conv" and match.pred.i < parent.i:
        # "Выступая на форуме, глава области X подчеркнул, что ...": the subject between the converb and its
        # verb, however the parser hung it
        subjects = [t for t in tree.sent.tokens if match.pred.i < t.i < parent.i and t.rel == "nsubj"][:1]
    for dep in subjects:
        _add_argument(ctx, tree, match, dep, "nom")


def _words_to_comma(tree: Tree, dep: Token) -> list[str]:
    """The lemmas from `dep` to the next punctuation: "хромовым и медно-цинковым концентратам", however the
    parser split the phrase."""
    words = []
    for t in tree.sent.tokens[dep.i :]:
        if t.pos == "PUNCT":
            break
        words.append(t.lemma)
    return words


def _fronted_comitative(ctx: Context, tree: Tree, match: FrameMatch, passive: bool) -> None:
    """ "С Вадимом Шумковым мы обсудили ... и вместе подписали дорожную карту": a "с" phrase opening the clause,
    before the first of two coordinated verbs, goes with the second too."""
    parent = tree.parent(match.pred)
    if match.pred.rel != "conj" or parent is None or parent.pos != "VERB" or passive:
        return
    if any(a.shape in ("с+ins", "со+ins") for a in match.args):
        return
    for dep in tree.children(parent):
        shape = shape_of(tree, dep)
        opens = all(t.pos == "PUNCT" for t in tree.sent.tokens if t.i < tree.phrase(dep)[0].i)
        if shape in ("с+ins", "со+ins") and dep.i < parent.i and opens:
            _add_argument(ctx, tree, match, dep, shape)


_CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct"}


def _cases(word: str, pos: set[str]) -> set[str]:
    return {p.tag.case for p in parses(word.lower()) if p.tag.POS in pos and p.tag.case in _CASES}


def _agrees(participle: Token, noun: Token) -> bool:
    """Gender and number as tagged, and a case both words can take (the tagger's case for "прибывшей" is
    one of four)."""
    if any(participle.feats.get(f) and participle.feats.get(f) != noun.feats.get(f) for f in ("Number", "Gender")):
        return False
    return bool(_cases(participle.text, {"PRTF"}) & _cases(noun.text, {"NOUN"}))


def _qualified_noun(tree: Tree, participle: Token, parent: Token) -> Token:
    """ "с делегацией Павлодарской области во главе с заместителем акима Асылбеком Жумабековым, прибывшей в
    Омск": a participle qualifies the nearest noun before it that agrees with it, whichever word the parser
    hung it on (here the leader's title, a masculine; or the object after it: "Делегация области, прибывшая в
    Омск, посетила завод")."""
    if parent.pos not in ("NOUN", "PROPN") or _agrees(participle, parent):
        return parent
    agreeing = [
        tok
        for tok in reversed(tree.sent.tokens[: participle.i])
        if tok.pos in ("NOUN", "PROPN") and tok.rel != "fixed" and _agrees(participle, tok)
    ]
    # the case as tagged decides between forms that may agree ("Делегация области, прибывшая": "области" may be
    # a nominative plural, but is tagged a genitive)
    same_case = [tok for tok in agreeing if tok.feats.get("Case") == participle.feats.get("Case")]
    return (same_case or agreeing or [parent])[0]


def _leaders_between(ctx: Context, tree: Tree, match: FrameMatch, group: Token, shape: str) -> None:
    """ "с делегацией ... во главе с заместителем акима Асылбеком Жумабековым, прибывшей в Омск": the persons
    leading the group the participle qualifies do what it does, though the parser hung them elsewhere."""
    role = match.predicate.role_of(shape)
    if role is None or "во главе с" not in ctx.text[group.end : match.pred.start].lower():
        return
    refs = [r for r in ctx.refs_in(match.sent, "Person") if group.end <= r.start < match.pred.start]
    for r in refs:
        tokens = [t for t in tree.sent.tokens if r.start <= t.start < r.end]
        if tokens:
            match.args.append(Argument(role, shape, tokens[0], tokens, [r]))


def _inside_a_name(ctx: Context, arg: Argument) -> bool:
    """ "посетила ТОО «Сары-Арка Литье»": the parser can take a word of a name for the verb's subject."""
    return any(r.start <= arg.head.start < r.end for r in ctx.refs)


def _objects_after_the_verb(match: FrameMatch) -> None:
    """Inanimate plurals read the same in the nominative and the accusative ("посетили предприятия"), and
    the tagger often says nominative: with a subject before the verb, a second "subject" after it is
    the object."""
    if not any("acc" in shapes for shapes in match.predicate.roles.values()):
        return
    noms = [a for a in match.args if a.shape == "nom"]
    if len(noms) < 2 or not any(a.head.i < match.pred.i for a in noms):
        return
    for a in noms:
        if a.head.i > match.pred.i and a.head.feats.get("Animacy") != "Anim":
            role = match.predicate.role_of("acc")
            if role:
                a.shape, a.role = "acc", role


def _place_before_the_verb(match: FrameMatch, passive: bool) -> None:
    """ "Китай с начала года получил из Алтайского края 17,5 тыс. т нута": a named place before an active verb
    with no subject, read as its object (an inanimate nominative reads as an accusative), is its subject."""
    role = match.predicate.role_of("nom")
    if passive or role is None or any(a.shape == "nom" for a in match.args):
        return
    for a in match.args:
        if a.shape == "acc" and place_before_the_verb(match, a):
            a.shape, a.role = "nom", role
            return


def place_before_the_verb(match: FrameMatch, arg: Argument) -> bool:
    """A named place (nothing else) before the verb: the only reading of it as an argument is the subject."""
    return (
        arg.head.i < match.pred.i
        and arg.head.pos == "PROPN"
        and bool(arg.refs)
        and all(r.type in ("Country", "Region", "City") for r in arg.refs)
    )


_GOVERNED = ("xcomp", "ccomp", "csubj", "csubj:pass", "obj", "nmod", "obl", "nsubj", "nsubj:pass")


_CONTRACTS = {"контракт", "договор", "соглашение"}


def under_contract(tree: Tree, verb: Token) -> bool:
    """A future in a clause of a signed deal: "контракт, по которому X поставит", "договор, согласно которому"."""
    tokens = tree.sent.tokens
    for c in tree.children(verb):
        if c.lemma != "который" or tree.preposition(c) not in ("по", "согласно"):
            continue
        # the antecedent is the noun before the comma that opens the clause, wherever the parser hung the clause
        at = c.i - 2
        if at >= 1 and tokens[at].text == "," and tokens[at - 1].lemma in _CONTRACTS:
            return True
    return False


def _purpose(tree: Tree, clause: Token) -> bool:
    """ "приехали в Петропавловск, чтобы обсудить поставки": what a trip was for does not make the trip a plan."""
    return clause.rel == "advcl" and any(c.rel == "mark" and c.lemma == "чтобы" for c in tree.children(clause))


def is_plan(tree: Tree, pred: Token, light: Token | None = None, own: bool = True) -> bool:
    """Future, intention, offer or possibility: the predicate, its light verb, or a verb governing them. With
    `own` false the predicate's own lemma does not count ("делегаты в Павлодаре обсудили": they were there)."""
    words = lexicon().plan_words
    chain = [t for t in (pred, light) if t is not None]
    head = tree.parent(light or pred)
    if head is not None and head.lemma in lexicon().aside_verbs and head.feats.get("Person") == "1":
        head = None  # "Напомним, что ... подписали": the writer reminds, nobody plans
    if head is not None and (light or pred).rel in (
        "xcomp",
        "csubj",
        "csubj:pass",
        "ccomp",
        "obj",
        "nsubj",
        "nsubj:pass",
    ):
        chain.append(head)
    if head is not None and head.lemma in lexicon().intent_verbs and (light or pred).rel == "xcomp":
        return True
    # "договорились проработать вопрос подписания соглашения": a plan word a few governing steps up
    node = light or pred
    for _ in range(4):
        up = tree.parent(node)
        if up is None or node.rel not in _GOVERNED:
            break
        if up.lemma in words:
            return True
        node = up
    if any(c.lemma == "план" and c.feats.get("Number") == "Plur" and tree.preposition(c) == "в" for c in chain):
        return True  # "В планах — подписание соглашения": the plans' subject is no act done
    for t in chain:
        if t.feats.get("Tense") == "Fut" and under_contract(tree, t):
            continue  # "контракт, по которому компания поставит ...": what was contracted, a deal done
        if t is head and t.lemma in lexicon().ongoing_verbs and pred.pos == "NOUN" and pred.rel == "nsubj":
            continue  # "Визит делегации в Павлодар продлится три дня": it has begun
        if t.feats.get("Tense") == "Fut" or t.lemma in words and (own or t is not pred):
            return True
        if any(
            c.lemma in words
            and tree.preposition(c) != "по"
            and c.rel not in ("conj", "parataxis")  # "посетила университет: здесь обсудили ...": its own clause
            and not (c.rel == "obj" and c.pos == "NOUN")
            and not _purpose(tree, c)
            or (c.rel == "aux" and c.feats.get("Tense") == "Fut")
            # "будут представлять", "будет работать": the tagger calls "будут" present, but быть has no
            # present as an auxiliary; it is the future
            or (c.rel in ("aux", "aux:pass") and c.lemma == "быть" and c.feats.get("Tense") == "Pres")
            for c in tree.children(t)
        ):  # "совершила визит по приглашению губернатора": made at an invitation, not a plan; "поставило 36
            # лифтов, еще 48 должны быть отгружены": a coordinated clause plans its own; "представила свой
            # потенциал на выставке": what was presented is the object, the presenting a fact
            return True
        # "на прошлой неделе якобы побывал": a hedge anywhere in the clause, wherever the parser hung it
        if any(g.lemma in lexicon().hedge_words for c in tree.children(t) for g in [c, *tree.children(c)]):
            return True
    return False
