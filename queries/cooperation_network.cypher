// name: cooperation_network
// title: Cooperation network between regions (weighted)
// description: Every pair of places (regions and countries) linked by facts, with the number
//   of facts as the weight. Facts are visits, export flows, trade figures and shared documents
//   or events; cities count as their region and officials as the place they serve. The pairs
//   are the COOPERATES_WITH edges that graph/derived.py refresh_derived() folds after a load;
//   the 500 heaviest pairs are listed.
// param: min_weight: int = 1 -- leave out pairs with fewer facts than this
// mode: read
MATCH (a)-[c:COOPERATES_WITH]->(b)
WHERE c.weight >= $min_weight
WITH a, b, c ORDER BY c.weight DESC, a.name, b.name LIMIT 500
RETURN a.name AS a, head([l IN labels(a) WHERE l <> 'Entity']) AS a_type,
       b.name AS b, head([l IN labels(b) WHERE l <> 'Entity']) AS b_type, c.weight AS weight, c.kinds AS kinds,
       c.articles AS articles
ORDER BY weight DESC, a, b
