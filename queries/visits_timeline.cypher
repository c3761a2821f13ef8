// name: visits_timeline
// title: Visits timeline: who visited whom, when, with sources
// description: Visits to and from a region in date order: the visitor, the host, the date the
//   text gives (or the article's publication date), the direction seen from the region, and
//   the articles and sentences that report each visit.
// param: region: region = "Северо-Казахстанская область" -- the region whose visits to list ("СКО" works)
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
MATCH (v)-[f:VISITED]->(h)
WHERE (v IN side) <> (h IN side)
WITH r, f, v, h, COLLECT {
    MATCH (a:Article) WHERE a.id IN f.articles RETURN a ORDER BY a.published
  } AS arts
WITH r, f, v, h, arts, coalesce(f.date, head([a IN arts WHERE a.published IS NOT NULL | a.published])) AS date
RETURN date, v.name AS visitor, head([l IN labels(v) WHERE l <> 'Entity']) AS visitor_type,
       h.name AS host, head([l IN labels(h) WHERE l <> 'Entity']) AS host_type,
       CASE WHEN (h)-[:LOCATED_IN*0..1]->(r) OR h = r THEN 'in' ELSE 'out' END AS direction,
       f.date IS NULL AS date_from_article,
       [a IN arts | coalesce(a.title, a.source)] AS sources, f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY date, visitor, host
