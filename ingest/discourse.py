"""Who acts in a clause: a delegation's region, guests, a named official, resolved across the article."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from coopgraph.ingest.context import DELEGATION_MEMBERS, Context, Ref
from coopgraph.ingest.frames import Argument, FrameMatch, Tree, refs_in_tokens, shape_of, tree_of
from coopgraph.ingest.nlp import Sentence, Token

PLACES = ("Region", "City", "Country")
# Offices that make their holder the head of a place: his delegation is the place's. A Kyrgyz region is
# headed by the plenipotentiary (полпред) of the President (of the Government before 2021) in it.
# The head of a region, by the country whose regions the title names.
HEAD_COUNTRY = {"губернатор": "RU", "аким": "KZ", "хоким": "UZ", "хаким": "TM"}

HEAD_TITLES = {
    "губернатор",
    "аким",
    "председатель облисполкома",
    "глава",
    "мэр",
    "хаким",
    "хоким",
    "раис",
    "полномочный представитель президента",
    "полномочный представитель правительства",
}
BODIES = PLACES + ("Organization",)
HEAD_SYNONYMS = ("руководитель", "глава", "лидер")  # "руководитель Татарстана": the region's head
# Dependents of a group noun that say where the group comes from, and those that name who leads it.
ORIGIN_SHAPES = ("gen", "из+gen", "от+gen", "с+gen")
# not "в сопровождении": a guest goes "в сопровождении" of his hosts
LEAD_SHAPES = ("во главе с+ins", "в глава с+ins", "с+ins", "в состав+gen")
MEMBER_VERBS = ("войти", "входить", "включить", "включать")  # "в которую вошли", "в ее состав включены"
HOST_NOUNS = ("сопровождение",)  # "гости в сопровождении заместителя акима": the host, not a guest


@dataclass(frozen=True)
class Words:
    groups: frozenset[str]
    members: frozenset[str]
    collectives: frozenset[str]
    place_nouns: frozenset[str]
    offices: frozenset[str]
    both_sides: frozenset[str]
    executives: frozenset[str]
    office_words: dict[str, tuple[str, ...]]
    residents: dict[str, tuple[str, ...]]  # "павлодарец" → the region's and its centre's gazetteer codes
    nationals: dict[str, str]  # "белорус" → the country's code
    firm_anaphors: frozenset[str]
    retrospective: frozenset[str]
    counterparts: frozenset[str]
    kind_adjectives: dict[str, str]  # "краевой" → "край"

    def resident_codes(self, tok: Token) -> tuple[str, ...]:
        """The places a resident noun stands for, by the parser's lemma or, where the parser lemmatises a rare
        word oddly ("североказахстанцев"), by its stem: "-цы", "-цев", "-чане" ... are one word."""
        found = self.residents.get(tok.lemma)
        if found:
            return found
        word = tok.text.lower()
        for stem in (word, *(word[: -len(e)] for e in _CASE_ENDINGS if word.endswith(e))):
            if len(stem) > 3 and (found := _resident_stems().get(stem)):
                return found
        return ()

    def is_group(self, lemma: str) -> bool:
        """A group noun, or a compound ending in one: "бизнес-миссия", "агро-делегация"."""
        return lemma in self.groups or lemma.rpartition("-")[2] in self.groups


# Plural and case endings of resident nouns ("омичи", "павлодарцев", "уральчанам"), longest first.
_CASE_ENDINGS = ("ами", "ями", "ах", "ях", "ам", "ям", "ов", "ев", "ей", "ом", "ем", "ин", "ы", "и", "а", "у", "е")


@lru_cache(maxsize=1)
def _resident_stems() -> dict[str, tuple[str, ...]]:
    """Each resident noun's stem: "павлодарец" → "павлодарц", "уральчанин" → "уральчан", "омич" → "омич"."""
    out: dict[str, tuple[str, ...]] = {}
    for word, codes in words().residents.items():
        stem = word[:-2] + "ц" if word.endswith("ец") else word[:-2] if word.endswith("нин") else word
        out.setdefault(stem, codes)
    return out


@lru_cache(maxsize=1)
def words() -> Words:
    lexicons = resources.files(__package__).joinpath("lexicons")
    data = tomllib.loads(lexicons.joinpath("frames.toml").read_text(encoding="utf-8"))["discourse"]
    people = tomllib.loads(lexicons.joinpath("residents.toml").read_text(encoding="utf-8"))
    residents = people["residents"]
    return Words(
        frozenset(data["groups"]),
        frozenset(data["members"]),
        frozenset(data["collectives"]),
        frozenset(data["place_nouns"]),
        frozenset(data["offices"]),
        frozenset(data["both_sides"]),
        frozenset(data["executives"]),
        {word: tuple(offices) for word, offices in data["office_words"].items()},
        {word: tuple(codes) for word, codes in residents.items()},
        dict(people["nationals"]),
        frozenset(data["firm_anaphors"]),
        frozenset(data["retrospective"]),
        frozenset(data["counterparts"]),
        dict(data["kind_adjectives"]),
    )


def looks_back(sent: Sentence) -> bool:
    """A sentence that opens by looking back ("Напомним, ранее ..."), in its first three words."""
    opening = [t for t in sent.tokens if t.pos != "PUNCT"][:3]
    return any(t.lemma in words().retrospective for t in opening)


@dataclass
class Side:
    """Who acts: places or bodies acting as a whole (a region's delegation is the region) and named persons."""

    bodies: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # bodies named as a delegation, guests: they travelled
    represented: list[str] = field(default_factory=list)  # places of officials named by office only

    def add(self, other: Side) -> None:
        self.bodies += [b for b in other.bodies if b not in self.bodies]
        self.persons += [p for p in other.persons if p not in self.persons]
        self.groups += [g for g in other.groups if g not in self.groups]
        self.represented += [r for r in other.represented if r not in self.represented]

    @property
    def group(self) -> bool:
        return bool(self.groups)

    @property
    def keys(self) -> list[str]:
        return self.bodies + self.persons

    def __bool__(self) -> bool:
        return bool(self.bodies or self.persons)


def conj_chain(tree: Tree, head: Token) -> list[Token]:
    """The head and the heads coordinated with it: "губернатор и аким", "Омская и Павлодарская области"."""
    out, todo = [head], [head]
    while todo:
        t = todo.pop()
        for c in tree.children(t):
            if c.rel == "conj" and c.pos not in ("VERB", "AUX") and c not in out:
                out.append(c)
                todo.append(c)
    return out


def refs_at(ctx: Context, k: int, tok: Token) -> list[Ref]:
    return [r for r in ctx.refs_in(k) if r.start <= tok.start < r.end or tok.start <= r.start < tok.end]


def role_side(ctx: Context, m: FrameMatch, role: str) -> Side:
    """The side a frame's arguments in one role name, together."""
    tree = tree_of(ctx, m.sent)
    side = Side()
    for arg in m.role(role):
        side.add(resolve(ctx, tree, m.sent, arg))
    return side


def present_in(ctx: Context, tree: Tree, k: int, arg: Argument) -> Side:
    """ "Встреча прошла с участием делегации X": the side whose participation the phrase names."""
    side = Side()
    if arg.head.lemma == "участие":
        for c in tree.children(arg.head):
            if c.rel == "nmod" and c.feats.get("Case") == "Gen":
                for head in conj_chain(tree, c):
                    side.add(_resolve_head(ctx, tree, k, head))
    return side


def resolve(ctx: Context, tree: Tree, k: int, arg: Argument) -> Side:
    """The side an argument phrase names (see `Side`): each coordinated head resolved on its own."""
    side = Side()
    unnamed_heads = 0
    for head in conj_chain(tree, arg.head):
        own = _resolve_head(ctx, tree, k, head)
        if not own:  # "с казахстанскими партнерами – делегацией области Улытау": what the apposition names
            for appos in (c for c in tree.children(head) if c.rel == "appos" and c.pos == "NOUN"):
                own.add(_resolve_head(ctx, tree, k, appos))
        unnamed_heads += not own and head.lemma in HEAD_SYNONYMS and of_a_region_word(tree, head)
        side.add(own)
    if unnamed_heads == 1 and side.persons:
        # "глава региона и губернатор подписали": of the article's two heads, the one the other conjunct is not
        rest = [h for h in heads_of(ctx, [r.key for r in ctx.refs if r.type == "Region"]) if h not in side.persons]
        side.persons += rest if len(rest) == 1 else []
    if not side:  # "показали рубцовские ООО «Алтайтрак», АО «ЛМЗ»": the parser made the adjective the head
        side.bodies = list(dict.fromkeys(r.key for r in arg.refs if r.type == "Organization"))[:1]
    side.bodies += [b for b in _listed_with(ctx, k, side.bodies) if b not in side.bodies]
    return side


