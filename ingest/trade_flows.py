"""Trade statements to EXPORTS_TO: goods and sides resolved, a side the sentence leaves out taken from the
flow the article spoke of last or from the article's two parties, one relation per commodity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coopgraph.ingest.commodities import Good, GoodsRead, read_goods
from coopgraph.ingest.context import Context
from coopgraph.ingest.discourse import same_side
from coopgraph.ingest.records import PLACE_TYPES
from coopgraph.ingest.trade_contracts import contract_firms, contract_noun
from coopgraph.ingest.trade_directions import Direction, directions
from coopgraph.ingest.trade_frames import Statement, Trees, antecedent_goods, goods_of, is_fact, statements
from coopgraph.ingest.trade_sides import Flow, Side, fill_neighbour, frame_sides, mentions, partner
from coopgraph.ingest.trade_words import trade_words


@dataclass
class Memory:
    """The flow the article stated last: a later sentence's "туда", "груз" or missing side refers to it."""

    sent: int = -10
    exporters: list[str] = field(default_factory=list)
    importers: list[str] = field(default_factory=list)
    goods: list[Good] = field(default_factory=list)


@dataclass
class Pending:
    """A flow stated without a commodity: annotated only if no commodity flows between the two (spec)."""

    exporter: str
    importer: str
    sent: int
    rule: str


def _country(ctx: Context, key: str) -> str | None:
    ent = ctx.table.get(key)
    return (ent.country or key.split(":")[-1]) if ent is not None else None


_BOTH_SIDES = re.compile(r"\b(?:двух|обоих|обеих)\s+(?:регион|стран|област|сторон|город)", re.I)


