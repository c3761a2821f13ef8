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
CALL (side) {
  UNWIND side AS s
  MATCH (s)-[f:VISITED|EXPORTS_TO|TRADE_VOLUME]-(y) WHERE NOT y IN side
  RETURN y, elementId(f) AS fact, [type(f)] AS kinds, f.articles AS articles, [f.fact_id] AS fact_ids
  UNION ALL
  // co-parties of one document or co-participants of one event: one fact per document/event;
  // our links to a hub are folded first, so a forum with hundreds of participants is walked once
  UNWIND side AS s
  MATCH (s)-[f:PARTY_TO|SIGNED|PARTICIPATED_IN]->(hub)
  WITH side, hub, collect(DISTINCT type(f)) AS kinds, collect(f.fact_id) AS ours,
       reduce(acc = [], l IN collect(f.articles) | acc + l) AS our_articles
  MATCH (hub)<-[g:PARTY_TO|SIGNED|PARTICIPATED_IN]-(y) WHERE NOT y IN side
  RETURN y, elementId(hub) AS fact, kinds, our_articles + g.articles AS articles, ours + [g.fact_id] AS fact_ids
}
// each partner node is placed once (a city stands for its region, an official for his place)
WITH r, side, y, collect({fact: fact, kinds: kinds, articles: articles, fact_ids: fact_ids}) AS links
WITH r, side, links, CASE
    WHEN y:Region OR y:Country THEN y
    WHEN y:City THEN coalesce(head(COLLECT { MATCH (y)-[:LOCATED_IN]->(g:Region) RETURN g }), y)
    WHEN y:Person THEN head(COLLECT {
      MATCH (y)-[:HOLDS_POSITION]->(h) WHERE h:Region OR h:Country OR h:City
      OPTIONAL MATCH (h)-[:LOCATED_IN]->(hg:Region)
      RETURN coalesce(hg, h) AS g })
  END AS partner
WHERE partner IS NOT NULL AND partner <> r AND NOT partner IN side
UNWIND links AS l
WITH partner, l.fact AS fact, l.kinds AS kinds, l.articles AS articles, l.fact_ids AS fact_ids
WITH partner, count(DISTINCT fact) AS facts, collect(kinds) AS kind_lists, collect(articles) AS article_lists,
     collect(fact_ids) AS fid_lists
WITH partner, facts, COLLECT { UNWIND kind_lists AS l UNWIND l AS k RETURN DISTINCT k } AS kinds,
     COLLECT { UNWIND fid_lists AS l UNWIND l AS i RETURN DISTINCT i } AS fact_ids,
     COLLECT { UNWIND article_lists AS l UNWIND l AS i RETURN DISTINCT i } AS ids
RETURN partner.name AS partner, head([l IN labels(partner) WHERE l <> 'Entity']) AS type, facts,
       kinds, size(ids) AS articles,
       COLLECT { MATCH (a:Article) WHERE a.id IN ids RETURN coalesce(a.title, a.source) } AS sources,
       fact_ids
ORDER BY facts DESC, articles DESC, partner
