// name: most_active_regions
// title: Most active regions
// description: Regions ranked by the number of facts that involve them, their cities or
//   their officials, with how many articles mention them and how many partners they have.
//   Facts are counted per participant (degree counts), so a fact between two of the region's
//   own (say, its governor visiting one of its cities) counts once for each.
// param: limit: int = 10 -- how many regions to list
// mode: read
MATCH (r:Region)
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
// degree counts read the relationship counts of each node without expanding its facts
WITH r, reduce(t = 0, c IN [n IN side |
       COUNT { (n)-[:VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]-() }] | t + c) AS facts
WHERE facts > 0
WITH r, facts, COUNT { ()-[:MENTIONS]->(r) } AS articles
ORDER BY facts DESC, articles DESC, r.name
LIMIT $limit
RETURN r.name AS region, facts, articles,
       reduce(t = 0, c IN COLLECT { MATCH (h)-[:LOCATED_IN*0..1]->(r) RETURN COUNT { ()-[:HOLDS_POSITION]->(h) } }
              | t + c) AS officials
ORDER BY facts DESC, articles DESC, region
