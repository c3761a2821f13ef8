// name: cooperation_network
// title: Cooperation network between regions (weighted)
// description: Every pair of places (regions and countries) linked by facts, with the number
//   of facts as the weight. Facts are visits, export flows, trade figures and shared documents
//   or events; cities count as their region and officials as the place the same article names
//   them officials of. Each reporting article adds its own links, so a fact two articles report
//   weighs two. The pairs are the Partnership summaries every load keeps (graph/summaries.py);
//   the 500 heaviest pairs are listed.
// param: min_weight: int = 1 -- leave out pairs with fewer facts than this
// mode: read
// the 500 heaviest through the weight index; ties at the cut-off are all kept, so the name order is exact
MATCH (p:Partnership) WHERE p.weight >= $min_weight
WITH p.weight AS w ORDER BY w DESC LIMIT 500
WITH min(w) AS cut
MATCH (p:Partnership) WHERE p.weight >= cut
MATCH (x)-[:PARTNER]->(p)<-[:PARTNER]-(y)
WHERE x.name < y.name OR (x.name = y.name AND elementId(x) < elementId(y))
WITH p, x AS a, y AS b ORDER BY p.weight DESC, a.name, b.name LIMIT 500
RETURN a.name AS a, head([l IN labels(a) WHERE l <> 'Entity']) AS a_type,
       b.name AS b, head([l IN labels(b) WHERE l <> 'Entity']) AS b_type, p.weight AS weight, p.kinds AS kinds,
       p.articles AS articles
ORDER BY weight DESC, a, b
