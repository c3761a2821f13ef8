// name: most_active_regions
// title: Most active regions
// description: Regions ranked by the number of facts that involve them, their cities or
//   their officials, with how many articles mention them and how many partners they have.
// param: limit: int = 10 -- how many regions to list
// mode: read
MATCH (r:Region)
WITH r, COLLECT {
    MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n
    UNION
    MATCH (n:Person)-[:HOLDS_POSITION]->()-[:LOCATED_IN*0..1]->(r) RETURN n
  } AS side
CALL (side) {
  UNWIND side AS s
  MATCH (s)-[f:VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]-()
  RETURN count(DISTINCT f) AS facts
}
WITH r, facts, COUNT { MATCH (a:Article)-[:MENTIONS]->(r) } AS articles,
     COUNT { MATCH (:Person)-[:HOLDS_POSITION]->(h) WHERE h = r OR (h)-[:LOCATED_IN]->(r) } AS officials
WHERE facts > 0
RETURN r.name AS region, facts, articles, officials
ORDER BY facts DESC, articles DESC, region
LIMIT $limit
