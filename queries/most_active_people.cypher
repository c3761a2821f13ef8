// name: most_active_people
// title: Most active people
// description: People ranked by the number of facts they take part in (visits, signatures,
//   participations), with their titles and how many articles mention them.
// param: limit: int = 10 -- how many people to list
// mode: read
// Degree counts (no expansion: only articles mention, and only facts are of these types);
// titles are read for the listed people only.
MATCH (p:Person)
WITH p, COUNT { (p)-[:VISITED|SIGNED|PARTICIPATED_IN]->() } AS facts, COUNT { ()-[:MENTIONS]->(p) } AS articles
ORDER BY facts DESC, articles DESC, p.name
LIMIT $limit
RETURN p.name AS person, facts,
       COLLECT { MATCH (p)-[h:HOLDS_POSITION]->(o) RETURN h.title + ' (' + o.name + ')' } AS positions, articles
ORDER BY facts DESC, articles DESC, person