# Between two listed organisations: commas, "и", quotes, legal forms ("ООО НПФ"), a holder's initials
# ("ИП Петрова Н.В."), a bracketed note ("(торговая марка «Пекарь»)").
_LIST_GAP = re.compile(r"(?:[\s,»«\"]|\bи\b|\b[А-ЯЁA-Z]{2,5}\b|\b[А-ЯЁ]\.|\([^()]{0,80}\))*")


def _listed_with(ctx: Context, k: int, bodies: list[str]) -> list[str]:
    """ "показали ЗАО «Катунь», ООО «Эко-Профиль», ..., ООО «Барнаулбланк»": the organisations listed with
    one the argument names, however the parser scattered the list (a bracket and "и" may stand between)."""
    if not any(b.startswith("Organization:") for b in bodies):
        return []
    orgs = sorted(ctx.refs_in(k, "Organization"), key=lambda r: r.start)
    runs: list[list[Ref]] = []
    for r in orgs:
        if runs and _LIST_GAP.fullmatch(ctx.text[runs[-1][-1].end : r.start]):
            runs[-1].append(r)
        else:
            runs.append([r])
    return [r.key for run in runs if len(run) > 1 and any(x.key in bodies for x in run) for r in run]


def _resolve_head(ctx: Context, tree: Tree, k: int, head: Token) -> Side:
    own = refs_at(ctx, k, head)
    if own:
        persons = [r.key for r in own if r.type == "Person"]
        bodies = [r.key for r in own if r.type in BODIES]
        return Side(bodies=bodies, persons=persons)
    if head.pos == "PRON" and head.lemma in ("я", "мы", "вы") and head.feats.get("Case") == "Nom":
        return _interview_side(ctx, head)  # "— Мы подписали ...", "— Вы возглавляли делегацию ...?"
    if (
        head.pos == "PRON"
        and head.lemma in ("он", "она")
        and (
            head.feats.get("Case") == "Nom"
            or tree.preposition(head) == "у"  # "у него был визит"
            or head.feats.get("Case") == "Acc"
            and head.rel == "obj"  # "В Уфе его принял министр"
        )
    ):
        person = _pronoun_person(ctx, k, head)
        return Side(persons=[person]) if person else Side()
    if head.pos == "PRON" and head.lemma == "они" and head.feats.get("Case") == "Nom" and ctx.delegation:
        return Side(bodies=[ctx.delegation], groups=[ctx.delegation])  # "Они побывали на заводе": the guests
    if head.lemma == "гость" and head.feats.get("Number") == "Sing" and (person := _last_visitor(ctx, k)):
        return Side(persons=[person])  # "гость осмотрел порт": the one person the article had visiting
    if words().is_group(head.lemma):
        return _group(ctx, tree, k, head)
    if head.lemma in words().members and (whole := _members_of(tree, head)) is not None:
        if persons := _named_persons(ctx, tree, k, head):
            return Side(persons=persons)  # "член делегации Андрей Лазаров осмотрел завод": he, not all of it
        return _resolve_head(ctx, tree, k, whole)  # "члены делегации осмотрели завод": the delegation
    if (place := _nationals_delegation(ctx, head)) is not None:
        return Side(bodies=[place], groups=[place])  # "белорусы побывали на заводе": the Belarusian guests
    if head.lemma in words().counterparts and ctx.delegation and counterpart(ctx, k, head) == ctx.delegation:
        # "казахстанской стороне показали завод", "казахстанские коллеги ознакомились с работой центра": the
        # side of the country the article's guests are from
        return Side(bodies=[ctx.delegation], groups=[ctx.delegation])
    if place := residents_place(ctx, head):
        # "павлодарцев принял губернатор", "южноуральцы побывали на заводе": the place's people, as a group
        if not ctx.delegation:
            ctx.delegation = place
        elif place in _places_of_body(ctx, ctx.delegation):
            place = ctx.delegation  # "карагандинцев" after "Бизнес-миссия Палаты предпринимателей Карагандинской
            # области": the chamber's people, not the region's (spec)
        return Side(bodies=[place], groups=[place])
    if head.lemma in words().collectives:
        # companies of a region stand for it, and the ones it names for themselves ("такие омские
        # предприятия, как ЗАО «Сибирь», ООО «Технотент»"); they did not travel as one delegation
        side = _group(ctx, tree, k, head, fallback=False)
        named = [r.key for r in _phrase_refs(ctx, tree, k, head) if r.type == "Organization"]
        if not side.bodies and not named and _of_both(tree, head) and ctx.home and ctx.partner:
            return Side(bodies=[ctx.home, ctx.partner])  # "предприятия двух регионов": the article's two
        return Side(bodies=side.bodies + [n for n in named if n not in side.bodies])
    if head.lemma in words().executives:
        # "акимат Алматинской области", "правительство края": a place's executive body is the place (spec)
        places = [r.key for r in _phrase_refs(ctx, tree, k, head) if r.type in ("Region", "City")]
        if places:
            return Side(bodies=most_specific(ctx, places)[:1])
        if (region := unnamed_region(ctx, tree, head)) is not None:
            return Side(bodies=[region])
    if head.lemma in words().office_words:  # "дипломат встретился": the one ambassador the article named
        holders = [h for office in words().office_words[head.lemma] for h in _holder(ctx, office, [])]
        return Side(persons=holders[:1]) if len(set(holders)) == 1 else Side()
    if head.lemma in words().offices or _title_word(head):
        persons = _named_persons(ctx, tree, k, head)
        places = most_specific(ctx, [r.key for r in _phrase_refs(ctx, tree, k, head) if r.type in BODIES])
        holder = persons or _holder(ctx, head.lemma, places) or _both_holders(ctx, tree, head, places)
        if not holder and head.lemma in HEAD_SYNONYMS and places:
            # "руководитель Татарстана побывал в Астане": the head named before, whatever his title
            holder = heads_of(ctx, places)[:1]
        elif not holder and head.lemma in HEAD_SYNONYMS and of_a_region_word(tree, head):
            # "В ходе визита глава региона ознакомился с работой завода": the one head of a region the article
            # names (with two, the visitor's and the host's, it does not say which)
            heads = heads_of(ctx, [r.key for r in ctx.refs if r.type == "Region"])
            holder = heads if len(heads) == 1 else []
        if holder:
            return Side(persons=holder)
        # "акимы Павлодарской и Восточно-Казахстанской областей": no one named, the places they stand for
        return Side(represented=places)
    return Side()


def unnamed_region(ctx: Context, tree: Tree, body: Token) -> str | None:
    """ "Акимат области и ООО «X» подписали": the executive of a region the phrase does not name is the
    article's region of the country that has such bodies (akimats are Kazakh, hokimiyats Uzbek)."""
    from coopgraph.ingest.positions import offices  # positions reads discourse

    if not any(c.lemma in ("область", "регион", "край") and c.rel == "nmod" for c in tree.children(body)):
        return None
    country = next((c for w, c in offices().body_countries.items() if body.lemma.startswith(w)), None)
    return focus_region(ctx, country)


def focus_region(ctx: Context, country: str | None) -> str | None:
    """The article's most salient region of `country` (of any country when None)."""
    return next(
        (k for k in ctx.focus if k.startswith("Region:") and (country is None or country_code(ctx, k) == country)),
        None,
    )


def _title_word(tok: Token) -> bool:
    """A word the offices lexicon opens a title with ("проректор", "декан", "вице-президент")."""
    from coopgraph.ingest.positions import offices

    found = offices().title_opening(tok.text)
    return found is not None and found.end() == len(tok.text)


def _neighbouring(tree: Tree, dep: Token) -> bool:
    """ "соседней области", "соседнего региона": the partner across the border, unnamed."""
    from coopgraph.ingest.trade_words import trade_words

    w = trade_words()
    return dep.lemma in w.home_nouns and any(c.lemma in w.neighbour_adjectives for c in tree.children(dep))


def _across_from_home(ctx: Context) -> str | None:
    """The article's first place across the border from its home region."""
    home = ctx.table.get(ctx.home) if ctx.home else None
    if home is None:
        return None
    for key in ctx.focus:
        ent = ctx.table.get(key)
        if ent is not None and ent.type in ("Region", "City") and ent.country != home.country:
            return key
    return None


