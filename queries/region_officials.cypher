// name: region_officials
// title: Officials of a region and their titles
// description: People who hold an office in a region or in one of its cities, with the title
//   as the text gives it (normalised: губернатор, аким, председатель облисполкома...), the
//   first 5 sources and 3 evidence sentences; fact_evidence gives all of a fact's evidence.
// param: region: region = "Карагандинская область" -- the region
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r:Region) WHERE r.name = $region
MATCH (h)-[:LOCATED_IN*0..1]->(r)
MATCH (p:Person)-[f:HOLDS_POSITION]->(h) WHERE coalesce(f.confidence, 0.0) >= $min_confidence
RETURN p.name AS person, f.title AS title, h.name AS of, f.support AS support,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY h = r DESC, person, title
