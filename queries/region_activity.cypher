// name: region_activity
// title: Activity of a region over time
// description: Facts involving a region (its cities and officials included) counted by the
//   month of the articles that report them; undated articles count as "unknown". Sources
//   are at most 10 of the month's articles.
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
// each article is looked up once, whatever number of the region's facts it reports
UNWIND f.articles AS aid
WITH aid, collect(f) AS facts
MATCH (a:Article {id: aid})
WITH coalesce(substring(a.published, 0, 7), 'unknown') AS month, a, facts
WITH month, count(a) AS articles, collect(a)[..10] AS sample, collect(facts) AS fact_lists
RETURN month, size(COLLECT { UNWIND fact_lists AS l UNWIND l AS f RETURN DISTINCT f }) AS facts, articles,
       [a IN sample | coalesce(a.title, a.source)] AS sources
ORDER BY month
