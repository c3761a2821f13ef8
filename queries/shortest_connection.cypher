// name: shortest_connection
// title: Shortest connection between two entities
// description: The shortest chain of facts (and city/region/country containment) linking
//   two entities of any type, one row per step with its direction and evidence. Articles
//   are left out of the path: that they mention both is not a connection.
// param: a: entity = "Вадим Шумков" -- an entity name (places may be inflected or abbreviated)
// param: b: entity = "Атырауская область" -- another entity name
// mode: read
MATCH (x:Entity) WHERE x.name = $a OR $a IN coalesce(x.aliases, [])
MATCH (y:Entity) WHERE (y.name = $b OR $b IN coalesce(y.aliases, [])) AND x <> y
WITH x, y LIMIT 1
MATCH p = shortestPath((x)-[:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN|LOCATED_IN|PART_OF*..10]-(y))
UNWIND range(0, length(p) - 1) AS i
WITH i, nodes(p)[i] AS n1, relationships(p)[i] AS rel, nodes(p)[i + 1] AS n2
RETURN i + 1 AS step, n1.name AS from, CASE WHEN startNode(rel) = n1 THEN '->' ELSE '<-' END AS dir,
       type(rel) AS relation, n2.name AS to,
       COLLECT { MATCH (a:Article) WHERE a.id IN coalesce(rel.articles, []) RETURN coalesce(a.title, a.source) } AS sources,
       coalesce(rel.evidence, []) AS evidence
ORDER BY step
