// name: new_since
// title: What is new since a date
// description: The 200 newest facts first seen on or after a date (the earliest publication
//   date of the articles that support them, or the ingestion date for undated articles),
//   newest first, with the first 3 sources and evidence sentences of each; fact_evidence
//   gives all of a fact's evidence. Ask again with a later date for the next ones.
// param: since: date = "2025-01-01" -- ISO date or prefix (2025-05-20, 2025-05, 2025)
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
// Per fact type, the first_seen index gives the 200 newest in order; ties at the cut-off date
// are all kept, so the final order (date, then relation, names) is exact.
CALL () {
  MATCH ()-[f:HOLDS_POSITION]->() WHERE f.first_seen >= $since AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:HOLDS_POSITION]->(t) WHERE f.first_seen >= cut AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:VISITED]->() WHERE f.first_seen >= $since AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:VISITED]->(t) WHERE f.first_seen >= cut AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:SIGNED]->() WHERE f.first_seen >= $since AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:SIGNED]->(t) WHERE f.first_seen >= cut AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:PARTY_TO]->() WHERE f.first_seen >= $since AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:PARTY_TO]->(t) WHERE f.first_seen >= cut AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:EXPORTS_TO]->() WHERE f.first_seen >= $since AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:EXPORTS_TO]->(t) WHERE f.first_seen >= cut AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:TRADE_VOLUME]->() WHERE f.first_seen >= $since AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:TRADE_VOLUME]->(t) WHERE f.first_seen >= cut AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:PARTICIPATED_IN]->() WHERE f.first_seen >= $since AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:PARTICIPATED_IN]->(t) WHERE f.first_seen >= cut AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
}
WITH s, f, t, coalesce(f.title, f.commodity, f.kind, f.date) AS qualifier
ORDER BY f.first_seen DESC, type(f), s.name, t.name, qualifier
LIMIT 200
RETURN f.first_seen AS first_seen, type(f) AS relation, s.name AS source, t.name AS target,
       qualifier, f.support AS support, f.fact_id AS fact_id,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 3
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence
