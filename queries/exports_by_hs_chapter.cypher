// name: exports_by_hs_chapter
// title: Exports by HS chapter, from a region, a country or everywhere
// description: Export flows (EXPORTS_TO) grouped by the HS chapter or product group of their
//   commodity (the `hs_chapter` the extractor's goods taxonomy gives a Commodity), from a region
//   (with its cities), a country (with its regions and cities) or, without `place`, from every
//   exporter. One row per chapter, most flows first: the flows, the commodities, exporters and
//   partners (the importers; for a place, those outside it), the articles (sum of the flows'
//   support) and evidence sentences behind them, 3 of those sentences and up to 50 fact ids.
//   Lists are in alphabetical order and stop at 20 names (50 ids). Flows that name no good, or a good of no class ("продукция"), are
//   the row with no chapter. An import is stored as the other side's export. Export figures
//   (TRADE_VOLUME of kind export) name no commodity, so they have no chapter: region_trade_figures
//   and trade_figures list them.
// param: place: place = "Казахстан" default null -- the exporting region or country ("СКО" works); none: every exporter
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
OPTIONAL MATCH (p) WHERE (p:Region OR p:Country OR p:City) AND p.name = $place
WITH p WHERE $place IS NULL OR p IS NOT NULL
WITH p IS NULL AS everywhere, COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(p) RETURN n } AS side
CALL (everywhere, side) {
  // the branch not taken must yield no row before its MATCH, or the planner scans every flow for nothing
  UNWIND CASE WHEN everywhere THEN [true] ELSE [] END AS _
  MATCH (x)-[f:EXPORTS_TO]->(y) WHERE coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN f, x, y
  UNION ALL
  // a place: only its own exports, to partners outside it (a country's region to the country is not one)
  UNWIND CASE WHEN everywhere THEN [] ELSE side END AS x
  MATCH (x)-[f:EXPORTS_TO]->(y) WHERE NOT y IN side AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN f, x, y
}
// one Commodity look-up per good, not per flow
WITH f.commodity_key AS key, collect([f, x, y]) AS flows
OPTIONAL MATCH (c:Commodity {key: key})
UNWIND flows AS flow
WITH c.hs_chapter AS hs_chapter, c.hs_name AS hs_name, c, flow[0] AS f, flow[1] AS x, flow[2] AS y
WITH hs_chapter, hs_name, count(f) AS flows, sum(f.support) AS articles, collect(DISTINCT c.name) AS commodities,
     collect(DISTINCT x.name) AS exporters, collect(DISTINCT y.name) AS partners, collect(f.fact_id) AS ids,
     // each fact counts its reports (older graphs: counted here)
     sum(CASE WHEN f.evidence IS NULL THEN COUNT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev }
              ELSE f.evidence END) AS evidence
// the lists sorted after grouping: sorting the names of thousands of flows before it cost more than the rest
WITH hs_chapter, hs_name, flows, articles, evidence,
     COLLECT { UNWIND commodities AS n RETURN n ORDER BY n LIMIT 20 } AS commodities,
     COLLECT { UNWIND exporters AS n RETURN n ORDER BY n LIMIT 20 } AS exporters,
     COLLECT { UNWIND partners AS n RETURN n ORDER BY n LIMIT 20 } AS partners,
     COLLECT { UNWIND ids AS id RETURN id ORDER BY id LIMIT 50 } AS ids
RETURN hs_chapter, hs_name, flows, commodities, exporters, partners, articles, evidence,
       COLLECT { UNWIND ids[..20] AS id MATCH ()-[ev:STATES {fact_id: id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS examples,
       ids AS fact_ids
ORDER BY flows DESC, hs_chapter IS NULL, hs_chapter
