// name: visits_between
// title: Visits between two places
// description: Visits from one place to the other in either direction (each side includes its
//   cities, its officials and, for a country, its regions), in date order with sources. A visit
//   whose text gives no date takes its first_seen (earliest publication date of its articles).
//   Each row has its first 5 sources and 3 evidence sentences; fact_evidence gives the rest.
// param: a: place = "Курганская область" -- one region or country
// param: b: place = "Северо-Казахстанская область" -- the other region or country ("СКО" works)
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (pa) WHERE (pa:Region OR pa:Country OR pa:City) AND pa.name = $a
MATCH (pb) WHERE (pb:Region OR pb:Country OR pb:City) AND pb.name = $b
WITH pa, pb,
  COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(pa) RETURN n
            UNION MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN|PART_OF*0..2]->(pa) RETURN n } AS side_a,
  COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(pb) RETURN n
            UNION MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN|PART_OF*0..2]->(pb) RETURN n } AS side_b
// expand from the side with fewer VISITED facts (a country's side holds all its regions)
WITH *, reduce(t = 0, c IN [n IN side_a | COUNT { (n)-[:VISITED]-() }] | t + c) <=
        reduce(t = 0, c IN [n IN side_b | COUNT { (n)-[:VISITED]-() }] | t + c) AS a_smaller
WITH *, CASE WHEN a_smaller THEN side_a ELSE side_b END AS near, CASE WHEN a_smaller THEN side_b ELSE side_a END AS far
UNWIND near AS s
MATCH (s)-[f:VISITED]-(o) WHERE o IN far AND coalesce(f.confidence, 0.0) >= $min_confidence
WITH DISTINCT pa, pb, side_a, side_b, f
MATCH (v)-[f]->(h)
WITH pa, pb, f, v, h, v IN side_a AS from_a,
     COLLECT { MATCH (x:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT x LIMIT 5
               RETURN x ORDER BY x.published } AS arts
RETURN coalesce(f.date, f.first_seen) AS date,
       v.name AS visitor, head([l IN labels(v) WHERE l <> 'Entity']) AS visitor_type,
       h.name AS host, head([l IN labels(h) WHERE l <> 'Entity']) AS host_type,
       CASE WHEN from_a THEN pa.name + ' → ' + pb.name ELSE pb.name + ' → ' + pa.name END AS direction,
       [x IN arts | coalesce(x.title, x.source)] AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY date, visitor, host