def _members_of(tree: Tree, head: Token) -> Token | None:
    """The group a member noun is of: "члены делегации", "участники бизнес-миссии"; or the genitive group noun
    right after it (adjectives between) that the parser hung elsewhere."""
    child = next(
        (c for c in tree.children(head) if c.feats.get("Case") == "Gen" and words().is_group(c.lemma)),
        None,
    )
    if child is not None:
        return child
    for tok in tree.sent.tokens[head.i + 1 : head.i + 4]:
        if tok.feats.get("Case") == "Gen" and words().is_group(tok.lemma):
            return tok
        if tok.pos != "ADJ":
            return None
    return None


def _visiting_head_region(ctx: Context, country: str) -> str | None:
    """The one region of `country` whose head the article already has visiting (a VISITED from a person who
    holds an office of that region)."""
    found = set()
    for rel in ctx.relations.values():
        if rel.type == "VISITED" and rel.source_key.startswith("Person:"):
            place = region_of_person(ctx, rel.source_key)
            ent = ctx.table.get(place) if place else None
            if ent is not None and ent.type == "Region" and ent.country == country:
                found.add(place)
    return found.pop() if len(found) == 1 else None


def _nationals_delegation(ctx: Context, head: Token) -> str | None:
    """ "Белорусы побывали на предприятиях": the article's delegation, when it is from the country named."""
    country = words().nationals.get(head.lemma)
    if country is None or head.feats.get("Number") != "Plur" or not ctx.delegation:
        return None
    entity = ctx.table.get(ctx.delegation)
    if entity is None or (entity.country or ctx.delegation.partition(":")[2]) != country:
        return None
    return ctx.delegation


def residents_place(ctx: Context, head: Token) -> str | None:
    """The place a resident noun stands for ("омичи": Omsk oblast, else Omsk), if the article names it."""
    for code in words().resident_codes(head):
        found = [e.key for e in ctx.table.of_type(*PLACES) if e.key.partition(":")[2] == code]
        if found:
            return found[0]
    return None


def _pronoun_person(ctx: Context, k: int, head: Token) -> str | None:
    """ "Тогда он прибыл в Астану": the person last named in the nominative (a subject) in this or the two
    sentences before, else the person named last."""
    found = [r for r in ctx.refs if r.type == "Person" and k - 2 <= r.sent <= k and r.start < head.start]
    if not found:
        return None
    subjects = []
    for r in found:
        first = next((t for t in ctx.sentences[r.sent].tokens if t.start <= r.start < t.end), None)
        if first is not None and first.feats.get("Case") == "Nom":
            subjects.append(r)
    return max(subjects or found, key=lambda r: r.start).key


def _last_visitor(ctx: Context, k: int) -> str | None:
    """The person of the last visit stated up to sentence k."""
    found = [
        r.source_key
        for r in ctx.relations.values()
        if r.type == "VISITED" and r.source_key.startswith("Person:") and ctx.sentence_of(r.evidence.start) <= k
    ]
    return found[-1] if found else None


def heads_of(ctx: Context, parties: list[str]) -> list[str]:
    """The persons named as head (губернатор, аким, председатель облисполкома) of the given regions."""
    out = []
    for rel in ctx.relations.values():
        if (
            rel.type == "HOLDS_POSITION"
            and rel.title in HEAD_TITLES
            and rel.target_key in parties
            and rel.source_key not in out
        ):
            out.append(rel.source_key)
    return out


def of_a_region_word(tree: Tree, head: Token) -> bool:
    """ "глава региона", "руководитель области": the office's genitive is a region's common noun."""
    return any(c.lemma in ("регион", "область", "край") and c.feats.get("Case") == "Gen" for c in tree.children(head))


def _holder(ctx: Context, office: str, places: list[str]) -> list[str]:
    """The one person the article names in this office (of these places, if the phrase names them):
    "посол ... впервые посетил", "Премьер-министр Беларуси посетил" with the name in another sentence."""
    found = _holders(ctx, office, places)
    return found if len(found) == 1 else []


def _both_holders(ctx: Context, tree: Tree, head: Token, places: list[str]) -> list[str]:
    """ "председатели двух представительных органов подписали": a plural office counted as two ("двух", "обоих")
    is the two persons the article names in it."""
    counted = any(t.lemma in ("два", "оба") for t in tree.phrase(head))
    if head.feats.get("Number") != "Plur" or not counted:
        return []
    found = _holders(ctx, head.lemma, places)
    return found if len(found) == 2 else []


def _holders(ctx: Context, office: str, places: list[str]) -> list[str]:
    """Every person the article names in this office (of these places, if given)."""
    found: list[str] = []
    for rel in ctx.relations.values():
        if rel.type != "HOLDS_POSITION" or not rel.title or office not in rel.title.split():
            continue
        if places and rel.target_key not in places:
            continue
        if rel.source_key not in found:
            found.append(rel.source_key)
    return found


def _named_persons(ctx: Context, tree: Tree, k: int, head: Token) -> list[str]:
    """Persons named in an office phrase ("губернатор Омской области Виталий Хоценко"), not those coordinated with
    it ("председатель облисполкома и Ерболат Жумагулов": `resolve` takes each conjunct on its own)."""
    others = [t for c in tree.children(head) if c.rel == "conj" for t in tree.phrase(c)]
    return [
        r.key
        for r in _phrase_refs(ctx, tree, k, head)
        if r.type == "Person" and not any(t.start <= r.start < t.end for t in others)
    ]


def _phrase_refs(ctx: Context, tree: Tree, k: int, head: Token) -> list[Ref]:
    """Mentions in a phrase, the outermost only: "посольства Казахстана" is the embassy, not the country."""
    tokens = tree.phrase(head)
    spans = [(t.start, t.end) for t in tokens]
    refs = [r for r in ctx.refs_in(k) if any(s <= r.start < e for s, e in spans)]
    return [
        r
        for r in refs
        if not any(
            o is not r and o.start <= r.start and r.end <= o.end and (o.end - o.start) > (r.end - r.start) for o in refs
        )
    ]


_BOTH = {"два", "оба", "обе"}
_PAIRED_PLACES = {"регион", "область", "край", "сторона", "город"}


def _of_both(tree: Tree, head: Token) -> bool:
    """ "предприятия двух регионов", "бизнес обеих областей": of the article's two places."""
    return any(
        c.rel == "nmod" and c.lemma in _PAIRED_PLACES and any(n.lemma in _BOTH for n in tree.children(c))
        for c in tree.children(head)
    )


# Kinds of bodies whose countries, listed, say where an audience came from, not who took part: "представители
# туристических организаций, авиакомпаний и туроператоров Узбекистана, Казахстана, Кыргызстана, Турции".
_AUDIENCE_BODIES = frozenset(
    {"организация", "компания", "авиакомпания", "туроператор", "предприятие", "фирма", "вуз", "бизнес", "СМИ"}
)


def _international_audience(dep: Token, refs: list[Ref]) -> bool:
    """Bodies of three countries or more, named by their kind alone: an audience, no side of the article."""
    countries = {r.key for r in refs if r.type == "Country"}
    return dep.lemma in _AUDIENCE_BODIES and len(countries) >= 3 and all(r.type == "Country" for r in refs)


def _without_placed(ctx: Context, k: int, refs: list[Ref]) -> list[Ref]:
    """ "Делегация Саратовской областной думы в Западно-Казахстанской области": a place "в" puts the body in is
    where the group is, not where it comes from ("полпредства Правительства Кыргызской Республики в Чуйской
    области" names the region's own body: no body but a country is left without it)."""
    tokens = ctx.sentences[k].tokens

    def placed(r: Ref) -> bool:
        at = next((t.i for t in tokens if t.start <= r.start < t.end), None)
        return (
            at is not None and at > 0 and tokens[at].feats.get("Case") == "Loc" and tokens[at - 1].lemma in ("в", "во")
        )

    kept = [r for r in refs if not placed(r)]
    return kept if any(r.type in BODIES and r.type != "Country" for r in kept) else refs


