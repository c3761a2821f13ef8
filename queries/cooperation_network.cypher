// name: cooperation_network
// title: Cooperation network between regions (weighted)
// description: Every pair of places (regions and countries) linked by facts, with the number
//   of facts as the weight. Facts are visits, export flows, trade figures and shared documents
//   or events; cities count as their region and officials as the place they serve.
// param: min_weight: int = 1 -- leave out pairs with fewer facts than this
// mode: read
CALL () {
  MATCH (x)-[f:VISITED|EXPORTS_TO|TRADE_VOLUME]->(y)
  RETURN x, y, elementId(f) AS fact, type(f) AS kind, f.articles AS articles
  UNION
  MATCH (x)-[f:PARTY_TO|SIGNED|PARTICIPATED_IN]->(hub)<-[g:PARTY_TO|SIGNED|PARTICIPATED_IN]-(y)
  WHERE elementId(x) < elementId(y)
  RETURN x, y, elementId(hub) AS fact, type(f) AS kind, f.articles + g.articles AS articles
}
CALL (x, y) {
  UNWIND [x, y] AS n
  WITH n, CASE
      WHEN n:Region OR n:Country THEN n
      WHEN n:City THEN coalesce(head(COLLECT { MATCH (n)-[:LOCATED_IN]->(g:Region) RETURN g }), n)
      WHEN n:Person THEN head(COLLECT {
        MATCH (n)-[:HOLDS_POSITION]->(h) WHERE h:Region OR h:Country OR h:City
        OPTIONAL MATCH (h)-[:LOCATED_IN]->(hg:Region)
        RETURN coalesce(hg, h) AS g })
    END AS p
  RETURN collect(p) AS places
}
WITH places[0] AS px, places[1] AS py, fact, kind, articles
WHERE px IS NOT NULL AND py IS NOT NULL AND px <> py AND size(places) = 2
  // a region and its own country are one side, not partners
  AND NOT (px)-[:PART_OF]->(py) AND NOT (py)-[:PART_OF]->(px)
WITH CASE WHEN px.name < py.name THEN [px, py] ELSE [py, px] END AS pair, fact, kind, articles
UNWIND articles AS article
WITH pair[0] AS a, pair[1] AS b, count(DISTINCT fact) AS weight, collect(DISTINCT kind) AS kinds,
     count(DISTINCT article) AS articles
WHERE weight >= $min_weight
RETURN a.name AS a, head([l IN labels(a) WHERE l <> 'Entity']) AS a_type,
       b.name AS b, head([l IN labels(b) WHERE l <> 'Entity']) AS b_type, weight, kinds, articles
ORDER BY weight DESC, a, b
