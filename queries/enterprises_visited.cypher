// name: enterprises_visited
// title: Enterprises and organisations visited by a region's delegations
// description: Organisations (plants, farms, universities, centres) that a region, its
//   cities or its officials visited, with the visitor, the date and the sources.
// param: region: region = "Курганская область" -- the visiting region
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
MATCH (v)-[f:VISITED]->(o:Organization)
WHERE v IN side
RETURN o.name AS organization, o.legal_form AS legal_form, v.name AS visitor, f.date AS date,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY organization, visitor