def _group(ctx: Context, tree: Tree, k: int, head: Token, fallback: bool = True) -> Side:
    """A delegation: where it comes from (its genitive, "из X", a place adjective, else the delegation the
    article spoke of last) and the persons leading it or named in it."""
    side = Side()
    named_countries: list[str] = []
    adjectives: list[str] = []  # the places a place adjective names ("новосибирские гости")
    for dep in tree.children(head):
        shape = shape_of(tree, dep)
        refs = _phrase_refs(ctx, tree, k, dep)
        if _international_audience(dep, refs):
            continue
        clause = dep.pos in ("VERB", "AUX") or dep.feats.get("VerbForm") in ("Part", "Conv")
        if (shape in ORIGIN_SHAPES and dep.i > head.i and not clause) or dep.rel == "amod" and not clause:
            # a participle agrees with its noun ("делегации, побывавшей в Приуралье"): where it went, not whence
            if dep.rel != "amod":  # a genitive follows its noun: what the parser hung on it from before does not
                refs = _without_placed(ctx, k, [r for r in refs if r.start > head.start])
            refs = _without_qualifying_regions(ctx, _without_locating_brackets(ctx, refs))
            side.bodies += [r.key for r in refs if r.type in BODIES and r.key not in side.bodies]
            if dep.rel != "amod":  # "делегацию Республики Казахстан": the country named by its noun
                named_countries += [r.key for r in refs if r.type == "Country"]
            else:
                adjectives += [r.key for r in refs]
            side.persons += [r.key for r in refs if r.type == "Person" and r.key not in side.persons]
        elif (
            shape in LEAD_SHAPES
            or dep.rel in ("appos", "nmod", "acl")
            and dep.lemma not in HOST_NOUNS
            or dep.rel == "acl:relcl"
            and dep.lemma in MEMBER_VERBS  # "делегация, в которую вошли X и Y"
        ):
            side.persons += [r.key for r in refs if r.type == "Person" and r.key not in side.persons]
    if not side.bodies and any(_neighbouring(tree, dep) for dep in tree.children(head)):
        side.bodies += [p for p in [_across_from_home(ctx)] if p]  # "делегация соседней области"
    if not side.persons:
        side.persons += _leaders_after(ctx, k, head) or _participle_leaders(ctx, tree, k, head)
    if not side.bodies and side.persons and _of_a_region(tree, head):
        # "заместитель акима Туркестанской области, возглавляющий делегацию региона": the region's delegation
        # (spec), the region its leader serves, even after "казахстанская делегация" in the headline
        side.bodies += [r for r in [region_of_person(ctx, side.persons[0], ("Region",))] if r]
    if not side.bodies:
        side.bodies += (
            _adjacent_origin(ctx, k, head)
            or _kind_named_before(ctx, k, head)
            or _firm_named_before(ctx, k, head)
            or body_named_before(ctx, k, head)
        )
    side.bodies = most_specific(ctx, side.bodies)
    if not side.bodies and side.persons:
        side.bodies += [r for p in side.persons if (r := headed_region(ctx, p))][:1]
    if not side.bodies:
        side.bodies += demonyms_before(ctx, k, head) or _national_delegation(ctx, k, head)
        adjectives += side.bodies
    if side.bodies and side.bodies[0] in adjectives and side.bodies[0] in _places_of_body(ctx, ctx.delegation):
        # "делегацию Торгово-промышленной палаты Новосибирской области ... новосибирские гости побывали": the
        # chamber's delegation, which is not the region's (spec)
        side.bodies = [str(ctx.delegation)]
    if side.bodies and side.bodies[0].startswith("Country:") and side.bodies[0] not in named_countries:
        # "Белорусская делегация" after "делегация Могилевской области": the same guests; "узбекская
        # делегация" after "Хоким Ташкентской области прибыл": the delegation its head leads
        code = side.bodies[0].split(":")[-1]
        region = ctx.table.get(ctx.delegation) if ctx.delegation else None
        if region is not None and region.country == code:
            side.bodies = [region.key]
        elif region is None and (led := _visiting_head_region(ctx, code)):
            side.bodies = [led]
        elif region is None and (mission := ctx.table.get(delegation_named_before(ctx, k, back=k) or "")):
            if mission.country == code:  # "Белорусская делегация" after "бизнес-миссия Витебской области"
                side.bodies = [mission.key]
    return _articles_delegation(ctx, k, side) if fallback else side


def _articles_delegation(ctx: Context, k: int, side: Side) -> Side:
    """A delegation phrase naming no side is the one the sentence before named as visiting, else the article's
    (and the first one named becomes the article's)."""
    recent = delegation_named_before(ctx, k, back=1) if not side.bodies and ctx.delegation else None
    if recent and any(r.type == "VISITED" and r.source_key == recent for r in ctx.relations.values()):
        # "В декабре в Таразе побывала делегация Брестской области ... Гости посетили завод": the delegation
        # the sentence before named as visiting, not the article's first one
        side.bodies.append(recent)
    if not side.bodies and not ctx.delegation and (named := delegation_named_before(ctx, k)):
        side.bodies.append(named)  # "Делегация приняла участие ..." read before the visits set the article's
    if not side.bodies and ctx.delegation:
        side.bodies.append(ctx.delegation)
    elif side.bodies and not ctx.delegation:
        ctx.delegation = side.bodies[0]
    elif side.bodies and _narrows(ctx, ctx.delegation, side.bodies[0]):
        # "Делегация из Китая прибыла" in the headline, "Делегация из Илийского округа" in the body: the guests
        # the article goes on about are the region's
        ctx.delegation = side.bodies[0]
    if not side.bodies and not side.persons:
        # "Бизнес-миссия уральских компаний ... Делегацию возглавил X": a delegation of no region or body the
        # text names is the people it says led it
        side.persons = _leaders_of_unnamed_delegations(ctx, k)
    side.groups = list(side.bodies)
    return side


def _places_of_body(ctx: Context, key: str | None) -> set[str]:
    """Where an organisation's name puts it: a place named in it ("Палата предпринимателей Туркестанской
    области"), or the region an adjective of it is of ("Тюменский индустриальный университет")."""
    from coopgraph.ingest.places import place_key, region_named_in

    found = {p} if (p := body_place(ctx, key)) else set()
    ent = ctx.table.get(key) if key and key.startswith("Organization:") else None
    if ent is not None and (place := region_named_in(ent.name)) is not None:
        found.add(place_key(place))
    return found


def _narrows(ctx: Context, delegation: str | None, body: str) -> bool:
    """`body` is a region of the country the delegation was named by."""
    return bool(
        delegation
        and delegation.startswith("Country:")
        and body.startswith("Region:")
        and country_code(ctx, body) == delegation.split(":")[-1]
    )


def _leaders_of_unnamed_delegations(ctx: Context, k: int) -> list[str]:
    """Who led a delegation of no named side, and the members named with them ("Делегацию возглавил вице-президент
    палаты X, в ее состав вошла заместитель министра Y"): the people such a delegation is."""
    if ctx.cache.get("reading_leaders"):
        return []  # delegation_leaders resolves groups itself
    ctx.cache["reading_leaders"] = True
    try:  # reading them resolves every delegation of the article
        with keeping_delegation(ctx):
            led = [one for one in delegation_leaders(ctx) if one.side is None and one.sent <= k + 1]
    finally:
        ctx.cache["reading_leaders"] = False
    people = [p for one in led for j in (one.sent, one.sent + 1) for p in one.persons + named_members(ctx, j)]
    return list(dict.fromkeys(people))


_BULLETS = ("—", "–", "-", "•", "·", "*")


def named_members(ctx: Context, k: int) -> list[str]:
    """The persons sentence k lists as a delegation's members: "В составе делегации – заместитель акима X, ...",
    "аким Тараза Y, вошедший в состав делегации"."""
    if k >= len(ctx.sentences):
        return []
    sent = ctx.sentences[k]
    text = ctx.text[sent.start : sent.end]
    m = DELEGATION_MEMBERS.search(text) or _among_the_guests(ctx, k)
    if m is None:
        return []
    after = sent.start + m.end()
    # the list ends at the next clause's verb: "Гостей, в составе которых были X и Y, встретил аким Z"
    end = next(
        (
            t.start
            for t in sent.tokens
            if t.start > after
            and t.pos in ("VERB", "AUX")
            and t.feats.get("VerbForm") == "Fin"
            and t.lemma not in _LIST_VERBS
        ),
        sent.end,
    )
    members = [r.key for r in ctx.refs_in(k, "Person") if after <= r.start < end]
    if end == sent.end and text.rstrip().endswith(":"):
        # "В состав делегации вошли:" over a list, one "— title Name;" line each
        for j in range(k + 1, len(ctx.sentences)):
            if not ctx.sentences[j].text.lstrip().startswith(_BULLETS):
                break
            members += [r.key for r in ctx.refs_in(j, "Person")]
    joined = re.search(r"[,]?\s*вошедш\w+\s+$", text[: m.start()])
    if joined:  # "аким Тараза Бакытжан Оразалиев, вошедший в состав делегации": the one named before it
        before = [r for r in ctx.refs_in(k, "Person") if r.end <= sent.start + joined.start()]
        members += [before[-1].key] if before else []
    return list(dict.fromkeys(members))


