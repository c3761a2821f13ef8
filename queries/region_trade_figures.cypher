// name: region_trade_figures
// title: Trade figures of a region with all partners, with conflicts
// description: Every turnover, export and import figure reported for a region (or its
//   cities) with any partner, one row per figure; figures of the same flow, period and
//   currency that disagree are marked conflict = true. At most 200 rows (by partner, kind,
//   year, value), each with its first 5 sources and 3 evidence sentences; fact_evidence gives
//   all of a fact's evidence.
// param: region: region = "Северо-Казахстанская область" -- the region ("СКО" works)
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH COLLECT { MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n } AS side
UNWIND side AS s
MATCH (s)-[f:TRADE_VOLUME]-() WHERE coalesce(f.confidence, 0.0) >= $min_confidence
WITH DISTINCT f
MATCH (x)-[f]->(y)
// conflict: the loader flags every figure of a ledger (same flow, period, currency) that has two values
WITH f, x, y, coalesce(f.conflict, false) AS conflict
// the first 200 rows are chosen on properties alone; sources are read for those only
ORDER BY y.name, f.kind, f.year, f.value
LIMIT 200
RETURN x.name AS source, y.name AS target, f.kind AS kind, f.value AS value, f.currency AS currency,
       f.year AS year, conflict, CASE WHEN conflict THEN f.reported_values ELSE [] END AS reported_values,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY target, kind, year, value
