// name: region_profile
// title: Region profile: partners ranked by number of facts
// description: The places a region cooperates with, ranked by how many facts link them.
//   A fact is a visit, an export flow or a trade figure between the two sides, or one
//   shared document or event. A city counts as its region and an official as the place
//   he serves, so "the governor visited Петропавловск" links the governor's region to СКО.
// param: region: region = "Курганская область" -- the region; inflected or abbreviated forms resolve ("СКО")
// mode: read
MATCH (r:Region) WHERE r.name = $region
// our side: the region, its cities, and the officials of both
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
UNWIND side AS s
CALL (s) {
  MATCH (s)-[f:VISITED|EXPORTS_TO|TRADE_VOLUME]-(y)
  RETURN y, elementId(f) AS fact, type(f) AS kind, f.articles AS articles, [f.fact_id] AS fact_ids
  UNION
  // co-parties of one document or co-participants of one event: one fact per document/event
  MATCH (s)-[f:PARTY_TO|SIGNED|PARTICIPATED_IN]->(hub)<-[g:PARTY_TO|SIGNED|PARTICIPATED_IN]-(y)
  RETURN y, elementId(hub) AS fact, type(f) AS kind, f.articles + g.articles AS articles,
         [f.fact_id, g.fact_id] AS fact_ids
}
WITH r, side, fact, kind, articles, fact_ids, CASE
    WHEN y:Region OR y:Country THEN y
    WHEN y:City THEN coalesce(head(COLLECT { MATCH (y)-[:LOCATED_IN]->(g:Region) RETURN g }), y)
    WHEN y:Person THEN head(COLLECT {
      MATCH (y)-[:HOLDS_POSITION]->(h) WHERE h:Region OR h:Country OR h:City
      OPTIONAL MATCH (h)-[:LOCATED_IN]->(hg:Region)
      RETURN coalesce(hg, h) AS g })
  END AS partner
WHERE partner IS NOT NULL AND partner <> r AND NOT partner IN side
WITH partner, fact, kind, fact_ids, articles
UNWIND articles AS article
WITH partner, count(DISTINCT fact) AS facts, collect(DISTINCT kind) AS kinds, collect(DISTINCT article) AS ids,
     collect(fact_ids) AS fid_lists
RETURN partner.name AS partner, head([l IN labels(partner) WHERE l <> 'Entity']) AS type, facts,
       kinds, size(ids) AS articles,
       COLLECT { MATCH (a:Article) WHERE a.id IN ids RETURN coalesce(a.title, a.source) } AS sources,
       reduce(acc = [], l IN fid_lists | acc + [i IN l WHERE NOT i IN acc]) AS fact_ids
ORDER BY facts DESC, articles DESC, partner
