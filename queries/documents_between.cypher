// name: documents_between
// title: Documents signed between two regions
// description: Documents to which both places are party, directly, through a city or body
//   of theirs, or through an official who signed: with kind, period, signatories, the first 5
//   sources and 3 evidence sentences (fact_evidence gives the rest).
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
// expand from the side with fewer PARTY_TO|SIGNED facts (a country's side holds all its regions)
WITH *, reduce(t = 0, c IN [n IN side_a | COUNT { (n)-[:PARTY_TO|SIGNED]-() }] | t + c) <=
        reduce(t = 0, c IN [n IN side_b | COUNT { (n)-[:PARTY_TO|SIGNED]-() }] | t + c) AS a_smaller
WITH *, CASE WHEN a_smaller THEN side_a ELSE side_b END AS near, CASE WHEN a_smaller THEN side_b ELSE side_a END AS far
UNWIND near AS x
MATCH (x)-[l:PARTY_TO|SIGNED]->(d:Document) WHERE coalesce(l.confidence, 0.0) >= $min_confidence
WITH DISTINCT far, d
WHERE EXISTS { MATCH (d)<-[l:PARTY_TO|SIGNED]-(y) WHERE y IN far AND coalesce(l.confidence, 0.0) >= $min_confidence }
WITH DISTINCT d
MATCH (p)-[f:PARTY_TO|SIGNED]->(d) WHERE coalesce(f.confidence, 0.0) >= $min_confidence
WITH d, collect(f) AS links
WITH d, links,
     [l IN links WHERE type(l) = 'PARTY_TO' | startNode(l).name] AS parties,
     [l IN links WHERE type(l) = 'SIGNED' | startNode(l).name] AS signatories
// the first 5 reporting articles and 3 sentences, each read from the facts' own report records
WITH d, parties, signatories,
     COLLECT { UNWIND links AS l MATCH (a:Article)-[stated:STATES {fact_id: l.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
               RETURN a } AS arts,
     COLLECT { UNWIND links AS l MATCH ()-[ev:STATES {fact_id: l.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) WITH DISTINCT ev.sentence AS e LIMIT 3
               RETURN e } AS evidence,
     [l IN links | l.fact_id] AS fact_ids
RETURN d.name AS document, d.kind AS kind, d.signed AS signed, d.period_from AS period_from,
       d.period_to AS period_to, parties, signatories,
       [a IN arts | coalesce(a.title, a.source)] AS sources,
       evidence[..3] AS evidence, fact_ids
ORDER BY coalesce(d.signed, toString(d.period_from), ''), document
