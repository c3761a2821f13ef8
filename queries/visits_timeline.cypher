// name: visits_timeline
// title: Visits timeline: one row per real visit, to and from a region, with sources
// description: Visits to and from a region, one row per visit however many articles report it
//   (Visit events: reports of one visit from several outlets merged, graph/events.py): the
//   visitor and host sides, the heads of the delegation, the places and enterprises visited,
//   the documents the same articles report, the direction seen from the region. `date` is the
//   visit's own date when a text gives one (`date_source` "event"), else the first publication
//   date of its reports ("published"), else the date they were ingested ("ingested"). The 200
//   latest visits, in date order, with their first 5 sources and 3 evidence sentences; fact_ids
//   give the reports (fact_evidence gives them all). With min_confidence, a visit is listed when
//   one of its reports is at least that sure, with the
//   reports that are.
// param: region: region = "Северо-Казахстанская область" -- the region whose visits to list ("СКО" works)
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r:Region) WHERE r.name = $region
MATCH (v:Visit)-[:VISITOR|HOST]->(r)
WITH DISTINCT r, v, coalesce(v.date, v.published, v.first_seen) AS date
ORDER BY date DESC, v.key DESC
// a visit counts when one of its reports is at least as sure as asked: checked newest first, after the
// sort, so that the walk over reports stops at the 200th (before it, it ran for every visit of the region)
WITH r, v, date
WHERE EXISTS { MATCH (a:Article)-[:REPORTS]->(v) MATCH (a)-[s:STATES]->()
               WHERE s.event = 'Visit:' + v.key AND coalesce(s.confidence, 0.0) >= $min_confidence }
LIMIT 200
OPTIONAL MATCH (v)-[:VISITOR]->(x)
OPTIONAL MATCH (v)-[:HOST]->(y)
WITH r, v, date, x, y,
     COLLECT { MATCH (a:Article)-[:REPORTS]->(v) MATCH (a)-[s:STATES]->()
               WHERE s.event = 'Visit:' + v.key AND coalesce(s.confidence, 0.0) >= $min_confidence
               RETURN DISTINCT s.fact_id AS f ORDER BY f } AS fact_ids
RETURN date, CASE WHEN v.date IS NOT NULL THEN 'event' WHEN v.published IS NOT NULL THEN 'published' ELSE 'ingested' END
         AS date_source,
       coalesce(x.name, v.visitor) AS visitor, head([l IN labels(x) WHERE l <> 'Entity']) AS visitor_type,
       coalesce(y.name, v.host) AS host, head([l IN labels(y) WHERE l <> 'Entity']) AS host_type,
       CASE WHEN y = r THEN 'in' ELSE 'out' END AS direction,
       COLLECT { MATCH (v)-[:HEAD]->(p) RETURN p.name AS n ORDER BY n } AS heads,
       COLLECT { MATCH (v)-[:STOP]->(s) RETURN s.name AS n ORDER BY n } AS stops,
       COLLECT { MATCH (a:Article)-[:REPORTS]->(v) MATCH (a)-[:REPORTS]->(d:Document)
                 RETURN DISTINCT d.name AS n ORDER BY n } AS documents,
       v.support AS reports,
       COLLECT { MATCH (a:Article)-[:REPORTS]->(v) WITH a ORDER BY a.published LIMIT 5
                 RETURN coalesce(a.title, a.source) AS s } AS sources,
       // from the visit's own articles: a fact like "A VISITED B" has the reports of every visit of the pair
       COLLECT { MATCH (a:Article)-[:REPORTS]->(v) MATCH (a)-[ev:STATES]->()
                 WHERE ev.event = 'Visit:' + v.key AND coalesce(ev.confidence, 0.0) >= $min_confidence
                 WITH ev ORDER BY ev.fact_id, a.published, ev.sentence RETURN ev.sentence LIMIT 3 } AS evidence,
       fact_ids, v.key AS visit
ORDER BY date, visitor, host