# "Среди них — министр X и ректор Y" after "прибыли гости из Саратовской области": the guests' members
_AMONG = re.compile(r"^\s*[Сс]реди\s+(?:(?P<them>них)|гостей|делегатов|членов\s+делегации)\b")
_GUESTS_BEFORE = re.compile(r"делегаци|гост[иеяь]|делегат", re.I)


def _among_the_guests(ctx: Context, k: int) -> re.Match[str] | None:
    """ "Среди гостей —", and "Среди них —" when the sentence before spoke of guests or a delegation."""
    m = _AMONG.match(ctx.sentences[k].text)
    if m is None or m.group("them") and (k == 0 or not _GUESTS_BEFORE.search(ctx.sentences[k - 1].text)):
        return None
    return m


_LIST_VERBS = ("быть", "войти", "входить", "находиться")  # "в составе которых были ...": the list's own verb


@contextmanager
def keeping_delegation(ctx: Context) -> Iterator[None]:
    """Resolving a phrase that names a delegation in passing must not make it the one the article speaks of."""
    before = ctx.delegation
    try:
        yield
    finally:
        ctx.delegation = before


def delegation_named_before(ctx: Context, k: int, back: int = 3) -> str | None:
    """The region whose delegation (or business mission) the article spoke of last, in the `back` sentences up
    to sentence k: "делегация Астраханской области", "астраханская делегация", "бизнес-миссия Витебской
    области"."""
    named = [key for j in range(max(0, k - back), k + 1) for key in _delegations_in(ctx, j)]
    return named[-1] if named else None


def _delegations_in(ctx: Context, j: int) -> Iterator[str]:
    """The regions whose delegations sentence j names, in text order."""
    sent = ctx.sentences[j]
    for m in re.finditer(r"делегаци\w*|(?<![\w-])(?:бизнес-)?мисси\w*", sent.text, re.I):
        at = sent.start + m.start()
        near = [
            r
            for r in ctx.refs_in(j, "Region")
            if at < r.start <= at + m.end() - m.start() + 2 or r.via == "demonym" and 0 <= at - r.end <= 2
        ]
        if near:
            yield near[0].key


def _kind_named_before(ctx: Context, k: int, head: Token) -> list[str]:
    """ "Делегация аймака" after "губернатор Баян-Улгийского аймака": a place noun in the genitive right after
    the group noun, naming no place, is the one region of that kind the article named before it; so is an
    adjective of that kind right before it ("краевая делегация")."""
    toks = ctx.sentences[k].tokens
    at = toks.index(head)
    nxt = toks[at + 1] if at + 1 < len(toks) else None
    before = toks[at - 1] if at > 0 else None
    if before is not None and before.lemma in words().kind_adjectives:  # "краевая делегация"
        stem = words().kind_adjectives[before.lemma][:4]
    elif nxt is None or nxt.lemma not in words().place_nouns or nxt.feats.get("Case") != "Gen":
        return []
    else:  # as written: the parse may read "аймака" as "района"; "края" is "край"
        word = ctx.text[nxt.start : nxt.end].lower()
        stem = word[: min(5, len(word) - 1)]
    named = {
        r.key
        for r in ctx.refs
        if r.type == "Region"
        and r.start < head.start
        and any(w.startswith(stem) for w in ctx.table.entities[r.key].name.lower().split())
    }
    return list(named) if len(named) == 1 else []


def _firm_named_before(ctx: Context, k: int, head: Token) -> list[str]:
    """ "делегация ТОО «Улытау Кен Инжиниринг»: представители компании побывали ...": a firm's noun in the
    genitive right after the group noun, naming none, is the organisation named last, in this sentence or the
    one before."""
    toks = ctx.sentences[k].tokens
    at = toks.index(head)
    nxt = toks[at + 1] if at + 1 < len(toks) else None
    if nxt is None or nxt.lemma not in words().firm_anaphors or nxt.feats.get("Case") != "Gen":
        return []
    if refs_at(ctx, k, nxt):
        return []  # the noun is part of a name: "представители Компании «X»"
    before = [r for j in (k - 1, k) if j >= 0 for r in ctx.refs_in(j, "Organization") if r.end <= head.start]
    return [before[-1].key] if before else []


def body_named_before(ctx: Context, k: int, head: Token) -> list[str]:
    """ "делегации омского вуза во главе с ректором" after "Омский государственный педагогический университет": a
    body's kind noun in the genitive after the group noun, an adjective maybe before it, is the one organisation
    of that kind (beginning with that adjective) the article named before."""
    from coopgraph.ingest.morph import lemma
    from coopgraph.ingest.org_names import name_lemmas, org_lexicon

    toks = ctx.sentences[k].tokens
    at = toks.index(head)
    adj = toks[at + 1] if at + 1 < len(toks) and toks[at + 1].pos == "ADJ" else None
    noun = toks[at + 2] if adj is not None and at + 2 < len(toks) else toks[at + 1] if at + 1 < len(toks) else None
    if noun is None or noun.lemma not in org_lexicon().heads or noun.feats.get("Case") != "Gen":
        return []
    if refs_at(ctx, k, noun) or adj is not None and refs_at(ctx, k, adj):
        return []  # a name: "делегация Омского университета"
    kinds = org_lexicon().heads_for(noun.lemma)
    named = list(
        dict.fromkeys(
            r.key
            for r in ctx.refs
            if r.type == "Organization" and r.start < head.start and kinds & name_lemmas(ctx, r.key)
        )
    )
    if adj is not None:
        named = [n for n in named if lemma(ctx.table.entities[n].name.split()[0].lower()) == adj.lemma]
    return named if len(named) == 1 else []


# "во" is "в" before some consonant clusters: the lead words are matched with it read as "в".
LEAD_WORDS = (("в", "глава", "с"), ("под", "руководство"), ("в", "состав"))


def _adjacent_origin(ctx: Context, k: int, head: Token) -> list[str]:
    """A place named right after the group noun ("делегация Курганской области", "гости из Омска"), read
    off the tokens when the parser hung the genitive elsewhere."""
    tokens = ctx.sentences[k].tokens
    nxt = head.i + 1
    if nxt < len(tokens) and tokens[nxt].lemma in ("из", "от"):
        nxt += 1
    if nxt >= len(tokens):
        return []
    start = tokens[nxt].start
    return [r.key for r in ctx.refs_in(k) if r.type in BODIES and r.start == start]


def _leaders_after(ctx: Context, k: int, head: Token) -> list[str]:
    """Persons after "во главе с" / "под руководством" that the parser hung elsewhere: the named persons
    from the lead words to the end of the clause (a comma after a name, a verb)."""
    tokens = ctx.sentences[k].tokens
    lemmas = ["в" if t.lemma == "во" else t.lemma for t in tokens]
    for i in range(head.i + 1, len(tokens)):
        for words in LEAD_WORDS:
            if lemmas[i] == words[0] and tuple(lemmas[i : i + len(words)]) == words:
                end = next((t.end for t in tokens[i + len(words) :] if t.pos in ("VERB", "AUX")), tokens[-1].end)
                return [r.key for r in ctx.refs_in(k, "Person") if tokens[i].start < r.start < end]
    return []


def _of_a_region(tree: Tree, head: Token) -> bool:
    """ "делегация региона", "делегацию области": a region's delegation the phrase does not name."""
    return any(c.rel == "nmod" and c.lemma in ("регион", "область", "край") for c in tree.children(head))


def _participle_leaders(ctx: Context, tree: Tree, k: int, head: Token) -> list[str]:
    """ "X, возглавляющий делегацию": the persons named in the noun a participle of leading agrees with."""
    verb = tree.parent(head)
    if verb is None or verb.lemma not in LEAD_VERBS or verb.rel != "acl":
        return []
    return _participle_noun_persons(ctx, tree, k, verb)


def _participle_noun_persons(ctx: Context, tree: Tree, k: int, verb: Token) -> list[str]:
    """The persons named in the noun the participle `verb` hangs on, not in its conjuncts ("X, возглавляющий
    делегацию, и председатель Y": X alone)."""
    noun = tree.parent(verb)
    if noun is None:
        return []
    names = [c for c in tree.children(noun) if c.rel in ("appos", "flat:name")]
    inside = [noun, *(t for c in names for t in tree.phrase(c))]
    return [r.key for r in refs_in_tokens(ctx, k, inside) if r.type == "Person"]


