// name: visits_timeline
// title: Visits timeline: who visited whom, when, with sources
// description: Visits to and from a region in date order: the visitor, the host, the date the
//   text gives (or the article's publication date), the direction seen from the region, and
//   the articles and sentences that report each visit. The 200 latest visits, in date order;
//   a visit whose text gives no date takes its first_seen (the earliest publication date of
//   its articles, or the ingestion date if none is dated). Each row has its first 5 sources
//   and 3 evidence sentences; fact_evidence gives all of a fact's evidence.
// param: region: region = "Северо-Казахстанская область" -- the region whose visits to list ("СКО" works)
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
// expand only the side's own visits (not every visit in the graph); the other end is outside the side
UNWIND side AS s
MATCH (s)-[f:VISITED]-(o) WHERE NOT o IN side AND coalesce(f.confidence, 0.0) >= $min_confidence
WITH DISTINCT r, f
MATCH (v)-[f]->(h)
WITH r, f, v, h, coalesce(f.date, f.first_seen) AS date
ORDER BY date DESC, v.name DESC, h.name DESC
LIMIT 200
RETURN date, v.name AS visitor, head([l IN labels(v) WHERE l <> 'Entity']) AS visitor_type,
       h.name AS host, head([l IN labels(h) WHERE l <> 'Entity']) AS host_type,
       CASE WHEN (h)-[:LOCATED_IN*0..1]->(r) OR h = r THEN 'in' ELSE 'out' END AS direction,
       f.date IS NULL AS date_from_article,
       COLLECT { MATCH (a:Article)-[:STATES {fact_id: f.fact_id}]->() WITH DISTINCT a LIMIT 20
                 RETURN coalesce(a.title, a.source) AS s
                 ORDER BY a.published LIMIT 5 } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY date, visitor, host
