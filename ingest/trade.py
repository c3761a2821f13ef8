"""EXPORTS_TO and TRADE_VOLUME: the trade stage, sentence by sentence over the article's trade frames and figures.

Flows come from trade frames over the parse (ingest/trade_frames.py, ingest/trade_flows.py), figures from money
amounts (ingest/trade_volume.py). The surface rules that preceded the frames are gone: on the dev and check
sets no sentence reached them that a frame did not already read.
"""

from __future__ import annotations

from coopgraph.ingest.context import Context
from coopgraph.ingest.trade_flows import FrameFlows, Pending
from coopgraph.ingest.trade_sides import demonym_key, partner_of
from coopgraph.ingest.trade_volume import figure_flow, trade_volumes

__all__ = ["demonym_key", "extract_trade", "partner_of"]  # the place helpers other stages import from here


def extract_trade(ctx: Context) -> None:
    flows = FrameFlows(ctx)
    for k in range(len(ctx.sentences)):
        pair = ctx.trade_pair
        for kind, src, tgt in trade_volumes(ctx, k):
            if ctx.trade_pair is None:  # the first figure names the two sides later goods flow between
                ctx.trade_pair = (tgt, src) if kind == "import" else (src, tgt)
            # the figure's subject is the side the article speaks of now ("экспорт области в Казахстан составил
            # ... Основная часть поставок приходится на сухофрукты": Kazakhstan's, not a fair's city told before)
            flows.ours = (src, tgt)
            flows.figure_kinds.setdefault(k, set()).add(kind)
            flow = figure_flow(kind, src, tgt)
            if flow is not None:
                flows.pending.append(Pending(*flow, k, "trade.figure_flow"))
        if ctx.trade_pair != pair:
            flows.pair_sent = k
        flows.sentence(k)
    flows.finish()