def headed_region(ctx: Context, person: str) -> str | None:
    """The region a delegation's leader heads ("делегация во главе с акимом Актюбинской области ...")."""
    for rel in ctx.relations.values():
        if rel.type == "HOLDS_POSITION" and rel.source_key == person and rel.title in HEAD_TITLES:
            return rel.target_key
    return None


def _without_locating_brackets(ctx: Context, refs: list[Ref]) -> list[Ref]:
    """ "делегация Таласского аграрного института (Кыргызская Республика)": see `locates_an_organisation`."""
    orgs = [r.end for r in refs if r.type == "Organization"]
    return [r for r in refs if r.type == "Organization" or not locates_an_organisation(ctx, r, orgs)]


def _without_qualifying_regions(ctx: Context, refs: list[Ref]) -> list[Ref]:
    """ "делегация из Или-Казахского автономного округа Синьцзян-Уйгурского автономного района": a region in the
    genitive right after another, nothing between, says where that one is; the delegation is the first's."""
    regions = sorted((r for r in refs if r.type == "Region"), key=lambda r: r.start)
    inner = {
        b.start for a, b in zip(regions, regions[1:]) if a.end <= b.start and not ctx.text[a.end : b.start].strip()
    }
    return [r for r in refs if r.type != "Region" or r.start not in inner]


def locates_an_organisation(ctx: Context, ref: Ref, org_ends: list[int]) -> bool:
    """A place in brackets, or "из" a place, right after an organisation only says where it is: "ТОО
    «Тараз-Фосфор» (Жамбылская область)", "института (Кыргызская Республика)", "ООО «X» из города Ангрена"."""
    return any(
        re.fullmatch(r"\s*\(\s*|\s+из\s+(?:города\s+|г\.\s*)?", ctx.text[e : ref.start])
        for e in org_ends
        if e <= ref.start
    )


def most_specific(ctx: Context, keys: list[str]) -> list[str]:
    """ "делегация Таласской области Кыргызской Республики": the country only locates the region."""
    countries = {e.country for key in keys if (e := ctx.table.get(key)) is not None and e.type in ("Region", "City")}
    return [key for key in keys if not (key.startswith("Country:") and key.split(":")[-1] in countries)]


def demonyms_before(ctx: Context, k: int, head: Token) -> list[str]:
    """ "астраханская делегация", "омские гости": the place behind the adjective right before the noun, and
    those coordinated with it ("павлодарские и омские предприятия")."""
    from coopgraph.ingest.trade import demonym_key

    sent = ctx.sentences[k]
    out: list[str] = []
    end = head.start
    for dm in sorted(ctx.demonyms, key=lambda d: d.start, reverse=True):
        if not sent.start <= dm.start < end or dm.end > end:
            continue  # (a second reading of the same adjective is no second place)
        gap = ctx.text[dm.end : end]
        if not (gap.strip() == "" and len(gap) <= 2 or out and re.fullmatch(r"\s*(?:,|и)\s*", gap)):
            break
        key = demonym_key(ctx, dm)
        if key is None:
            break
        out.insert(0, key)
        end = dm.start
    return out


def _national_delegation(ctx: Context, k: int, head: Token) -> list[str]:
    """ "Казахстанская делегация в Курганской области" over "Делегация Костанайской области провела переговоры":
    a country's adjective (no Country: the article never names it by a noun) means the one delegation of a region
    of that country the article names anywhere."""
    from coopgraph.ingest.places import place_key

    sent = ctx.sentences[k]
    dm = next((d for d in ctx.demonyms if sent.start <= d.start and 0 <= head.start - d.end <= 2), None)
    if dm is None or dm.place.type != "Country" or ctx.table.get(place_key(dm.place)) is not None:
        return []
    named = {key for j in range(len(ctx.sentences)) for key in _delegations_in(ctx, j)}
    ours = [key for key in named if country_code(ctx, key) == dm.place.code]
    return ours if len(ours) == 1 else []


def counterpart(ctx: Context, k: int, head: Token) -> str | None:
    """ "с казахстанскими партнерами", "белорусские коллеги": the article's region of the country the adjective
    names, or the country when the article names no region of it."""
    if head.lemma not in words().counterparts:
        return None
    from coopgraph.ingest.trade import demonym_key

    sent = ctx.sentences[k]
    dm = next((d for d in ctx.demonyms if sent.start <= d.start < head.start and 0 <= head.start - d.end <= 2), None)
    if dm is None:
        return None
    if dm.place.type == "Country" and (region := focus_region(ctx, dm.place.code)) is not None:
        return region  # the country need not be named by a noun to have its region named
    return demonym_key(ctx, dm)


def place_anaphor(ctx: Context, k: int, arg: Argument, away_from: list[str]) -> str | None:
    """ "В российский регион прибыла делегация", "делегация посетила область": a place noun naming no place
    is the place of its country (from its adjective) named last before it, away from the visitors' side."""
    if arg.head.lemma not in words().place_nouns or any(r.type in PLACES for r in arg.refs):
        return None
    if any(c.rel in ("nmod", "appos") and c.pos == "PROPN" for c in tree_of(ctx, k).children(arg.head)):
        return None  # "в район Солсбери": a name the gazetteer lacks still says which place it is
    if any(t.lemma == "наш" and t.head == arg.head.i for t in arg.tokens) and ctx.home and ctx.home not in away_from:
        return ctx.home  # "Гостями нашего региона стали ...": the outlet's own region ("столица нашей страны" is other)
    country = None
    for dm in ctx.demonyms:
        if any(t.start <= dm.start < t.end for t in arg.tokens):
            country = dm.place.country or (dm.place.code if dm.place.type == "Country" else None)
    away = {country_code(ctx, key) for key in away_from} - {None}
    before = sorted(
        (r for r in ctx.refs if r.type in ("Region", "City") and r.start < arg.head.start),
        key=lambda r: r.start,
        reverse=True,
    )
    for r in before:
        code = country_code(ctx, r.key)
        if r.key in away_from or (country and code != country) or (not country and code in away):
            continue
        return r.key
    return None


def org_anaphor(ctx: Context, k: int, arg: Argument) -> str | None:
    """ "Вчера завод посетила делегация" after "открылся завод «Омсктехуглерод»": a firm's or body's head noun
    that names none is the organisation with that head named last before it."""
    from coopgraph.ingest.org_names import org_lexicon

    head = arg.head
    if arg.refs or head.pos != "NOUN" or not org_lexicon().is_head(head.lemma):
        return None
    if any(c.rel in ("nmod", "appos") for c in tree_of(ctx, k).children(head)):
        return None  # "завод компании", "центр поддержки экспорта": it says whose or which
    before = [
        r
        for r in ctx.refs
        if r.type == "Organization" and r.end <= head.start and head.lemma in _name_lemmas(ctx, r.key)
    ]
    return max(before, key=lambda r: r.start).key if before else None


def _name_lemmas(ctx: Context, key: str) -> set[str]:
    from coopgraph.ingest.morph import lemma

    ent = ctx.table.get(key)
    return {lemma(w.lower()) for w in re.findall(r"\w+", ent.name)} if ent is not None else set()


def body_place(ctx: Context, key: str | None) -> str | None:
    """The place an organisation's name holds ("Палата предпринимателей Туркестанской области", "Торговая
    палата Кайсери"), if it holds one."""
    if not key or not key.startswith("Organization:"):
        return None
    spans = [(r.start, r.end) for r in ctx.refs if r.key == key]
    inside = [
        r for r in ctx.refs if r.type in ("Region", "City", "Country") and any(s <= r.start < e for s, e in spans)
    ]
    return inside[0].key if inside else None


def country_code(ctx: Context, key: str) -> str | None:
    """The country a place key is in (a country's own code for a country)."""
    ent = ctx.table.get(key)
    if ent is None:
        return None
    return ent.country or (ent.key.split(":")[-1] if ent.type == "Country" else None)


# Verbs that attribute a quote: "«...», – отметил аким", "Как сказал губернатор: «...»".
_SPEECH = (
    r"(?:отметил|сказал|заявил|подчеркнул|рассказал|сообщил|добавил|пояснил|поделился|констатировал|уточнил|"
    r"резюмировал|заключил|говорит|отмечает|подчеркивает|подчёркивает|рассказывает|считает|уверен)а?"
)
_AFTER_QUOTE = re.compile(rf"[»\"”]?\s*,?\s*[–—-]\s*{_SPEECH}\b(?P<who>[^.\n]{{0,120}})")
_BEFORE_QUOTE = re.compile(rf"(?P<who>[^.:\n«»\"]{{0,80}}\b{_SPEECH}\b[^.:\n«»\"]{{0,120}}):\s*[«\"“–—-]")


