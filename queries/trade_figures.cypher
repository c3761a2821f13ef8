// name: trade_figures
// title: Trade figures for a pair, with conflicts
// description: Every turnover, export and import figure reported between two places (each
//   side includes its cities and, for a country, its regions), one row per reported figure.
//   Figures of the same flow, period and currency that disagree are marked conflict = true,
//   with all the values reported. At most 200 rows (by kind, year, names, value), each with
//   its first 5 sources and 3 evidence sentences; fact_evidence gives all of a fact's evidence.
// param: a: place = "Северо-Казахстанская область" -- one region or country ("СКО" works)
// param: b: place = "Россия" -- the other region or country
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (pa) WHERE (pa:Region OR pa:Country OR pa:City) AND pa.name = $a
MATCH (pb) WHERE (pb:Region OR pb:Country OR pb:City) AND pb.name = $b
WITH COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(pa) RETURN n } AS side_a,
     COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(pb) RETURN n } AS side_b
// expand from the side with fewer TRADE_VOLUME facts (a country's side holds all its regions)
WITH *, reduce(t = 0, c IN [n IN side_a | COUNT { (n)-[:TRADE_VOLUME]-() }] | t + c) <=
        reduce(t = 0, c IN [n IN side_b | COUNT { (n)-[:TRADE_VOLUME]-() }] | t + c) AS a_smaller
WITH *, CASE WHEN a_smaller THEN side_a ELSE side_b END AS near, CASE WHEN a_smaller THEN side_b ELSE side_a END AS far
UNWIND near AS s
MATCH (s)-[f:TRADE_VOLUME]-(o) WHERE o IN far AND coalesce(f.confidence, 0.0) >= $min_confidence
WITH DISTINCT f
MATCH (x)-[f]->(y)
// conflict: the loader flags every figure of a ledger (same flow, period, currency) that has two values
WITH f, x, y, coalesce(f.conflict, false) AS conflict
// the first 200 rows are chosen on properties alone; sources are read for those only
ORDER BY f.kind, f.year, x.name, y.name, f.value
LIMIT 200
RETURN x.name AS source, y.name AS target, f.kind AS kind, f.value AS value, f.currency AS currency,
       f.year AS year, conflict, CASE WHEN conflict THEN f.reported_values ELSE [] END AS reported_values,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY kind, year, source, target, value
