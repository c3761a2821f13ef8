// name: region_documents
// title: Documents signed by a region
// description: Agreements, roadmaps, memoranda and plans a region is party to, or that its
//   officials signed, with the other parties, the signatories, kind, period and sources. The
//   200 latest documents (by signing date or start of period), in date order, each with its
//   first 5 sources and 3 evidence sentences; fact_evidence gives all of a fact's evidence.
// param: region: region = "Западно-Казахстанская область" -- the region ("ЗКО" works)
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
UNWIND side AS s
MATCH (s)-[l:PARTY_TO|SIGNED]->(d:Document) WHERE coalesce(l.confidence, 0.0) >= $min_confidence
WITH DISTINCT side, d, coalesce(d.signed, toString(d.period_from), '') AS date
ORDER BY date DESC, d.name DESC
LIMIT 200
MATCH (x)-[f:PARTY_TO|SIGNED]->(d) WHERE coalesce(f.confidence, 0.0) >= $min_confidence
WITH side, d, date, collect(f) AS links
WITH d, date, links,
     [l IN links WHERE type(l) = 'PARTY_TO' AND NOT startNode(l) IN side | startNode(l).name] AS others,
     [l IN links WHERE type(l) = 'SIGNED' | startNode(l).name] AS signatories
// the first 5 reporting articles and 3 sentences, each read from the facts' own report records
WITH d, date, others, signatories,
     COLLECT { UNWIND links AS l MATCH (a:Article)-[stated:STATES {fact_id: l.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
               RETURN a } AS arts,
     COLLECT { UNWIND links AS l MATCH ()-[ev:STATES {fact_id: l.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) WITH DISTINCT ev.sentence AS e LIMIT 3
               RETURN e } AS evidence,
     [l IN links | l.fact_id] AS fact_ids
RETURN d.name AS document, d.kind AS kind, d.signed AS signed, d.period_from AS period_from,
       d.period_to AS period_to, others AS other_parties, signatories,
       [a IN arts | coalesce(a.title, a.source)] AS sources,
       evidence[..3] AS evidence, fact_ids
ORDER BY date, document
