// name: region_documents
// title: Documents signed by a region
// description: Agreements, roadmaps, memoranda and plans a region is party to, or that its
//   officials signed, with the other parties, the signatories, kind, period and sources.
// param: region: region = "Западно-Казахстанская область" -- the region ("ЗКО" works)
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
MATCH (s)-[:PARTY_TO|SIGNED]->(d:Document) WHERE s IN side
WITH DISTINCT side, d
MATCH (x)-[f:PARTY_TO|SIGNED]->(d)
WITH side, d, collect(f) AS links
WITH side, d, links,
     [l IN links WHERE type(l) = 'PARTY_TO' AND NOT startNode(l) IN side | startNode(l).name] AS others,
     [l IN links WHERE type(l) = 'SIGNED' | startNode(l).name] AS signatories
WITH d, others, signatories, reduce(ids = [], l IN links | ids + [i IN l.articles WHERE NOT i IN ids]) AS ids,
     reduce(ev = [], l IN links | ev + [e IN l.evidence WHERE NOT e IN ev]) AS evidence,
     [l IN links | l.fact_id] AS fact_ids
RETURN d.name AS document, d.kind AS kind, d.signed AS signed, d.period_from AS period_from,
       d.period_to AS period_to, others AS other_parties, signatories,
       COLLECT { MATCH (a:Article) WHERE a.id IN ids RETURN coalesce(a.title, a.source) } AS sources,
       evidence, fact_ids
ORDER BY coalesce(d.signed, toString(d.period_from), ''), document