def speaker_place(ctx: Context, at: int) -> str | None:
    """Whose "мы" the words at `at` are: the place or body of the person the quote is attributed to, after
    it (", – отметил аким Талгат Мусин") or before it ("сказал губернатор: «...»"), in its paragraph."""
    end = ctx.text.find("\n", at)
    after = _AFTER_QUOTE.search(ctx.text, at, end if end >= 0 else len(ctx.text))
    spans = [(after.start("who"), after.end("who"))] if after else []
    start = ctx.text.rfind("\n", 0, max(0, ctx.text.rfind("\n", 0, at)))  # this paragraph and the one before
    before = list(_BEFORE_QUOTE.finditer(ctx.text, max(0, start), at))
    spans += [(before[-1].start("who"), before[-1].end("who"))] if before else []
    for lo, hi in spans:
        person = next((r.key for r in ctx.refs if r.type == "Person" and lo <= r.start < hi), None)
        if person is None and re.match(r"\s*(?:он|она)\b", ctx.text[lo:hi]):
            # "«...», – сказал он": the person named last before the quote
            person = next((r.key for r in reversed(ctx.refs) if r.type == "Person" and r.end <= at), None)
        if person is None:
            offices = [w for w in re.findall(r"[а-яё\-]+", ctx.text[lo:hi].lower()) if w in words().offices]
            holders = list(dict.fromkeys(h for w in offices for h in _holder(ctx, w, [])))
            if not holders and "глава" in offices:  # "глава региона": whichever head of a region
                holders = list(
                    dict.fromkeys(
                        r.source_key
                        for r in ctx.relations.values()
                        if r.type == "HOLDS_POSITION" and r.title in HEAD_TITLES
                    )
                )
            # "По его словам (губернатора) ... «Мы поставляем ...», – отметил глава региона": of two heads, the one
            # named last before the quote
            last = {h: max((r.start for r in ctx.refs if r.key == h and r.start < at), default=-1) for h in holders}
            person = holders[0] if len(holders) == 1 else max(holders, key=lambda h: last[h]) if holders else None
            if person is not None and last.get(person, 0) < 0:
                person = None
        place = region_of_person(ctx, person) if person else None
        if place is None and person is None and offices:
            # "«...», – рассказал аким СКО": an office without a name, of the place named beside it
            place = next((r.key for r in ctx.refs if r.type in ("Region", "City") and lo <= r.start < hi), None)
        if place:
            return place
    return None


# ... or in it: "заместитель губернатора X, прибывший в Усть-Каменогорск в составе делегации края"
# "во главе делегации", "во главе официальной актюбинской делегации", "в составе делегаций"
_AT_THE_HEAD = re.compile(r"(?:во главе|в составе)\s+(?:[а-яё]+(?:ой|ей|ых|их)\s+){0,2}делегаци")


def led_delegation(ctx: Context, m: FrameMatch, visitors: Side) -> list[str]:
    """ "аким X, прибывший в Самарканд во главе делегации региона": the delegation he led visited too, the
    region named after "делегации", else ("региона", "области") the one he heads."""
    if not visitors.persons:
        return []
    sent = ctx.sentences[m.sent]
    low = sent.text.lower()
    found = _AT_THE_HEAD.search(low)
    if found is None or found.start() < m.pred.start - sent.start:
        return []
    at = found.start()
    end = sent.start + found.end() + 2  # past "делегации" and the space after it
    named = [r.key for r in ctx.refs_in(m.sent, "Region", "City", "Country") if 0 <= r.start - end <= 2]
    # "во главе актюбинской делегации": the place's adjective before the noun
    named = named or [r.key for r in ctx.refs_in(m.sent, "Region", "City") if sent.start + at <= r.start < end]
    if named:
        return named[:1]
    if re.match(r"\s*(?:(?:региона|области|края|республики|провинции)\b|[.,;]|$)", ctx.text[end - 1 : end + 12]):
        # "во главе делегации региона", or of no place named ("прибыл в Новосибирск во главе делегации."): the
        # delegation of the region he heads
        # the participle's own noun is the last ("X и аким Алматинской области Y, прибывший ... во главе делегации
        # области": Y's, not the body X's title names)
        home = region_of_person(ctx, visitors.persons[-1])
        return [home] if home and home not in visitors.bodies else []
    return []


# An interview's lead ("Губернатор Астраханской области Олег Ларионов в интервью нашему изданию рассказал ...",
# "Аким ... рассказал нашему изданию ..."), and its questions and answers, on lines opening with a dash
INTERVIEW = re.compile(
    r"\bинтервью\b|\b(?:нашему|нашей)\s+(?:изданию|газете|корреспонденту|редакции|агентству|порталу)\b|\bв\s+беседе\s+с\b"
    r"|\bмы\s+(?:поговорили|побеседовали)\s+с\b",  # "О результатах поездки мы поговорили с заместителем акима"
    re.I,
)
QA_LINE = re.compile(r"^\s*[—–-]\s+\S", re.M)


def interviewee(ctx: Context) -> str | None:
    """The person an interview is with: the one its lead names in the sentence saying "в интервью"."""
    if "interviewee" not in ctx.cache:
        who = None
        if len(QA_LINE.findall(ctx.text)) >= 2:
            # (a rubric "Интервью" in the page's breadcrumb names no one)
            leads = [ctx.refs_in(k, "Person") for k, s in enumerate(ctx.sentences[:6]) if INTERVIEW.search(s.text)]
            named = next((refs for refs in leads if refs), [])
            who = min(named, key=lambda r: r.start).key if named else None
        ctx.cache["interviewee"] = who
    found = ctx.cache["interviewee"]
    return found if isinstance(found, str) else None


def _interview_side(ctx: Context, head: Token) -> Side:
    """ "Вы" in a question is the one interviewed; "я" and "мы" in an answer are he (and "мы" his region)."""
    who = interviewee(ctx)
    if who is None:
        return Side()
    # the turn the word is in: the last line opening with a dash at or before it (an answer runs on over
    # paragraphs of its own)
    turns = list(QA_LINE.finditer(ctx.text, 0, head.end))
    if not turns:
        return Side()
    end = ctx.text.find("\n", turns[-1].start() + 1)
    question = ctx.text[turns[-1].start() : end if end >= 0 else len(ctx.text)].rstrip().endswith("?")
    if (head.lemma == "вы") != question:
        return Side()
    region = region_of_person(ctx, who) if head.lemma == "мы" else None
    return Side(persons=[who], bodies=[region] if region else [])


def _headed_place(ctx: Context, person: str) -> str | None:
    """The region or city the person is the head of (governor, akim, ...), if the article says."""
    for rel in ctx.relations.values():
        if rel.type == "HOLDS_POSITION" and rel.source_key == person and rel.title in HEAD_TITLES:
            if rel.target_key.startswith(("Region:", "City:")):
                return rel.target_key
    return None


def region_of_person(ctx: Context, person: str, types: tuple[str, ...] = ()) -> str | None:
    """The place (or body, of one of `types` if given) a person holds an office of, if the article says."""
    for rel in ctx.relations.values():
        if rel.type == "HOLDS_POSITION" and rel.source_key == person:
            ent = ctx.table.get(rel.target_key)
            if not types or (ent is not None and ent.type in types):
                return rel.target_key
    return None


def side_of(ctx: Context, key: str) -> str:
    """The party a place stands for: a city's region, else the place itself."""
    place = ctx.table.get(key)
    return f"Region:{place.region}" if place is not None and place.type == "City" and place.region else key


def same_side(ctx: Context, a: str, b: str | None) -> bool:
    """ "гости из Тюмени" and "делегация Тюменской области" are one side: a city and the region it is in."""
    return b is not None and (a == b or ("City:" in a + b and side_of(ctx, a) == side_of(ctx, b)))


@dataclass(frozen=True)
class Led:
    """ "Делегацию Карагандинской области возглавил X": who led a delegation, and whose it was (None: the one
    the article speaks of)."""

    sent: int
    persons: list[str]
    side: str | None
    places: list[str] = field(default_factory=list)  # "Делегацию региона в Казани возглавлял X": where it was


# who accompanies a delegation or brings it ("Делегацию привез министр") goes along too
LEAD_VERBS = ("возглавить", "возглавлять", "сопровождать", "сопроводить", "привезти", "привозить", "привести")


