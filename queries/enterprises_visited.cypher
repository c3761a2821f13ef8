// name: enterprises_visited
// title: Enterprises and organisations visited by a region's delegations
// description: Organisations (plants, farms, universities, centres) that a region, its
//   cities or its officials visited, with the visitor, the date and the sources. At most 200
//   rows (by organisation, visitor), each with its first 5 sources and 3 evidence sentences.
// param: region: region = "Курганская область" -- the visiting region
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
UNWIND side AS v
MATCH (v)-[f:VISITED]->(o:Organization) WHERE coalesce(f.confidence, 0.0) >= $min_confidence
WITH o, v, f ORDER BY o.name, v.name LIMIT 200
RETURN o.name AS organization, o.legal_form AS legal_form, v.name AS visitor, f.date AS date,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY organization, visitor
