// name: event_participants
// title: Events and their participants
// description: Forums, exhibitions, fairs and festivals whose name contains the given words
//   (case ignored), with every participant, the place it stands for, and the sources. At most
//   200 rows (by event, type, participant), each with its first 5 sources and 3 evidence
//   sentences; fact_evidence gives all of a fact's evidence.
// param: event: string = "Форум межрегионального сотрудничества" -- words of the event name
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (e:Event) WHERE toLower(e.name) CONTAINS toLower($event)
MATCH (x)-[f:PARTICIPATED_IN]->(e) WHERE coalesce(f.confidence, 0.0) >= $min_confidence
WITH e, x, f, head([l IN labels(x) WHERE l <> 'Entity']) AS type
ORDER BY e.name, type, x.name
LIMIT 200
WITH e, x, f, type, CASE
    WHEN x:Region OR x:Country THEN x
    WHEN x:City THEN coalesce(head(COLLECT { MATCH (x)-[:LOCATED_IN]->(g:Region) RETURN g }), x)
    WHEN x:Person THEN head(COLLECT {
      MATCH (x)-[:HOLDS_POSITION]->(h) WHERE h:Region OR h:Country OR h:City
      OPTIONAL MATCH (h)-[:LOCATED_IN]->(hg:Region)
      RETURN coalesce(hg, h) AS g })
  END AS place
RETURN e.name AS event, x.name AS participant, type, place.name AS place,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY event, type, participant