def delegation_leaders(ctx: Context) -> list[Led]:
    """Every "Делегацию (X) возглавил / сопровождает P" of the article, with the delegation it names."""
    out = []
    for k, sent in enumerate(ctx.sentences):
        if any(t.lemma in LEAD_VERBS for t in sent.tokens):
            out += _led_by_verb(ctx, k, tree_of(ctx, k))
        out += _led_by_apposition(ctx, k)
        out += _led_by_heading_dash(ctx, k)
    return out


# "Во главе делегации — заместитель секретаря парткома X": a verbless clause naming the leader after a dash
# "Руководитель миссии — заместитель акима X", "Глава делегации — X" too
_HEADING_DASH = re.compile(
    r"^\s*(?:(?:во|в)\s+главе|руководитель|глава)\s+(?:[а-яё]+\s+)?(?:бизнес-)?(?:делегаци|мисси)[а-яё]*\b"
    r"[^—–.;]{0,80}?\s[—–]\s",
    re.I,
)


def _led_by_heading_dash(ctx: Context, k: int) -> list[Led]:
    """ "Во главе делегации — X": the persons after the dash led the delegation the article speaks of (or the
    one the genitive after "делегации" names)."""
    sent = ctx.sentences[k]
    found = _HEADING_DASH.match(sent.text)
    if found is None:
        return []
    persons = [r.key for r in ctx.refs_in(k, "Person") if r.start >= sent.start + found.end()]
    named = [r.key for r in ctx.refs_in(k, "Region", "City", "Country") if r.start < sent.start + found.end()]
    return [Led(k, persons, named[0] if named else None)] if persons else []


def led_here(ctx: Context, k: int) -> list[Led]:
    """The delegations a verb of leading in sentence k says who led ("X возглавлял делегацию, которая ..."),
    read without making any of them the article's delegation."""
    if not any(t.lemma in LEAD_VERBS for t in ctx.sentences[k].tokens):
        return []
    with keeping_delegation(ctx):
        return _led_by_verb(ctx, k, tree_of(ctx, k))


def _led_by_verb(ctx: Context, k: int, tree: Tree) -> list[Led]:
    out = []
    for verb in tree.sent.tokens:
        if verb.lemma not in LEAD_VERBS or verb.pos != "VERB":
            continue
        kids = tree.children(verb)
        group = next((c for c in kids if c.rel == "obj" and words().is_group(c.lemma)), None)
        parent = tree.parent(verb)
        if group is None and verb.rel == "acl:relcl" and parent is not None and words().is_group(parent.lemma):
            # "делегация Таласской области, которую возглавил Бакыт Сыдыков": the noun the clause is of
            if any(c.rel == "obj" and c.lemma == "который" for c in kids):
                group = parent
        after = tree.sent.tokens[verb.i + 1] if verb.i + 1 < len(tree.sent.tokens) else None
        # "Возглавлял ее X" (the parser may read "ее" as X's own: "ее заместитель")
        her = any(c.rel == "obj" and c.lemma in _HER for c in kids) or after is not None and after.text.lower() in _HER
        if group is None and k > 0 and her:
            # "Делегация из Илийского округа находилась ... Возглавлял ее Лю Хунбинь": the delegation just named
            group = next((t for t in ctx.sentences[k - 1].tokens if words().is_group(t.lemma)), None)
            if group is not None:
                out += _led_by_pronoun(ctx, k, tree, verb, group)
            continue
        if group is None:
            continue
        named = resolve(ctx, tree, k, Argument("visitor", "acc", group, tree.phrase(group))).bodies
        persons = _verb_leaders(ctx, k, tree, verb)
        if persons and named and not refs_in_tokens(ctx, k, tree.phrase(group)):
            # a bare "Делегацию привез министр Омской области" after another region's delegation: his own
            own = region_of_person(ctx, persons[0], ("Region", "City"))
            named = [own] if own and not same_side(ctx, own, named[0]) else named
        elif persons and not named and len(tree.phrase(group)) == 1:
            # "— Вы возглавляли делегацию ...?" of an interview with a governor: a bare "делегация" its head
            # leads is his place's (spec, Clarifications)
            named = [own] if (own := _headed_place(ctx, persons[0])) else named
        out.append(Led(k, persons, named[0] if named else None, _led_where(ctx, tree, k, [group, verb])))
    return out


_HER = ("она", "ее", "её")


def _led_by_pronoun(ctx: Context, k: int, tree: Tree, verb: Token, group: Token) -> list[Led]:
    """The leaders the verb names, of the delegation `group` names in the sentence before."""
    before = tree_of(ctx, k - 1)
    with keeping_delegation(ctx):
        named = resolve(ctx, before, k - 1, Argument("visitor", "nom", group, before.phrase(group))).bodies
    persons = _verb_leaders(ctx, k, tree, verb)
    return [Led(k, persons, named[0] if named else None)] if persons else []


def _verb_leaders(ctx: Context, k: int, tree: Tree, verb: Token) -> list[str]:
    """The persons a verb of leading names: in its subject, else after it."""
    if verb.rel == "acl":  # "заместитель акима X, возглавляющий делегацию региона, и председатель Y"
        return _participle_noun_persons(ctx, tree, k, verb)
    return subject_persons(ctx, k, tree, verb) or _named_after_the_verb(ctx, k, verb)


def subject_persons(ctx: Context, k: int, tree: Tree, verb: Token) -> list[str]:
    """The persons a verb's subject names ("Его сопровождали министр X и министр Y"), or the one an
    interview's "вы"/"я"/"мы" is."""
    subjects = [c for c in tree.children(verb) if c.rel == "nsubj"]
    named = [
        r.key
        for c in subjects
        for r in ctx.refs_in(k, "Person")
        if any(t.start <= r.start < t.end for t in tree.phrase(c))
    ]
    return named or [p for c in subjects if c.pos == "PRON" for p in _resolve_head(ctx, tree, k, c).persons]


def _named_after_the_verb(ctx: Context, k: int, verb: Token) -> list[str]:
    """ "Делегацию возглавил заместитель акима X, в ее состав вошли Y и Z" parsed astray: the persons between
    the verb and the list of members (if any) lead."""
    sent = ctx.sentences[k]
    members = DELEGATION_MEMBERS.search(sent.text, verb.end - sent.start)
    end = sent.start + members.start() if members else sent.end
    return [r.key for r in ctx.refs_in(k, "Person") if verb.end <= r.start < end]


def _led_by_apposition(ctx: Context, k: int) -> list[Led]:
    """ "Делегация Курганской области во главе с губернатором X провела переговоры": whoever the phrase names
    as leading the delegation led it, whatever the sentence then says it did."""
    out = []
    tokens = ctx.sentences[k].tokens
    for group in tokens:
        if not words().is_group(group.lemma) or group.pos != "NOUN":
            continue
        i = group.i + 1
        if i < len(tokens) and tokens[i].lemma in ("из", "от") and tokens[i].pos == "ADP":
            i += 1  # "делегация из Омской области во главе с ...": where it came from, as its genitive
        while i < len(tokens) and tokens[i].pos in ("ADJ", "NOUN", "PROPN") and tokens[i].feats.get("Case") == "Gen":
            i += 1  # the delegation's own genitive: "делегация Курганской области"
        if tuple(t.lemma for t in tokens[i : i + 3]) not in (("в", "глава", "с"), ("во", "глава", "с")):
            continue
        persons = _leaders_after(ctx, k, group)
        title = tokens[i + 3] if i + 3 < len(tokens) else None
        if not persons and (title is None or title.lemma not in words().offices):
            continue
        tree = tree_of(ctx, k)
        with keeping_delegation(ctx):
            named = resolve(ctx, tree, k, Argument("visitor", "nom", group, tree.phrase(group))).bodies
        if not persons and named and title is not None:
            # "Делегация Карагандинской области во главе с акимом": the side's own holder of the office
            persons = _holder(ctx, title.lemma, named[:1])
        if persons:
            out.append(Led(k, persons, named[0] if named else None))
    return out


def _led_where(ctx: Context, tree: Tree, k: int, heads: list[Token]) -> list[str]:
    """The places "в X" (locative) hung on the delegation or on the verb of leading it."""
    out = []
    for c in (c for h in heads for c in tree.children(h)):
        if c.feats.get("Case") == "Loc" and tree.preposition(c) in ("в", "во"):
            out += [r.key for r in refs_at(ctx, k, c) if r.type in ("City", "Region", "Country")]
    return list(dict.fromkeys(out))
