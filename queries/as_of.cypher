// name: as_of
// title: What the graph knew on a date
// description: The facts whose first report predates a date (first_seen, the earliest
//   publication date of their articles, or the ingestion date for undated ones, before it; a
//   month or a year means before its start), the 200 latest first: what a reader of the graph
//   would have seen then. `support` counts only the articles published before the date;
//   `support_now` all of them. With each fact its first 3 sources from before the date.
// param: as_of: date = "2025-06-01" -- ISO date or prefix (2025-06-01, 2025-06, 2025)
// mode: read
// Per fact type, the first_seen index gives the 200 latest before the date; ties at the cut-off are
// all kept, so the final order (date, then relation, names) is exact.
CALL () {
  MATCH ()-[f:HOLDS_POSITION]->() WHERE f.first_seen < $as_of
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:HOLDS_POSITION]->(t) WHERE cut <= f.first_seen < $as_of
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:VISITED]->() WHERE f.first_seen < $as_of
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:VISITED]->(t) WHERE cut <= f.first_seen < $as_of
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:SIGNED]->() WHERE f.first_seen < $as_of
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:SIGNED]->(t) WHERE cut <= f.first_seen < $as_of
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:PARTY_TO]->() WHERE f.first_seen < $as_of
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:PARTY_TO]->(t) WHERE cut <= f.first_seen < $as_of
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:EXPORTS_TO]->() WHERE f.first_seen < $as_of
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:EXPORTS_TO]->(t) WHERE cut <= f.first_seen < $as_of
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:TRADE_VOLUME]->() WHERE f.first_seen < $as_of
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:TRADE_VOLUME]->(t) WHERE cut <= f.first_seen < $as_of
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:PARTICIPATED_IN]->() WHERE f.first_seen < $as_of
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:PARTICIPATED_IN]->(t) WHERE cut <= f.first_seen < $as_of
  RETURN s, f, t
}
WITH s, f, t, coalesce(f.title, f.commodity, f.kind, f.date) AS qualifier
ORDER BY f.first_seen DESC, type(f), s.name, t.name, qualifier
LIMIT 200
WITH s, f, t, qualifier,
     COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id)
               WHERE coalesce(a.published, a.ingested) < $as_of RETURN DISTINCT a } AS before
RETURN f.first_seen AS first_seen, type(f) AS relation, s.name AS source, t.name AS target, qualifier,
       size(before) AS support, f.support AS support_now, f.fact_id AS fact_id,
       [a IN before | coalesce(a.title, a.source)][..3] AS sources
