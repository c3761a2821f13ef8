// name: region_activity
// title: Activity of a region over time
// description: Facts involving a region (its cities and officials included) counted by the
//   month of the articles that report them; undated articles count as "unknown".
// param: region: region = "Северо-Казахстанская область" -- the region ("СКО" works)
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
UNWIND side AS s
MATCH (s)-[f:VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]-()
WITH DISTINCT f
UNWIND f.articles AS aid
MATCH (a:Article {id: aid})
WITH coalesce(substring(a.published, 0, 7), 'unknown') AS month, f, a
RETURN month, count(DISTINCT f) AS facts, count(DISTINCT a) AS articles,
       collect(DISTINCT coalesce(a.title, a.source)) AS sources
ORDER BY month
