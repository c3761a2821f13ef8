// name: most_active_people
// title: Most active people
// description: People ranked by the number of facts they take part in (visits, signatures,
//   participations), with their titles and how many articles mention them.
// param: limit: int = 10 -- how many people to list
// mode: read
MATCH (p:Person)
WITH p, COUNT { MATCH (p)-[:VISITED|SIGNED|PARTICIPATED_IN]->() } AS actions,
     COUNT { MATCH (a:Article)-[:MENTIONS]->(p) } AS articles,
     COLLECT { MATCH (p)-[h:HOLDS_POSITION]->(o) RETURN h.title + ' (' + o.name + ')' } AS positions
RETURN p.name AS person, actions AS facts, positions, articles
ORDER BY facts DESC, articles DESC, person
LIMIT $limit