class FrameFlows:
    """Reads the article's trade statements sentence by sentence, keeping the memory of the last flow."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.trees = Trees(ctx)
        self.memory = Memory()
        self.pending: list[Pending] = []
        self.pair_sent = -10  # the sentence that last set ctx.trade_pair
        self.ours: tuple[str, str] | None = None  # (the side the last statement was about, the other side)
        self.figure_kinds: dict[int, set[str]] = {}  # sentence → the kinds of the trade figures it states
        self.by_sent: dict[int, list[Statement]] = {}
        for st in statements(ctx, self.trees):
            self.by_sent.setdefault(st.match.sent, []).append(st)

    def sentence(self, k: int) -> None:
        for st in self.by_sent.get(k, []):
            tree = self.trees[k]
            plain = not (st.match.negated or st.match.plan or _planned(tree, st.match.pred))
            listed = directions(self.ctx, k, st.match.pred) if plain else []
            if listed:  # "Основные направления поставок: в Омск – пшеница, ...": a list of what went where
                self._directions(st, listed, k)
                continue
            deal = contract_firms(self.ctx, tree, st) if not st.match.negated else None
            # a signed contract's supply is agreed, even told in the future ("по которому ... поставит")
            if deal is not None or is_fact(tree, st):
                self._state(st, deal)

    def _state(self, st: Statement, deal: tuple[str, str] | None = None) -> None:
        ctx, k = self.ctx, st.match.sent
        if st.rule == "trade.main_goods" and max(self.pair_sent, self.memory.sent) < k - 2:
            return  # main goods of no flow stated nearby
        if st.rule == "trade.goods_named_after":
            self._named_after(st)
            return
        tree = self.trees[k]
        read = goods_of(ctx, tree, st)
        goods = self._goods(read, k)
        if goods is None:
            return  # the goods are no goods ("поставили задачу", "привезли специалистов")
        if not goods and st.match.frame == "demand" and not st.match.predicate.noun:
            return  # "наша продукция востребована в Омске": in demand is a flow only of goods it names
        if not goods and st.match.pred.lemma in trade_words().goods_only:
            return  # "делегация области, прибывшая в Омск": an arrival of no good is a visit
        flow = frame_sides(ctx, tree, st.match, st.args)
        if deal is not None:  # a supply contract between two firms: the supplier to the buyer, not their places
            flow.exporters, flow.importers = Side([deal[0]], stated=True), Side([deal[1]], stated=True)
        if st.match.pred.gap >= 0 and not any(_reverse(tree, c) for c in tree.children(st.match.pred)):
            self._gapped(flow, k)
        self._back(tree, st, flow, k)
        named = bool(flow.exporters.keys or flow.importers.keys)
        if not goods and not named:
            return  # a flow of nothing named between nobody named is no statement
        if deal is None and contract_noun(tree, st.match.pred) is not None:
            # "заключены три контракта на поставку рыбной продукции", "представители бизнеса двух регионов
            # заключили контракты на поставку ...": who supplies whom the contract does not say, and neither the
            # flow told before nor the two sides together answer it
            if not named or _BOTH_SIDES.search(ctx.sentences[k].text):
                return
        # goods in demand somewhere ("ферросплавы востребованы в Китае") are told from the seller's side, whose
        # region the article is about
        importing = (trade_words().owner.get(st.match.frame) == "importer" and st.match.frame != "demand") or (
            # "Импорт Турции из области Абай составил ..., основная часть – шерсть": the goods of an import
            st.rule == "trade.main_goods" and self._last_figure_kinds(k) == {"import"}
        )
        self._complete(flow, k, importing)
        exporters = [e for e in flow.exporters.keys if ctx.table.get(e) is not None]
        importers = [i for i in flow.importers.keys if ctx.table.get(i) is not None]
        pairs = [(e, i) for e in exporters for i in importers if not same_side(ctx, e, i)]
        if not pairs:
            self._remember(k, exporters, importers, goods)
            return
        for e, i in pairs:
            self._relate(e, i, k, goods, st.rule)
        self._remember(k, exporters, importers, goods)
        places = [p for p in pairs if all(key.split(":")[0] in PLACE_TYPES for key in p)]
        if places:  # the pair of places the trade is between; a firm's deal names no new pair
            ctx.trade_pair = places[0]
            self.pair_sent = k
            self.ours = places[0][::-1] if importing else places[0]

    def _last_figure_kinds(self, k: int) -> set[str]:
        """The kinds of the figures of sentence k, else of the nearest of the two before it ("Импорт области из
        Китая составил ... Основные позиции — электроника": the goods of that import)."""
        return next((kinds for j in (k, k - 1, k - 2) if (kinds := self.figure_kinds.get(j))), set())

    def _directions(self, st: Statement, listed: list[Direction], k: int) -> None:
        """ "По направлениям поставок: в Омск – пшеница, в Тюмень – ячмень": one flow per item, its other side
        the flow spoken of last (else the article's own region)."""
        importing = trade_words().owner.get(st.match.frame) == "importer"
        for item in listed:
            flow = Flow()
            (flow.importers if item.into else flow.exporters).add([item.place])
            self._complete(flow, k, importing)
            goods = self._goods(read_goods(self.ctx, k, item.goods), k) or []
            for e in flow.exporters.keys:
                for i in flow.importers.keys:
                    if not same_side(self.ctx, e, i):
                        self._relate(e, i, k, goods, "frame:trade.directions")

    def _gapped(self, flow: Flow, k: int) -> None:
        """ "отправил в Узбекистан катанку, а в Кыргызстан – кабель": a gapped clause keeps the side of the clause
        before that it leaves out; but one whose named side is that clause's other side ("Казахстан поставляет в
        Узбекистан пшеницу, а Узбекистан – фрукты", "павлодарцы везут соседям катанку, новосибирцы – запчасти")
        runs the other way, to the named side's partner."""
        mem = self.memory
        for side, other, last in (
            (flow.exporters, flow.importers, mem.exporters),
            (flow.importers, flow.exporters, mem.importers),
        ):
            if side.stated:
                continue
            if mem.sent == k and last and not set(last) & set(other.keys):
                side.add(list(last))
            else:
                fill_neighbour(self.ctx, side, other, k)

    def _back(self, tree, st: Statement, flow: Flow, k: int) -> None:
        """ "везут фрукты, обратно идут мука": the flow spoken of last, the other way round."""
        mem = self.memory
        if flow.exporters.keys or flow.importers.keys or mem.sent < k - 1 or not (mem.exporters and mem.importers):
            return
        if any(_reverse(tree, c) for c in tree.children(st.match.pred)):
            flow.exporters.keys, flow.importers.keys = list(mem.importers), list(mem.exporters)

    def _named_after(self, st: Statement) -> None:
        """Goods named in the sentence after a flow stated with none ("товаров на 120 млн долларов")."""
        k, mem = st.match.sent, self.memory
        if mem.sent != k - 1 or mem.goods or not (mem.exporters and mem.importers):
            return
        goods = goods_of(self.ctx, self.trees[k], st).goods
        for e in mem.exporters:
            for i in mem.importers:
                self._relate(e, i, k, goods, st.rule)
        self.memory = Memory(k, mem.exporters, mem.importers, goods)

    def _goods(self, read: GoodsRead, k: int) -> list[Good] | None:
        """Commodities of the statement; [] for goods of no class or none stated; None for no goods at all."""
        if read.goods:
            # "дорожный битум и сжиженный газ" with "сжиженный" read as a verb: "газ" once more, inside the other
            return [
                g
                for g in read.goods
                if not any(o.start < g.start and o.end == g.end and o.name.endswith(" " + g.name) for o in read.goods)
            ]
        if read.pronoun is not None:
            return antecedent_goods(self.ctx, self.trees, k, read.pronoun) or []
        if read.generic and self.memory.sent == k - 1 and self.memory.goods and not self._closed():
            return list(self.memory.goods)  # "... 145 тыс. т зерновой продукции. Получателями груза стали ..."
        if read.other and not read.generic:
            return None
        mem = self.memory
        if mem.sent == k and mem.goods and not mem.importers:
            # "шерсть компания отправляет на экспорт: география поставок охватывает Китай, Турцию": the goods of
            # the flow the sentence left open, whose destinations this statement names
            return list(mem.goods)
        return []

    def _closed(self) -> bool:
        return bool(self.memory.exporters and self.memory.importers)

    def _complete(self, flow: Flow, k: int, importing: bool) -> None:
        """A side the sentence does not state: the flow spoken of last, else the article's other party."""
        ctx, mem = self.ctx, self.memory
        recent = mem.sent >= k - 2
        sides = (
            (flow.exporters, flow.importers, mem.exporters, mem.importers),
            (flow.importers, flow.exporters, mem.importers, mem.exporters),
        )
        for side, other, last_same, last_other in sides:
            if side.deixis and not side.keys:
                # "Мы поставляем в Узбекистан цемент, а оттуда завозим овощи", "С Оренбуржьем оборот
                # сбалансированный: оттуда завозим металлопрокат": the place named last before it in its
                # sentence; else ("Туда было экспортировано ...") the same side of the flow spoken of last
                before = [
                    r.key
                    for r in ctx.refs_in(k, "Region", "City", "Country")
                    if r.end <= side.deixis_at and r.key not in other.keys
                ]
                if not before and k > 0 and (mem.sent < k - 1 or mem.sent >= k):
                    # "С Самарской областью структура торговли разнообразнее. Туда экспортировались ...": the
                    # sentence before named the place and stated no flow of its own (a flow of this sentence
                    # that names no place, "республика остается покупателем: туда экспортировано", is no guide)
                    before = [r.key for r in ctx.refs_in(k - 1, "Region", "City", "Country") if r.key not in other.keys]
                # "В Китай из Жамбылской области поставляются удобрения, а оттуда ввозятся ...": after a flow
                # stated earlier in the sentence, the place it went to (came from) is where "оттуда" ("туда") points
                contrast = [b for b in before if mem.sent == k and b in last_other]
                if contrast or before:
                    side.keys = (contrast or before)[-1:]
                elif recent:
                    # "there" is the partner the last flow went to or came from, never the article's own side:
                    # "поставляем в республику металлопрокат, а оттуда везем уголь"
                    there = [x for x in list(mem.importers) + list(mem.exporters) if x != ctx.home]
                    there = [x for x in there if x not in other.keys]
                    side.keys = there[:1] if there else list(last_same)
                else:
                    side.keys = []
        for side, other, last_same, last_other in sides:
            if not (side.keys or side.stated or side.deixis):
                side.keys = self._stand_in(other, last_same, last_other, recent)
        ours = self.ours or ctx.trade_pair or self._article_pair()
        if (
            not flow.exporters.keys
            and not flow.importers.keys
            and ours
            and not (flow.exporters.stated or flow.importers.stated)
        ):
            # "Импортируются средства транспорта" after "область отправляет в Беларусь уголь": the side the
            # article's last statement was about imports, from the other side
            exporter, importer = ours[::-1] if importing else ours
            flow.exporters.keys, flow.importers.keys = [exporter], [importer]
        self._home_subject(flow, importing)

    def _article_pair(self) -> tuple[str, str] | None:
        """The article's region and its main party across the border, both named at least twice (spec: an
        import sentence in an article about Карагандинская область and Беларусь is Беларусь's export)."""
        ctx = self.ctx
        other = partner(ctx, ctx.home)
        return (ctx.home, other) if ctx.home and other and mentions(ctx)[ctx.home] >= 2 else None

    def _home_subject(self, flow: Flow, importing: bool) -> None:
        """An impersonal statement ("ввоз семян из России увеличивается", "отгружено в Узбекистан 500 т") is
        the article's own region's, when the side it names is across the border from it."""
        ctx = self.ctx
        subject, other = (flow.importers, flow.exporters) if importing else (flow.exporters, flow.importers)
        home = ctx.home
        if subject.keys or subject.stated or subject.deixis or not other.keys or home is None:
            return
        if all(_country(ctx, home) != _country(ctx, o) for o in other.keys):
            subject.keys = [home]

    def _stand_in(self, other: Side, last_same: list[str], last_other: list[str], recent: bool) -> list[str]:
        ctx = self.ctx
        if not other.keys:
            return []
        pair = ctx.trade_pair
        if pair:  # the two the article's trade statements are between, however far back
            for key in other.keys:
                if same_side(ctx, key, pair[0]) or same_side(ctx, key, pair[1]):
                    return [pair[1] if same_side(ctx, key, pair[0]) else pair[0]]
        shared = any(same_side(ctx, a, b) for a in other.keys for b in last_other)
        if recent and last_same and (not last_other or shared):
            return list(last_same)  # the flow spoken of last left this side open, or has the same other side
        return []

    def _relate(self, exporter: str, importer: str, k: int, goods: list[Good], rule: str) -> None:
        ctx = self.ctx
        if not goods:
            self.pending.append(Pending(exporter, importer, k, rule))
            return
        for g in goods:
            com = ctx.table.add(
                "Commodity", g.name, alias=ctx.text[g.start : g.end], start=g.start, end=g.end, hs_chapter=g.chapter
            )
            ctx.add_ref(com, g.start, g.end)
            ctx.relate("EXPORTS_TO", exporter, importer, k, rule=rule, commodity=com.name)

    def _remember(self, k: int, exporters: list[str], importers: list[str], goods: list[Good]) -> None:
        self.memory = Memory(k, exporters, importers, goods or (self.memory.goods if self.memory.sent == k else []))

    def finish(self) -> None:
        """Flows stated without a commodity, where no commodity flows between the same two."""
        ctx = self.ctx
        with_goods = {
            (r.source_key, r.target_key) for r in ctx.relations.values() if r.type == "EXPORTS_TO" and r.commodity
        }
        for p in self.pending:
            if (p.exporter, p.importer) not in with_goods:
                ctx.relate("EXPORTS_TO", p.exporter, p.importer, p.sent, rule=p.rule)


def _planned(tree, pred) -> bool:
    """ "Планируемые направления поставок: ...": a plan adjective on the noun or the one it hangs on."""
    words = trade_words().plan_adjectives
    return any(c.lemma in words for t in (pred, tree.parent(pred)) if t is not None for c in tree.children(t))


def _reverse(tree, tok) -> bool:
    """ "обратно", "навстречу", "в обратном направлении": the way back."""
    w = trade_words()
    return tok.lemma in w.reverse or any(c.lemma in w.reverse_ways for c in tree.children(tok))
