// name: shortest_connection
// title: Shortest connection between two entities
// description: The shortest chain of facts (and city/region/country containment) linking
//   two entities of any type, one row per step with its direction and evidence. Articles
//   are left out of the path: that they mention both is not a connection. Each step has its
//   first 5 sources and 3 evidence sentences; an alias is tried only for a name no entity has.
// param: a: entity = "Вадим Шумков" -- an entity name (places may be inflected or abbreviated)
// param: b: entity = "Атырауская область" -- another entity name
// mode: read
// by name through the entity_name index; only a name no entity has is looked up among aliases (a scan)
OPTIONAL MATCH (xn:Entity) WHERE xn.name = $a
WITH collect(xn) AS xs
OPTIONAL CALL (xs) {
  UNWIND CASE WHEN xs = [] THEN [1] ELSE [] END AS none  // no row, no scan, when the name was found
  MATCH (x:Entity) WHERE $a IN coalesce(x.aliases, []) RETURN collect(x) AS xa }
OPTIONAL MATCH (yn:Entity) WHERE yn.name = $b
WITH xs + coalesce(xa, []) AS xs, collect(yn) AS ys
OPTIONAL CALL (ys) {
  UNWIND CASE WHEN ys = [] THEN [1] ELSE [] END AS none
  MATCH (y:Entity) WHERE $b IN coalesce(y.aliases, []) RETURN collect(y) AS ya }
UNWIND xs AS x
UNWIND ys + coalesce(ya, []) AS y
WITH x, y WHERE x <> y
WITH x, y LIMIT 1
MATCH p = shortestPath((x)-[:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN|LOCATED_IN|PART_OF*..10]-(y))
UNWIND range(0, length(p) - 1) AS i
WITH i, nodes(p)[i] AS n1, relationships(p)[i] AS rel, nodes(p)[i + 1] AS n2
RETURN i + 1 AS step, n1.name AS from, CASE WHEN startNode(rel) = n1 THEN '->' ELSE '<-' END AS dir,
       type(rel) AS relation, n2.name AS to,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: rel.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: rel.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence
ORDER BY step
