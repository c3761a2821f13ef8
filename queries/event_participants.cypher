// name: event_participants
// title: Events and their participants
// description: Forums, exhibitions, fairs and festivals whose name contains the given words
//   (case ignored), with every participant, the place it stands for, and the sources.
// param: event: string = "Форум межрегионального сотрудничества" -- words of the event name
// mode: read
MATCH (e:Event) WHERE toLower(e.name) CONTAINS toLower($event)
MATCH (x)-[f:PARTICIPATED_IN]->(e)
WITH e, x, f, CASE
    WHEN x:Region OR x:Country THEN x
    WHEN x:City THEN coalesce(head(COLLECT { MATCH (x)-[:LOCATED_IN]->(g:Region) RETURN g }), x)
    WHEN x:Person THEN head(COLLECT {
      MATCH (x)-[:HOLDS_POSITION]->(h) WHERE h:Region OR h:Country OR h:City
      OPTIONAL MATCH (h)-[:LOCATED_IN]->(hg:Region)
      RETURN coalesce(hg, h) AS g })
  END AS place
RETURN e.name AS event, x.name AS participant, head([l IN labels(x) WHERE l <> 'Entity']) AS type,
       place.name AS place,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY event, type, participant
