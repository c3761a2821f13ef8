// name: exports_imports
// title: What a region exports to a partner and imports from it, by commodity
// description: Export flows between two places in both directions, one row per commodity
//   (a flow with no named good has an empty commodity). Each side includes its cities and,
//   for a country, its regions. Import sentences are stored as exports of the other side.
//   Each row has the first 5 sources and 3 evidence sentences; fact_evidence gives the rest.
// param: region: place = "Карагандинская область" -- the region seen from
// param: partner: place = "Беларусь" -- the partner region or country
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r) WHERE (r:Region OR r:Country OR r:City) AND r.name = $region
MATCH (p) WHERE (p:Region OR p:Country OR p:City) AND p.name = $partner
WITH COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(r) RETURN n } AS side_r,
     COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(p) RETURN n } AS side_p
// expand from the side with fewer EXPORTS_TO facts (a country's side holds all its regions)
WITH *, reduce(t = 0, c IN [n IN side_r | COUNT { (n)-[:EXPORTS_TO]-() }] | t + c) <=
        reduce(t = 0, c IN [n IN side_p | COUNT { (n)-[:EXPORTS_TO]-() }] | t + c) AS a_smaller
WITH *, CASE WHEN a_smaller THEN side_r ELSE side_p END AS near, CASE WHEN a_smaller THEN side_p ELSE side_r END AS far
UNWIND near AS s
MATCH (s)-[f:EXPORTS_TO]-(o) WHERE o IN far AND coalesce(f.confidence, 0.0) >= $min_confidence
WITH DISTINCT side_r, side_p, f
MATCH (x)-[f]->(y)
RETURN CASE WHEN x IN side_r THEN 'export' ELSE 'import' END AS direction,
       f.commodity AS commodity, x.name AS exporter, y.name AS importer, f.support AS support,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY direction, commodity, exporter, importer
